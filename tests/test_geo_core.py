"""Ground floor: errors, coordinate systems, file reads, validation, translations."""

from __future__ import annotations

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import LineString, Point, Polygon

from geo import crs, i18n, io, validate
from geo.errors import AppError, DataFileError, InputError, Problem, UnknownCommuneError
from geo.messages import MESSAGES


def test_problem_names_file_row_column_value_in_both_languages():
    p = Problem(
        vi="giá trị quá 100.", en="value over 100.", file="bang.csv", row=7, column="poor_pct", value="148"
    )
    assert p.render("vi") == "tệp bang.csv, dòng 7, cột poor_pct, giá trị '148': giá trị quá 100."
    assert p.render("en") == "file bang.csv, row 7, column poor_pct, value '148': value over 100."


def test_errors_inherit_matching_builtins_and_gather_problems():
    problems = [Problem(vi="a", en="A", row=1), Problem(vi="b", en="B", row=2)]
    err = InputError(problems)
    assert isinstance(err, ValueError) and isinstance(err, AppError)
    assert err.render("en").splitlines() == ["row 1: A", "row 2: B"]
    assert isinstance(DataFileError(problems[0]), OSError)
    unknown = UnknownCommuneError(Problem(vi="x", en="unknown code", value="99999"))
    assert isinstance(unknown, KeyError)
    assert str(unknown) == "value '99999': unknown code"


def test_metric_crs_measures_a_known_distance():
    # 0.01 degree of latitude is about 1,106 m at 21.5 N (WGS84 meridian arc).
    line = gpd.GeoSeries([LineString([(103.0, 21.5), (103.0, 21.51)])], crs=crs.DISPLAY_EPSG)
    assert crs.to_metric(line).length.iloc[0] == pytest.approx(1106.5, abs=2.0)


def test_to_metric_refuses_frames_without_crs():
    with pytest.raises(ValueError, match="no CRS"):
        crs.to_metric(gpd.GeoSeries([Point(0, 0)]))


def test_vn2000_dien_bien_is_the_provincial_tm3_meridian():
    from pyproj import CRS

    c = CRS.from_epsg(crs.VN2000_DIENBIEN_EPSG)
    assert "VN-2000" in c.name and "103-00" in c.name


def test_read_vector_missing_user_file_names_the_file(tmp_path):
    missing = tmp_path / "khong_co.gpkg"
    with pytest.raises(DataFileError) as info:
        io.read_vector(missing, layer="x")
    assert "khong_co.gpkg" in info.value.render("vi") and "tệp không tồn tại" in info.value.render("vi")
    assert "file does not exist" in info.value.render("en") and "git checkout" not in info.value.render("en")


def test_missing_embedded_file_says_how_to_restore_it():
    missing = io.DATA_DIR / "boundaries" / "missing_for_test.gpkg"
    with pytest.raises(DataFileError) as info:
        io.read_vector(missing)
    assert "git checkout -- missing_for_test.gpkg" in info.value.render("en")
    assert "tệp không tồn tại" in info.value.render("vi") and "file does not exist" not in info.value.render(
        "vi"
    )


def test_corrupt_project_layer_list_is_a_clear_error(tmp_path):
    junk = tmp_path / "du_an.gpkg"
    junk.write_text("junk")
    with pytest.raises(DataFileError, match="du_an.gpkg"):
        io.list_layers(junk)


def test_read_vector_corrupt_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "hong.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    with pytest.raises(DataFileError, match="hong.gpkg"):
        io.read_vector(bad)


def test_write_gpkg_layers_is_atomic_and_round_trips(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["Mường Nhé"]}, geometry=[Point(102.5, 22.2)], crs=4326)
    target = tmp_path / "p.gpkg"
    io.write_gpkg_layers(target, {"points": frame})
    back = io.read_vector(target, layer="points")
    assert_geodataframe_equal(back, frame, check_crs=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]  # no temporary file left behind


def test_failed_write_leaves_previous_file_intact(tmp_path):
    target = tmp_path / "p.gpkg"
    good = gpd.GeoDataFrame({"v": [1]}, geometry=[Point(103, 21.5)], crs=4326)
    io.write_gpkg_layers(target, {"a": good})
    before = target.read_bytes()

    class Boom:  # not a frame: writing it fails midway, after the first layer
        pass

    with pytest.raises(Exception):  # noqa: B017 - any failure will do
        io.write_gpkg_layers(target, {"a": good, "b": Boom()})
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]


def test_repair_polygons_fixes_a_bow_tie_and_keeps_the_row():
    bow = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    frame = gpd.GeoDataFrame({"id": [1]}, geometry=[bow], crs=32648)
    assert not frame.is_valid.iloc[0]
    fixed = validate.repair_polygons(frame)
    assert fixed.is_valid.all() and len(fixed) == 1
    assert fixed.area.iloc[0] == pytest.approx(0.5)
    assert fixed.geom_type.iloc[0] in ("Polygon", "MultiPolygon")


def test_check_geometries_gathers_every_problem():
    frame = gpd.GeoDataFrame(
        {"id": [1, 2, 3]},
        geometry=[Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)]), Point(1, 1), None],
        crs=None,
    )
    problems = validate.check_geometries(frame, file="xa.geojson", allowed_types=("Polygon", "MultiPolygon"))
    texts = [p.render("en") for p in problems]
    assert len(problems) == 4
    assert any("coordinate reference system" in t for t in texts)
    assert any("row 1" in t and "invalid geometry" in t for t in texts)
    assert any("row 2" in t and "Point" in t for t in texts)
    assert any("row 3" in t and "empty geometry" in t for t in texts)


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (48.14, "vi", 2, "48,14"),
        (48.14, "en", 2, "48.14"),
        (127667, "vi", 0, "127.667"),
        (127667, "en", 0, "127,667"),
        (1234567.891, "vi", 2, "1.234.567,89"),
        (float("nan"), "vi", 2, ""),
        (None, "en", 0, ""),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert i18n.format_number(value, lang, decimals=decimals) == expected


def test_format_percent_vietnamese_style():
    assert i18n.format_percent(48.14, "vi") == "48,14 %"
    assert i18n.format_percent(48.14, "en") == "48.14%"
    assert i18n.format_percent(float("inf"), "vi") == ""


def test_every_string_has_both_languages():
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key
    assert i18n.t("layer_roads", "vi") != i18n.t("layer_roads", "en")


def test_every_embedded_layer_has_a_translated_name():
    from layers.registry import SOURCES

    for key in SOURCES:
        assert i18n.t(f"src_{key}", "vi") != f"src_{key}", key
        assert i18n.t(f"src_{key}", "en") != i18n.t(f"src_{key}", "vi") or key == "zones", key


@pytest.mark.parametrize(
    ("stamp", "lang", "shown"),
    [
        ("2026-12-01T19:30:00+00:00", "vi", "02/12/2026 02:30"),  # UTC+7: the next day in Điện Biên
        ("2026-12-01T19:30:00+00:00", "en", "2026-12-02 02:30"),
        ("2026-06-30T10:05:00", "vi", "30/06/2026 17:05"),  # no zone: taken as UTC, as the project stores it
        ("", "vi", ""),
        ("not a date", "vi", "not a date"),
    ],
)
def test_time_stamps_are_shown_in_local_time_and_the_languages_format(stamp, lang, shown):
    assert i18n.format_datetime(stamp, lang) == shown

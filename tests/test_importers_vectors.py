"""Vector layers and point tables: every format, CRS handling, geometry checks, safety, round trips."""

import io
import json
import re
import sqlite3
import stat
import zipfile

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.archives import UploadLimits, check_zip
from geo.crs import PROVINCE_BOUNDS
from geo.errors import InputError, UnsafeInputError
from geo.io import read_upload
from geo.vectors import LINES, POINTS, import_point_table, import_vector, vn2000_to_wgs84
from layers.imports import import_upload, preview_map

INSIDE = [(103.02, 21.38), (103.10, 21.45), (102.95, 21.60)]  # near Điện Biên Phủ / Mường Chà


def points(crs=4326, names=("Trường A", "Trường B", "Trường C")) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"name": list(names), "level": ["thcs", "thpt", "tieu_hoc"]},
        geometry=[shapely.Point(xy) for xy in INSIDE],
        crs=4326,
    )
    return frame.to_crs(crs)


def to_bytes(frame: gpd.GeoDataFrame, driver: str, suffix: str, tmp_path, **kwargs) -> bytes:
    path = tmp_path / f"layer{suffix}"
    frame.to_file(path, driver=driver, engine="pyogrio", **kwargs)
    return path.read_bytes()


def zip_folder(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def shapefile_zip(frame, tmp_path, *, encoding="UTF-8", drop=()) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir(exist_ok=True)
    frame.to_file(folder / "roads.shp", engine="pyogrio", encoding=encoding)
    return zip_folder({p.name: p.read_bytes() for p in folder.iterdir() if p.suffix not in drop})


# --- formats and round trips
# -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("driver", "suffix"), [("GPKG", ".gpkg"), ("GeoJSON", ".geojson")])
def test_round_trip_gpkg_geojson(tmp_path, driver, suffix):
    original = points()
    frame, notes = import_vector(
        "x" + suffix, to_bytes(original, driver, suffix, tmp_path), geometry_types=POINTS
    )
    assert_geodataframe_equal(frame, original, check_crs=True, check_less_precise=True)
    assert notes == []


def test_zipped_shapefile_honours_prj_and_cpg(tmp_path):
    original = points(crs=32648, names=("Trường Mường Nhé", "Điện Biên Đông", "Tủa Chùa"))
    data = shapefile_zip(original, tmp_path, encoding="cp1258")
    frame, _ = import_vector("truong.zip", data, geometry_types=POINTS)
    assert frame.crs.to_epsg() == 4326
    assert frame["name"].tolist() == ["Trường Mường Nhé", "Điện Biên Đông", "Tủa Chùa"]
    assert_geodataframe_equal(
        frame, points(names=frame["name"].tolist()), check_crs=True, check_less_precise=True
    )


def test_shapefile_from_disk_is_bundled_with_its_sidecars_and_left_untouched(tmp_path):
    folder = tmp_path / "user"
    folder.mkdir()
    points().to_file(folder / "s.shp", engine="pyogrio")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    name, data = read_upload(folder / "s.shp", max_bytes=10**7)
    frame, _ = import_vector(name, data, geometry_types=POINTS)
    assert len(frame) == 3
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # originals never modified


def test_kml(tmp_path):
    frame, _ = import_vector("a.kml", to_bytes(points(), "KML", ".kml", tmp_path), geometry_types=POINTS)
    assert frame.crs.to_epsg() == 4326 and len(frame) == 3


def test_mapinfo_tab_zipped(tmp_path):
    folder = tmp_path / "tab"
    folder.mkdir()
    points(crs=32648).to_file(folder / "t.tab", driver="MapInfo File", engine="pyogrio")
    data = zip_folder({p.name: p.read_bytes() for p in folder.iterdir()})
    frame, _ = import_vector("t.zip", data, geometry_types=POINTS)
    assert len(frame) == 3
    assert np.allclose(shapely.get_coordinates(frame.geometry.values), INSIDE, atol=1e-5)


def test_vn2000_point_within_one_metre_of_pyproj():
    x_north, y_east = 2365123.456, 512345.678  # Vietnamese order: X = northing, Y = easting
    data = f"name,x,y\nUBND,{x_north},{y_east}\n".encode()
    frame, notes = import_point_table("p.csv", data)
    expected = pyproj.Transformer.from_crs(9205, 4326, always_xy=True).transform(y_east, x_north)
    got = frame.geometry.iloc[0]
    _, _, dist = pyproj.Geod(ellps="WGS84").inv(got.x, got.y, *expected)
    assert dist < 1.0
    assert any("northing" in n.en for n in notes)
    lon, lat = vn2000_to_wgs84(np.array([y_east]), np.array([x_north]))
    assert abs(lon[0] - got.x) < 1e-9


def test_gis_order_vn2000_also_accepted():
    data = b"x;y\n512345,678;2365123,456\n"
    frame, notes = import_point_table("p.csv", data)
    assert frame.geometry.iloc[0].within(shapely.box(102.05, 20.85, 103.65, 22.6))
    assert any("easting" in n.en for n in notes)


def test_point_table_lon_lat_xlsx():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tên trường", "Kinh độ", "Vĩ độ", "cap_hoc"])
    book.active.append(["<script>alert(1)</script>", 103.02, 21.38, "THCS"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_upload("t.xlsx", buffer.getvalue(), layer="schools")
    frame = result.layers["schools"]
    assert frame["level"].tolist() == ["thcs"]
    assert frame["name"].tolist() == ["<script>alert(1)</script>"]  # kept as plain text
    html = preview_map(frame).get_root().render()
    # escaped once for HTML (folium then writes "&" as \u0026 inside its JSON)
    assert "&lt;script&gt;alert(1)" in html.replace("\\u0026", "&")
    assert "<script>alert(1)</script>" not in html


def _tooltips(element) -> list:
    import folium

    found = [element] if isinstance(element, folium.GeoJsonTooltip) else []
    for child in element._children.values():
        found += _tooltips(child)
    return found


def test_preview_tooltip_shows_hostile_column_names_as_text():
    """folium writes a tooltip's aliases (here the file's column names) into the page as HTML."""
    import html

    import geopandas as gpd
    from shapely.geometry import Point

    names = ["<img src=http://evil.example/i.png onerror=alert(1)>", "a&b"]
    frame = gpd.GeoDataFrame({names[0]: ["x"], names[1]: ["y"]}, geometry=[Point(103.0, 21.4)], crs=4326)
    (tooltip,) = _tooltips(preview_map(frame))
    assert tooltip.fields == names
    assert all("<" not in alias for alias in tooltip.aliases)
    assert [html.unescape(alias) for alias in tooltip.aliases] == names


# --- invalid inputs
# ---------------------------------------------------------------------------------------------


def _gj(frame, tmp_path):
    return to_bytes(frame, "GeoJSON", ".geojson", tmp_path)


def _invalid_cases(tmp_path):
    line = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.LineString(INSIDE)], crs=4326)
    bow = shapely.Polygon([(103.0, 21.3), (103.1, 21.4), (103.1, 21.3), (103.0, 21.4)])
    invalid = gpd.GeoDataFrame({"a": [1]}, geometry=[bow], crs=4326)
    empty = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[shapely.Point(INSIDE[0]), shapely.Point()], crs=4326)
    far = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(105.8, 21.0)], crs=4326)  # Hà Nội
    swapped = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(21.38, 103.02)], crs=4326)
    return {
        "wrong geometry type": (_gj(line, tmp_path), POINTS, "geometry type LineString", 1),
        "invalid geometry": (_gj(invalid, tmp_path), ("Polygon", "MultiPolygon"), "invalid geometry", 1),
        "empty geometry": (_gj(empty, tmp_path), POINTS, "empty geometry", 2),
        "outside the province": (_gj(far, tmp_path), POINTS, "outside Điện Biên", 1),
        "x/y swapped": (_gj(swapped, tmp_path), POINTS, "swapped", 1),
        "wrong crs": (
            _gj(points(crs=9205).set_crs(4326, allow_override=True), tmp_path),
            POINTS,
            "wrong CRS",
            1,
        ),
        "missing crs": (
            shapefile_zip(points(crs=32648), tmp_path, drop=(".prj",)),
            POINTS,
            "no coordinate",
            None,
        ),
        "shapefile without dbf": (
            shapefile_zip(points(), tmp_path, drop=(".dbf",)),
            POINTS,
            "lacks .dbf",
            None,
        ),
        "not a vector file": (b"hello", POINTS, "its content is a text file", None),
        "empty zip": (zip_folder({"readme.txt": b"x"}), POINTS, "no map layer", None),
    }


@pytest.mark.parametrize(
    "label",
    [
        "wrong geometry type",
        "invalid geometry",
        "empty geometry",
        "outside the province",
        "x/y swapped",
        "wrong crs",
        "missing crs",
        "shapefile without dbf",
        "not a vector file",
        "empty zip",
    ],
)
def test_invalid_vectors(tmp_path, label):
    data, types, message, row = _invalid_cases(tmp_path)[label]
    name = "bad.zip" if data[:2] == b"PK" else "bad.geojson"
    with pytest.raises(InputError) as caught:
        import_vector(name, data, geometry_types=types)
    hits = [p for p in caught.value.problems if message in p.en]
    assert hits, caught.value.render("en")
    assert hits[0].file == name and hits[0].vi
    if row is not None:
        assert hits[0].row == row


def test_missing_crs_can_be_assumed(tmp_path):
    data = shapefile_zip(points(crs=32648), tmp_path, drop=(".prj",))
    frame, notes = import_vector("a.zip", data, geometry_types=POINTS, assume_epsg=32648)
    assert frame.crs.to_epsg() == 4326 and any("EPSG:32648" in n.en for n in notes)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"name,lon,lat\nA,21.38,103.02\n", "swapped"),
        (b"name,lon,lat\nA,105.8,21.0\n", "outside"),
        (b"name,lon,lat\nA,,21.0\n", "missing coordinate"),
        (b"name,lon,lat\nA,abc,21.0\n", "not a number"),
        (b"name,a,b\nA,1,2\n", "no coordinate columns"),
        (b"name,x,y\nA,100,200000\n", "outside"),
    ],
)
def test_invalid_point_tables(body, message):
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", body)
    assert any(message in p.en for p in caught.value.problems), caught.value.render("en")


def test_layer_schema_problems_are_listed(tmp_path):
    roads = gpd.GeoDataFrame(
        {"mat_duong": ["nhựa", "đá tảng"], "quanh_nam": ["có", "không"]},
        geometry=[shapely.LineString(INSIDE[:2]), shapely.LineString(INSIDE[1:])],
        crs=4326,
    )
    with pytest.raises(InputError) as caught:
        import_upload("r.geojson", _gj(roads, tmp_path), layer="roads")
    [problem] = caught.value.problems
    assert problem.row == 2 and problem.column == "surface" and problem.value == "đá tảng"
    roads.loc[1, "mat_duong"] = "cấp phối"
    frame = import_upload("r.geojson", _gj(roads, tmp_path), layer="roads").layers["roads"]
    assert frame["surface"].tolist() == ["asphalt", "gravel"]
    assert frame["hardened"].tolist() == [True, False] and frame["all_season"].tolist() == [True, False]


# --- safety
# -----------------------------------------------------------------------------------------------------


def _zip_with(info: zipfile.ZipInfo, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(info, data)
    return buffer.getvalue()


def _link() -> bytes:
    info = zipfile.ZipInfo("roads.shp")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip_with(info, b"/etc/passwd")


@pytest.mark.parametrize(
    ("label", "data", "message"),
    [
        ("escaping path", zip_folder({"../../evil.shp": b"x"}), "escapes"),
        ("absolute path", zip_folder({"/tmp/evil.shp": b"x"}), "escapes"),
        ("windows drive", zip_folder({"C:/evil.shp": b"x"}), "escapes"),
        ("symlink", _link(), "link"),
        ("zip bomb", zip_folder({"a.geojson": b"\0" * (30 * 1024 * 1024)}), "zip bomb"),
        ("damaged zip", b"PK\x03\x04garbage", "damaged"),
    ],
)
def test_unsafe_zips_are_refused(label, data, message):
    with pytest.raises(UnsafeInputError) as caught:
        import_vector("u.zip", data, geometry_types=POINTS)
    assert any(message in p.en for p in caught.value.problems), caught.value.render("en")


def test_total_size_cap_and_upload_limit():
    data = zip_folder({f"{i}.txt": bytes(range(256)) * 4096 for i in range(3)})  # 3 MB, incompressible-ish
    with pytest.raises(UnsafeInputError, match="unpacked size"):
        check_zip("big.zip", data, limits=UploadLimits(max_unzipped_bytes=2 * 1024 * 1024, max_ratio=10**6))
    with pytest.raises(UnsafeInputError, match="too large"):
        import_vector(
            "a.geojson", b"x" * 2000, geometry_types=POINTS, limits=UploadLimits(max_upload_bytes=1000)
        )


def test_read_upload_refuses_oversize_files(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(UnsafeInputError):
        read_upload(path, max_bytes=1000)


# --- fuzzing
# ----------------------------------------------------------------------------------------------------

COORD = st.floats(-200, 200, allow_nan=False, allow_infinity=False)
NEAR = st.tuples(st.floats(102.0, 103.7), st.floats(20.8, 22.7))
#: Geometries of each family (any, or near the province) and the empty point.
FAMILY_GEOMS = {
    POINTS: st.builds(shapely.Point, st.one_of(NEAR, st.tuples(COORD, COORD))),
    LINES: st.builds(lambda pts: shapely.LineString(pts), st.lists(NEAR, min_size=2, max_size=4)),
    ("Polygon", "MultiPolygon"): st.builds(
        lambda pts: shapely.Polygon(pts), st.lists(NEAR, min_size=3, max_size=5)
    ),
}
GEOMS = st.one_of(*FAMILY_GEOMS.values(), st.just(shapely.Point()))


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_geometries_only_raise_input_errors():
    """Random geometries under each family: refused naming the file, or accepted whole, in EPSG:4326,
    inside."""
    seen = {"accepted": 0, "refused": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    # the family asked for first, then features of it and perhaps one of any kind (else almost every layer
    # would mix families and be refused)
    @given(
        st.sampled_from(sorted(FAMILY_GEOMS)).flatmap(
            lambda types: st.tuples(
                st.lists(FAMILY_GEOMS[types], min_size=1, max_size=3),
                st.lists(GEOMS, max_size=1),
                st.lists(st.text(max_size=8), min_size=4, max_size=4),
                st.just(types),
            )
        )
    )
    def check(table):
        geoms, intruder, names, types = table
        features = list(zip(geoms + intruder, names, strict=False))
        frame = gpd.GeoDataFrame(
            {"name": [n for _, n in features]}, geometry=[g for g, _ in features], crs=4326
        )
        data = frame.to_json().encode()
        try:
            result, _ = import_vector("f.geojson", data, geometry_types=types)
        except InputError as exc:
            assert all(p.file == "f.geojson" for p in exc.problems)
            seen["refused"] += 1
            return
        assert result.crs.to_epsg() == 4326 and len(result) == len(features)
        assert set(result.geom_type) <= set(types) and result.intersects(shapely.box(*PROVINCE_BOUNDS)).all()
        seen["accepted"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 2, seen


#: Points well inside the province, in degrees or in VN-2000 metres in either order.
_TO_VN2000 = pyproj.Transformer.from_crs(4326, 9205, always_xy=True)
INSIDE_XY = st.tuples(
    st.floats(102.9, 103.3), st.floats(21.3, 21.9), st.sampled_from(["deg", "en", "ne"])
).map(lambda p: p[:2] if p[2] == "deg" else _TO_VN2000.transform(*p[:2])[:: 1 if p[2] == "en" else -1])


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_point_tables_only_raise_input_errors():
    """Random coordinates (degrees, VN-2000 metres, text): refused naming the file, or points inside the
    province."""
    seen = {"accepted": 0, "refused": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    # half the tables are clean (degrees inside the province, read under any header), else almost all are
    # refused
    @given(
        st.one_of(
            st.lists(
                st.one_of(
                    st.tuples(
                        st.one_of(COORD, st.floats(2.0e6, 2.6e6), st.text(max_size=6)),
                        st.one_of(COORD, st.floats(3.0e5, 7.0e5), st.text(max_size=6)),
                    ),
                    INSIDE_XY,
                ),
                min_size=1,
                max_size=4,
            ),
            st.lists(st.tuples(st.floats(102.9, 103.3), st.floats(21.3, 21.9)), min_size=1, max_size=4),
        ),
        st.sampled_from(["lon,lat", "x,y", "kinh_do,vi_do"]),
    )
    def check(rows, header):
        body = header + "\n" + "\n".join(f'"{a}","{b}"' for a, b in rows)
        try:
            frame, _ = import_point_table("p.csv", body.encode())
        except InputError as exc:
            assert all(p.file == "p.csv" for p in exc.problems)
            seen["refused"] += 1
            return
        filled = [r for r in rows if any(str(v).strip() for v in r)]  # blank rows are not data
        assert frame.crs.to_epsg() == 4326 and len(frame) == len(filled)
        assert frame.within(shapely.box(*PROVINCE_BOUNDS)).all()
        seen["accepted"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 2, seen


def test_district_centres_need_known_district_codes():
    frame = import_upload("h.csv", b"ma_huyen,lon,lat\n94,103.02,21.38\n", layer="district_centres").layers[
        "district_centres"
    ]
    assert frame[["district_code", "district"]].iloc[0].tolist() == ["094", "Thành phố Điện Biên Phủ"]
    with pytest.raises(InputError, match="district code"):
        import_upload("h.csv", b"ma_huyen,lon,lat\n7,103.02,21.38\n", layer="district_centres")


def test_size_messages_state_one_unit_in_each_languages_number_format():
    from geo.archives import DEFAULT_LIMITS, MAX_UPLOAD_MIB, MIB, check_upload_size

    assert DEFAULT_LIMITS.max_upload_bytes == MAX_UPLOAD_MIB * MIB == 200 * 2**20
    with pytest.raises(UnsafeInputError) as caught:
        check_upload_size("lon.gpkg", int(1234.5 * MIB), limits=DEFAULT_LIMITS)
    problem = caught.value.problems[0]
    assert "(1.234,5 MiB, giới hạn 200 MiB)" in problem.vi
    assert "(1,234.5 MiB, limit 200 MiB)" in problem.en
    data = zip_folder({f"{i}.txt": bytes(range(256)) * 4096 for i in range(3)})  # 3 MiB
    with pytest.raises(UnsafeInputError) as caught:
        check_zip("big.zip", data, limits=UploadLimits(max_unzipped_bytes=int(2.5 * MIB), max_ratio=10**6))
    problem = caught.value.problems[0]
    assert "(3 MiB, giới hạn 2,5 MiB)" in problem.vi and "(3 MiB, limit 2.5 MiB)" in problem.en
    for text in (problem.vi, problem.en):
        assert " MB" not in text


def test_a_line_reaching_latitude_95_is_refused_with_its_row():
    frame = gpd.GeoDataFrame(
        {"surface": ["nhựa", "đất"], "all_season": ["có", "không"]},
        geometry=[
            shapely.LineString([(103.0, 21.4), (103.1, 21.5)]),
            shapely.LineString([(103.0, 21.5), (103.0, 95.0)]),
        ],
        crs=4326,
    )
    with pytest.raises(InputError) as caught:
        import_vector("roads.geojson", frame.to_json().encode(), geometry_types=LINES)
    (problem,) = caught.value.problems
    assert problem.row == 2 and "far from the province" in problem.en


def test_a_road_continuing_into_the_neighbouring_province_is_kept():
    frame = gpd.GeoDataFrame(
        {"name": ["QL 12"]}, geometry=[shapely.LineString([(103.0, 22.3), (103.3, 22.9)])], crs=4326
    )
    result, _ = import_vector("roads.geojson", frame.to_json().encode(), geometry_types=LINES)
    assert len(result) == 1


def test_points_that_cannot_be_placed_are_refused_never_kept_without_geometry():
    data = xlsx_rows([["x", "y"], [2400000.0, 500000.0], [1e300, 1e300]])
    with pytest.raises(InputError) as caught:
        import_point_table("p.xlsx", data)
    assert [p.row for p in caught.value.problems if "cannot be placed" in p.en] == [3]


def xlsx_rows(rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_preview_map_loads_nothing_from_the_internet():
    html = preview_map(points(), asset_base_url="/component/leaflet_assets").get_root().render()
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)
    assert '<script src="/component/leaflet_assets/leaflet.js">' in html


def test_a_geopackage_with_two_layers_names_them_and_one_can_be_chosen(tmp_path):
    from geo.vectors import vector_layer_names

    path = tmp_path / "ban_do.gpkg"
    points().to_file(path, layer="truong_hoc", driver="GPKG", engine="pyogrio")
    points(names=("A", "B", "C")).to_file(path, layer="tram_y_te", driver="GPKG", engine="pyogrio")
    data = path.read_bytes()
    assert sorted(vector_layer_names("ban_do.gpkg", data)) == ["tram_y_te", "truong_hoc"]
    with pytest.raises(InputError) as caught:
        import_upload("ban_do.gpkg", data, layer="schools")
    assert "--source-layer" in caught.value.render("en") and "truong_hoc" in caught.value.render("en")
    chosen = import_upload("ban_do.gpkg", data, layer="schools", source_layer="tram_y_te").layers["schools"]
    assert chosen["name"].tolist() == ["A", "B", "C"]
    with pytest.raises(InputError, match="has no layer 'duong'"):
        import_upload("ban_do.gpkg", data, layer="schools", source_layer="duong")


# --- what decides: zips, layers, encodings, the province box and its margin, the order of x and y
# --------------------


def test_a_zip_keeps_its_one_layer_and_its_sidecars_whatever_their_case(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    points().to_file(folder / "Truong.shp", engine="pyogrio")
    files = {p.name.replace(".shx", ".SHX"): p.read_bytes() for p in folder.iterdir()}
    data = zip_folder(
        {
            **{f"du_lieu/{k}": v for k, v in files.items()},
            "__MACOSX/._Truong.shp": b"\0\5\26\7",
            "du_lieu/.Truong.shp": b"x",
            "doc.txt": b"note",
        }
    )
    frame, _ = import_vector("t.zip", data, geometry_types=POINTS)
    assert len(frame) == 3 and frame["name"].tolist() == ["Trường A", "Trường B", "Trường C"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.shp": b"", "a.dbf": b""}, "lacks .shx"),
        ({"a.shp": b"", "a.shx": b""}, "lacks .dbf"),
        ({"a.shp": b"", "b.geojson": b"{}", "c.kml": b""}, "several layers (a.shp, b.geojson, c.kml)"),
        ({"b.geojson": b"{}", "a.shp": b""}, "several layers (b.geojson, a.shp)"),  # two are already several
        (
            {f"l{i:02}.geojson": b"{}" for i in range(12)},
            "several layers (l00.geojson, l01.geojson, l02.geojson, l03.geojson, l04.geojson, l05.geojson, "
            "l06.geojson, l07.geojson, l08.geojson, l09.geojson … and 2 more)",
        ),
        ({"a.txt": b""}, "no map layer"),
    ],
)
def test_zips_that_hold_no_single_complete_layer(files, message):
    with pytest.raises(InputError) as caught:
        import_vector("z.zip", zip_folder(files), geometry_types=POINTS)
    assert message in caught.value.problems[0].en and caught.value.problems[0].file == "z.zip"


def test_an_unsupported_extension_is_refused():
    with pytest.raises(InputError, match="unsupported format"):
        import_vector("a.dxf", b"0\nSECTION\n", geometry_types=POINTS)


def test_a_chosen_layer_that_is_not_in_the_file_is_named(tmp_path):
    path = tmp_path / "two.gpkg"
    points().to_file(path, layer="truong_hoc", driver="GPKG", engine="pyogrio")
    points().to_file(path, layer="tram", driver="GPKG", engine="pyogrio")
    with pytest.raises(InputError) as caught:
        import_vector("two.gpkg", path.read_bytes(), geometry_types=POINTS)
    assert "several layers" in caught.value.problems[0].en and "truong_hoc" in caught.value.problems[0].en
    with pytest.raises(InputError) as caught:
        import_vector("two.gpkg", path.read_bytes(), geometry_types=POINTS, layer="cho")
    (problem,) = caught.value.problems
    assert problem.value == "cho" and "tram" in problem.en and problem.file == "two.gpkg"
    frame, _ = import_vector("two.gpkg", path.read_bytes(), geometry_types=POINTS, layer="tram")
    assert len(frame) == 3


@pytest.mark.parametrize(
    ("cpg", "cp1258"),
    [(b"1258", True), (b"CP1258", True), (b"Windows-1258\r\n", True), (b"UTF-8", False), (b"1252", False)],
)
def test_shapefile_code_page_file_is_honoured(tmp_path, cpg, cp1258):
    from geo.vectors import _declares_cp1258

    assert _declares_cp1258({"a.shp": b"", "A.cpg": cpg}, "a.shp") is cp1258
    assert _declares_cp1258({"a.shp": b"", "a.cpg": cpg.ljust(99)}, "a.shp") is cp1258
    assert _declares_cp1258({"a.shp": b"", "a.cpg": cpg.ljust(100)}, "a.shp") is False  # not a code page file
    assert _declares_cp1258({"a.geojson": b"", "a.cpg": cpg}, "a.geojson") is False


def test_tcvn3_text_in_a_layer_is_converted_and_counted(tmp_path):
    tcvn3 = bytes([0x58, 0xB7, 0x20, 0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4E, 0x68, 0xD0]).decode("latin-1")
    frame = points(names=(tcvn3, "Trường B", tcvn3))
    result, notes = import_vector("t.geojson", _gj(frame, tmp_path), geometry_types=POINTS)
    assert result["name"].tolist() == ["Xã Mường Nhé", "Trường B", "Xã Mường Nhé"]
    (note,) = [n for n in notes if "legacy" in n.en]
    assert note.en.startswith("2 ")


def test_province_box_margin_and_rows():
    from geo.vectors import check_in_province

    box = (103.0, 21.0, 104.0, 22.0)
    frame = gpd.GeoDataFrame(
        geometry=[
            shapely.LineString([(103.5, 21.5), (104.5, 21.5)]),  # 0.5° beyond the box: kept
            shapely.LineString([(103.5, 21.5), (104.51, 21.5)]),  # just past the margin
            shapely.LineString([(103.5, 21.5), (103.5, 20.49)]),
            shapely.Point(21.5, 103.5),  # x and y swapped
            shapely.Point(500000.0, 2400000.0),  # metres in a file declaring degrees
            shapely.Point(105.0, 21.5),  # outside
            shapely.Point(),
            None,  # nothing to place: not this check's problem
            shapely.Point(103.0, 22.0),  # on the corner: inside
        ],
        crs=4326,
    )
    problems = check_in_province(frame, file="f.geojson", bounds=box, row_offset=10)
    assert [(p.row, p.en.split(" ")[0]) for p in problems] == [
        (11, "part"),
        (12, "part"),
        (13, "x/y"),
        (14, "coordinates"),
        (15, "lies"),
    ]
    assert problems[0].value == "104.51, 21.5" and problems[2].value == "21.500000, 103.500000"
    rows = check_in_province(frame.iloc[[5]], file="f.geojson", bounds=box, rows=[42])
    assert rows[0].row == 42
    infinite = gpd.GeoDataFrame(geometry=[shapely.LineString([(103.5, 21.5), (103.5, np.inf)])], crs=4326)
    assert check_in_province(infinite, file="f", bounds=box)[0].row == 1


def test_heights_are_dropped_and_said(tmp_path):
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(103.02, 21.38, 450.0)], crs=4326)
    result, notes = import_vector("z.geojson", frame.to_json().encode(), geometry_types=POINTS)
    assert not result.has_z.any() and any("(Z)" in n.en for n in notes)
    empty = gpd.GeoDataFrame({"a": []}, geometry=[], crs=4326)
    with pytest.raises(InputError, match="no features"):
        import_vector("e.geojson", empty.to_json().encode(), geometry_types=POINTS)


@pytest.mark.parametrize(
    ("body", "assume", "point", "note"),
    [
        (b"kinh_do,vi_do,ten\n103.02,21.38,A\n", None, (103.02, 21.38), None),
        (b"x,y\n103.02,21.38\n", None, (103.02, 21.38), "hold degrees"),
        (b"lng,lat\n103.65,22.6\n", None, (103.65, 22.6), None),  # the box's corner is inside
        (b"x_vn2000;y_vn2000\n512345,678;2365123,456\n", None, None, "easting"),
        (b"toa_do_x,toa_do_y\n2365123.456,512345.678\n", None, None, "northing"),
        (b"x,y\n512345.678,2365123.456\n", 9205, None, "easting"),
    ],
)
def test_point_columns_and_orders(body, assume, point, note):
    frame, notes = import_point_table("p.csv", body, assume_epsg=assume)
    got = frame.geometry.iloc[0]
    if point is not None:
        assert (got.x, got.y) == pytest.approx(point)
    else:
        expected = pyproj.Transformer.from_crs(9205, 4326, always_xy=True).transform(512345.678, 2365123.456)
        assert (got.x, got.y) == pytest.approx(expected, abs=1e-7)
    assert (note is None and not notes) or any(note in n.en for n in notes)


def test_point_rows_are_numbered_as_in_the_table_and_attributes_parsed():
    body = b'ten,lon,lat,so_hoc_sinh\nA,103.02,21.38,120\n\nB,,21.4,\nC,103.1,21.4,"1.234"\n'
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", body)
    assert [p.row for p in caught.value.problems] == [4]
    frame, _ = import_point_table("p.csv", body.replace(b"B,,21.4,", b"B,103.05,21.4,"))
    assert frame["ten"].tolist() == ["A", "B", "C"] and frame["so_hoc_sinh"].tolist()[0] == 120.0
    assert frame.columns.tolist() == ["ten", "so_hoc_sinh", "geometry"]  # lon/lat are the geometry, once
    with pytest.raises(InputError, match="no data rows"):
        import_point_table("p.csv", b"lon,lat\n,\n")


# --- what a planner meets: a zip under another name, stored queries in a GeoPackage, reading warnings, point
# tables with partial, chosen or mixed coordinates
# -----------------------------------------------------------------------------------------------------------


def test_a_zip_uploaded_under_a_layer_name_is_refused_naming_what_it_is(tmp_path):
    data = zip_folder({"truong.geojson": _gj(points(), tmp_path)})
    with pytest.raises(InputError) as caught:
        import_vector("truong.geojson", data, geometry_types=POINTS)
    (problem,) = caught.value.problems
    assert "a zip archive" in problem.en and problem.file == "truong.geojson"
    frame, _ = import_vector("truong.zip", data, geometry_types=POINTS)  # the same bytes named .zip: read
    assert len(frame) == 3


def _geopackage(tmp_path, *statements: str, plain: bool = False) -> bytes:
    """A GeoPackage of the three schools (``plain``: an empty SQLite file), ``statements`` run on it."""
    path = tmp_path / "g.gpkg"
    if not plain:
        points().to_file(path, layer="truong", driver="GPKG", engine="pyogrio")
    db = sqlite3.connect(path)
    with db:
        for statement in statements:
            db.execute(statement)
    db.close()
    return path.read_bytes()


#: The two tables every GeoPackage has (columns as in the standard, enough for SQLite).
REQUIRED_TABLES = (
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, "
    "organization_coordsys_id INTEGER, definition TEXT, description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description "
    "TEXT, last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)",
)


@pytest.mark.parametrize(
    ("statements", "plain", "refused"),
    [
        (("CREATE VIEW truong_moi AS SELECT * FROM truong",), False, "truong_moi"),
        (("CREATE VIRTUAL TABLE ghi_chu USING fts4(noi_dung)",), False, "ghi_chu"),
        (
            (
                *REQUIRED_TABLES,
                "CREATE VIEW truong AS SELECT 1 AS fid, 'A' AS name",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                "VALUES ('truong', 'attributes', 'truong')",
            ),
            True,
            "truong",
        ),
    ],
    ids=["view", "virtual table", "view in a GeoPackage of the two required tables only"],
)
def test_a_geopackage_holding_a_stored_query_is_refused_naming_it(tmp_path, statements, plain, refused):
    data = _geopackage(tmp_path, *statements, plain=plain)
    with pytest.raises(InputError) as caught:
        import_vector("ban_do.gpkg", data, geometry_types=POINTS)
    (problem,) = caught.value.problems
    assert problem.value == refused and problem.file == "ban_do.gpkg"
    assert "a view or a virtual table" in problem.en and "khung nhìn (view)" in problem.vi


def test_a_geopackage_with_its_r_tree_index_is_read_and_an_sqlite_file_without_the_tables_is_not(tmp_path):
    from geo.io import sqlite_schema

    data = _geopackage(tmp_path)
    assert any("USING rtree" in sql for _, _, sql in sqlite_schema(tmp_path / "g.gpkg"))  # a virtual table
    frame, notes = import_vector("ban_do.gpkg", data, geometry_types=POINTS)
    assert len(frame) == 3 and notes == []
    (tmp_path / "g.gpkg").unlink()
    data = _geopackage(tmp_path, REQUIRED_TABLES[1], plain=True)  # gpkg_contents without gpkg_spatial_ref_sys
    with pytest.raises(InputError) as caught:
        import_vector("ban_do.gpkg", data, geometry_types=POINTS)
    (problem,) = caught.value.problems
    assert "not a GeoPackage" in problem.en and problem.file == "ban_do.gpkg"


def test_reading_warnings_are_listed_then_counted():
    """February 30 in twelve date fields: the reader warns once for each, ten are shown, the rest counted."""
    properties = {f"ngay_{i:02}": "2020-02-30T00:00:00" for i in range(12)}
    feature = {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": INSIDE[0]},
    }
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    frame, notes = import_vector("ngay.geojson", data, geometry_types=POINTS)
    assert frame["ngay_11"].tolist() == ["2020-02-30T00:00:00"]  # kept as written
    assert len(notes) == 11
    assert all(n.en.startswith("reading warning: Error parsing datetimes") for n in notes[:10])
    assert notes[10].en == "reading warning: … and 2 more"
    assert notes[10].vi == "cảnh báo khi đọc: … và 2 mục khác"


def test_x_y_are_read_when_only_one_degree_column_is_there():
    frame, notes = import_point_table("p.csv", b"vi_do,x,y\n21.38,2365123.456,512345.678\n")
    expected = pyproj.Transformer.from_crs(9205, 4326, always_xy=True).transform(512345.678, 2365123.456)
    got = frame.geometry.iloc[0]
    assert (got.x, got.y) == pytest.approx(expected, abs=1e-7) and any("northing" in n.en for n in notes)
    assert frame.columns.tolist() == ["vi_do", "geometry"]


@pytest.mark.parametrize("header", [b"ten,x,z", b"ten,z,y", b"ten,lon,z", b"ten,z,lat"])
def test_a_table_with_one_coordinate_column_is_refused(header):
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", header + b"\nA,103.02,21.38\n")
    (problem,) = caught.value.problems
    assert "no coordinate columns" in problem.en and problem.file == "p.csv"


def test_a_chosen_crs_other_than_vn2000_is_used_for_x_y():
    easting, northing = pyproj.Transformer.from_crs(4326, 32648, always_xy=True).transform(*INSIDE[0])
    frame, notes = import_point_table("p.csv", f"x,y\n{easting},{northing}\n".encode(), assume_epsg=32648)
    got = frame.geometry.iloc[0]
    assert (got.x, got.y) == pytest.approx(INSIDE[0], abs=1e-7)
    assert any("EPSG:32648" in n.en for n in notes)


def test_a_point_outside_the_province_is_named_by_its_row_and_coordinates():
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", b"ten,lon,lat\nA,103.02,21.38\nB,105.8,21.0\n")
    (problem,) = caught.value.problems
    assert problem.row == 3 and problem.value == "105.800000, 21.000000" and "outside Điện Biên" in problem.en


@pytest.mark.parametrize("body", [b"x,y\n1100,50\n", b"x,y\n50,1100\n"])
def test_x_y_over_1000_are_read_as_vn2000_metres_not_blamed_on_the_file(body):
    """Metres of no place here: outside the province, not "the file declares degrees" (tables declare none)"""
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", body)
    (problem,) = caught.value.problems
    assert "lies outside Điện Biên" in problem.en and problem.row == 2


def test_the_x_y_order_placing_more_rows_wins_and_a_tie_keeps_x_as_easting():
    vn, gis = "2365123.456,512345.678", "512345.678,2365123.456"  # X = northing, X = easting
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", f"x,y\n{vn}\n{vn}\n{gis}\n".encode())
    assert [(p.row, p.en.split(" ")[0]) for p in caught.value.problems] == [(4, "lies")]
    with pytest.raises(InputError) as caught:
        import_point_table("p.csv", f"x,y\n{vn}\n{gis}\n".encode())
    assert [(p.row, p.en.split(" ")[0]) for p in caught.value.problems] == [(2, "lies")]


BOX = (103.0, 21.0, 104.0, 22.0)


@pytest.mark.parametrize(
    ("end", "far"),
    [
        ((102.5, 21.5), False),
        ((102.49, 21.5), True),
        ((104.5, 21.5), False),
        ((104.51, 21.5), True),
        ((103.5, 20.5), False),
        ((103.5, 20.49), True),
        ((103.5, 22.5), False),
        ((103.5, 22.51), True),
    ],
)
def test_a_feature_may_reach_half_a_degree_past_each_side_of_the_box(end, far):
    from geo.vectors import check_in_province

    frame = gpd.GeoDataFrame(geometry=[shapely.LineString([(103.5, 21.5), end])], crs=4326)
    problems = check_in_province(frame, file="f.geojson", bounds=BOX)
    assert [(p.row, p.value) for p in problems] == ([(1, f"{end[0]:.6g}, {end[1]:.6g}")] if far else [])


@pytest.mark.parametrize(
    ("point", "first_word"),
    [
        ((1000.5, 21.5), "coordinates"),  # "coordinates look like metres but the file declares degrees"
        ((-1000.5, 21.5), "coordinates"),
        ((103.5, 1000.5), "coordinates"),
        ((1000.0, 21.5), "lies"),  # 1000 itself is not beyond 1000: "lies outside Điện Biên"
        ((103.5, 1000.0), "lies"),
    ],
)
def test_a_coordinate_beyond_1000_in_a_file_of_degrees_is_said_to_be_metres(point, first_word):
    from geo.vectors import check_in_province

    frame = gpd.GeoDataFrame(geometry=[shapely.Point(point)], crs=4326)
    (problem,) = check_in_province(frame, file="f.geojson", bounds=BOX)
    assert problem.en.split(" ")[0] == first_word and problem.value == f"{point[0]:.6f}, {point[1]:.6f}"


def test_a_file_with_its_own_crs_keeps_it_whatever_crs_is_chosen_for_files_without_one(tmp_path):
    data = shapefile_zip(points(crs=32648), tmp_path)
    frame, notes = import_vector("truong.zip", data, geometry_types=POINTS, assume_epsg=9205)
    assert np.allclose(shapely.get_coordinates(frame.geometry.values), INSIDE, atol=1e-6)
    assert not any("EPSG:9205" in n.en for n in notes)


def test_a_layer_in_a_local_site_grid_is_refused_as_not_convertible(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    points(crs=32648).to_file(folder / "mat_bang.shp", engine="pyogrio")
    (folder / "mat_bang.prj").write_text(
        'LOCAL_CS["Cong truong",LOCAL_DATUM["Local",32767],UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'
    )
    with pytest.raises(InputError) as caught:
        import_vector(
            "mat_bang.zip",
            zip_folder({p.name: p.read_bytes() for p in folder.iterdir()}),
            geometry_types=POINTS,
        )
    (problem,) = caught.value.problems
    assert "cannot be converted to WGS84" in problem.en and problem.file == "mat_bang.zip"

"""cli.py access / flags: columns, one row per commune, empty cells (never NaN/inf) where not computable, exit
codes."""

from __future__ import annotations

import csv
import math

import pytest

from cli import main

ACCESS_COLUMNS = [
    "gso_code",
    "commune",
    "district",
    "road_km_to_allseason",
    "minutes_to_district_centre",
    "minutes_to_primary_school",
    "minutes_to_health_station",
    "rai_share",
]


def read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


#: Share of communes that must have a value in each measured column (the embedded data reach nearly all of
#: them).
MIN_FILLED = 0.8
MINUTES = ["minutes_to_district_centre", "minutes_to_primary_school", "minutes_to_health_station"]


@pytest.mark.parametrize(("units", "season", "n"), [("pre2025", "rainy", 130), ("2025", "dry", 45)])
def test_access_csv(tmp_path, units, season, n):
    out = tmp_path / "access.csv"
    assert main(["access", "--units", units, "--season", season, "--out", str(out)]) == 0
    rows = read(out)
    assert len(rows) == n
    assert list(rows[0])[:8] == ACCESS_COLUMNS
    assert {row["season"] for row in rows} == {season}
    assert all(row["gso_code"] and row["commune"] for row in rows)
    for column in ACCESS_COLUMNS[3:]:
        cells = [row[column] for row in rows]
        assert not [
            c for c in cells if c.strip().lower() in ("nan", "inf", "-inf", "+inf", "none", "null")
        ], column
        values = [float(c) for c in cells if c]  # every non-empty cell is a number
        assert all(math.isfinite(v) for v in values), column
        assert len(values) >= MIN_FILLED * n, f"{column}: only {len(values)} of {n} communes have a value"
        assert all(v >= 0 for v in values), column
        if column == "rai_share":
            assert all(0 <= v <= 1 for v in values)
            assert 0 < sum(values) / len(values) < 1  # neither nobody nor everybody near an all-season road
        if column in MINUTES:
            assert max(values) > 0 and all(v < 24 * 60 for v in values), column  # under a day by road
        if column == "road_km_to_allseason":
            assert all(v < 100 for v in values)  # the province is about 150 km across


def test_access_rainy_never_faster_than_dry(tmp_path):
    dry, rainy = tmp_path / "dry.csv", tmp_path / "rainy.csv"
    assert main(["access", "--season", "dry", "--out", str(dry)]) == 0
    assert main(["access", "--season", "rainy", "--out", str(rainy)]) == 0
    for d, r in zip(read(dry), read(rainy), strict=True):
        for column in (
            "minutes_to_district_centre",
            "minutes_to_primary_school",
            "minutes_to_health_station",
        ):
            if d[column] and r[column]:
                assert float(r[column]) >= float(d[column]) - 0.05


def test_access_csv_says_how_the_times_were_computed(tmp_path):
    vi, en = tmp_path / "vi.csv", tmp_path / "en.csv"
    assert main(["access", "--season", "rainy", "--out", str(vi)]) == 0
    assert main(["--lang", "en", "access", "--season", "rainy", "--out", str(en)]) == 0
    assert {row["method"] for row in read(vi)} == {read(vi)[0]["method"]}
    assert "Mùa mưa" in read(vi)[0]["method"] and "chỉ đi bộ ở hai đầu" in read(vi)[0]["method"]
    method = read(en)[0]["method"]
    for rule in (
        "walking only at the two ends",
        "walking straight to the destination when that is quicker",
        "largest connected part",
        "half of min(rainy surface speed, class maximum)",
        "4 km/h",
    ):
        assert rule in method, rule


def test_flags_csv_has_evidence_and_disagreement(tmp_path):
    out = tmp_path / "flags.csv"
    assert main(["--lang", "en", "flags", "--out", str(out)]) == 0
    rows = read(out)
    assert len(rows) == 130
    assert list(rows[0])[:6] == [
        "gso_code",
        "commune",
        "district",
        "lacks_allseason_road",
        "lacks_grid",
        "evidence",
    ]
    assert {
        "road_decided_by",
        "grid_decided_by",
        "road_disagreement",
        "grid_disagreement",
        "disagreement",
    } <= set(rows[0])
    disagreements = [r for r in rows if r["road_disagreement"] == "true"]
    assert disagreements and all(r["disagreement"].startswith("survey: road") for r in disagreements)
    for row in rows:
        assert "nan" not in (row["dist_grid_km"] + row["minutes_to_district_dry"]).lower()


@pytest.mark.parametrize("args", [["access", "--season", "monsoon"], ["access", "--units", "2030"]])
def test_bad_option_exits_2(tmp_path, args):
    out = tmp_path / "x.csv"
    assert main([*args, "--out", str(out)]) == 2
    assert not out.exists()


def test_out_is_a_folder_exits_2(tmp_path, capsys):
    assert main(["--lang", "en", "access", "--out", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def _patched(monkeypatch, change):
    from workflows import inputs

    original = inputs.load_layer

    def load(key, *, project=None):
        frame, source = original(key, project=project)
        return change(key, frame.copy()), source

    monkeypatch.setattr(inputs, "load_layer", load)


def test_bad_layers_are_handled_and_said(tmp_path, monkeypatch, capsys):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import LineString, Point

    def change(key, frame):
        if key == "roads":  # a duplicate, a zero-length line, and the whole layer in VN-2000
            extra = frame.iloc[[0, 0]].copy().reset_index(drop=True)
            extra.loc[1, "geometry"] = LineString([(103.0, 21.4), (103.0, 21.4)])
            extra["road_id"] = ["DUP-1", "ZERO-1"]
            return gpd.GeoDataFrame(pd.concat([frame, extra], ignore_index=True), crs=frame.crs).to_crs(9205)
        if key == "health":  # one station 80 km into Laos, one without coordinates
            extra = frame.iloc[[0, 0]].copy().reset_index(drop=True)
            extra["facility_id"] = ["FAR-1", "NOGEOM-1"]
            extra.loc[0, "geometry"] = Point(101.5, 21.0)
            extra.loc[1, "geometry"] = None
            return gpd.GeoDataFrame(pd.concat([frame, extra], ignore_index=True), crs=frame.crs)
        return frame

    _patched(monkeypatch, change)
    out = tmp_path / "a.csv"
    assert main(["--lang", "en", "access", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "reprojected" in err and "DUP-1" in err and "ZERO-1" in err
    assert "FAR-1" in err and "left out" in err and "NOGEOM-1" in err
    assert len(read(out)) == 130


def test_layer_without_crs_exits_2_naming_it(tmp_path, monkeypatch, capsys):
    def change(key, frame):
        return frame.set_crs(None, allow_override=True) if key == "schools" else frame

    _patched(monkeypatch, change)
    out = tmp_path / "a.csv"
    assert main(["--lang", "en", "access", "--out", str(out)]) == 2
    assert "layer schools has no coordinate system" in capsys.readouterr().err
    assert not out.exists()

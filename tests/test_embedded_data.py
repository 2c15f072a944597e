"""The embedded real data: counts, codes, validity and provenance a planner would check."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from layers import boundaries, power, roads
from layers.catalog import ADMIN_PRE2025_CSV, POVERTY_RATES_CSV, TARGETS_CSV

DATA = Path(__file__).resolve().parent.parent / "data"


def test_every_data_folder_has_a_source_file():
    folders = {p.parent for p in DATA.rglob("*") if p.is_file()}
    assert folders, "no embedded data found"
    for folder in folders:
        assert (folder / "SOURCE.md").exists(), folder


def test_pre2025_communes_are_130_polygons_with_129_gso_codes():
    communes = boundaries.load_communes("pre2025")
    assert len(communes) == 130
    assert communes["gso_code"].nunique() == 129
    assert communes["unit_id"].is_unique
    assert communes.is_valid.all()
    assert communes.crs.to_epsg() == 4326
    official = pd.read_csv(ADMIN_PRE2025_CSV, dtype=str)
    assert set(communes["gso_code"]) == set(official["commune_gso"])


def test_2025_communes_are_45_and_cover_every_predecessor_once():
    new = boundaries.load_communes("2025")
    assert len(new) == 45 and new["gso_code"].is_unique
    predecessors = new["predecessor_gso_codes"].str.split(";").explode()
    assert predecessors.is_unique and len(predecessors) == 129
    assert set(new["zone_2026_2030"]) == {"I", "II", "III"}
    assert (new["zone_2026_2030"] == "III").sum() == 38


def test_districts_are_dissolved_from_communes_and_valid():
    districts = boundaries.load_districts()
    assert len(districts) == 10
    assert districts.is_valid.all()
    assert sorted(districts["district_code"]) == [f"{c:03d}" for c in range(94, 104)]
    # The dissolve keeps the province's area: 9,564.9 km2 from the commune polygons (SOURCE.md).
    assert districts["area_km2"].sum() == pytest.approx(9565, rel=0.01)


def test_display_versions_are_lighter_but_keep_every_unit():
    full = boundaries.load_communes("pre2025")
    light = boundaries.load_communes("pre2025", display=True)
    assert list(light["unit_id"]) == list(full["unit_id"])
    assert light.count_coordinates().sum() < full.count_coordinates().sum()
    assert light.is_valid.all()


@pytest.mark.parametrize("units", ["pre2025", "2025"])
def test_every_boundary_row_says_it_is_real(units):
    assert boundaries.load_communes(units)["provenance"].str.startswith("real").all()


def test_osm_grid_keeps_its_licence_and_voltages():
    lines = power.load_power_lines()
    assert len(lines) == 50
    assert set(lines["voltage_kv"].dropna()) == {500.0, 110.0}
    assert lines["provenance"].str.contains("OpenStreetMap").all()
    assert len(power.load_substations()) == 3


def test_main_roads_are_real_and_the_network_illustrative():
    assert len(roads.load_main_roads()) == 6
    network = roads.load_roads()
    assert network["provenance"].str.startswith("illustrative").all()
    assert set(network["surface"]) <= set(roads.SURFACES)
    assert (network["hardened"] == network["surface"].isin(roads.HARDENED_SURFACES)).all()


def test_poverty_series_keeps_each_figures_standard():
    series = pd.read_csv(POVERTY_RATES_CSV)
    series["value"] = pd.to_numeric(series["value"], errors="coerce")
    assert series["poverty_standard"].notna().all()
    baseline = series[(series["year"] == 2015) & (series["value"] == 48.14)]
    assert len(baseline) >= 1 and baseline["poverty_standard"].str.contains("2016-2020").all()
    gso_2015 = series[(series["year"] == 2015) & (series["value"] == 29.1)]
    assert not gso_2015["poverty_standard"].str.contains("2016-2020").any()


def test_targets_include_the_conclusions_poverty_target():
    targets = pd.read_csv(TARGETS_CSV)
    row = targets[targets["indicator_id"] == "poverty_rate"].iloc[0]
    assert (row["comparator"], row["target_value"], row["baseline_value"]) == ("<", "33", 48.14)

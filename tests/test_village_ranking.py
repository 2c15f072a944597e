"""Tests of analysis/village_ranking.py on a small made-up district (see tests/test_suitability.py for the
world)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from analysis.network import build_network
from analysis.terrain import Terrain
from analysis.village_ranking import (
    NEEDS,
    NeedRules,
    NeedWeights,
    RankInputs,
    programme_communes,
    rank_villages,
)
from geo.crs import METRIC_EPSG
from geo.errors import InputError
from geo.io import read_table
from layers import boundaries
from layers.catalog import ADMIN_PRE2025_CSV
from tests.test_suitability import X0, Y0, _communes, _roads, _terrain

HAZARD = shapely.box(X0 + 4800, Y0 + 1300, X0 + 5200, Y0 + 1700)


def _villages() -> gpd.GeoDataFrame:
    points = [(X0 + 950, Y0 + 1450), (X0 + 2000, Y0 + 2900), (X0 + 5000, Y0 + 1550), (X0 + 960, Y0 + 1460)]
    return gpd.GeoDataFrame(
        {
            "village_id": ["V1", "V2", "V3", "V4"],
            "name": ["near", "far", "hazard", "small"],
            "households": [200, 200, 200, 10],
        },
        geometry=[shapely.Point(p) for p in points],
        crs=METRIC_EPSG,
    ).to_crs(4326)


def _inputs(**changes) -> RankInputs:
    base = dict(
        villages=_villages(),
        communes=_communes().assign(district_code="901"),
        network=build_network(_roads()),
        schools_xy=np.array([[X0 + 900, Y0 + 1400]]),
        health_xy=np.array([[X0 + 950, Y0 + 1400]]),
        district_xy={"901": (X0 + 3000, Y0 + 1500)},
    )
    base.update(changes)
    return RankInputs(**base)


CODES = ["90001", "90002"]


def test_far_and_small_villages_rank_above_the_near_large_one():
    ranked = rank_villages(_inputs(), CODES)
    order = list(ranked["village_id"])
    assert order.index("V2") < order.index("V1") and order.index("V4") < order.index("V1")
    assert list(ranked["rank"]) == [1, 2, 3, 4]
    assert ranked.set_index("village_id").loc["V4", "gso_code"] == "90001"  # placed by the polygon it lies in


def test_each_row_says_why_contributions_add_up_to_the_score():
    ranked = rank_villages(_inputs(), CODES)
    contributions = ranked[[f"contribution_{k}" for k in NEEDS]].sum(axis=1)
    assert np.allclose(contributions, ranked["score"])
    weights = NeedWeights().as_dict()
    for row in ranked.itertuples():
        used = {k: weights[k] for k in NEEDS if np.isfinite(getattr(row, f"need_{k}"))}
        expected = sum(w * getattr(row, f"need_{k}") for k, w in used.items()) / sum(used.values())
        assert row.score == pytest.approx(expected)
    # without a DEM or zone layers those criteria are left out and named, never taken as 0
    assert set(ranked["criteria_missing"].iloc[0].split(";")) == {"slope", "protected", "hazard", "border"}
    assert (ranked["weight_slope"] == 0).all()


def test_a_hazard_zone_puts_the_village_inside_it_first():
    rules = NeedRules(weights=NeedWeights(hazard=20.0))
    ranked = rank_villages(_inputs(zones={"hazard": np.array([HAZARD], dtype=object)}), CODES, rules)
    assert ranked["village_id"].iloc[0] == "V3"
    assert ranked.set_index("village_id")["in_hazard"].to_dict() == {
        "V1": 0.0,
        "V2": 0.0,
        "V3": 1.0,
        "V4": 0.0,
    }


def test_weights_flip_the_ranking():
    only = {k: 0.0 for k in NeedWeights().as_dict()}
    by_size = rank_villages(_inputs(), CODES, NeedRules(weights=NeedWeights(**{**only, "size": 1.0})))
    by_road = rank_villages(_inputs(), CODES, NeedRules(weights=NeedWeights(**{**only, "road": 1.0})))
    assert by_size["village_id"].iloc[0] == "V4"
    assert by_road["village_id"].iloc[0] == "V2"


def test_slope_from_a_dem_and_the_illustrative_mark():
    ranked = rank_villages(_inputs(terrain=_terrain()), CODES)
    far = ranked.set_index("village_id").loc["V2"]
    # the made-up ground is 35 degrees off the patches
    assert np.isfinite(far["slope_deg"]) and far["slope_deg"] > 30
    assert ranked["illustrative"].all() and set(ranked["illustrative_inputs"].iloc[0].split(";")) == {"dem"}
    real = rank_villages(
        _inputs(terrain=Terrain(_terrain().elevation_m, _terrain().transform, illustrative=False)), CODES
    )
    assert not real["illustrative"].any()


def test_only_the_chosen_communes_are_ranked():
    ranked = rank_villages(_inputs(), ["90002"])
    assert list(ranked["village_id"]) == ["V3"]


def test_unknown_commune_codes_are_named():
    with pytest.raises(InputError) as caught:
        rank_villages(_inputs(), ["90001", "12345", "99999"])
    assert "12345" in caught.value.render("en") and "99999" in caught.value.render("vi")


def test_the_default_communes_are_those_of_muong_nhe_and_nam_po():
    admin = read_table(ADMIN_PRE2025_CSV, dtype=str)
    expected = sorted(
        admin.loc[admin["district_name"].isin(["Huyện Mường Nhé", "Huyện Nậm Pồ"]), "commune_gso"]
    )
    assert programme_communes(boundaries.load_communes()) == expected
    assert len(expected) == 26

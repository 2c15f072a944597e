"""Tests of analysis/village_ranking.py on a small made-up district (see tests/test_suitability.py for the
world)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from affine import Affine

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


# --- hand-worked villages ----------------------------------------------------------------------------------
# One village V at the centre of commune 90001; every trip is walked straight at 4 km/h (15 min per km): the
# only road is a 10 m all-season piece ``road_m`` south of V, so no route by road beats walking straight (it
# walks at least as far). The primary school lies ``school_m`` east, the health station ``health_m`` west and
# the district centre ``district_m`` north. Defaults: road 1,500 m = 22.5 min (need 22.5 / 60 = 0.375), school
# 1,200 m = 18 min (0.3), health 2,400 m = 36 min (0.6), district centre 12 km = 180 min (180 / 240 = 0.75).
# With the default weights (road 2, school 1, health 1, district 1) these four give Σ w·need = 0.75 + 0.3 +
# 0.6 + 0.75 = 2.4 over Σ w = 5.

VX, VY = X0 + 1500, Y0 + 1500


def _road_piece(road_m: float) -> gpd.GeoDataFrame:
    """The district asphalt all-season road of the suitability world, cut to 10 m, ``road_m`` south of V."""
    piece = shapely.LineString([(VX - 5, VY - road_m), (VX + 5, VY - road_m)])
    return _roads().set_geometry(gpd.GeoSeries([piece], crs=METRIC_EPSG))


def _plane(slope_deg: float, *, x0: float = VX - 75, y0: float = VY + 75) -> Terrain:
    """A 5 × 5 DEM of 30 m cells rising eastwards at ``slope_deg`` (Horn's slope of a plane is exact)."""
    x = (np.arange(5) + 0.5) * 30.0
    z = 500.0 + np.tile(x * np.tan(np.radians(slope_deg)), (5, 1))
    return Terrain(z, Affine(30.0, 0, x0, 0, -30.0, y0), illustrative=False)


def _village(village_id: str = "V", households: object = 80, x: float = VX, y: float = VY) -> dict:
    return {"village_id": village_id, "households": households, "gso_code": "90001", "geometry": (x, y)}


def _rank(
    villages: list[dict] | None = None,
    *,
    road_m: float = 1500.0,
    school_m: float | None = 1200.0,
    health_m: float | None = 2400.0,
    district_m: float | None = 12000.0,
    rules: NeedRules = NeedRules(),
    **changes,
):
    rows = villages if villages is not None else [_village()]
    frame = gpd.GeoDataFrame(
        [{k: v for k, v in row.items() if k != "geometry"} for row in rows],
        geometry=[shapely.Point(row["geometry"]) for row in rows],
        crs=METRIC_EPSG,
    )
    inputs = dict(
        villages=frame,
        communes=_communes().assign(district_code="901"),
        network=build_network(_road_piece(road_m)),
        schools_xy=np.array([[VX + school_m, VY]]) if school_m is not None else np.zeros((0, 2)),
        health_xy=np.array([[VX - health_m, VY]]) if health_m is not None else np.zeros((0, 2)),
        district_xy={"901": (VX, VY + district_m)} if district_m is not None else {},
    )
    inputs.update(changes)
    return rank_villages(RankInputs(**inputs), ["90001"], rules)


@pytest.mark.parametrize(
    ("near_m", "centre_m", "minutes", "centre_minutes", "need"),
    [
        (2000.0, 8000.0, 30.0, 120.0, 0.5),  # half the full-need time
        (3990.0, 15960.0, 59.85, 239.4, 0.9975),  # just below it
        (4000.0, 16000.0, 60.0, 240.0, 1.0),  # at it: full need
        (4200.0, 16800.0, 63.0, 252.0, 1.0),  # past it: still 1, never more
    ],
)
def test_time_needs_reach_one_at_60_minutes_and_240_for_the_district_centre(
    near_m, centre_m, minutes, centre_minutes, need
):
    row = _rank(road_m=near_m, school_m=near_m, health_m=near_m, district_m=centre_m).iloc[0]
    for key, column in [
        ("road", "minutes_to_allseason_road"),
        ("school", "minutes_to_school"),
        ("health", "minutes_to_health_station"),
    ]:
        assert row[column] == pytest.approx(minutes)
        assert row[f"need_{key}"] == pytest.approx(need)
    assert row["minutes_to_district_centre"] == pytest.approx(centre_minutes)
    assert row["need_district"] == pytest.approx(need)


def test_a_service_nobody_can_reach_is_full_need_and_an_unknown_district_centre_no_data():
    # no school, no health station, no district centre for district 901; the only road is not all-season
    roads = _road_piece(1500.0).assign(surface="earth", all_season=False)
    row = _rank(network=build_network(roads), school_m=None, health_m=None, district_m=None).iloc[0]
    for key, column in [
        ("road", "minutes_to_allseason_road"),
        ("school", "minutes_to_school"),
        ("health", "minutes_to_health_station"),
    ]:
        assert np.isnan(row[column])
        assert row[f"need_{key}"] == 1.0
    # the district centre is not in the layer: a data gap, not a village cut off (walking reaches any centre)
    assert np.isnan(row["minutes_to_district_centre"]) and np.isnan(row["need_district"])
    assert (
        row["weight_district"] == 0.0 and row["criteria_missing"] == "district;slope;protected;hazard;border"
    )
    # 2 + 1 + 1 = 4 of full need, size 1 × 0.2, over Σ w = 5 (road 2, school, health, size)
    assert row["score"] == pytest.approx(4.2 / 5)


def test_the_nearest_of_several_schools_and_health_stations_counts():
    row = _rank(
        schools_xy=np.array([[VX + 3000, VY], [VX + 1200, VY], [VX, VY + 5000]]),
        health_xy=np.array([[VX - 2400, VY], [VX - 3600, VY]]),
    ).iloc[0]
    assert row["minutes_to_school"] == pytest.approx(18.0)
    assert row["minutes_to_health_station"] == pytest.approx(36.0)


def test_default_weights_and_the_score_of_a_village_with_every_criterion():
    # slope 10° (need 10 / 25 = 0.4); inside the protected forest and the border belt (1), outside the hazard
    # zone (0); 80 households (need 1 − 80 / 100 = 0.2).
    around = shapely.box(VX - 100, VY - 100, VX + 100, VY + 100)
    away = shapely.box(VX + 500, VY + 500, VX + 700, VY + 700)
    zones = {
        "protected": np.array([around], dtype=object),
        "hazard": np.array([away], dtype=object),
        "border": np.array([around], dtype=object),
    }
    row = _rank(terrain=_plane(10.0), zones=zones).iloc[0]
    expected = {
        # key: (default weight, need)
        "road": (2.0, 0.375),
        "school": (1.0, 0.3),
        "health": (1.0, 0.6),
        "district": (1.0, 0.75),
        "slope": (1.0, 0.4),
        "protected": (2.0, 1.0),
        "hazard": (3.0, 0.0),
        "border": (1.0, 1.0),
        "size": (1.0, 0.2),
    }
    # Σ w = 13; Σ w·need = 0.75 + 0.3 + 0.6 + 0.75 + 0.4 + 2 + 0 + 1 + 0.2 = 6.0
    for key, (weight, need) in expected.items():
        assert row[f"weight_{key}"] == weight, key
        assert row[f"need_{key}"] == pytest.approx(need), key
        assert row[f"contribution_{key}"] == pytest.approx(weight * need / 13.0), key
    assert row["score"] == pytest.approx(6.0 / 13.0)
    assert row["criteria_missing"] == ""
    assert row["slope_deg"] == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("slope", "need"),
    [(10.0, 0.4), (20.0, 0.8), (24.75, 0.99), (25.0, 1.0), (30.0, 1.0)],
)
def test_slope_need_reaches_one_at_25_degrees(slope, need):
    row = _rank(terrain=_plane(slope)).iloc[0]
    assert row["slope_deg"] == pytest.approx(slope)
    assert row["need_slope"] == pytest.approx(need)
    # the four travel times (2.4 over 5) + slope + size 0.2, over Σ w = 7
    assert row["score"] == pytest.approx((2.4 + need + 0.2) / 7.0)


@pytest.mark.parametrize(
    ("households", "need", "score"),
    [
        (0, 1.0, 3.4 / 6),  # nobody left: the smallest settlement there is
        (50, 0.5, 2.9 / 6),
        (99, 0.01, 2.41 / 6),  # just below the 100 households of no size need
        (100, 0.0, 2.4 / 6),  # at it
        (150, 0.0, 2.4 / 6),  # past it: 0, never negative
        (-5, np.nan, 2.4 / 5),  # a negative count is no count: size left out of this row
        (None, np.nan, 2.4 / 5),
        ("chưa rõ", np.nan, 2.4 / 5),
    ],
)
def test_size_need_is_one_minus_households_over_100(households, need, score):
    row = _rank([_village(households=households)]).iloc[0]
    if np.isnan(need):
        assert np.isnan(row["need_size"]) and row["weight_size"] == 0.0 and row["contribution_size"] == 0.0
        assert "size" in row["criteria_missing"].split(";")
    else:
        assert row["need_size"] == pytest.approx(need)
        assert "size" not in row["criteria_missing"].split(";")
    assert row["score"] == pytest.approx(score)


def test_only_the_ratios_of_the_weights_matter():
    only = {k: 0.0 for k in NeedWeights().as_dict()}
    for road in (0.5, 1.0, 2.0):
        row = _rank(rules=NeedRules(weights=NeedWeights(**{**only, "road": road}))).iloc[0]
        assert row["score"] == pytest.approx(0.375)
        assert row["contribution_road"] == pytest.approx(0.375)
        assert row["contribution_school"] == 0.0 and row["weight_school"] == 0.0


def test_a_village_without_data_for_any_weighted_criterion_has_no_score_and_ranks_last():
    # weight on slope only; the DEM covers A (10°) but not B or C, which then have no score, ordered by id
    only = {k: 0.0 for k in NeedWeights().as_dict()}
    rules = NeedRules(weights=NeedWeights(**{**only, "slope": 1.0}))
    villages = [_village("C", x=VX + 1000), _village("A"), _village("B", x=VX + 1100)]
    ranked = _rank(villages, terrain=_plane(10.0), rules=rules)
    assert list(ranked["village_id"]) == ["A", "B", "C"]
    assert list(ranked["rank"]) == [1, 2, 3]
    assert ranked["score"].iloc[0] == pytest.approx(0.4)
    assert ranked["score"].iloc[1:].isna().all()
    assert (ranked["criteria_missing"].iloc[1:] == "slope;protected;hazard;border").all()
    assert (ranked[[f"contribution_{k}" for k in NEEDS]].iloc[1:] == 0.0).all().all()


def test_equal_scores_rank_by_village_id():
    only = {k: 0.0 for k in NeedWeights().as_dict()}
    rules = NeedRules(weights=NeedWeights(**{**only, "size": 1.0}))
    # 50 households: need 0.5; 20 households: 0.8. Ids compare as text: "V10" before "V2".
    villages = [_village("V2", 50), _village("V9", 20, x=VX + 10), _village("V10", 50, x=VX + 20)]
    ranked = _rank(villages, rules=rules)
    assert list(ranked["village_id"]) == ["V9", "V10", "V2"]
    assert list(ranked["score"]) == pytest.approx([0.8, 0.5, 0.5])


def test_villages_without_id_or_name_are_numbered_by_their_place_in_the_layer():
    villages = [
        {"households": 10, "gso_code": "90002", "geometry": (X0 + 4500, Y0 + 1500)},  # not chosen
        {"households": 90, "gso_code": "90001", "geometry": (VX, VY)},
        {"households": 20, "gso_code": "90001", "geometry": (VX + 10, VY)},
    ]
    ranked = _rank(villages)
    assert list(ranked["village_id"]) == ["#3", "#2"]
    assert list(ranked["name"]) == ["", ""]
    named = _rank([{**_village("V1"), "name": "Bản Huổi Lếch"}])
    assert list(named["name"]) == ["Bản Huổi Lếch"]


def test_a_chosen_commune_without_villages_gives_an_empty_table():
    ranked = _rank([{**_village(), "gso_code": "90002", "geometry": (X0 + 4500, Y0 + 1500)}])
    assert len(ranked) == 0
    assert list(ranked.columns[:3]) == ["rank", "village_id", "name"]


def test_zone_layers_with_missing_or_empty_shapes_use_the_others():
    around = shapely.box(VX - 100, VY - 100, VX + 100, VY + 100)
    zones = {
        "hazard": np.array([None, shapely.Polygon(), around], dtype=object),
        "border": np.array([None, shapely.Polygon()], dtype=object),
    }
    row = _rank(zones=zones).iloc[0]
    assert row["in_hazard"] == 1.0 and row["need_hazard"] == 1.0
    assert row["in_border"] == 0.0 and row["need_border"] == 0.0
    assert row["criteria_missing"] == "slope;protected"


def test_one_unknown_commune_code_is_named():
    with pytest.raises(InputError) as caught:
        rank_villages(_inputs(), ["12345"])
    assert "12345" in caught.value.render("en") and "12345" in caught.value.render("vi")

"""Coverage against need: a hand-worked need score, gaps, unknown membership, and the 2025 crosswalk rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import programmes as ap
from analysis.crosswalk import aggregate_to_2025

#: Four communes, worked by hand in the test below (weights: poor rate 2, the others 1).
FOUR = pd.DataFrame(
    {
        "gso_code": ["A", "B", "C", "D"],
        "poor_hh_rate_pct": [60.0, 20.0, 40.0, np.nan],
        "households": [100.0, 200.0, 50.0, 80.0],
        "lacks_allseason_road": [1.0, 0.0, 0.0, 1.0],
        "minutes_to_district_centre": [90.0, 10.0, 50.0, 30.0],
        "rai_share": [0.2, 1.0, 0.6, 0.4],
    }
)
WEIGHTS = {
    "poor_hh_rate_pct": 2.0,
    "lacks_allseason_road": 1.0,
    "minutes_to_district_centre": 1.0,
    "rai_share": 1.0,
}


def _membership(rows: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Long membership frame from {programme: {commune: member}}."""
    return pd.DataFrame(
        [
            {
                "programme": p,
                "gso_code": c,
                "member": m,
                "status": "",
                "proposed_status": "",
                "year": pd.NA,
                "basis": "",
                "caveats": "",
                "source_url": "",
            }
            for p, members in rows.items()
            for c, m in members.items()
        ]
    )


def test_need_score_of_four_communes_worked_by_hand():
    need = ap.need_scores(FOUR, weights=WEIGHTS).set_index("gso_code")
    # poor: (x-20)/40 → A 1, B 0, C .5, D missing; road: A 1, D 1; minutes: (x-10)/80 → A 1, B 0, C .5, D .25;
    # RAI (lower = needier): 1-(x-.2)/.8 → A 1, B 0, C .5, D .75. A = (2·1+1+1+1)/5; B = 0; C =
    # (2·.5+0+.5+.5)/5; D has no poor rate: (1+.25+.75)/3 (weights renormalised).
    assert need["need_score"].to_dict() == pytest.approx({"A": 100.0, "B": 0.0, "C": 40.0, "D": 200.0 / 3})
    assert need["need_rank"].tolist() == [1, 4, 3, 2]
    assert need["need_quintile"].tolist() == [1, 4, 3, 2]  # floor(5·(rank−1)/4)+1
    assert need["neediest_quintile"].tolist() == [True, False, False, False]
    assert need.at["D", "need_weight_share"] == pytest.approx(3 / 5)
    assert need.at["A", "need_rai_share"] == pytest.approx(1.0) and need.at["B", "need_rai_share"] == 0.0


def test_a_zero_weight_drops_an_indicator_and_a_flat_indicator_counts_for_nothing():
    frame = FOUR.assign(lacks_grid=0.0)  # no commune lacks grid power: it tells nothing apart
    scores = ap.need_scores(frame, weights={**WEIGHTS, "rai_share": 0.0, "lacks_grid": 5.0}).set_index(
        "gso_code"
    )
    assert "need_rai_share" not in scores.columns
    # A = (2·1+1+1)/4 → 100; C = (2·.5+0+.5)/4 → 37.5; lacks_grid left out, not a 0 dragging every score down
    assert scores.at["A", "need_score"] == pytest.approx(100.0)
    assert scores.at["C", "need_score"] == pytest.approx(37.5)
    assert (
        scores["need_indicators_used"].iloc[0]
        == "poor_hh_rate_pct;lacks_allseason_road;minutes_to_district_centre"
    )


def test_ties_share_a_rank_and_a_quintile():
    ranked = ap.rank_need(pd.Series([50.0, 50.0, 10.0, np.nan, 5.0, 1.0]))
    assert ranked["need_rank"].tolist()[:3] == [1, 1, 3]
    assert pd.isna(ranked["need_rank"].iloc[3]) and not ranked["neediest_quintile"].iloc[3]
    assert ranked["need_quintile"].tolist()[:2] == [1, 1]


def test_quintiles_of_129_communes_are_ntile_sized():
    ranked = ap.rank_need(pd.Series(np.arange(129, dtype=float)))
    assert ranked["need_quintile"].value_counts().sort_index().tolist() == [26, 26, 26, 26, 25]


@pytest.mark.parametrize(
    "weights, problem",
    [
        ({"poor_hh_rate_pct": -1.0}, {"poor_hh_rate_pct": "negative"}),
        ({"poor_hh_rate_pct": float("nan")}, {"poor_hh_rate_pct": "not_a_number"}),
        ({"poor_hh_rate_pct": "2"}, {"poor_hh_rate_pct": "not_a_number"}),
        ({"income": 1.0}, {"income": "unknown_indicator"}),
        ({"poor_hh_rate_pct": 0.0, "rai_share": 0}, {"": "all_zero"}),
    ],
)
def test_unusable_weights_are_named(weights, problem):
    assert ap.check_need_weights(weights) == problem
    with pytest.raises(ValueError):
        ap.need_scores(FOUR, weights=weights)


def test_the_neediest_commune_covered_by_nothing_is_a_gap():
    need = ap.need_scores(FOUR, weights=WEIGHTS)
    membership = _membership(
        {
            "p1": {"A": "no", "B": "yes", "C": "yes", "D": "no"},
            "p2": {"A": "no", "B": "no", "C": "yes", "D": "yes"},
        }
    )
    coverage = ap.coverage_by_commune(membership, need, programmes=["p1", "p2"]).set_index("gso_code")
    assert coverage.at["A", "gap"] and not coverage.at["A", "possible_gap"]
    assert coverage.at["C", "covered_by"] == "p1;p2" and coverage.at["A", "covered_by"] == ""
    gaps = ap.gap_list(coverage.reset_index())
    assert gaps["gso_code"].tolist() == ["A"] and gaps["gap_kind"].tolist() == ["gap"]


def test_unknown_membership_is_never_counted_as_not_covered():
    need = ap.need_scores(FOUR, weights=WEIGHTS)
    membership = _membership(
        {
            "p1": {"A": "unknown", "B": "yes", "C": "unknown", "D": "yes"},
            "p2": {"A": "no", "B": "no", "C": "no", "D": "no"},
        }
    )
    coverage = ap.coverage_by_commune(membership, need, programmes=["p1", "p2"]).set_index("gso_code")
    assert not coverage.at["A", "gap"] and coverage.at["A", "possible_gap"]
    assert coverage.at["A", "unknown_for"] == "p1"
    # A programme with no row at all for a commune is unknown for it too.
    missing = ap.coverage_by_commune(membership[membership["gso_code"] != "A"], need, programmes=["p1", "p2"])
    assert not missing.set_index("gso_code").at["A", "gap"]
    poor = ap.poor_counts(FOUR)  # A 60, B 40, C 20 poor households; D has no rate
    summary = ap.programme_summary(membership, coverage.reset_index(), poor=poor).set_index("programme")
    assert summary.at["p1", "poor_total"] == pytest.approx(120.0)
    assert summary.at["p1", "share_poor_covered_min"] == pytest.approx(40 / 120)  # B only is known covered
    # unknown may be covered
    assert summary.at["p1", "share_poor_covered_max"] == pytest.approx((40 + 60 + 20) / 120)
    assert summary.at["p2", "share_poor_covered_min"] == summary.at["p2", "share_poor_covered_max"] == 0.0
    assert (summary.at["p1", "n_yes"], summary.at["p1", "n_unknown"], summary.at["p1", "n_no"]) == (2, 2, 0)


def test_share_of_covered_communes_in_the_neediest_quintile_and_the_low_need_list():
    five = pd.concat(
        [
            FOUR,
            pd.DataFrame(
                {
                    "gso_code": ["E"],
                    "poor_hh_rate_pct": [20.0],
                    "households": [10.0],
                    "lacks_allseason_road": [0.0],
                    "minutes_to_district_centre": [10.0],
                    "rai_share": [1.0],
                }
            ),
        ],
        ignore_index=True,
    )
    need = ap.need_scores(five, weights=WEIGHTS)  # B and E tie at 0: rank 4, quintile floor(5·3/5)+1 = 4
    membership = _membership({"p": {"A": "yes", "B": "yes", "C": "no", "D": "no", "E": "yes"}})
    coverage = ap.coverage_by_commune(membership, need, programmes=["p"])
    summary = ap.programme_summary(membership, coverage).set_index("programme")
    assert summary.at["p", "share_covered_in_neediest_quintile"] == pytest.approx(1 / 3)
    five_need = need.set_index("gso_code")
    assert five_need.loc[["B", "E"], "need_rank"].tolist() == [4, 4]
    assert not five_need["least_needy_quintile"].any()  # the tie keeps both in quintile 4
    assert coverage["low_need_covered"].sum() == 0


def test_poor_counts_use_households_else_people_with_their_basis():
    population = pd.DataFrame(
        {"gso_code": ["A", "B", "C", "D"], "population": [500.0, 1000.0, np.nan, 400.0]}
    )
    frame = FOUR.assign(households=[100.0, np.nan, np.nan, 80.0])
    poor = ap.poor_counts(frame, population=population).set_index("gso_code")
    assert poor.at["A", "poor"] == pytest.approx(60.0) and poor.at["A", "poor_basis"] == "households"
    assert (
        poor.at["B", "poor"] == pytest.approx(200.0)
        and poor.at["B", "poor_basis"] == "people_rate_x_population"
    )
    # no households/population; no rate
    assert np.isnan(poor.at["C", "poor"]) and np.isnan(poor.at["D", "poor"])
    # Neither basis applies: no count, and no basis named (D has households and people but no rate).
    assert poor.at["C", "poor_basis"] == "" and poor.at["D", "poor_basis"] == ""


def test_join_takes_the_needier_value_of_a_commune_drawn_as_two_polygons():
    units = pd.DataFrame({"gso_code": ["X", "X", "Y"], "unit_id": ["X", "X-2", "Y"]})
    flags = pd.DataFrame(
        {
            "gso_code": ["X", "X", "Y"],
            "lacks_allseason_road": [False, True, None],
            "lacks_grid": [False, False, True],
        }
    )
    access = pd.DataFrame(
        {
            "gso_code": ["X", "X", "Y"],
            "minutes_to_district_centre": [20.0, 45.0, 5.0],
            "health_tram_y_te_min": [3.0, 9.0, np.nan],
            "rai_share": [0.9, 0.4, 1.0],
        }
    )
    joined = ap.join_need_indicators(units, flags=flags, access=access).set_index("gso_code")
    assert joined.loc["X"].to_dict() == {
        "lacks_allseason_road": 1.0,
        "lacks_grid": 0.0,
        "minutes_to_district_centre": 45.0,
        "minutes_to_health_station": 9.0,
        "rai_share": 0.4,
    }
    assert np.isnan(joined.at["Y", "lacks_allseason_road"]) and np.isnan(
        joined.at["Y", "minutes_to_health_station"]
    )
    survey = pd.DataFrame(
        {"poor_hh_rate_pct": [30.0, 30.0, 70.0]}, index=pd.Index(["X", "X-2", "Y"], name="unit_id")
    )
    # keyed by unit_id, as the survey is
    by_unit = ap.join_need_indicators(units, survey=survey).set_index("gso_code")
    assert by_unit["poor_hh_rate_pct"].to_dict() == {"X": 30.0, "Y": 70.0}


def test_with_no_programme_considered_the_gaps_are_the_neediest_communes():
    need = ap.need_scores(FOUR, weights=WEIGHTS)
    coverage = ap.coverage_by_commune(_membership({"p": {"A": "yes"}}), need, programmes=[])
    assert (coverage["covered_by"] == "").all() and coverage["gap"].tolist() == [True, False, False, False]


def test_2025_membership_follows_the_crosswalk_rule_and_says_partial():
    crosswalk = pd.DataFrame(
        {
            "gso_code": ["a1", "a2", "b1", "b2", "c1", "c2", "d1"],
            "new2025_gso": ["A", "A", "B", "B", "C", "C", "D"],
        }
    )
    pre = _membership(
        {"p": {"a1": "yes", "a2": "yes", "b1": "yes", "b2": "no", "c1": "unknown", "c2": "no", "d1": "no"}}
    )
    pre.loc[pre["gso_code"] == "a1", "year"] = 2009
    pre.loc[pre["gso_code"] == "a2", "year"] = 2012
    pre["year"] = pre["year"].astype("Int64")
    out = ap.memberships_to_2025(pre, crosswalk).set_index("gso_code")
    assert out["member"].to_dict() == {"A": "yes", "B": "partial", "C": "unknown", "D": "no"}
    assert out.at["A", "year"] == 2012  # by 2012 every predecessor was in
    # "yes" is exactly the crosswalk's yes/no rule (true only when every predecessor says yes)
    rule = aggregate_to_2025(
        pre.assign(one=1.0, flag=[{"yes": True, "no": False}.get(m) for m in pre["member"]]),
        crosswalk,
        weight="one",
        counts=[],
        rates=[],
        yes_no=["flag"],
    ).set_index("gso_code")
    assert ((out["member"] == "yes") == rule["flag"].eq(True)).all()
    assert (out.at["B", "n_yes"], out.at["B", "n_no"]) == (1, 1)


def test_2025_membership_takes_native_programmes_unchanged():
    crosswalk = pd.DataFrame({"gso_code": ["a1", "a2"], "new2025_gso": ["A", "A"]})
    pre = _membership({"zone": {"a1": "yes", "a2": "yes"}, "p": {"a1": "no", "a2": "no"}})
    native = _membership({"zone": {"A": "no"}}).assign(basis="listed")
    out = ap.memberships_to_2025(pre, crosswalk, native=native)
    assert out.set_index("programme").at["zone", "member"] == "no"
    assert out.set_index("programme").at["p", "member"] == "no"


def test_numbers_written_as_text_are_compared_as_numbers_when_two_polygons_share_a_code():
    units = pd.DataFrame({"gso_code": ["X", "X", "Y"], "unit_id": ["X", "X-2", "Y"]})
    # As text, "9.5" > "12" and "9" > "45": the needier value must be read from the numbers.
    survey = pd.DataFrame(
        {
            "gso_code": ["X", "X", "Y"],
            "poor_hh_rate_pct": ["9.5", "12", "n/a"],
            "households": ["120", "120", "80"],
        }
    )
    access = pd.DataFrame({"gso_code": ["X", "X", "Y"], "minutes_to_district_centre": ["9", "45", "7.5"]})
    joined = ap.join_need_indicators(units, survey=survey, access=access).set_index("gso_code")
    assert joined.at["X", "poor_hh_rate_pct"] == 12.0 and joined.at["X", "minutes_to_district_centre"] == 45.0
    assert np.isnan(joined.at["Y", "poor_hh_rate_pct"])  # "n/a" is missing, never a value
    assert (
        joined["households"].tolist() == [120.0, 80.0] and joined["minutes_to_district_centre"].dtype == float
    )


def test_weights_below_one_are_usable_and_renormalised():
    weights = {"poor_hh_rate_pct": 0.2, "minutes_to_district_centre": 0.2}
    assert ap.check_need_weights(weights) == {}
    need = ap.need_scores(FOUR, weights=weights).set_index("gso_code")
    # poor: A 1, B 0, C .5, D missing; minutes: A 1, B 0, C .5, D .25 → D = 100·(.2·.25)/.2 on half the weight
    assert need["need_score"].to_dict() == pytest.approx({"A": 100.0, "B": 0.0, "C": 50.0, "D": 25.0})
    assert need["need_weight_share"].to_dict() == pytest.approx({"A": 1.0, "B": 1.0, "C": 1.0, "D": 0.5})


def test_default_weights_count_only_the_indicators_the_table_has():
    # FOUR has no lacks_grid and no minutes_to_health_station: the total weight is the other 4 defaults of 1.
    need = ap.need_scores(FOUR).set_index("gso_code")
    # C = (.5 + 0 + .5 + .5) / 4; D has no poor rate: (1 + .25 + .75) / 3
    assert need["need_score"].to_dict() == pytest.approx({"A": 100.0, "B": 0.0, "C": 37.5, "D": 200.0 / 3})
    assert need["need_weight_share"].to_dict() == pytest.approx({"A": 1.0, "B": 1.0, "C": 1.0, "D": 0.75})


def test_an_indicator_given_no_weight_is_left_out_and_a_commune_without_a_value_has_no_score():
    need = ap.need_scores(FOUR, weights={"poor_hh_rate_pct": 1.0}).set_index("gso_code")
    assert need.loc[["A", "B", "C"], "need_score"].tolist() == pytest.approx([100.0, 0.0, 50.0])
    assert np.isnan(need.at["D", "need_score"]) and pd.isna(need.at["D", "need_rank"])
    assert need.at["D", "need_weight_share"] == 0.0 and not need.at["D", "neediest_quintile"]
    assert need["need_indicators_used"].iloc[0] == "poor_hh_rate_pct"


def test_the_cli_weights_are_set_on_top_of_defaults_of_one():
    from workflows.programmes import parse_weights

    weights = parse_weights("poor_hh_rate_pct=3")
    assert weights == {**dict.fromkeys(ap.NEED_INDICATORS, 1.0), "poor_hh_rate_pct": 3.0}
    need = ap.need_scores(FOUR, weights=weights).set_index("gso_code")
    # C = (3·.5 + 0 + .5 + .5) / (3 + 1 + 1 + 1): the poor rate counts three times each other indicator
    assert need.at["C", "need_score"] == pytest.approx(250.0 / 6)


def _one_commune_need(quintile: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gso_code": ["N"],
            "need_score": [50.0],
            "neediest_quintile": [quintile == "neediest"],
            "least_needy_quintile": [quintile == "least"],
        }
    )


@pytest.mark.parametrize(
    "quintile, p1, p2, gap, possible_gap, low_need_covered, n_covered",
    [
        ("neediest", "no", "no", True, False, False, 0),
        ("neediest", "yes", "no", False, False, False, 1),
        ("neediest", "yes", "yes", False, False, False, 2),
        ("neediest", "no", "partial", False, False, False, 0),
        ("neediest", "partial", "unknown", False, False, False, 0),
        ("neediest", "yes", "unknown", False, False, False, 1),
        ("neediest", "unknown", "no", False, True, False, 0),
        ("neediest", "unknown", "unknown", False, True, False, 0),
        ("middle", "no", "no", False, False, False, 0),
        ("middle", "unknown", "no", False, False, False, 0),
        ("middle", "yes", "no", False, False, False, 1),
        ("least", "yes", "no", False, False, True, 1),
        ("least", "partial", "no", False, False, False, 0),
        ("least", "unknown", "unknown", False, False, False, 0),
        ("least", "no", "no", False, False, False, 0),
    ],
)
def test_gap_possible_gap_and_low_need_covered_by_hand(
    quintile, p1, p2, gap, possible_gap, low_need_covered, n_covered
):
    membership = _membership({"p1": {"N": p1}, "p2": {"N": p2}})
    row = ap.coverage_by_commune(membership, _one_commune_need(quintile), programmes=["p1", "p2"]).iloc[0]
    assert (bool(row["gap"]), bool(row["possible_gap"]), bool(row["low_need_covered"])) == (
        gap,
        possible_gap,
        low_need_covered,
    )
    assert row["n_covered"] == n_covered
    assert row["covered_by"] == ";".join(p for p, m in (("p1", p1), ("p2", p2)) if m == "yes")


def test_poor_shares_with_a_total_of_one_poor_household_or_none():
    coverage = pd.DataFrame(
        {
            "gso_code": ["A", "B"],
            "need_score": [80.0, 20.0],
            "neediest_quintile": [True, False],
            "least_needy_quintile": [False, True],
        }
    )
    membership = _membership({"p": {"A": "yes", "B": "no"}})
    one = pd.DataFrame({"gso_code": ["A", "B"], "poor": [1.0, 0.0]})  # one poor household, in A
    summary = ap.programme_summary(membership, coverage, poor=one).set_index("programme")
    assert summary.at["p", "poor_total"] == 1.0
    assert summary.at["p", "share_poor_covered_min"] == summary.at["p", "share_poor_covered_max"] == 1.0
    none = pd.DataFrame({"gso_code": ["A", "B"], "poor": [0.0, 0.0]})  # 0 of 0 is no share, not 0 % or 100 %
    summary = ap.programme_summary(membership, coverage, poor=none).set_index("programme")
    assert np.isnan(summary.at["p", "share_poor_covered_min"]) and np.isnan(
        summary.at["p", "share_poor_covered_max"]
    )


def test_covered_communes_counted_by_quintile_only_when_scored():
    coverage = pd.DataFrame(
        {
            "gso_code": ["A", "B", "C", "D", "E", "F"],
            "need_score": [100.0, 75.0, 50.0, 25.0, 0.0, np.nan],  # F has no score, hence no quintile
            "neediest_quintile": [True, False, False, False, False, False],
            "least_needy_quintile": [False, False, False, False, True, False],
        }
    )
    membership = _membership({"p": {"A": "yes", "B": "no", "C": "yes", "D": "no", "E": "yes", "F": "yes"}})
    summary = ap.programme_summary(membership, coverage).set_index("programme").loc["p"]
    assert (summary["n_yes"], summary["n_covered_scored"]) == (4, 3)
    assert (summary["n_covered_in_neediest_quintile"], summary["n_covered_least_needy"]) == (1, 1)
    assert summary["share_covered_in_neediest_quintile"] == pytest.approx(1 / 3)


def test_the_commune_table_has_one_column_per_programme_with_its_year_and_status():
    coverage = pd.DataFrame({"gso_code": ["A", "B", "C"]})
    membership = _membership({"p1": {"A": "yes", "B": "no"}, "p2": {"A": "no", "B": "unknown", "C": "yes"}})
    membership.loc[
        (membership["programme"] == "p1") & (membership["gso_code"] == "A"), ["year", "status"]
    ] = [
        2009,
        "border",
    ]
    wide = ap.commune_programme_table(coverage, membership, programmes=["p1", "p2"]).set_index("gso_code")
    assert wide["p1"].to_dict() == {"A": "yes", "B": "no", "C": "unknown"}  # no row: unknown
    assert wide["p2"].to_dict() == {"A": "no", "B": "unknown", "C": "yes"}
    assert wide.at["A", "p1_year"] == 2009 and pd.isna(wide.at["A", "p2_year"])
    assert wide["p1_status"].to_dict() == {"A": "border", "B": "", "C": ""}

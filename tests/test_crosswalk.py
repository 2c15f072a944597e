"""Pre-2025 → 2025 aggregation with stated weights, and the reverse where defined."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.crosswalk import aggregate_to_2025, disaggregate_to_pre2025, infer_column_roles
from layers.imports import admin_reference, crosswalk_table

CROSSWALK = pd.DataFrame({"gso_code": ["a", "b", "c", "d"], "new2025_gso": ["X", "X", "X", "Y"]})


def test_household_weighted_rates_and_summed_counts():
    table = pd.DataFrame(
        {
            "gso_code": ["a", "b", "c", "d"],
            "households": [100, 300, 0, 50],
            "poor_hh_rate_pct": [10.0, 50.0, 99.0, 20.0],
            "grid_connected": [True, False, True, True],
        }
    )
    out = aggregate_to_2025(table, CROSSWALK, weight="households").set_index("gso_code")
    assert out.loc["X", "households"] == 400
    # zero weight ignored
    assert out.loc["X", "poor_hh_rate_pct"] == pytest.approx((100 * 10 + 300 * 50) / 400)
    assert not out.loc["X", "grid_connected"] and out.loc["Y", "grid_connected"]
    assert "weighted by households" in out.loc["X", "aggregation"]
    assert "INCOMPLETE" not in out.loc["X", "aggregation"]


def test_external_population_weights_and_incomplete_units_are_stated():
    table = pd.DataFrame({"gso_code": ["a", "b", "d"], "year": [2020] * 3, "rate_pct": [10.0, 30.0, 5.0]})
    population = pd.Series({"a": 1000, "b": 3000, "c": 500, "d": 10})
    out = aggregate_to_2025(
        table, CROSSWALK, weight="population (2009 census)", weights=population, by=("year",)
    ).set_index("gso_code")
    assert out.loc["X", "rate_pct"] == pytest.approx(25.0)
    assert "weighted by population (2009 census)" in out.loc["X", "aggregation"]
    assert "2 of 3 predecessors" in out.loc["X", "aggregation"]
    assert out.loc["X", "year"] == 2020


def test_missing_weight_is_an_error():
    with pytest.raises(KeyError):
        aggregate_to_2025(pd.DataFrame({"gso_code": ["a"], "x_pct": [1.0]}), CROSSWALK, weight="households")


def test_reverse_only_where_defined():
    table = pd.DataFrame({"gso_code": ["X", "Y"], "rate_pct": [12.0, 7.0]})
    out = disaggregate_to_pre2025(table, CROSSWALK).set_index("gso_code")
    assert np.isnan(out.loc["a", "rate_pct"]) and "not defined" in out.loc["a", "crosswalk_note"]
    assert out.loc["d", "rate_pct"] == 7.0


def test_real_crosswalk_covers_every_commune_once():
    cw = crosswalk_table()
    assert cw["gso_code"].is_unique and len(cw) == 129
    assert set(cw["new2025_gso"]) == set(admin_reference("2025")["gso_code"])
    table = pd.DataFrame({"gso_code": cw["gso_code"], "households": 10, "poor_hh_rate_pct": 20.0})
    out = aggregate_to_2025(table, cw, weight="households")
    assert len(out) == 45 and out["households"].sum() == 1290
    assert np.allclose(out["poor_hh_rate_pct"], 20.0)


def test_roles_are_inferred():
    table = pd.DataFrame({"gso_code": ["a"], "households": [1], "poor_hh_rate_pct": [2.0], "ok": [True]})
    assert infer_column_roles(table, exclude=("gso_code",)) == {
        "counts": ["households"],
        "rates": ["poor_hh_rate_pct"],
        "yes_no": ["ok"],
    }


#: a, b, c merged into X; d alone became Y; e and f merged into Z
WIDER = pd.DataFrame({"gso_code": list("abcdef"), "new2025_gso": ["X", "X", "X", "Y", "Z", "Z"]})


def test_rates_weighted_by_unequal_households_leaving_out_missing_values():
    table = pd.DataFrame(
        {
            "gso_code": list("abcdef"),
            "households": [100.0, 300.0, np.nan, 0.0, 200.0, 600.0],
            "poor_hh_rate_pct": [10.0, np.nan, 50.0, 20.0, 30.0, 70.0],
        }
    )
    out = aggregate_to_2025(table, WIDER, weight="households").set_index("gso_code")
    # X: only a has both a rate and households: 10 %, not (100 * 10) / 400 = 2.5 %; households 100 + 300
    assert out.loc["X", "poor_hh_rate_pct"] == 10.0 and out.loc["X", "households"] == 400.0
    # Y: no household to weigh the rate with: no rate (never 0)
    assert np.isnan(out.loc["Y", "poor_hh_rate_pct"]) and out.loc["Y", "households"] == 0.0
    # Z: (200 * 30 + 600 * 70) / 800 = 60
    assert out.loc["Z", "poor_hh_rate_pct"] == pytest.approx(60.0)
    assert out["n_predecessors"].tolist() == [3, 1, 2] and out["n_predecessors_with_data"].tolist() == [
        3,
        1,
        2,
    ]


def test_counts_of_predecessors_without_figures_stay_empty_not_zero():
    table = pd.DataFrame(
        {
            "gso_code": list("abcdef"),
            "households": [1.0] * 6,
            "poor_households": [np.nan, np.nan, np.nan, 7.0, np.nan, 5.0],
        }
    )
    out = aggregate_to_2025(table, WIDER, weight="households").set_index("gso_code")
    assert np.isnan(out.loc["X", "poor_households"])
    assert out.loc["Y", "poor_households"] == 7.0 and out.loc["Z", "poor_households"] == 5.0


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"e": True, "f": True}, True),
        ({"e": True, "f": False}, False),
        ({"e": True, "f": None}, None),  # a predecessor without an answer: unknown
        ({"e": False, "f": None}, False),  # ... unless another says no
        ({"e": None, "f": None}, None),
        ({"e": True}, None),  # a predecessor missing from the table has not said yes
        ({"e": False}, False),
    ],
)
def test_yes_only_when_every_predecessor_says_yes(answers, expected):
    table = pd.DataFrame(
        {
            "gso_code": list(answers),
            "households": [10.0] * len(answers),
            "grid_connected": pd.Series(list(answers.values()), dtype=object),
        }
    )
    out = aggregate_to_2025(
        table, WIDER, weight="households", counts=[], rates=[], yes_no=["grid_connected"]
    ).set_index("gso_code")
    assert out.loc["Z", "grid_connected"] is expected or out.loc["Z", "grid_connected"] == expected
    assert (out.loc["Z", "grid_connected"] is None) == (expected is None)
    complete = len(answers) == 2
    assert ("INCOMPLETE" in out.loc["Z", "aggregation"]) is not complete
    if not complete:
        assert "1 of 2 predecessors" in out.loc["Z", "aggregation"]


def test_years_are_kept_apart_and_external_weights_used():
    table = pd.DataFrame(
        {
            "gso_code": ["e", "f", "e", "f"],
            "year": [2019, 2019, 2020, 2020],
            "x_pct": [10.0, 20.0, 30.0, 60.0],
        }
    )
    weights = pd.Series({"e": 1000.0, "f": 3000.0})
    out = aggregate_to_2025(table, WIDER, weight="population", weights=weights, by=("year",))
    assert out[["gso_code", "year"]].values.tolist() == [["Z", 2019], ["Z", 2020]]
    assert out["x_pct"].tolist() == pytest.approx([(10 + 60) / 4, (30 + 180) / 4])
    assert out["n_predecessors_with_data"].tolist() == [2, 2] and "population" in out.loc[0, "aggregation"]
    # a predecessor without a weight is left out of the rate
    out = aggregate_to_2025(table, WIDER, weight="population", weights=pd.Series({"e": 1000.0}), by=("year",))
    assert out["x_pct"].tolist() == pytest.approx([10.0, 30.0])


def test_reverse_of_a_two_commune_merger_is_not_defined():
    table = pd.DataFrame({"gso_code": ["X", "Y", "Z"], "rate_pct": [12.0, 7.0, 40.0], "n": [1, 2, 3]})
    out = disaggregate_to_pre2025(table, WIDER).set_index("gso_code")
    assert out.loc[["e", "f"], "rate_pct"].isna().all() and out.loc[["e", "f"], "n"].isna().all()
    assert out.loc["d", "rate_pct"] == 7.0 and out.loc["d", "n"] == 2
    assert out.loc["d", "crosswalk_note"] == "same commune before and after 2025"
    assert out.loc["e", "crosswalk_note"].startswith("not defined")
    only = disaggregate_to_pre2025(table, WIDER, columns=["n"])
    assert list(only.columns) == ["gso_code", "new2025_gso", "n", "crosswalk_note"]


def test_roles_of_columns_with_gaps_and_other_kinds():
    table = pd.DataFrame(
        {
            "gso_code": ["a", "b"],
            "ok": pd.Series([True, None], dtype=object),
            "flag": np.array([True, False]),
            "share_of_x": [0.5, 0.2],
            "count": [3, 4],
            "name": ["x", "y"],
            "empty": [None, None],
            "year": [2020, 2020],
        }
    )
    roles = infer_column_roles(table, exclude=("gso_code", "year"))
    assert roles == {"counts": ["count"], "rates": ["share_of_x"], "yes_no": ["ok", "flag"]}


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("poor_hh_rate_pct", "rates"),
        ("pct_poor", "rates"),
        ("ty_le_ngheo", "rates"),
        ("ti_le", "rates"),
        ("x %", "rates"),
        ("Share", "rates"),
        ("households", "counts"),
    ],
)
def test_rate_names(header, role):
    assert infer_column_roles(pd.DataFrame({header: [1.0]}))[role] == [header]


def test_weighted_rate_equals_the_households_weighted_mean():
    """Four pre-2025 communes (a, b, c merged into X; d became Y) with random households and rates, some
    missing: X's rate is sum(h * r) / sum(h) over the predecessors having both (h > 0), and none when no
    predecessor has."""
    seen = {"with a rate": 0, "without": 0, "some missing": 0}

    @settings(max_examples=settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.tuples(st.one_of(st.none(), st.integers(0, 1000)), st.one_of(st.none(), st.floats(0, 100))),
            min_size=4,
            max_size=4,
        )
    )
    def check(rows):
        table = pd.DataFrame(
            {
                "gso_code": list("abcd"),
                "households": [np.nan if h is None else h for h, _ in rows],
                "x_pct": [np.nan if r is None else r for _, r in rows],
            }
        )
        out = aggregate_to_2025(table, CROSSWALK, weight="households").set_index("gso_code")
        pairs = [(h, r) for h, r in rows[:3] if h and r is not None]
        if pairs:
            assert out.loc["X", "x_pct"] == pytest.approx(
                sum(h * r for h, r in pairs) / sum(h for h, _ in pairs)
            )
            seen["with a rate"] += 1
        else:
            assert np.isnan(out.loc["X", "x_pct"])
            seen["without"] += 1
        seen["some missing"] += int(0 < len(pairs) < 3)
        known = [h for h, _ in rows[:3] if h is not None]
        assert out.loc["X", "households"] == (sum(known) if known else pytest.approx(np.nan, nan_ok=True))

    check()
    assert min(seen.values()) >= settings.default.max_examples // 10, seen


def test_roles_not_given_are_inferred_when_others_are():
    """Naming some roles (say only the yes/no columns) still sums the counts and weighs the rates found by
    their names."""
    table = pd.DataFrame(
        {
            "gso_code": ["e", "f"],
            "households": [100.0, 300.0],
            "poor_hh_rate_pct": [10.0, 30.0],
            "ok": [True, True],
        }
    )
    named = {"counts": ["households"], "rates": ["poor_hh_rate_pct"], "yes_no": ["ok"]}
    for left_out in (
        {"counts"},
        {"rates"},
        {"yes_no"},
        {"counts", "rates"},
        {"counts", "yes_no"},
        {"rates", "yes_no"},
    ):
        given_roles = {role: columns for role, columns in named.items() if role not in left_out}
        out = aggregate_to_2025(table, WIDER, weight="households", **given_roles).set_index("gso_code")
        assert out.loc["Z", "households"] == 400.0, given_roles
        assert out.loc["Z", "poor_hh_rate_pct"] == pytest.approx((100 * 10 + 300 * 30) / 400), given_roles
        assert out.loc["Z", "ok"] is not None and bool(out.loc["Z", "ok"]), given_roles


def test_weights_given_as_shares_below_one():
    """Weights may be shares (0.25 and 0.75 of Z's people): the rate is weighted the same as with head
    counts."""
    table = pd.DataFrame({"gso_code": ["e", "f"], "x_pct": [20.0, 60.0]})
    out = aggregate_to_2025(
        table, WIDER, weight="population share", weights=pd.Series({"e": 0.25, "f": 0.75})
    )
    assert out.set_index("gso_code").loc["Z", "x_pct"] == pytest.approx(0.25 * 20 + 0.75 * 60)

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
    table = pd.DataFrame({"gso_code": ["a", "b", "c", "d"], "households": [100, 300, 0, 50],
                          "poor_hh_rate_pct": [10.0, 50.0, 99.0, 20.0], "grid_connected": [True, False, True, True]})
    out = aggregate_to_2025(table, CROSSWALK, weight="households").set_index("gso_code")
    assert out.loc["X", "households"] == 400
    assert out.loc["X", "poor_hh_rate_pct"] == pytest.approx((100 * 10 + 300 * 50) / 400)  # zero weight ignored
    assert not out.loc["X", "grid_connected"] and out.loc["Y", "grid_connected"]
    assert "weighted by households" in out.loc["X", "aggregation"]
    assert "INCOMPLETE" not in out.loc["X", "aggregation"]


def test_external_population_weights_and_incomplete_units_are_stated():
    table = pd.DataFrame({"gso_code": ["a", "b", "d"], "year": [2020] * 3, "rate_pct": [10.0, 30.0, 5.0]})
    population = pd.Series({"a": 1000, "b": 3000, "c": 500, "d": 10})
    out = aggregate_to_2025(table, CROSSWALK, weight="population (2009 census)", weights=population,
                            by=("year",)).set_index("gso_code")
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
    assert infer_column_roles(table, exclude=("gso_code",)) == {"counts": ["households"], "rates": ["poor_hh_rate_pct"],
                                                                "yes_no": ["ok"]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 1000), st.floats(0, 100)), min_size=4, max_size=4))
def test_weighted_rate_stays_within_predecessor_range(rows):
    table = pd.DataFrame({"gso_code": list("abcd"), "households": [r[0] for r in rows],
                          "x_pct": [r[1] for r in rows]})
    out = aggregate_to_2025(table, CROSSWALK, weight="households").set_index("gso_code")
    value = out.loc["X", "x_pct"]
    present = [r[1] for r in rows[:3] if r[0] > 0]
    if present:
        assert min(present) - 1e-9 <= value <= max(present) + 1e-9
    else:
        assert np.isnan(value)
    assert out["households"].sum() == sum(r[0] for r in rows)

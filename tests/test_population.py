"""The best real population figure per commune: its year always kept, mixed years said, 2025 sums via the
crosswalk."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.population import best_population, population_to_2025
from layers.imports import admin_reference, crosswalk_table
from layers.programmes import load_population_figures


def _figures(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["gso_code", "population", "year", "kind", "source_url", "matches_current_unit"]
    )
    frame["year"] = frame["year"].astype("Int64")
    return frame


def test_latest_stated_year_wins_then_yearbook_before_census_and_undated_last():
    figures = _figures(
        [
            ("a", 100.0, 2009, "census2009", "census", True),
            ("a", 130.0, 2022, "yearbook", "wiki", True),
            ("b", 200.0, 2009, "other", "decree", True),
            ("b", 210.0, 2009, "census2009", "census", True),
            ("c", 300.0, None, "other", "citypopulation", True),
            ("d", 400.0, 2019, "other", "merger text", False),
            ("d", 380.0, 2009, "census2009", "census", True),
            ("e", 0.0, 2009, "census2009", "census", True),
        ]
    )
    best = best_population(figures, pd.Series(["a", "b", "c", "d", "e"])).set_index("gso_code")
    assert best.loc[["a", "b", "c", "d"], "population"].tolist() == [130.0, 210.0, 300.0, 380.0]
    assert best.loc[["a", "b", "d"], "population_year"].tolist() == [2022, 2009, 2009]
    assert best.at["c", "population_kind"] == "other" and pd.isna(best.at["c", "population_year"])
    assert pd.isna(best.at["e", "population"])  # a zero (created after the census) is no figure
    assert best["population_years_mixed"].all()


def test_a_loaded_layer_comes_first_and_one_year_is_not_mixed():
    figures = _figures(
        [("a", 100.0, 2022, "yearbook", "wiki", True), ("b", 50.0, 2022, "yearbook", "wiki", True)]
    )
    loaded = pd.DataFrame({"gso_code": ["a"], "population": [111.0], "year": [2022]})
    best = best_population(figures, pd.Series(["a", "b"]), loaded=loaded).set_index("gso_code")
    assert best.at["a", "population"] == 111.0 and best.at["a", "population_kind"] == "loaded"
    assert not best["population_years_mixed"].any()


def test_2025_sums_follow_the_crosswalk_and_say_when_incomplete():
    best = pd.DataFrame(
        {
            "gso_code": ["a1", "a2", "b1", "b2"],
            "population": [100.0, 50.0, 30.0, None],
            "population_year": pd.array([2022, 2009, 2022, pd.NA], dtype="Int64"),
        }
    )
    crosswalk = pd.DataFrame({"gso_code": ["a1", "a2", "b1", "b2"], "new2025_gso": ["A", "A", "B", "B"]})
    out = population_to_2025(best, crosswalk).set_index("gso_code")
    assert out.at["A", "population"] == 150.0 and out.at["A", "population_complete"]
    assert (out.at["A", "population_year_min"], out.at["A", "population_year_max"]) == (2009, 2022)
    assert out.at["B", "population"] == 30.0 and not out.at["B", "population_complete"]
    assert out["population_years_mixed"].all()


def test_on_the_embedded_data_every_figure_has_its_year_and_the_mix_is_flagged():
    best = best_population(load_population_figures(), admin_reference("pre2025")["gso_code"])
    assert len(best) == 129
    have = best[best["population"].notna()]
    assert set(have["population_kind"]) == {"yearbook", "census2009", "other"}
    assert set(have["population_year"].dropna()) == {2009, 2012, 2019, 2022}
    assert have["population_year"].notna().all()  # every figure chosen has a stated year
    assert best["population_years_mixed"].all()
    # Thanh Minh's 2019 figure (old Thanh Minh, before it absorbed Tà Lèng) is not used for today's commune.
    assert best.set_index("gso_code").at["03145", "population_year"] == 2009
    missing = set(best.loc[best["population"].isna(), "gso_code"])
    # Pá Khoang, Nậm Nèn, Nà Tòng, Pom Lót, Na Tông
    assert missing == {
        "03326",
        "03194",
        "03263",
        "03356",
        "03365",
    }
    to_2025 = population_to_2025(best, crosswalk_table())
    assert len(to_2025) == 45 and to_2025["population"].sum() == pytest.approx(have["population"].sum())
    assert (~to_2025["population_complete"]).sum() == 5


def test_order_among_figures_of_one_year_and_the_smallest_figure():
    figures = _figures(
        [
            ("a", 100.0, 2019, "census2009", "census", True),
            ("a", 120.0, 2019, "yearbook", "wiki", True),
            ("b", 200.0, 2019, "other", "decree", True),
            ("b", 210.0, 2019, "census2009", "census", True),
            ("c", 1.0, 2019, "other", "x", True),
            ("d", 400.0, 2019, "survey", "x", True),
            ("d", 390.0, 2019, "other", "y", True),
        ]
    )
    best = best_population(figures, pd.Series(["a", "b", "c", "d", "a"])).set_index("gso_code")
    assert best["population"].to_dict() == {"a": 120.0, "b": 210.0, "c": 1.0, "d": 390.0}
    assert best.at["a", "population_source"] == "wiki" and not best["population_years_mixed"].any()


def test_two_stated_years_are_mixed():
    figures = _figures([("a", 100.0, 2019, "other", "x", True), ("b", 50.0, 2022, "other", "y", True)])
    assert best_population(figures, pd.Series(["a", "b"]))["population_years_mixed"].all()
    undated = _figures([("a", 100.0, 2019, "other", "x", True), ("b", 50.0, None, "other", "y", True)])
    assert best_population(undated, pd.Series(["a", "b"]))["population_years_mixed"].all()
    nothing = best_population(figures, pd.Series(["z"]))
    assert nothing["population"].isna().all() and not nothing["population_years_mixed"].any()
    assert nothing.loc[0, ["population_kind", "population_source"]].tolist() == ["", ""]


@pytest.mark.parametrize(
    ("years", "mixed"),
    [
        ([2019, 2019, 2019, 2019], False),  # A and B both of 2019 only
        ([2019, 2019, 2022, 2022], True),  # A of 2019, B of 2022: two spans
        ([2019, 2022, 2019, 2022], True),  # each sum mixes years
        ([2019, 2019, 2019, None], True),  # an undated figure in a sum
    ],
)
def test_2025_sums_say_when_years_are_mixed(years, mixed):
    best = pd.DataFrame(
        {
            "gso_code": ["a1", "a2", "b1", "b2"],
            "population": [100.0, 50.0, 30.0, 20.0],
            "population_year": pd.array(years, dtype="Int64"),
        }
    )
    crosswalk = pd.DataFrame({"gso_code": ["a1", "a2", "b1", "b2"], "new2025_gso": ["A", "A", "B", "B"]})
    out = population_to_2025(best, crosswalk)
    assert out["population_years_mixed"].tolist() == [mixed, mixed]
    assert out["population"].tolist() == [150.0, 50.0] and out["population_complete"].all()

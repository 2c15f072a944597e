"""A partial commune table updates the communes and columns it gives and keeps the rest (issue: a table wiped
the survey)."""

import numpy as np
import pandas as pd
import pytest

from analysis.survey_update import update_survey

BASE = pd.DataFrame(
    {
        "gso_code": ["03124", "03127", "03130", "03124"],
        "year": [2020, 2020, 2020, 2019],
        "commune": ["A", "B", "C", "A"],
        "households": [1000.0, 800.0, 600.0, 990.0],
        "poor_hh_rate_pct": [10.0, 50.0, 70.0, 12.0],
        "grid_connected": [True, False, True, True],
        "provenance": ["illustrative: generated"] * 4,
    }
)


def incoming(**columns):
    frame = pd.DataFrame(
        {"gso_code": ["03124", "03127"], "year": [2020, 2020], "commune": ["A", "B"], **columns}
    )
    frame["provenance"] = "user import: k.csv"
    return frame


def test_only_the_given_communes_and_columns_change():
    update = update_survey(BASE, incoming(poor_hh_rate_pct=[11.5, 50.0]), source="user import: k.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    assert frame.loc[("03124", 2020), "poor_hh_rate_pct"] == 11.5
    assert frame.loc[("03127", 2020), "poor_hh_rate_pct"] == 50.0  # same value: not counted as a change
    assert frame.loc[("03130", 2020), "poor_hh_rate_pct"] == 70.0  # not in the table: kept
    assert frame.loc[("03124", 2019), "poor_hh_rate_pct"] == 12.0  # another year: kept
    assert frame["households"].tolist() == BASE["households"].tolist()  # column not in the table: kept
    assert (update.rows_updated, update.rows_unchanged, update.rows_added, update.cells_updated) == (
        1,
        3,
        0,
        1,
    )
    assert update.columns_updated == ("poor_hh_rate_pct",) and not update.replaced


def test_an_empty_cell_never_erases_a_value():
    update = update_survey(
        BASE, incoming(poor_hh_rate_pct=[np.nan, 45.0], households=[None, None]), source="user import: k.csv"
    )
    frame = update.frame.set_index(["gso_code", "year"])
    assert frame.loc[("03124", 2020), "poor_hh_rate_pct"] == 10.0
    assert frame.loc[("03124", 2020), "households"] == 1000.0
    assert frame.loc[("03127", 2020), "poor_hh_rate_pct"] == 45.0


def test_provenance_names_the_changed_columns_and_keeps_the_rest():
    update = update_survey(BASE, incoming(poor_hh_rate_pct=[11.5, 50.0]), source="user import: k.csv")
    provenance = update.frame.set_index(["gso_code", "year"])["provenance"]
    assert (
        provenance[("03124", 2020)]
        == "poor_hh_rate_pct: user import: k.csv; other columns: illustrative: generated"
    )
    assert provenance[("03127", 2020)] == "illustrative: generated"


def test_new_communes_years_and_columns_are_added():
    table = pd.DataFrame(
        {
            "gso_code": ["03133"],
            "year": [2020],
            "commune": ["D"],
            "ghi_chu": ["mới"],
            "poor_hh_rate_pct": [30.0],
        }
    )
    update = update_survey(BASE, table, source="user import: d.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    assert frame.loc[("03133", 2020), "poor_hh_rate_pct"] == 30.0
    assert pd.isna(frame.loc[("03133", 2020), "households"])
    assert update.rows_added == 1 and update.columns_added == ("ghi_chu",)
    assert frame["ghi_chu"].isna().sum() == len(BASE)


def test_yes_no_answers_compare_as_answers():
    update = update_survey(BASE, incoming(grid_connected=[True, True]), source="user import: k.csv")
    assert update.rows_updated == 1  # 03124 was already True; 03127 changes False → True
    assert bool(update.frame.set_index(["gso_code", "year"]).loc[("03127", 2020), "grid_connected"])


def test_replacing_is_explicit_and_says_what_it_removes():
    update = update_survey(
        BASE, incoming(poor_hh_rate_pct=[11.5, 50.0]), source="user import: k.csv", replace=True
    )
    assert len(update.frame) == 2 and update.replaced and update.rows_removed == 2
    assert (update.frame["provenance"] == "user import: k.csv").all()


@pytest.mark.parametrize("base", [None, BASE.iloc[0:0]])
def test_into_an_empty_survey_everything_is_added(base):
    update = update_survey(base, incoming(poor_hh_rate_pct=[11.5, 50.0]), source="user import: k.csv")
    assert update.rows_added == 2 and update.rows_removed == 0 and len(update.frame) == 2


def test_what_the_update_counts_and_whether_it_changes_anything():
    same = update_survey(BASE, incoming(poor_hh_rate_pct=[10.0, 50.0 + 1e-12]), source="k.csv")
    assert not same.changes_anything and same.rows_updated == 0 and same.rows_unchanged == 4
    assert (same.rows_added, same.rows_removed, same.cells_updated) == (0, 0, 0)
    assert same.frame["provenance"].tolist() == BASE["provenance"].tolist()
    moved = update_survey(BASE, incoming(poor_hh_rate_pct=[10.0, 50.0001]), source="k.csv")
    assert moved.changes_anything and moved.rows_updated == 1 and moved.cells_updated == 1
    new = pd.DataFrame(
        {
            "gso_code": ["03133", "03136"],
            "year": [2020, 2020],
            "households": [10.0, np.nan],
            "poor_hh_rate_pct": [30.0, 40.0],
        }
    )
    added = update_survey(BASE, new, source="d.csv")
    assert added.changes_anything and (added.rows_added, added.cells_updated, added.rows_removed) == (2, 3, 0)
    assert added.columns_updated == ("households", "poor_hh_rate_pct") and added.columns_added == ()
    column = update_survey(
        BASE, pd.DataFrame({"gso_code": ["03124"], "year": [2020], "ghi_chu": [None]}), source="e"
    )
    assert column.changes_anything and column.columns_added == ("ghi_chu",) and column.rows_updated == 0


def test_replacing_counts_what_it_keeps_and_removes():
    table = pd.DataFrame({"gso_code": ["03124", "03133"], "year": [2020, 2020], "households": [5.0, np.nan]})
    update = update_survey(BASE, table, source="r.csv", replace=True)
    assert (update.rows_updated, update.rows_added, update.rows_removed, update.rows_unchanged) == (
        1,
        1,
        3,
        0,
    )
    assert update.cells_updated == 1 and update.columns_updated == ("households",) and update.changes_anything


def test_values_compare_by_meaning_and_a_missing_value_is_filled():
    base = BASE.assign(
        households=[1000.0, np.nan, 600.0, 990.0],
        note=["a", "b", None, "d"],
        grid_connected=pd.Series([1, 0, None, True], dtype=object),
    )
    table = pd.DataFrame(
        {
            "gso_code": ["03124", "03127", "03130"],
            "year": [2020] * 3,
            "households": [1000.0, 800.0, 600.0],
            "note": ["a", "b2", "c"],
            "grid_connected": pd.Series([True, False, False], dtype=object),
        }
    )
    update = update_survey(base, table, source="k.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    # 03124: 1 and True are the same answer; 03127: households were missing, note changed; 03130: note and
    # answer new
    assert frame.loc[("03127", 2020), "households"] == 800.0
    assert frame.loc[("03127", 2020), "note"] == "b2" and frame.loc[("03130", 2020), "note"] == "c"
    assert (update.rows_updated, update.cells_updated) == (2, 4)
    assert frame.loc[("03124", 2020), "provenance"] == "illustrative: generated"


def test_whole_number_columns_take_decimals_and_new_columns_keep_their_kind():
    base = BASE.assign(households=[1000, 800, 600, 990])
    table = pd.DataFrame(
        {"gso_code": ["03124"], "year": [2020], "households": [1234.5], "rate_new": [3.5], "text_new": ["x"]}
    )
    update = update_survey(base, table, source="k.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    assert frame.loc[("03124", 2020), "households"] == 1234.5
    assert frame["rate_new"].dtype == "float64" and frame["text_new"].dtype == object
    assert frame.loc[("03127", 2020), "households"] == 800


def test_a_text_given_where_the_survey_holds_a_number_replaces_it():
    # a note column that held a number (an earlier import) now given as text: a change, not an error
    base = BASE.assign(note=[5.0, 7.0, np.nan, np.nan])
    table = pd.DataFrame({"gso_code": ["03124", "03127"], "year": [2020, 2020], "note": ["năm", 7.0]})
    update = update_survey(base, table, source="n.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    assert frame.loc[("03124", 2020), "note"] == "năm" and frame.loc[("03127", 2020), "note"] == 7.0
    assert (update.rows_updated, update.cells_updated) == (1, 1)


def test_a_yes_no_answer_given_as_a_word_compares_as_that_answer():
    # 03124 holds True: "có" is the same answer (no change); 03127 holds False: "có" changes it; 03130 holds
    # True: "không" is a no, a change (the words' truth as Python strings would call every one of them yes)
    table = pd.DataFrame(
        {
            "gso_code": ["03124", "03127", "03130"],
            "year": [2020] * 3,
            "grid_connected": pd.Series(["có", "có", "không"], dtype=object),
        }
    )
    update = update_survey(BASE, table, source="g.csv")
    frame = update.frame.set_index(["gso_code", "year"])
    assert (update.rows_updated, update.cells_updated) == (2, 2)
    assert frame.loc[("03124", 2020), "provenance"] == "illustrative: generated"
    assert frame.loc[("03130", 2020), "grid_connected"] == "không"

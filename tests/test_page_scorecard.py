"""ui.page_scorecard at commune level: only the indicators that exist per commune, filters by district,
indicator and status, a district column; the map names the districts (issue 14, item 8)."""

from __future__ import annotations

import pytest

from layers.catalog import SURVEY_CSV

pytestmark = pytest.mark.skipif(not SURVEY_CSV.exists(), reason="illustrative survey not generated yet")


def _page(lang: str = "vi"):
    from streamlit.testing.v1 import AppTest

    def page(lang: str) -> None:
        from ui import page_scorecard
        from ui.context import PageContext

        page_scorecard.render(PageContext(lang=lang, units="pre2025", year=2020))

    at = AppTest.from_function(page, args=(lang,), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    at.radio(key="sc_level").set_value("commune").run()
    assert not at.exception, at.exception
    return at


def test_commune_level_has_no_province_only_indicator_and_filters_by_district_indicator_status():
    at = _page("en")
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["District", "Unit", "Indicator"]
    indicators = set(table["Indicator"])
    assert "Average GRDP growth rate" not in indicators and "GDP per capita" not in indicators
    assert (
        "Doctors per 10000 people" not in indicators
        and "Poor-household rate (2016-2020 standard)" in indicators
    )
    n_communes = table["Unit"].nunique()
    assert n_communes == 130 and len(table) % 130 == 0
    # the status counts add up to the rows shown
    assert sum(int(m.value) for m in at.metric) == len(table)

    # one district: only its communes, every row names it
    at.selectbox(key="sc_filter_district_commune").set_value("096").run()
    table = at.dataframe[0].value
    assert set(table["District"]) == {"Mường Nhé"} and table["Unit"].nunique() == 11
    # one indicator: one row per commune of the district
    at.multiselect(key="sc_filter_indicators_commune").set_value(["poverty_rate"]).run()
    table = at.dataframe[0].value
    assert len(table) == 11 and table["Indicator"].nunique() == 1
    assert sum(int(m.value) for m in at.metric) == 11
    # one status: only rows of that status
    at.multiselect(key="sc_filter_statuses_commune").set_value(["met"]).run()
    table = at.dataframe[0].value
    assert set(table["Status"]) <= {"Met"}


def test_levels_note_names_the_province_only_indicators_in_vietnamese():
    at = _page("vi")
    note = next(c for c in at.caption if "12 trên 26 chỉ tiêu" in c.value)
    assert "cấp tỉnh" in note.value and "Tốc độ tăng trưởng GRDP bình quân" in note.help


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_source_is_numbered_in_the_table_and_given_in_full_below_it(lang):
    """Issue 14 item 8: the source column fits the page (its cells wrap, so they may show part of a long
    source); each distinct source is numbered in its cells and listed once, in full, under the table."""
    import re

    at = _page(lang)
    table = at.dataframe[0].value
    column = "Nguồn số đo" if lang == "vi" else "Source of the measured value"
    cells = table[column]
    numbered = cells.str.extract(r"^\((\d+)\) (.+)$", flags=re.S)
    assert numbered.notna().all().all(), cells[numbered[0].isna()].head().tolist()
    # one number per text, numbered 1, 2, ... in order of appearance
    pairs = numbered.drop_duplicates()
    assert pairs[0].tolist() == [str(i) for i in range(1, len(pairs) + 1)] and pairs[1].is_unique
    (notes,) = [
        e for e in at.expander if e.label.startswith("Nguồn số đo của" if lang == "vi" else "Sources of")
    ]
    listed = re.sub(r"\\(.)", r"\1", notes.markdown[0].value).replace("\u2060", "").splitlines()
    assert listed == [f"- ({n}) {text}" for n, text in pairs.itertuples(index=False)]

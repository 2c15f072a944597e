"""ui.page_scorecard at commune level: only the indicators that exist per commune, filters by district, indicator and
status, a district column; the map names the districts (issue 14, item 8)."""

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
    assert "Doctors per 10000 people" not in indicators and "Poor-household rate (2016-2020 standard)" in indicators
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

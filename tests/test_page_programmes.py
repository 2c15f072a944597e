"""The Programmes page runs on the 2025 units in English (the browser test drives it in Vietnamese)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _programmes_page(lang: str, units: str) -> None:
    from ui.context import PageContext
    from ui.page_programmes import render

    render(PageContext(lang=lang, units=units))


def test_the_page_runs_on_the_2025_units_in_english():
    at = AppTest.from_function(_programmes_page, args=("en", "2025"), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Which programmes reach which communes, against need"
    headers = [h.value for h in at.subheader]
    assert "Need ranking" in headers and "Gaps: neediest communes covered by no programme" in headers
    assert any("no districts" in c.value for c in at.caption)  # no district filter on the 2025 units
    ranking = at.dataframe[0].value
    assert len(ranking) == 45 and ranking["Rank"].min() == 1
    assert any(
        "off track" in m.value for m in at.markdown
    )  # the new-rural target, measured with the real counts

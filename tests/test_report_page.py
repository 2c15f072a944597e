"""The export page (ui/page_export.py): runs in both languages; a prepared export offers a download button."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _run_page(lang: str) -> None:
    from ui.context import PageContext
    from ui.page_export import render

    render(PageContext(lang=lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_export_page_runs(lang):
    at = AppTest.from_function(_run_page, args=(lang,), default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    assert at.title and at.tabs


def test_prepared_print_layout_gives_a_download_button():
    at = AppTest.from_function(_run_page, args=("vi",), default_timeout=90)
    at.run()
    at.selectbox(key="exp_district").set_value("095").run()
    at.radio(key="exp_dpi").set_value(150)
    at.button(key="prep_map_pdf").click().run()
    assert not at.exception, at.exception
    assert not at.error
    assert at.get("download_button"), "no download button after preparing the PDF"

"""Streamlit AppTest smoke tests: every page runs in both languages and both unit sets without an
exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def shown(body: str) -> str:
    """The text a reader sees of a Markdown body whose data was escaped (ui.text.escape_markdown)."""
    return re.sub(r"\\(.)", r"\1", body)


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_map_page_opens_in_vietnamese_with_the_illustrative_notice():
    at = _app()
    assert at.title[0].value == "Điện Biên — bản đồ bao phủ hạ tầng và giảm nghèo"
    assert any("Dữ liệu minh họa" in info.value for info in at.info)
    assert at.sidebar.radio(key="lang").value == "vi"


def test_switching_to_english_translates_the_page():
    at = _app()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Điện Biên — infrastructure coverage and poverty map"
    assert any("Illustrative data" in info.value for info in at.info)


def test_search_without_diacritics_finds_the_commune_and_fills_the_panel():
    at = _app()
    at.text_input(key="query").input("muong nhe").run()
    assert not at.exception
    pick = at.radio(key="search_pick")
    assert any(label.startswith("Xã Mường Nhé") for label in pick.options)
    assert any("Mường Nhé" in md.value for md in at.markdown)
    tables = [table.value for table in at.table]
    assert any("Mã xã (TCTK)" in set(frame.index) for frame in tables)


def test_2025_units_and_a_district_filter_run():
    at = _app()
    at.sidebar.radio(key="units").set_value("2025").run()
    assert not at.exception
    at.sidebar.selectbox(key="district").set_value("096").run()
    assert not at.exception


def _run_page(module: str, lang: str) -> None:
    import importlib

    from ui.context import PageContext

    importlib.import_module(module).render(PageContext(lang=lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["ui.page_flags", "ui.page_about"])
def test_other_pages_run(page, lang):
    at = AppTest.from_function(_run_page, args=(page, lang), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title and at.dataframe


def test_missing_illustrative_file_is_named_and_the_map_still_runs(monkeypatch):
    import streamlit as st

    import layers.facilities
    import layers.indicators
    import layers.power
    import layers.roads
    from geo.io import DATA_DIR

    missing = DATA_DIR / "illustrative" / "missing_for_test.gpkg"
    for module in (layers.roads, layers.power, layers.facilities):
        monkeypatch.setattr(module, "ILLUSTRATIVE_GPKG", missing)
    st.cache_data.clear()
    try:
        at = _app()
        warnings = " ".join(shown(w.value) for w in at.warning)
        assert "missing_for_test.gpkg" in warnings and "git checkout" in warnings
        assert at.title[0].value.startswith("Điện Biên")
    finally:
        st.cache_data.clear()


def test_corrupt_boundary_file_gives_a_clear_error_not_a_traceback(monkeypatch, tmp_path):
    import streamlit as st

    import layers.boundaries

    corrupt = tmp_path / "boundaries.gpkg"
    corrupt.write_bytes(b"not a geopackage")
    monkeypatch.setattr(layers.boundaries, "BOUNDARIES_GPKG", corrupt)
    st.cache_data.clear()
    try:
        at = _app()
        assert any("boundaries.gpkg" in shown(e.value) for e in at.error)
    finally:
        st.cache_data.clear()


def test_data_text_is_escaped_before_markdown():
    from ui.text import WORD_JOINER, escape_markdown

    text = "![x](http://example.org/a.png) <b>RD-0219</b> **đậm** 0,5 km"
    escaped = escape_markdown(text)
    assert "![" not in escaped and "](" not in escaped and "<b>" not in escaped and "**" not in escaped
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == text


def test_commune_panel_marks_only_illustrative_inputs_and_names_a_projects_survey():
    """The panel's sources follow each input's provenance: the embedded survey is called illustrative, a
    project's survey is named by its file and is not; the roads (still illustrative) stay marked either
    way."""
    from dataclasses import replace

    from layers import boundaries
    from layers.mapdata import with_indicators
    from ui.context import PageContext
    from ui.page_map import commune_indicator_rows
    from workflows.flags import run_flags

    run = run_flags("pre2025", year=2020)
    communes = with_indicators(
        boundaries.load_communes("pre2025", display=True), survey=run.survey, flags=run.flags
    )
    row = communes.iloc[0]  # as the Map page shows it
    ctx = PageContext(lang="vi")

    def sources(flag_run) -> dict[str, str]:
        return {r["Chỉ tiêu"]: r["Nguồn"] for r in commune_indicator_rows(ctx, row, flag_run)}

    embedded = sources(run)
    assert embedded["Tỷ lệ hộ nghèo"] == "Điều tra xã (minh họa), 2020"
    assert "lớp đường (minh họa)" in embedded["Khoảng cách từ trụ sở xã đến đường quanh năm gần nhất"]

    real = replace(
        run.sources["survey"],
        illustrative=False,
        source="Sở LĐ-TB&XH",
        source_file="dieu_tra_2020.xlsx",
        imported_at="2026-11-30T03:00:00+00:00",
    )
    project = sources(replace(run, sources={**run.sources, "survey": real}))
    assert project["Tỷ lệ hộ nghèo"] == "Điều tra xã của dự án (dieu_tra_2020.xlsx), 2020"
    assert "minh họa" not in project["Tỷ lệ hộ nghèo"]
    assert "lớp đường (minh họa)" in project["Khoảng cách từ trụ sở xã đến đường quanh năm gần nhất"]

"""Import page (AppTest): opens in both languages, lists the project's versions and restores one."""

from __future__ import annotations

import geopandas as gpd
import shapely
from streamlit.testing.v1 import AppTest

from geo.project import list_versions, read_current_layer, save_layer


def _page(lang: str, project: str) -> None:
    import streamlit as st

    from ui import page_import
    from ui.context import PageContext

    st.session_state.setdefault("project_path", project)
    page_import.render(PageContext(lang=lang, project=project))


def _schools(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": ["<script>alert(1)</script>"] * n, "level": ["thcs"] * n},
                            geometry=[shapely.Point(103.0, 21.4)] * n, crs=4326)


def test_page_lists_versions_and_restores(tmp_path):
    project = str(tmp_path / "p.gpkg")
    save_layer(project, "schools", _schools(1), source_file="a.geojson")
    save_layer(project, "schools", _schools(2), source_file="b.geojson")
    at = AppTest.from_function(_page, args=("en", project), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Bring in your data"
    at.selectbox(key="restore_choice").set_value("schools v1")
    at.button(key="restore_button").click().run()
    assert not at.exception, at.exception
    assert len(read_current_layer(project, "schools")[0]) == 1
    assert list_versions(project, "schools")["current"].tolist() == [0, 1]


def test_page_opens_in_vietnamese_without_a_project(tmp_path):
    at = AppTest.from_function(_page, args=("vi", str(tmp_path / "new.gpkg")), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Nhập dữ liệu của bạn"
    assert any("chưa có lớp" in c.value for c in at.caption)

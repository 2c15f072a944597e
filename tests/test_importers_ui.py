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


def test_versions_table_speaks_the_page_language(tmp_path):
    import pandas as pd

    from geo.project import NewLayer, save_layers
    from ui.context import PageContext
    from ui.page_import import versions_display_table

    project = str(tmp_path / "p.gpkg")
    save_layer(project, "schools", _schools(1), source_file="a.geojson")
    survey = pd.DataFrame({"gso_code": ["03127"], "year": [2020]})
    save_layers(project, [NewLayer("survey_2025", survey, "xa_2025.csv")])
    internal = {"key", "version", "current", "source_file", "imported_at", "note", "licence", "n_features"}
    vi = versions_display_table(PageContext(lang="vi"), list_versions(project))
    assert not internal & set(vi.columns)
    assert {"Phiên bản", "Đang dùng", "Tệp gốc", "Giấy phép", "Số đối tượng"} <= set(vi.columns)
    assert set(vi["Lớp dữ liệu"]) == {"Trường học", "Bảng số liệu cấp xã (45 xã/phường từ 1/7/2025)"}
    assert set(vi["Đang dùng"]) == {"có"}
    en = versions_display_table(PageContext(lang="en"), list_versions(project))
    assert set(en["Data layer"]) == {"Schools", "Commune table (45 communes from 1 July 2025)"}
    assert {"Version", "In use", "Source file", "Licence", "Features"} <= set(en.columns)


def test_versions_table_shown_in_vietnamese_on_the_page(tmp_path):
    project = str(tmp_path / "p.gpkg")
    save_layer(project, "schools", _schools(1), source_file="a.geojson")
    at = AppTest.from_function(_page, args=("vi", project), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    columns = set(at.dataframe[-1].value.columns)
    assert "Phiên bản" in columns and not {"key", "source_file", "current", "n_features"} & columns


def test_grid_summary_and_size_refusal_use_the_page_number_format():
    import numpy as np
    from affine import Affine

    from geo.archives import MIB
    from geo.rasters import RasterLayer
    from ui.context import PageContext
    from ui.page_import import raster_summary, too_large_message

    grid = RasterLayer(kind="dem", array=np.array([[1234.5, np.nan], [20000.0, 3.0]] * 600, dtype="float32"),
                       transform=Affine.identity())
    assert raster_summary(PageContext(lang="vi"), grid) == "Lưới 2×1.200 ô, giá trị 3,0–20.000,0"
    assert raster_summary(PageContext(lang="en"), grid) == "Grid 2×1,200 cells, values 3.0–20,000.0"
    assert "(250,5 MiB, giới hạn 200 MiB)" in too_large_message(PageContext(lang="vi"), int(250.5 * MIB))
    assert "(250.5 MiB, limit 200 MiB)" in too_large_message(PageContext(lang="en"), int(250.5 * MIB))

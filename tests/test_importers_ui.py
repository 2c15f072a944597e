"""Import page (AppTest): projects chosen by name (never a path), versions listed and restored, both
languages."""

from __future__ import annotations

import geopandas as gpd
import shapely
from streamlit.testing.v1 import AppTest

from geo.project import list_versions, read_current_layer, save_layer


def _page(lang: str, name: str | None) -> None:
    import streamlit as st

    from ui import page_import
    from ui.context import PageContext
    from ui.state import PROJECT_KEY

    if name:
        st.session_state.setdefault(PROJECT_KEY, name)
    page_import.render(PageContext(lang=lang))


def _schools(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["<script>alert(1)</script>"] * n, "level": ["thcs"] * n},
        geometry=[shapely.Point(103.0, 21.4)] * n,
        crs=4326,
    )


def test_page_lists_versions_and_restores(projects_dir):
    project = str(projects_dir / "p.gpkg")
    save_layer(project, "schools", _schools(1), source_file="a.geojson")
    save_layer(project, "schools", _schools(2), source_file="b.geojson")
    at = AppTest.from_function(_page, args=("en", "p"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="project_choice").value == "p"
    assert at.title[0].value == "Bring in your data"
    at.selectbox(key="restore_choice").set_value("schools v1")
    at.button(key="restore_button").click().run()
    assert not at.exception, at.exception
    assert len(read_current_layer(project, "schools")[0]) == 1
    assert list_versions(project, "schools")["current"].tolist() == [0, 1]


def test_page_opens_in_vietnamese_without_a_project(projects_dir):
    at = AppTest.from_function(_page, args=("vi", None), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Nhập dữ liệu của bạn"
    assert at.selectbox(key="project_choice").value == "du_an"  # proposed; made by the first save
    assert any("chưa có lớp" in c.value for c in at.caption)
    assert not projects_dir.exists()


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


def test_versions_table_shown_in_vietnamese_on_the_page(projects_dir):
    project = str(projects_dir / "p.gpkg")
    save_layer(project, "schools", _schools(1), source_file="a.geojson")
    at = AppTest.from_function(_page, args=("vi", "p"), default_timeout=60)
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

    grid = RasterLayer(
        kind="dem",
        array=np.array([[1234.5, np.nan], [20000.0, 3.0]] * 600, dtype="float32"),
        transform=Affine.identity(),
    )
    assert raster_summary(PageContext(lang="vi"), grid) == "Lưới 2×1.200 ô, giá trị 3,0–20.000,0"
    assert raster_summary(PageContext(lang="en"), grid) == "Grid 2×1,200 cells, values 3.0–20,000.0"
    assert "(250,5 MiB, giới hạn 200 MiB)" in too_large_message(PageContext(lang="vi"), int(250.5 * MIB))
    assert "(250.5 MiB, limit 200 MiB)" in too_large_message(PageContext(lang="en"), int(250.5 * MIB))


def test_projects_are_chosen_from_the_folder_by_name_never_by_path(projects_dir, tmp_path):
    for name in ("b", "a"):
        save_layer(projects_dir / f"{name}.gpkg", "schools", _schools(1), source_file="a.geojson")
    (projects_dir / "ghi chu.gpkg").write_bytes(b"")  # not a name this tool gives: not offered
    at = AppTest.from_function(_page, args=("en", None), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="project_choice").options == ["a", "b", "+ New project…"]
    assert [t.key for t in at.text_input] == ["import_note"]  # no box takes a path
    assert at.selectbox(key="project_choice").set_value("b").run().session_state["project_name"] == "b"


def test_a_new_project_gets_a_checked_name_and_is_made_in_the_folder(projects_dir, tmp_path):
    outside = sorted(p.name for p in tmp_path.iterdir())
    at = AppTest.from_function(_page, args=("en", None), default_timeout=60)
    at.run()
    at.selectbox(key="project_choice").set_value("").run()  # "+ New project…"
    for typed, why in [
        ("../../tmp/x", "not '.' '/'"),
        ("/etc/passwd", "'/'"),
        ("x.gpkg", ".gpkg is added by the tool"),
        ("![a](http://example.invalid/a.png)", "not '!' '(' ')'"),
        ("Mường Nhé", "For example: 'Mường_Nhé'"),
    ]:
        at.text_input(key="project_new_name").set_value(typed).run()
        assert not at.exception, at.exception
        assert why in at.error[0].value.replace("\\", "")  # shown as text: markdown specials escaped
        assert at.button(key="project_create").disabled
    assert not projects_dir.exists() and sorted(p.name for p in tmp_path.iterdir()) == outside
    at.text_input(key="project_new_name").set_value("Mường_Nhé").run()
    assert not at.error and not at.button(key="project_create").disabled
    at.button(key="project_create").click().run()
    assert not at.exception, at.exception
    assert at.session_state["project_name"] == "Mường_Nhé"
    assert at.selectbox(key="project_choice").value == "Mường_Nhé"
    at.file_uploader(key="import_file").upload(
        "khao_sat.csv", b"gso_code,year,poor_hh_rate_pct\n03124,2020,40\n", "text/csv"
    ).run()
    at.button(key="import_accept").click().run()
    assert not at.exception, at.exception
    assert sorted(p.name for p in projects_dir.iterdir()) == ["Mường_Nhé.gpkg"]
    assert list_versions(projects_dir / "Mường_Nhé.gpkg")["source_file"].tolist() == ["khao_sat.csv"]

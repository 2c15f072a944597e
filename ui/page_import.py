"""Import page: upload a file, preview it (table, small map, every problem), accept it into the project; versions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.archives import DEFAULT_LIMITS, MB
from geo.errors import AppError
from geo.project import NewLayer, list_versions, restore_version, save_layers, sha256_of
from geo.rasters import RasterLayer
from layers.imports import KINDS, ImportResult, import_upload, preview_map
from ui.context import PageContext

PAGE = {"title": ("Nhập dữ liệu", "Import data"), "icon": ":material/upload_file:", "order": 50}
DEFAULT_PROJECT = str(Path.home() / "DienBien" / "du_an.gpkg")
UPLOAD_TYPES = ["csv", "txt", "xlsx", "xls", "gpkg", "geojson", "json", "zip", "kml", "kmz", "osm", "pbf", "tif", "tiff"]


@st.cache_data(show_spinner=False, max_entries=4)
def _checked_upload(name: str, data: bytes, layer: str | None, units: str, epsg: int | None) -> ImportResult:
    """Import an upload once per (file, choices); raises AppError, which is not cached."""
    return import_upload(name, data, layer=layer, units=units, assume_epsg=epsg)


def _project_box(ctx: PageContext) -> str:
    current = st.session_state.get("project_path") or DEFAULT_PROJECT
    path = st.text_input(ctx.pick("Tệp dự án (GeoPackage, mở được bằng QGIS)", "Project file (GeoPackage, opens in QGIS)"),
                         value=current, key="project_path_input")
    if path and path != st.session_state.get("project_path"):
        if not path.lower().endswith(".gpkg"):
            st.error(ctx.pick("Tệp dự án phải có đuôi .gpkg.", "The project file must end in .gpkg."))
        else:
            st.session_state["project_path"] = path  # plain key: kept on every page (app.py reads it)
    return st.session_state.get("project_path") or path


def _show_problems(ctx: PageContext, exc: AppError) -> None:
    st.error(ctx.pick(f"Không nhận tệp: {len(exc.problems)} vấn đề. Không có gì được ghi.",
                      f"File refused: {len(exc.problems)} problem(s). Nothing was written."))
    table = pd.DataFrame([{ctx.pick("Dòng/đối tượng", "Row/feature"): p.row, ctx.pick("Cột", "Column"): p.column,
                           ctx.t("value"): p.value, ctx.pick("Vấn đề và cách sửa", "Problem and what to do"):
                               p.vi if ctx.lang == "vi" else p.en} for p in exc.problems])
    st.dataframe(table, hide_index=True, width="stretch")  # shown as text, never as HTML


def _preview(ctx: PageContext, result: ImportResult) -> None:
    for note in result.notes:
        st.info(note.render(ctx.lang))
    for key, frame in result.layers.items():
        title = KINDS[key].title[1 if ctx.lang == "en" else 0] if key in KINDS else key
        st.subheader(f"{title} — {len(frame)}")
        if isinstance(frame, RasterLayer):
            values = frame.array[np.isfinite(frame.array)]
            st.write(ctx.pick(f"Lưới {frame.array.shape[1]}×{frame.array.shape[0]} ô, giá trị {values.min():.1f}–"
                              f"{values.max():.1f}", f"Grid {frame.array.shape[1]}×{frame.array.shape[0]} cells, "
                              f"values {values.min():.1f}–{values.max():.1f}"))
            continue
        st.dataframe(pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).head(200), hide_index=True,
                     width="stretch")
        if "geometry" in frame:
            st_folium(preview_map(frame, lang=ctx.lang), height=320, returned_objects=[], key=f"preview_{key}")


def _versions(ctx: PageContext, project: str) -> None:
    st.subheader(ctx.pick("Các phiên bản trong dự án", "Versions in the project"))
    if not Path(project).exists():
        st.caption(ctx.pick("Dự án chưa có lớp nào.", "The project has no layer yet."))
        return
    try:
        versions = list_versions(project)
    except AppError as exc:
        st.error(exc.render(ctx.lang))
        return
    shown = versions[["key", "version", "current", "source_file", "imported_at", "note", "licence", "n_features"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    if versions.empty:
        return
    options = [f"{k} v{v}" for k, v in zip(versions["key"], versions["version"], strict=True)]
    choice = st.selectbox(ctx.pick("Khôi phục phiên bản", "Restore a version"), options, key="restore_choice")
    if st.button(ctx.pick("Khôi phục", "Restore"), key="restore_button"):
        key, version = choice.rsplit(" v", 1)
        try:
            restore_version(project, key, int(version))
        except (AppError, OSError) as exc:
            st.error(exc.render(ctx.lang) if isinstance(exc, AppError) else str(exc))
            return
        st.cache_data.clear()  # every cached layer of this project is stale now
        st.success(ctx.pick(f"Đã khôi phục {choice}.", f"{choice} restored."))
        st.rerun()


def render(ctx: PageContext) -> None:
    """Draw the import page."""
    st.title(ctx.pick("Nhập dữ liệu của bạn", "Bring in your data"))
    st.caption(ctx.pick(
        "Bảng cấp xã (CSV, XLSX), lớp bản đồ (GeoPackage, GeoJSON, Shapefile nén zip, KML, MapInfo nén zip), điểm "
        "có kinh độ/vĩ độ hoặc tọa độ VN-2000, bản trích OpenStreetMap (.osm, .osm.pbf), GeoTIFF (DEM, dân số). "
        "Tệp gốc không bao giờ bị sửa; dữ liệu có sẵn chỉ đọc.",
        "Commune tables (CSV, XLSX), map layers (GeoPackage, GeoJSON, zipped Shapefile, KML, zipped MapInfo), points "
        "with longitude/latitude or VN-2000 x/y, OpenStreetMap extracts (.osm, .osm.pbf), GeoTIFF (DEM, population). "
        "Your original files are never modified; the embedded data stays read-only."))
    project = _project_box(ctx)
    upload = st.file_uploader(ctx.pick("Chọn tệp", "Choose a file"), type=UPLOAD_TYPES, key="import_file")
    kinds = ["auto", *KINDS]
    col1, col2, col3 = st.columns(3)
    kind = col1.selectbox(ctx.pick("Loại lớp", "Layer kind"), kinds, key="import_kind",
                          format_func=lambda k: ctx.pick("tự nhận (bảng, OSM)", "automatic (tables, OSM)") if k == "auto"
                          else KINDS[k].title[1 if ctx.lang == "en" else 0])
    epsg = col2.number_input(ctx.pick("EPSG khi tệp không có CRS", "EPSG when the file has no CRS"), min_value=0,
                             value=0, step=1, key="import_epsg", help="9205 = VN-2000 / TM-3 103-00")
    note = col3.text_input(ctx.pick("Ghi chú (nguồn, năm)", "Note (source, year)"), key="import_note")
    if upload is not None:
        if upload.size > DEFAULT_LIMITS.max_upload_bytes:
            st.error(ctx.pick(f"Tệp quá lớn (giới hạn {DEFAULT_LIMITS.max_upload_bytes // MB} MB).",
                              f"File too large (limit {DEFAULT_LIMITS.max_upload_bytes // MB} MB)."))
        else:
            data = upload.getvalue()
            try:
                result = _checked_upload(upload.name, data, None if kind == "auto" else kind, ctx.units,
                                         int(epsg) or None)
            except AppError as exc:
                _show_problems(ctx, exc)
            else:
                _preview(ctx, result)
                if st.button(ctx.pick("Nhận và lưu vào dự án", "Accept and save into the project"), type="primary",
                             key="import_accept"):
                    try:
                        versions = save_layers(project, [
                            NewLayer(key, frame, upload.name, note=note, source=result.source, licence=result.licence,
                                     source_sha256=sha256_of(data)) for key, frame in result.layers.items()])
                    except (AppError, OSError) as exc:
                        st.error(exc.render(ctx.lang) if isinstance(exc, AppError) else
                                 ctx.pick(f"Không ghi được dự án: {exc}", f"Cannot write the project: {exc}"))
                    else:
                        st.cache_data.clear()
                        st.success(", ".join(f"{k} v{v}" for k, v in versions.items()))
    _versions(ctx, project)

"""Import page: upload a file, preview it (table, small map, every problem), accept it into the project;
versions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.archives import DEFAULT_LIMITS, format_mib
from geo.errors import AppError, InputError
from geo.i18n import column_title, format_datetime, format_number
from geo.project import list_versions, restore_version
from geo.project_folder import (
    DEFAULT_PROJECT_NAME,
    MAX_NAME_CHARS,
    check_new_project_name,
    list_projects,
    project_path,
)
from geo.provenance import provenance_text
from geo.rasters import RasterLayer
from layers.imports import KINDS, ImportResult, preview_map
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import escape_markdown, uploader_style
from workflows.imports import TABLE_LAYERS, accept_import, describe_update, layer_title, plan_import

PAGE = {"title": "page_import", "icon": ":material/upload_file:", "order": 50}
NEW_PROJECT = ""  # the "new project" entry of the project list: never a valid project name
UPLOAD_TYPES = [
    "csv",
    "txt",
    "xlsx",
    "xls",
    "gpkg",
    "geojson",
    "json",
    "zip",
    "kml",
    "kmz",
    "osm",
    "pbf",
    "tif",
    "tiff",
]


def _use_new_project(existing: list[str]) -> None:
    """Button callback: the checked new name becomes the chosen project (its file is made by the first
    save)."""
    try:
        name = check_new_project_name(st.session_state.get(state.PROJECT_NEW_NAME, ""), existing=existing)
    except InputError:
        return  # the page already shows why
    st.session_state[state.PROJECT_KEY] = name
    st.session_state[state.PROJECT_CHOICE] = name  # allowed in a callback: the list now shows and selects it


def _project_box(ctx: PageContext) -> str | None:
    """Choose a project by name in the server's projects folder, or name a new one; never a path from the
    browser.

    Returns the chosen project's file (worked out here, on the server) or ``None`` while a new name is being
    typed.
    """
    try:
        names = list_projects()
    except AppError as exc:  # the server's DIENBIEN_PROJECTS_DIR is not allowed
        st.error(escape_markdown(exc.render(ctx.lang)))
        return None
    chosen = st.session_state.get(state.PROJECT_KEY)
    options = sorted(
        {*names, *([chosen] if chosen else [])} or {DEFAULT_PROJECT_NAME}, key=lambda n: (n.casefold(), n)
    )
    # given again on every run, so that a change of language relabels it (Streamlit keeps the label of a keyed
    # choice it was not sent again: "+ New project…")
    state.restore(state.PROJECT_CHOICE, chosen if chosen in options else options[0], [*options, NEW_PROJECT])
    choice = st.selectbox(
        ctx.t("imp_project_geopackage_file_opens"),
        [*options, NEW_PROJECT],
        key=state.PROJECT_CHOICE,
        format_func=lambda n: ctx.t("imp_new_project") if n == NEW_PROJECT else n,
        placeholder=ctx.t("choose_placeholder"),
    )
    if choice != NEW_PROJECT:
        st.session_state[state.PROJECT_KEY] = (
            choice  # the name only: app.py works out the file for every page
        )
        file_name = escape_markdown(f"{choice}.gpkg")
        st.caption(ctx.t("imp_project_file", file=file_name))
        return str(project_path(choice))
    typed = st.text_input(
        ctx.t("imp_new_project_name"),
        key=state.PROJECT_NEW_NAME,
        max_chars=MAX_NAME_CHARS,
        help=ctx.t("imp_letters_vietnamese_included_digits"),
    )
    problem = None
    if typed:
        try:
            check_new_project_name(typed, existing=names)
        except InputError as exc:
            problem = exc
            # the typed text is shown as text, never as markdown
            st.error(escape_markdown(exc.render(ctx.lang)))
    st.button(
        ctx.t("imp_create_the_project"),
        key=state.PROJECT_CREATE,
        disabled=not typed or problem is not None,
        on_click=_use_new_project,
        args=(names,),
    )
    return None


def _show_problems(ctx: PageContext, exc: AppError) -> None:
    st.error(ctx.t("imp_refused", n=format_number(len(exc.problems), ctx.lang)))
    table = pd.DataFrame(
        [
            {
                ctx.t("imp_row_feature"): p.row,
                ctx.t("imp_column"): p.column,
                ctx.t("value"): p.value,
                ctx.t("imp_problem_and_what_to"): p.vi if ctx.lang == "vi" else p.en,
            }
            for p in exc.problems
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")  # shown as text, never as HTML


def raster_summary(ctx: PageContext, raster: RasterLayer) -> str:
    """One line on an imported grid: its size in cells and its range of values, in the page's number
    format."""
    rows, cols = raster.array.shape
    values = raster.array[np.isfinite(raster.array)]
    low, high = (float(values.min()), float(values.max())) if values.size else (None, None)
    size = f"{format_number(cols, ctx.lang)}×{format_number(rows, ctx.lang)}"
    span = f"{format_number(low, ctx.lang, decimals=1)}–{format_number(high, ctx.lang, decimals=1)}"
    return ctx.t("imp_grid_summary", size=size, span=span)


def _preview(ctx: PageContext, result: ImportResult) -> None:
    for note in result.notes:
        st.info(escape_markdown(note.render(ctx.lang)))
    for key, frame in result.layers.items():
        st.subheader(f"{layer_title(key, ctx.lang)} — {format_number(len(frame), ctx.lang)}")
        if isinstance(frame, RasterLayer):
            st.write(raster_summary(ctx, frame))
            continue
        st.dataframe(
            preview_table(ctx, pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).head(200)),
            hide_index=True,
            width="stretch",
        )
        if "geometry" in frame:
            st_folium(
                preview_map(frame, lang=ctx.lang, asset_base_url=ASSET_BASE_URL),
                height=320,
                returned_objects=[],
                key=state.import_preview_map(key),
            )


def _cell(ctx: PageContext, value: object, *, year: bool = False) -> str:
    """One preview cell as text in the page's language: empty when missing, yes/no, numbers in the local
    format."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool | np.bool_):
        return ctx.t("yes") if value else ctx.t("no")
    if isinstance(value, int | np.integer):
        return str(int(value)) if year else format_number(int(value), ctx.lang)
    if isinstance(value, float | np.floating):
        if year and float(value).is_integer():
            return str(int(value))
        return format_number(float(value), ctx.lang, decimals=0 if float(value).is_integer() else 2)
    return str(value)


def preview_table(ctx: PageContext, frame: pd.DataFrame) -> pd.DataFrame:
    """Return an imported table as the preview shows it: known columns by their name in the page language
    (others as the file names them), missing values empty (never "None"), yes/no and numbers in the page's
    language."""
    names = [column_title(c, ctx.lang) for c in frame.columns]
    names = [n if names.count(n) == 1 else str(c) for n, c in zip(names, frame.columns, strict=True)]
    # 2020, not 2.020
    years = [str(c).lower().endswith("year") or str(c).lower() == "nam" for c in frame.columns]
    table = pd.DataFrame(
        {i: [_cell(ctx, v, year=years[i]) for v in frame.iloc[:, i]] for i in range(frame.shape[1])}
    )
    table.columns = names
    return table


def versions_display_table(ctx: PageContext, versions: pd.DataFrame) -> pd.DataFrame:
    """Return the project's versions as the page shows them: headers and layer names in the page language."""

    def text(column: str) -> list[str]:
        return ["" if v is None or v != v else str(v) for v in versions[column]]

    return pd.DataFrame(
        {
            ctx.t("data_layer"): [layer_title(str(k), ctx.lang) for k in versions["key"]],
            ctx.t("import_version"): [format_number(v, ctx.lang) for v in versions["version"]],
            ctx.t("import_current"): [
                ctx.t("yes") if v == v and bool(v) else ctx.t("no") for v in versions["current"]
            ],
            ctx.t("import_source_file"): text("source_file"),
            ctx.t("import_imported_at"): [format_datetime(v, ctx.lang) for v in text("imported_at")],
            ctx.t("import_note"): text("note"),
            ctx.t("licence"): [provenance_text(v, ctx.lang) for v in text("licence")],
            ctx.t("import_n_features"): [format_number(v, ctx.lang) for v in versions["n_features"]],
        }
    )


def _version_name(ctx: PageContext, option: str) -> str:
    key, version = option.rsplit(" v", 1)
    return f"{layer_title(key, ctx.lang)} — {ctx.t('import_version').lower()} {version}"


def _versions(ctx: PageContext, project: str) -> None:
    st.subheader(ctx.t("imp_versions_in_the_project"))
    if not Path(project).exists():
        st.caption(ctx.t("imp_the_project_has_no"))
        return
    try:
        versions = list_versions(project)
    except AppError as exc:
        st.error(escape_markdown(exc.render(ctx.lang)))
        return
    st.dataframe(versions_display_table(ctx, versions), hide_index=True, width="stretch")
    if versions.empty:
        return
    options = [f"{k} v{v}" for k, v in zip(versions["key"], versions["version"], strict=True)]
    state.restore(state.RESTORE_CHOICE, options[0], options)  # relabelled on a change of language
    choice = st.selectbox(
        ctx.t("imp_restore_a_version"),
        options,
        key=state.RESTORE_CHOICE,
        format_func=lambda o: _version_name(ctx, o),
        placeholder=ctx.t("choose_placeholder"),
    )
    if st.button(ctx.t("imp_restore"), key=state.RESTORE_BUTTON):
        key, version = choice.rsplit(" v", 1)
        try:
            restore_version(project, key, int(version))
        except (AppError, OSError) as exc:
            st.error(escape_markdown(exc.render(ctx.lang) if isinstance(exc, AppError) else str(exc)))
            return
        cache.clear()  # every cached layer of this project is stale now
        name = escape_markdown(_version_name(ctx, choice))
        st.success(ctx.t("imp_restored", name=name))
        st.rerun()


def too_large_message(ctx: PageContext, size: int) -> str:
    """The refusal of an upload over the limit (the unit and limit of ``geo.archives``, as every message
    states it)."""
    limit = format_mib(DEFAULT_LIMITS.max_upload_bytes, ctx.lang)
    got = format_mib(size, ctx.lang)
    return ctx.t("imp_too_large", got=got, limit=limit)


def render(ctx: PageContext) -> None:
    """Draw the import page."""
    st.title(ctx.t("imp_bring_in_your_data"))
    st.caption(ctx.t("imp_commune_tables_csv_xlsx"))
    project = _project_box(ctx)
    st.html(uploader_style(ctx, UPLOAD_TYPES))
    upload = st.file_uploader(ctx.t("imp_choose_a_file"), type=UPLOAD_TYPES, key=state.IMPORT_FILE)
    kinds = ["auto", *KINDS]
    col1, col2, col3 = st.columns(3)
    state.restore(state.IMPORT_KIND, "auto", kinds)  # relabelled on a change of language
    kind = col1.selectbox(
        ctx.t("imp_layer_kind"),
        kinds,
        key=state.IMPORT_KIND,
        format_func=lambda k: ctx.t("imp_automatic_tables_osm") if k == "auto" else ctx.t(KINDS[k].title),
        placeholder=ctx.t("choose_placeholder"),
    )
    epsg = col2.number_input(
        ctx.t("imp_epsg_when_the_file"),
        min_value=0,
        value=0,
        step=1,
        key=state.IMPORT_EPSG,
        help="9205 = VN-2000 / TM-3 103-00",
    )
    note = col3.text_input(ctx.t("imp_note_source_year"), key=state.IMPORT_NOTE)
    if upload is not None:
        if upload.size > DEFAULT_LIMITS.max_upload_bytes:
            st.error(too_large_message(ctx, upload.size))
        else:
            data = upload.getvalue()
            names = cache.upload_layers(upload.name, data)
            source_layer = None
            # a GeoPackage with several tables: the user chooses which one this import reads
            if len(names) > 1:
                source_layer = st.selectbox(
                    ctx.t("imp_layer_in_the_file"),
                    names,
                    key=state.IMPORT_SOURCE_LAYER,
                    placeholder=ctx.t("choose_placeholder"),
                )
            try:
                result = cache.checked_upload(
                    upload.name,
                    data,
                    None if kind == "auto" else kind,
                    ctx.units,
                    int(epsg) or None,
                    source_layer,
                )
            except AppError as exc:
                _show_problems(ctx, exc)
            else:
                _preview(ctx, result)
                replace = False
                if any(key in TABLE_LAYERS for key in result.layers):
                    replace = st.checkbox(ctx.t("import_replace"), key=state.IMPORT_REPLACE)
                    for update in plan_import(project, result, replace=replace).values():
                        (st.warning if update.replaced else st.info)(
                            escape_markdown(describe_update(update, ctx.lang))
                        )
                if project is None:
                    st.info(ctx.t("imp_choose_or_create_a"))
                elif st.button(ctx.t("imp_accept_and_save_into"), type="primary", key=state.IMPORT_ACCEPT):
                    try:
                        versions = accept_import(
                            project, upload.name, data, result, note=note, replace=replace
                        )
                    except (AppError, OSError) as exc:
                        st.error(
                            escape_markdown(
                                exc.render(ctx.lang)
                                if isinstance(exc, AppError)
                                else ctx.t("imp_cannot_write", error=exc)
                            )
                        )
                    else:
                        cache.clear()
                        st.success(
                            escape_markdown(
                                ", ".join(_version_name(ctx, f"{k} v{v}") for k, v in versions.items())
                            )
                        )
    if project is not None:
        _versions(ctx, project)

"""Export page: print layouts, standalone HTML, tables, data packages and fact sheets as download buttons."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.errors import AppError
from geo.i18n import t
from geo.provenance import illustrative_note
from geo.vocab import LANGS, LEVELS
from report.layout import PrintSettings
from report.mapdata import DEFAULT_VISIBLE, LAYER_KEYS, MapRequest
from report.output import LEVEL_WORDS, export_file_name
from report.tables import XLSX_MIME
from ui import cache, state
from ui.cache import ExportKey
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.exports import factsheet_request

PAGE = {"title": "page_export", "icon": ":material/download:", "order": 40}
_MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "html": "text/html",
    "csv": "text/csv",
    "xlsx": XLSX_MIME,
    "gpkg": "application/geopackage+sqlite3",
    "geojson": "application/zip",
    "shp": "application/zip",
    "kml": "application/vnd.google-earth.kml+xml",
}


def _request(
    ctx: PageContext, district: str | None, scheme: str, k: int, visible: tuple[str, ...]
) -> MapRequest:
    return MapRequest(
        units=ctx.units,
        year=ctx.year,
        district=district,
        lang=ctx.lang,
        scheme=scheme,
        k=k,
        thresholds=ctx.thresholds,
        visible=visible,
        project=ctx.project,
    )


def _download(ctx: PageContext, label: str, build, file_name: str, fmt: str, key: str) -> None:
    """A "prepare" button, then the download button of the prepared file (errors shown, never a traceback)."""
    if st.button(ctx.t("exp_prepare_file") + f" ({fmt.upper()})", key=state.prepare_button(key)):
        st.session_state[state.prepared(key)] = True
    if not st.session_state.get(state.prepared(key)):
        return
    try:
        with st.spinner(ctx.t("exp_building_the_file")):
            data = build()
    except AppError as exc:
        st.error(escape_markdown(exc.render(ctx.lang)))
        return
    st.download_button(
        label,
        data,
        file_name=file_name,
        mime=_MIME.get(fmt, "application/octet-stream"),
        key=state.download_button(key),
        icon=":material/download:",
    )


def render(ctx: PageContext) -> None:
    """Draw the export page."""
    st.title(ctx.t("exp_maps_and_tables_for"))
    try:
        districts_frame = cache.display_districts()
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    districts = dict(zip(districts_frame["district_code"], districts_frame["district"], strict=True))
    current = state.kept(state.MAP_DISTRICT)  # the Map page's choices preset this page's
    options = ["all", *sorted(districts)]
    col1, col2, col3 = st.columns(3)
    # each choice whose labels depend on the language is given again on every run, so that a switch relabels
    # it (Streamlit keeps the label of a keyed choice it was not sent again)
    with col1:
        state.restore(state.EXPORT_DISTRICT, current if current in options else "all", options)
        choice = st.selectbox(
            ctx.t("district_filter"),
            options,
            key=state.EXPORT_DISTRICT,
            format_func=lambda c: ctx.t("all_districts") if c == "all" else districts[c],
            placeholder=ctx.t("choose_placeholder"),
        )
    district = None if choice == "all" else choice
    with col2:
        schemes = ("quantiles", "natural_breaks", "fixed_bands")
        state.restore(state.EXPORT_SCHEME, state.kept(state.MAP_SCHEME, "quantiles"), schemes)
        scheme = st.selectbox(
            ctx.t("classification"),
            schemes,
            format_func=ctx.t,
            key=state.EXPORT_SCHEME,
            placeholder=ctx.t("choose_placeholder"),
        )
    with col3:
        k = st.slider(
            ctx.t("n_classes"), 3, 7, int(state.kept(state.MAP_CLASSES, 5)), key=state.EXPORT_CLASSES
        )
    layer_names = {
        key: (ctx.t(f"layer_{key}") if key != "power" else ctx.t("layer_power")) for key in LAYER_KEYS
    }
    state.restore(state.EXPORT_LAYERS, list(DEFAULT_VISIBLE), LAYER_KEYS)
    visible = tuple(
        st.multiselect(
            ctx.t("layers"),
            LAYER_KEYS,
            key=state.EXPORT_LAYERS,
            format_func=layer_names.get,
            placeholder=ctx.t("choose_placeholder"),
        )
    )
    key = ExportKey.of(_request(ctx, district, scheme, k, visible))
    # The maps draw the layers chosen; the tables and fact sheets always read the survey and the flags'
    # inputs.
    note = illustrative_note(
        cache.shown_sources((*visible, "poverty", "flags"), ctx.units, ctx.project), ctx.lang
    )
    if note:
        st.info(note, icon=":material/warning:")
    stamp = dt.date.today().isoformat()
    place = districts[district] if district else None
    tab_print, tab_html, tab_tables, tab_data, tab_sheets, tab_targets = st.tabs(
        [
            ctx.t("exp_print_pdf_png"),
            "HTML",
            ctx.t("exp_tables"),
            ctx.t("exp_data"),
            ctx.t("exp_fact_sheets"),
            ctx.t("exp_2020_targets"),
        ]
    )
    with tab_print:
        # the default title follows the language; a title the user typed is kept
        if st.session_state.get(state.EXPORT_TITLE) in (None, *(t("app_title", lang) for lang in LANGS)):
            st.session_state[state.EXPORT_TITLE] = ctx.t("app_title")
        title = st.text_input(ctx.t("exp_title"), max_chars=500, key=state.EXPORT_TITLE)
        subtitle = (
            st.text_input(ctx.t("exp_subtitle_empty_automatic"), max_chars=500, key=state.EXPORT_SUBTITLE)
            or None
        )
        c1, c2, c3, c4 = st.columns(4)
        paper = c1.radio(ctx.t("exp_paper"), ("A4", "A3"), horizontal=True, key=state.EXPORT_PAPER)
        orientations = ("landscape", "portrait")
        state.restore(state.EXPORT_ORIENTATION, orientations[0], orientations)
        orientation = c2.radio(
            ctx.t("exp_orientation"),
            orientations,
            horizontal=True,
            key=state.EXPORT_ORIENTATION,
            format_func=lambda o: {"landscape": ctx.t("exp_landscape"), "portrait": ctx.t("exp_portrait")}[o],
        )
        dpi = c3.radio("DPI", (150, 300), horizontal=True, key=state.EXPORT_DPI)
        fmt = c4.radio(ctx.t("exp_format"), ("pdf", "png"), horizontal=True, key=state.EXPORT_MAP_FORMAT)
        _download(
            ctx,
            ctx.t("exp_download_print_layout"),
            lambda: cache.map_bytes(
                key,
                fmt,
                PrintSettings(paper=paper, orientation=orientation, dpi=dpi, title=title, subtitle=subtitle),
            ),
            export_file_name("ban_do", fmt, place=place, units=ctx.units, year=ctx.year, stamp=stamp),
            fmt,
            f"map_{fmt}",
        )
    with tab_html:
        st.caption(ctx.t("exp_one_html_file_that"))
        _download(
            ctx,
            ctx.t("exp_download_html_map"),
            lambda: cache.map_bytes(
                key,
                "html",
                PrintSettings(
                    title=st.session_state.get(state.EXPORT_TITLE, ""),
                    subtitle=st.session_state.get(state.EXPORT_SUBTITLE) or None,
                ),
            ),
            export_file_name("ban_do", "html", place=place, units=ctx.units, year=ctx.year, stamp=stamp),
            "html",
            "html",
        )
    with tab_tables:
        tables = ("flags", "access", "indicators")
        state.restore(state.EXPORT_TABLE, tables[0], tables)
        what = st.radio(
            ctx.t("exp_table"),
            tables,
            horizontal=True,
            key=state.EXPORT_TABLE,
            format_func=lambda w: t(f"sheet_{w}", ctx.lang),
        )
        tfmt = st.radio(ctx.t("exp_format"), ("xlsx", "csv"), horizontal=True, key=state.EXPORT_TABLE_FORMAT)
        st.caption(ctx.t("expx_file_kinds"))
        table_key = ExportKey.of(
            MapRequest(
                units=ctx.units,
                year=ctx.year,
                district=district,
                lang=ctx.lang,
                thresholds=ctx.thresholds,
                project=ctx.project,
            )
        )
        _download(
            ctx,
            ctx.t("exp_download_table"),
            lambda: cache.table_bytes(table_key, what, tfmt),
            export_file_name(f"bang_{what}", tfmt, place=place, units=ctx.units, year=ctx.year),
            tfmt,
            f"table_{what}_{tfmt}",
        )
    with tab_data:
        dfmt = st.radio(
            ctx.t("exp_format"),
            ("gpkg", "geojson", "shp", "kml"),
            horizontal=True,
            key=state.EXPORT_DATA_FORMAT,
            format_func=lambda f: "Shapefile (zip)" if f == "shp" else f.upper(),
        )
        suffix = {"shp": "zip", "geojson": "geojson.zip"}.get(dfmt, dfmt)
        _download(
            ctx,
            ctx.t("exp_download_data"),
            lambda: cache.data_bytes(key, dfmt),
            export_file_name("du_lieu", suffix, place=place, units=ctx.units, year=ctx.year, stamp=stamp),
            dfmt,
            f"data_{dfmt}",
        )
    with tab_sheets:
        if district is None:
            st.write(ctx.t("exp_choose_a_district_above"))
        else:
            sheets_key = ExportKey.of(
                factsheet_request(
                    units=ctx.units,
                    year=ctx.year,
                    lang=ctx.lang,
                    thresholds=ctx.thresholds,
                    project=ctx.project,
                )
            )
            _download(
                ctx,
                ctx.t("exp_download_fact_sheets_pdf"),
                lambda: cache.factsheet_bytes(sheets_key, district),
                export_file_name(
                    "thong_tin_xa", "pdf", place=place, units=ctx.units, year=ctx.year, stamp=stamp
                ),
                "pdf",
                f"sheets_{district}",
            )
    with tab_targets:
        _targets_tab(ctx, district, stamp, place)


def _targets_tab(ctx: PageContext, district: str | None, stamp: str, place: str | None) -> None:
    """The scorecard against the 2020 targets: the printable PDF (province) and the table (CSV/XLSX) of a
    level."""

    def scorecard_key(cut: str | None) -> ExportKey:
        return ExportKey.of(
            MapRequest(units=ctx.units, year=ctx.year, district=cut, lang=ctx.lang, project=ctx.project)
        )

    st.caption(ctx.t("exp_the_scorecard_against_the"))
    _download(
        ctx,
        ctx.t("exp_download_scorecard_pdf"),
        lambda: cache.scorecard_bytes(scorecard_key(None), "pdf", "province"),
        export_file_name("muc_tieu_2020", "pdf", year=ctx.year, stamp=stamp),
        "pdf",
        "scorecard_pdf",
    )
    st.divider()
    levels = LEVELS
    names = {
        "province": ctx.t("sc_province"),
        "district": ctx.t("col_district"),
        "commune": ctx.t("col_commune"),
    }
    c1, c2 = st.columns(2)
    state.restore(state.EXPORT_SCORECARD_LEVEL, levels[0], levels)
    level = c1.radio(
        ctx.t("sc_level"), levels, horizontal=True, key=state.EXPORT_SCORECARD_LEVEL, format_func=names.get
    )
    sfmt = c2.radio(ctx.t("exp_format"), ("xlsx", "csv"), horizontal=True, key=state.EXPORT_SCORECARD_FORMAT)
    st.caption(ctx.t("expx_file_kinds"))
    cut = district if level != "province" else None
    if district and level == "province":
        st.caption(ctx.t("exp_province_level_the_whole"))
    _download(
        ctx,
        ctx.t("exp_download_scorecard_table"),
        lambda: cache.scorecard_bytes(scorecard_key(cut), sfmt, level),
        export_file_name(
            f"muc_tieu_2020_{LEVEL_WORDS[level]}",
            sfmt,
            place=place if cut else None,
            units=ctx.units,
            year=ctx.year,
        ),
        sfmt,
        f"scorecard_{level}_{sfmt}",
    )

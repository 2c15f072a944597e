"""Export page: print layouts, standalone HTML, tables, data packages and fact sheets as download buttons."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.flags import FlagThresholds
from geo.errors import AppError
from report.data import render_data
from report.factsheet import render_factsheets, select_units
from report.html import render_html
from report.layout import PrintSettings, render_layout
from report.mapdata import DEFAULT_VISIBLE, LAYER_KEYS, MAP_LAYERS, MapBundle, MapRequest, assemble_map
from report.scorecard import render_scorecard_pdf, render_scorecard_table, sources_note
from report.strings import s
from report.tables import table_csv_bytes, table_xlsx_bytes
from ui import cache
from ui.context import PageContext
from ui.text import escape_markdown
from workflows import build_table, load_access, load_scorecard

PAGE = {"title": ("Xuất bản đồ, bảng", "Export maps, tables"), "icon": ":material/download:", "order": 40}
_FACTSHEET_LAYERS = ("communes", "districts", "flags", "roads", "power", "centres")
_MIME = {"pdf": "application/pdf", "png": "image/png", "html": "text/html", "csv": "text/csv",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "gpkg": "application/geopackage+sqlite3",
         "geojson": "application/geo+json", "shp": "application/zip", "kml": "application/vnd.google-earth.kml+xml"}


def _bundle(request: MapRequest) -> MapBundle:
    run = cache.flag_run(request.units, request.year, _thresholds_key(request.thresholds), request.project)
    layers = {key: cache.layer(key, request.project) for key in MAP_LAYERS}
    return assemble_map(request, run, layers)


def _thresholds_key(thresholds: FlagThresholds) -> tuple:
    from dataclasses import astuple

    return astuple(thresholds)


def _request(ctx: PageContext, district: str | None, scheme: str, k: int, visible: tuple[str, ...]) -> MapRequest:
    return MapRequest(units=ctx.units, year=ctx.year, district=district, lang=ctx.lang, scheme=scheme, k=k,
                      thresholds=ctx.thresholds, visible=visible, project=ctx.project)


@st.cache_data(show_spinner=False, max_entries=8)
def _map_bytes(key: tuple, fmt: str, paper: str, orientation: str, dpi: int, title: str, subtitle: str | None) -> bytes:
    request = MapRequest(*key[:6], thresholds=FlagThresholds(*key[6]), visible=key[7], project=key[8])
    bundle = _bundle(request)
    if fmt == "html":
        return render_html(bundle, title=title, subtitle=subtitle).encode("utf-8")
    data, _ = render_layout(bundle, PrintSettings(paper=paper, orientation=orientation, dpi=dpi, title=title,
                                                  subtitle=subtitle), fmt)
    return data


@st.cache_data(show_spinner=False, max_entries=8)
def _data_bytes(key: tuple, fmt: str) -> bytes:
    request = MapRequest(*key[:6], thresholds=FlagThresholds(*key[6]), visible=key[7], project=key[8])
    return render_data(_bundle(request), fmt)


@st.cache_data(show_spinner=False, max_entries=4)
def _factsheet_bytes(key: tuple, commune: str | None, district: str | None) -> bytes:
    units_set, year, _, lang = key[:4]
    request = MapRequest(units=units_set, year=year, lang=lang, thresholds=FlagThresholds(*key[6]),
                         visible=_FACTSHEET_LAYERS, project=key[8])
    bundle = _bundle(request)
    units = select_units(bundle, commune=commune, district=district)
    return render_factsheets(bundle, units, access=load_access(request.units, project=request.project))


@st.cache_data(show_spinner=False, max_entries=8)
def _scorecard_bytes(kind: str, level: str, units: str, year: int, lang: str, district: str | None,
                     project: str | None, stamp: float) -> bytes:
    """Scorecard table (``csv``/``xlsx``) or PDF (``pdf``, province) bytes; ``stamp`` only keys the cache.

    The flag rules run with their default thresholds, as on the scorecard page.
    """
    if kind == "pdf":
        run = load_scorecard("province", year=year, project=project)
        data, _ = render_scorecard_pdf(run.scorecard, run.poverty_rates, run.targets, year=run.year, lang=lang,
                                       sources=run.sources.values())
        return data
    run = load_scorecard(level, units=units, year=year, district=district if level != "province" else None,
                         project=project)
    return render_scorecard_table(run.scorecard, kind, lang=lang,
                                  note=sources_note(run.scorecard, run.sources.values(), lang=lang))


@st.cache_data(show_spinner=False, max_entries=8)
def _table_bytes(what: str, fmt: str, units: str, year: int, lang: str, thresholds: tuple, district: str | None,
                 project: str | None, stamp: float) -> bytes:
    """Table bytes; ``stamp`` (the project file's modification time) only keys the cache."""
    table, sheet, note = build_table(what, units=units, year=year, lang=lang, thresholds=FlagThresholds(*thresholds),
                                     district=district, project=project)
    return table_csv_bytes(table, note=note) if fmt == "csv" else table_xlsx_bytes(table, sheet=sheet, title_note=note)


def _download(ctx: PageContext, label: str, build, file_name: str, fmt: str, key: str) -> None:
    """A "prepare" button, then the download button of the prepared file (errors shown, never a traceback)."""
    if st.button(ctx.pick("Chuẩn bị tệp", "Prepare file") + f" ({fmt.upper()})", key=f"prep_{key}"):
        st.session_state[f"ready_{key}"] = True
    if not st.session_state.get(f"ready_{key}"):
        return
    try:
        with st.spinner(ctx.pick("Đang tạo tệp…", "Building the file…")):
            data = build()
    except AppError as exc:
        st.error(escape_markdown(exc.render(ctx.lang)))
        return
    st.download_button(label, data, file_name=file_name, mime=_MIME.get(fmt, "application/octet-stream"),
                       key=f"dl_{key}", icon=":material/download:")


def render(ctx: PageContext) -> None:
    """Draw the export page."""
    st.title(ctx.pick("Xuất bản đồ và bảng cho cuộc họp", "Maps and tables for meetings"))
    try:
        districts_frame = cache.display_districts()
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    districts = dict(zip(districts_frame["district_code"], districts_frame["district"], strict=True))
    current = st.session_state.get("district")
    options = ["all", *sorted(districts)]
    col1, col2, col3 = st.columns(3)
    with col1:
        choice = st.selectbox(ctx.t("district_filter"), options, key="exp_district",
                              index=options.index(current) if current in options else 0,
                              format_func=lambda c: ctx.t("all_districts") if c == "all" else districts[c])
    district = None if choice == "all" else choice
    with col2:
        schemes = ("quantiles", "natural_breaks", "fixed_bands")
        scheme = st.selectbox(ctx.t("classification"), schemes, format_func=ctx.t, key="exp_scheme",
                              index=schemes.index(st.session_state.get("scheme", "quantiles")))
    with col3:
        k = st.slider(ctx.t("n_classes"), 3, 7, int(st.session_state.get("k", 5)), key="exp_k")
    layer_names = {key: (ctx.t(f"layer_{key}") if key != "power" else ctx.t("layer_power")) for key in LAYER_KEYS}
    visible = tuple(st.multiselect(ctx.t("layers"), LAYER_KEYS, default=list(DEFAULT_VISIBLE), key="exp_layers",
                                   format_func=layer_names.get))
    request = _request(ctx, district, scheme, k, visible)
    key = (request.units, request.year, request.district, request.lang, request.scheme, request.k,
           _thresholds_key(request.thresholds), request.visible, request.project, cache.project_stamp(request.project))
    st.info(ctx.t("illustrative_banner"), icon=":material/warning:")
    stamp = dt.date.today().isoformat()
    tab_print, tab_html, tab_tables, tab_data, tab_sheets, tab_targets = st.tabs([
        ctx.pick("Bản in PDF/PNG", "Print PDF/PNG"), "HTML", ctx.pick("Bảng", "Tables"), ctx.pick("Dữ liệu", "Data"),
        ctx.pick("Thông tin xã", "Fact sheets"), ctx.pick("Mục tiêu 2020", "2020 targets")])
    with tab_print:
        title = st.text_input(ctx.pick("Tiêu đề", "Title"), value=ctx.t("app_title"), max_chars=500, key="exp_title")
        subtitle = st.text_input(ctx.pick("Tiêu đề phụ (để trống: tự động)", "Subtitle (empty: automatic)"),
                                 max_chars=500, key="exp_subtitle") or None
        c1, c2, c3, c4 = st.columns(4)
        paper = c1.radio(ctx.pick("Khổ giấy", "Paper"), ("A4", "A3"), horizontal=True, key="exp_paper")
        orientation = c2.radio(ctx.pick("Hướng", "Orientation"), ("landscape", "portrait"), horizontal=True,
                               key="exp_orient", format_func=lambda o: {"landscape": ctx.pick("ngang", "landscape"),
                                                                        "portrait": ctx.pick("dọc", "portrait")}[o])
        dpi = c3.radio("DPI", (150, 300), horizontal=True, key="exp_dpi")
        fmt = c4.radio(ctx.pick("Định dạng", "Format"), ("pdf", "png"), horizontal=True, key="exp_fmt")
        _download(ctx, ctx.pick("Tải bản in", "Download print layout"),
                  lambda: _map_bytes(key, fmt, paper, orientation, dpi, title, subtitle),
                  f"ban_do_{district or 'tinh'}_{stamp}.{fmt}", fmt, f"map_{fmt}")
    with tab_html:
        st.caption(ctx.pick("Một tệp HTML mở được khi không có Internet (gửi qua thư điện tử).",
                            "One HTML file that works offline (e.g. as an e-mail attachment)."))
        _download(ctx, ctx.pick("Tải bản đồ HTML", "Download HTML map"),
                  lambda: _map_bytes(key, "html", "A4", "landscape", 150, st.session_state.get("exp_title", ""),
                                     st.session_state.get("exp_subtitle") or None),
                  f"ban_do_{district or 'tinh'}_{stamp}.html", "html", "html")
    with tab_tables:
        what = st.radio(ctx.pick("Bảng", "Table"), ("flags", "access", "indicators"), horizontal=True, key="exp_what",
                        format_func=lambda w: s(f"sheet_{w}", ctx.lang))
        tfmt = st.radio(ctx.pick("Định dạng", "Format"), ("xlsx", "csv"), horizontal=True, key="exp_tfmt")
        _download(ctx, ctx.pick("Tải bảng", "Download table"),
                  lambda: _table_bytes(what, tfmt, ctx.units, ctx.year, ctx.lang, _thresholds_key(ctx.thresholds),
                                       district, ctx.project, cache.project_stamp(ctx.project)),
                  f"{what}_{ctx.units}_{ctx.year}.{tfmt}", tfmt, f"table_{what}_{tfmt}")
    with tab_data:
        dfmt = st.radio(ctx.pick("Định dạng", "Format"), ("gpkg", "geojson", "shp", "kml"), horizontal=True,
                        key="exp_dfmt", format_func=lambda f: "Shapefile (zip)" if f == "shp" else f.upper())
        suffix = {"shp": "zip"}.get(dfmt, dfmt)
        _download(ctx, ctx.pick("Tải dữ liệu", "Download data"), lambda: _data_bytes(key, dfmt),
                  f"du_lieu_{district or 'tinh'}_{stamp}.{suffix}", dfmt, f"data_{dfmt}")
    with tab_sheets:
        if district is None:
            st.write(ctx.pick("Chọn một huyện ở trên để in thông tin của mọi xã trong huyện (mỗi xã một trang).",
                              "Choose a district above to print every commune of it (one page each)."))
        else:
            _download(ctx, ctx.pick("Tải thông tin các xã (PDF)", "Download fact sheets (PDF)"),
                      lambda: _factsheet_bytes(key, None, district), f"thong_tin_xa_{district}_{stamp}.pdf", "pdf",
                      f"sheets_{district}")
    with tab_targets:
        _targets_tab(ctx, district, stamp)


def _targets_tab(ctx: PageContext, district: str | None, stamp: str) -> None:
    """The scorecard against the 2020 targets: the printable PDF (province) and the table (CSV/XLSX) of a level."""
    project_stamp = cache.project_stamp(ctx.project)
    st.caption(ctx.pick("Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020, như trang Mục tiêu 2020 (ngưỡng gắn cờ mặc "
                        "định). Bản PDF: bảng cấp tỉnh có màu đánh giá và nguồn số đo, biểu đồ tỷ lệ hộ nghèo thực theo "
                        "từng chuẩn nghèo so với lộ trình mục tiêu.",
                        "The scorecard against the 2020 targets of Conclusion 05-KL/TU, as on the 2020 targets page "
                        "(default flag thresholds). The PDF: the province table with status colours and the source of "
                        "each measured value, and the real poor-household rate by poverty standard against the target "
                        "path."))
    _download(ctx, ctx.pick("Tải bảng theo dõi (PDF)", "Download scorecard (PDF)"),
              lambda: _scorecard_bytes("pdf", "province", ctx.units, ctx.year, ctx.lang, None, ctx.project,
                                       project_stamp),
              f"muc_tieu_2020_tinh_{ctx.year}_{stamp}.pdf", "pdf", "scorecard_pdf")
    st.divider()
    levels = ("province", "district", "commune")
    names = {"province": ctx.pick("Tỉnh", "Province"), "district": ctx.pick("Huyện", "District"),
             "commune": ctx.pick("Xã", "Commune")}
    c1, c2 = st.columns(2)
    level = c1.radio(ctx.pick("Cấp đánh giá", "Level"), levels, horizontal=True, key="exp_sc_level",
                     format_func=names.get)
    sfmt = c2.radio(ctx.pick("Định dạng", "Format"), ("xlsx", "csv"), horizontal=True, key="exp_sc_fmt")
    cut = district if level != "province" else None
    if district and level == "province":
        st.caption(ctx.pick("Cấp tỉnh: bảng của toàn tỉnh (bộ lọc huyện không áp dụng).",
                            "Province level: the whole province (the district filter does not apply)."))
    _download(ctx, ctx.pick("Tải bảng theo dõi", "Download scorecard table"),
              lambda: _scorecard_bytes(sfmt, level, ctx.units, ctx.year, ctx.lang, cut, ctx.project, project_stamp),
              f"muc_tieu_2020_{level}{'_' + cut if cut else ''}_{ctx.units}_{ctx.year}.{sfmt}", sfmt,
              f"scorecard_{level}_{sfmt}")

"""Export page: print layouts, standalone HTML, tables, data packages and fact sheets as download buttons."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.errors import AppError
from report.layout import PrintSettings
from report.mapdata import DEFAULT_VISIBLE, LAYER_KEYS, MapRequest
from report.strings import s
from ui import cache, state
from ui.cache import ExportKey
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.exports import factsheet_request

PAGE = {"title": ("Xuất bản đồ, bảng", "Export maps, tables"), "icon": ":material/download:", "order": 40}
_MIME = {"pdf": "application/pdf", "png": "image/png", "html": "text/html", "csv": "text/csv",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "gpkg": "application/geopackage+sqlite3",
         "geojson": "application/geo+json", "shp": "application/zip", "kml": "application/vnd.google-earth.kml+xml"}


def _request(ctx: PageContext, district: str | None, scheme: str, k: int, visible: tuple[str, ...]) -> MapRequest:
    return MapRequest(units=ctx.units, year=ctx.year, district=district, lang=ctx.lang, scheme=scheme, k=k,
                      thresholds=ctx.thresholds, visible=visible, project=ctx.project)


def _download(ctx: PageContext, label: str, build, file_name: str, fmt: str, key: str) -> None:
    """A "prepare" button, then the download button of the prepared file (errors shown, never a traceback)."""
    if st.button(ctx.pick("Chuẩn bị tệp", "Prepare file") + f" ({fmt.upper()})", key=state.prepare_button(key)):
        st.session_state[state.prepared(key)] = True
    if not st.session_state.get(state.prepared(key)):
        return
    try:
        with st.spinner(ctx.pick("Đang tạo tệp…", "Building the file…")):
            data = build()
    except AppError as exc:
        st.error(escape_markdown(exc.render(ctx.lang)))
        return
    st.download_button(label, data, file_name=file_name, mime=_MIME.get(fmt, "application/octet-stream"),
                       key=state.download_button(key), icon=":material/download:")


def render(ctx: PageContext) -> None:
    """Draw the export page."""
    st.title(ctx.pick("Xuất bản đồ và bảng cho cuộc họp", "Maps and tables for meetings"))
    try:
        districts_frame = cache.display_districts()
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    districts = dict(zip(districts_frame["district_code"], districts_frame["district"], strict=True))
    current = state.kept(state.MAP_DISTRICT)  # the Map page's choices preset this page's
    options = ["all", *sorted(districts)]
    col1, col2, col3 = st.columns(3)
    with col1:
        choice = st.selectbox(ctx.t("district_filter"), options, key=state.EXPORT_DISTRICT,
                              index=options.index(current) if current in options else 0,
                              format_func=lambda c: ctx.t("all_districts") if c == "all" else districts[c])
    district = None if choice == "all" else choice
    with col2:
        schemes = ("quantiles", "natural_breaks", "fixed_bands")
        scheme = st.selectbox(ctx.t("classification"), schemes, format_func=ctx.t, key=state.EXPORT_SCHEME,
                              index=schemes.index(state.kept(state.MAP_SCHEME, "quantiles")))
    with col3:
        k = st.slider(ctx.t("n_classes"), 3, 7, int(state.kept(state.MAP_CLASSES, 5)), key=state.EXPORT_CLASSES)
    layer_names = {key: (ctx.t(f"layer_{key}") if key != "power" else ctx.t("layer_power")) for key in LAYER_KEYS}
    visible = tuple(st.multiselect(ctx.t("layers"), LAYER_KEYS, default=list(DEFAULT_VISIBLE), key=state.EXPORT_LAYERS,
                                   format_func=layer_names.get))
    key = ExportKey.of(_request(ctx, district, scheme, k, visible))
    st.info(ctx.t("illustrative_banner"), icon=":material/warning:")
    stamp = dt.date.today().isoformat()
    tab_print, tab_html, tab_tables, tab_data, tab_sheets, tab_targets = st.tabs([
        ctx.pick("Bản in PDF/PNG", "Print PDF/PNG"), "HTML", ctx.pick("Bảng", "Tables"), ctx.pick("Dữ liệu", "Data"),
        ctx.pick("Thông tin xã", "Fact sheets"), ctx.pick("Mục tiêu 2020", "2020 targets")])
    with tab_print:
        title = st.text_input(ctx.pick("Tiêu đề", "Title"), value=ctx.t("app_title"), max_chars=500, key=state.EXPORT_TITLE)
        subtitle = st.text_input(ctx.pick("Tiêu đề phụ (để trống: tự động)", "Subtitle (empty: automatic)"),
                                 max_chars=500, key=state.EXPORT_SUBTITLE) or None
        c1, c2, c3, c4 = st.columns(4)
        paper = c1.radio(ctx.pick("Khổ giấy", "Paper"), ("A4", "A3"), horizontal=True, key=state.EXPORT_PAPER)
        orientation = c2.radio(ctx.pick("Hướng", "Orientation"), ("landscape", "portrait"), horizontal=True,
                               key=state.EXPORT_ORIENTATION,
                               format_func=lambda o: {"landscape": ctx.pick("ngang", "landscape"),
                                                      "portrait": ctx.pick("dọc", "portrait")}[o])
        dpi = c3.radio("DPI", (150, 300), horizontal=True, key=state.EXPORT_DPI)
        fmt = c4.radio(ctx.pick("Định dạng", "Format"), ("pdf", "png"), horizontal=True, key=state.EXPORT_MAP_FORMAT)
        _download(ctx, ctx.pick("Tải bản in", "Download print layout"),
                  lambda: cache.map_bytes(key, fmt, PrintSettings(paper=paper, orientation=orientation, dpi=dpi, title=title,
                                                                   subtitle=subtitle)),
                  f"ban_do_{district or 'tinh'}_{stamp}.{fmt}", fmt, f"map_{fmt}")
    with tab_html:
        st.caption(ctx.pick("Một tệp HTML mở được khi không có Internet (gửi qua thư điện tử).",
                            "One HTML file that works offline (e.g. as an e-mail attachment)."))
        _download(ctx, ctx.pick("Tải bản đồ HTML", "Download HTML map"),
                  lambda: cache.map_bytes(key, "html", PrintSettings(
                      title=st.session_state.get(state.EXPORT_TITLE, ""),
                      subtitle=st.session_state.get(state.EXPORT_SUBTITLE) or None)),
                  f"ban_do_{district or 'tinh'}_{stamp}.html", "html", "html")
    with tab_tables:
        what = st.radio(ctx.pick("Bảng", "Table"), ("flags", "access", "indicators"), horizontal=True, key=state.EXPORT_TABLE,
                        format_func=lambda w: s(f"sheet_{w}", ctx.lang))
        tfmt = st.radio(ctx.pick("Định dạng", "Format"), ("xlsx", "csv"), horizontal=True, key=state.EXPORT_TABLE_FORMAT)
        table_key = ExportKey.of(MapRequest(units=ctx.units, year=ctx.year, district=district, lang=ctx.lang,
                                            thresholds=ctx.thresholds, project=ctx.project))
        _download(ctx, ctx.pick("Tải bảng", "Download table"), lambda: cache.table_bytes(table_key, what, tfmt),
                  f"{what}_{ctx.units}_{ctx.year}.{tfmt}", tfmt, f"table_{what}_{tfmt}")
    with tab_data:
        dfmt = st.radio(ctx.pick("Định dạng", "Format"), ("gpkg", "geojson", "shp", "kml"), horizontal=True,
                        key=state.EXPORT_DATA_FORMAT, format_func=lambda f: "Shapefile (zip)" if f == "shp" else f.upper())
        suffix = {"shp": "zip"}.get(dfmt, dfmt)
        _download(ctx, ctx.pick("Tải dữ liệu", "Download data"), lambda: cache.data_bytes(key, dfmt),
                  f"du_lieu_{district or 'tinh'}_{stamp}.{suffix}", dfmt, f"data_{dfmt}")
    with tab_sheets:
        if district is None:
            st.write(ctx.pick("Chọn một huyện ở trên để in thông tin của mọi xã trong huyện (mỗi xã một trang).",
                              "Choose a district above to print every commune of it (one page each)."))
        else:
            sheets_key = ExportKey.of(factsheet_request(units=ctx.units, year=ctx.year, lang=ctx.lang,
                                                        thresholds=ctx.thresholds, project=ctx.project))
            _download(ctx, ctx.pick("Tải thông tin các xã (PDF)", "Download fact sheets (PDF)"),
                      lambda: cache.factsheet_bytes(sheets_key, district), f"thong_tin_xa_{district}_{stamp}.pdf", "pdf",
                      f"sheets_{district}")
    with tab_targets:
        _targets_tab(ctx, district, stamp)


def _targets_tab(ctx: PageContext, district: str | None, stamp: str) -> None:
    """The scorecard against the 2020 targets: the printable PDF (province) and the table (CSV/XLSX) of a level."""
    def scorecard_key(cut: str | None) -> ExportKey:
        return ExportKey.of(MapRequest(units=ctx.units, year=ctx.year, district=cut, lang=ctx.lang, project=ctx.project))

    st.caption(ctx.pick("Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020, như trang Mục tiêu 2020 (ngưỡng gắn cờ mặc "
                        "định). Bản PDF: bảng cấp tỉnh có màu đánh giá và nguồn số đo, biểu đồ tỷ lệ hộ nghèo thực theo "
                        "từng chuẩn nghèo so với lộ trình mục tiêu.",
                        "The scorecard against the 2020 targets of Conclusion 05-KL/TU, as on the 2020 targets page "
                        "(default flag thresholds). The PDF: the province table with status colours and the source of "
                        "each measured value, and the real poor-household rate by poverty standard against the target "
                        "path."))
    _download(ctx, ctx.pick("Tải bảng theo dõi (PDF)", "Download scorecard (PDF)"),
              lambda: cache.scorecard_bytes(scorecard_key(None), "pdf", "province"),
              f"muc_tieu_2020_tinh_{ctx.year}_{stamp}.pdf", "pdf", "scorecard_pdf")
    st.divider()
    levels = ("province", "district", "commune")
    names = {"province": ctx.pick("Tỉnh", "Province"), "district": ctx.pick("Huyện", "District"),
             "commune": ctx.pick("Xã", "Commune")}
    c1, c2 = st.columns(2)
    level = c1.radio(ctx.pick("Cấp đánh giá", "Level"), levels, horizontal=True, key=state.EXPORT_SCORECARD_LEVEL,
                     format_func=names.get)
    sfmt = c2.radio(ctx.pick("Định dạng", "Format"), ("xlsx", "csv"), horizontal=True, key=state.EXPORT_SCORECARD_FORMAT)
    cut = district if level != "province" else None
    if district and level == "province":
        st.caption(ctx.pick("Cấp tỉnh: bảng của toàn tỉnh (bộ lọc huyện không áp dụng).",
                            "Province level: the whole province (the district filter does not apply)."))
    _download(ctx, ctx.pick("Tải bảng theo dõi", "Download scorecard table"),
              lambda: cache.scorecard_bytes(scorecard_key(cut), sfmt, level),
              f"muc_tieu_2020_{level}{'_' + cut if cut else ''}_{ctx.units}_{ctx.year}.{sfmt}", sfmt,
              f"scorecard_{level}_{sfmt}")

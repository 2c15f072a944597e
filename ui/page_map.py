"""Map page: the province map with switchable layers, commune search, district filter and the commune panel."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.classify import SCHEMES, classify_values
from geo.errors import AppError
from geo.i18n import format_km, format_number, format_percent
from layers import boundaries
from layers.mapdata import MapData, assemble_map
from layers.mapview import MapOptions, build_map, selection_layer
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.flags import FlagRun

PAGE = {"title": "page_map", "icon": ":material/map:", "order": 0}


def _map_data(ctx: PageContext, district_frame: gpd.GeoDataFrame, district: str | None,
              problems: list[str]) -> tuple[FlagRun | None, MapData]:
    """The flag run (``None`` when it cannot run: ``problems`` says why) and the map's frames, as every export has them.

    A layer that cannot be read is left out and said in ``problems``; the rest is drawn.
    """
    run = None
    try:
        run = cache.flag_run(ctx.units, ctx.year, ctx.thresholds, ctx.project)
    except AppError as exc:  # no flags: show the boundaries and say why
        problems.append(exc.render(ctx.lang))
    communes = cache.display_communes(ctx.units)

    def load(key: str):
        try:
            return cache.layer(key, ctx.project)
        except AppError as exc:  # a missing or corrupt layer: say so, draw the rest
            problems.append(exc.render(ctx.lang))
            return None, None

    data = assemble_map(communes, district_frame, cache.display_province(), load=load,
                        survey=None if run is None else run.survey, flags=None if run is None else run.flags,
                        sources=None if run is None else run.sources, district=district)
    return run, data


def render(ctx: PageContext) -> None:
    """Draw the map page."""
    st.title(ctx.t("app_title"))
    st.caption(ctx.t("app_subtitle"))
    try:
        district_frame = cache.display_districts()
        districts = dict(zip(district_frame["district_code"], district_frame["district"], strict=True))
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return

    with st.sidebar:
        choice = st.selectbox(ctx.t("district_filter"), ["all", *sorted(districts)], key=state.MAP_DISTRICT,
                              format_func=lambda c: ctx.t("all_districts") if c == "all" else districts[c])
        district = None if choice == "all" else choice
        scheme = st.radio(ctx.t("classification"), SCHEMES, key=state.MAP_SCHEME, format_func=ctx.t, horizontal=False)
        k = st.slider(ctx.t("n_classes"), 3, 7, 5, key=state.MAP_CLASSES, disabled=scheme == "fixed_bands")
        online = False
        if cache.online_basemap_reachable():
            online = st.toggle(ctx.t("online_basemap"), value=False, key=state.MAP_ONLINE_BASEMAP)

    problems: list[str] = []
    try:
        run, data = _map_data(ctx, district_frame, district, problems)
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    communes = data.communes

    query = st.text_input(ctx.t("find_commune"), key=state.MAP_QUERY, placeholder="muong nhe")
    if query:
        hits = boundaries.find_communes(communes, query)
        if hits.empty:
            st.warning(f"{ctx.t('no_match')}: {escape_markdown(query)}")
        else:
            options = list(hits["unit_id"])
            labels = {row["unit_id"]: boundaries.search_label(row, ctx.lang) for _, row in hits.iterrows()}
            chosen = st.radio(ctx.t("commune"), options, format_func=labels.get, horizontal=True, key=state.MAP_SEARCH_PICK)
            if chosen and st.session_state.get(state.MAP_LAST_PICK) != chosen:
                st.session_state[state.MAP_SELECTED_UNIT] = chosen
                st.session_state[state.MAP_LAST_PICK] = chosen

    selected = st.session_state.get(state.MAP_SELECTED_UNIT)
    if selected is not None and selected not in set(communes["unit_id"]):
        selected = None
    bounds = tuple(communes.total_bounds) if district else None
    if selected is not None and query:
        bounds = tuple(communes[communes["unit_id"] == selected].total_bounds)

    classification = classify_values(communes["poor_hh_rate_pct"], scheme=scheme, k=k)
    for text in dict.fromkeys(problems):
        st.warning(ctx.t("data_error") + ": " + escape_markdown(text), icon=":material/error:")
    options = MapOptions(lang=ctx.lang, classification=classification, bounds=bounds,
                         online_basemap=online, asset_base_url=ASSET_BASE_URL)
    st.info(ctx.t("illustrative_banner"), icon=":material/warning:")

    col_map, col_panel = st.columns([3, 1], gap="small")
    with col_map:
        fmap = build_map(data, options)
        out = st_folium(fmap, key=state.MAP_WIDGET, height=options.height_px, use_container_width=True,
                        returned_objects=["last_active_drawing"],
                        feature_group_to_add=selection_layer(communes, selected))
        clicked = ((out or {}).get("last_active_drawing") or {}).get("properties") or {}
        unit = clicked.get("unit_id")
        if unit and unit != selected:
            st.session_state[state.MAP_SELECTED_UNIT] = selected = unit
    with col_panel:
        if run is not None:
            _commune_panel(ctx, run, communes, selected)


def _yes_no(ctx: PageContext, value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ctx.t("no_data")
    return ctx.t("yes") if bool(value) else ctx.t("no")


def commune_indicator_rows(ctx: PageContext, row: pd.Series, run) -> list[dict]:
    """Rows (indicator, value, source) of the commune panel; every value says where it came from."""

    survey_note = ctx.pick("Điều tra xã (minh họa)", "Commune survey (illustrative)") + f", {run.year}"
    geo_note = ctx.pick("Tính từ bản đồ: trụ sở xã (minh họa) và lớp đường/lưới điện",
                        "Computed from the map: commune centre (illustrative) and road/grid layers")
    boundary_src = run.sources[f"communes_{run.units}"]
    rows = [
        (ctx.t("gso_code"), row["gso_code"], boundary_src.source),
        (ctx.t("district"), row["district"], boundary_src.source),
    ]
    if "new2025_name" in row and isinstance(row.get("new2025_name"), str):
        rows.append((ctx.pick("Xã sau sáp nhập 2025", "Commune after the 2025 merger"),
                     f"{row['new2025_name']} ({row['new2025_gso']})", "GSO 2025 (vietnamadminunits)"))
    if "zone_2026_2030" in row and isinstance(row.get("zone_2026_2030"), str):
        rows.append((ctx.t("zone"), row["zone_2026_2030"], "Điện Biên PPC Decision 46 (2026–2030)"))
    if "pop2009_census" in row:
        rows.append((ctx.pick("Dân số 2009 (tổng điều tra)", "Population 2009 (census)"),
                     format_number(row["pop2009_census"], ctx.lang) or ctx.t("no_data"), "censusVN2009 (thực/real)"))
    rows += [
        (ctx.t("poverty_rate"), format_percent(row.get("poor_hh_rate_pct"), ctx.lang) or ctx.t("no_data"), survey_note),
        (ctx.t("near_poor_rate"), format_percent(row.get("near_poor_hh_rate_pct"), ctx.lang) or ctx.t("no_data"),
         survey_note),
        (ctx.t("households"), format_number(row.get("households"), ctx.lang) or ctx.t("no_data"), survey_note),
        (ctx.t("hh_grid_power_pct"), format_percent(row.get("hh_grid_power_pct"), ctx.lang, decimals=1)
         or ctx.t("no_data"), survey_note),
        (ctx.t("allseason_survey"), _yes_no(ctx, row.get("allseason_road_to_centre")), survey_note),
        (ctx.t("grid_survey"), _yes_no(ctx, row.get("grid_connected")), survey_note),
        (ctx.t("health_standard"), _yes_no(ctx, row.get("health_station_national_standard")), survey_note),
        (ctx.t("schools_standard"), format_percent(row.get("schools_national_standard_pct"), ctx.lang, decimals=0)
         or ctx.t("no_data"), survey_note),
        (ctx.t("dist_allseason_km"), format_km(row.get("dist_allseason_road_km"), ctx.lang) or ctx.t("no_data"), geo_note),
        (ctx.t("dist_grid_km"), format_km(row.get("dist_grid_km"), ctx.lang) or ctx.t("no_data"), geo_note),
        (ctx.pick("Thời gian đến trung tâm huyện (mùa khô / mùa mưa)", "Time to the district centre (dry / rainy)"),
         " / ".join(_minutes_text(ctx, row.get(c)) for c in ("minutes_to_district_dry", "minutes_to_district_rainy")),
         ctx.pick("Mạng đường (minh họa), tốc độ theo loại đường và mùa", "Road network (illustrative), speeds by class and season")),
    ]
    weakest = row.get("weakest_class")
    if isinstance(weakest, str) and weakest:
        rows.append((ctx.pick("Đoạn yếu nhất trên tuyến tốt nhất", "Weakest link on the best route"),
                     f"{ctx.t('class_' + weakest)} / {ctx.t('surface_' + str(row.get('weakest_surface')))}", geo_note))
    return [{ctx.t("indicator"): a, ctx.t("value"): str(b), ctx.t("source"): c} for a, b, c in rows]


def _minutes_text(ctx: PageContext, value) -> str:
    text = format_number(value, ctx.lang, decimals=0)
    return f"{text} {ctx.pick('phút', 'min')}" if text else ctx.pick("không đi được", "no route")


def _commune_panel(ctx: PageContext, run, communes: gpd.GeoDataFrame, selected: str | None) -> None:
    st.subheader(ctx.t("commune_panel"))
    if selected is None:
        st.write(ctx.t("click_commune"))
        return
    try:
        row = boundaries.commune_row(communes, selected)
    except AppError as exc:
        st.warning(escape_markdown(exc.render(ctx.lang)))
        return
    st.markdown(f"### {escape_markdown(boundaries.official_name(row))}")
    for note in boundaries.name_notes(communes, selected, ctx.lang):
        st.caption(escape_markdown(note))
    flags = []
    if row.get("lacks_allseason_road"):
        flags.append(":orange-badge[" + ctx.t("lacks_allseason_road") + "]")
    if row.get("lacks_grid"):
        flags.append(":violet-badge[" + ctx.t("lacks_grid") + "]")
    if flags:
        st.markdown(" ".join(flags))
    st.markdown(f"**{ctx.t('evidence')}:** "
                + escape_markdown(str(row.get("evidence_en" if ctx.lang == "en" else "evidence_vi", ""))))
    disagreement = row.get("disagreement_en" if ctx.lang == "en" else "disagreement_vi")
    if isinstance(disagreement, str) and disagreement:
        st.warning(ctx.pick("Điều tra và bản đồ không khớp — kiểm tra trước: ", "Survey and map disagree — check first: ")
                   + escape_markdown(disagreement), icon=":material/rule:")
    rows = pd.DataFrame(commune_indicator_rows(ctx, row, run)).set_index(ctx.t("indicator"))
    st.table(rows.map(escape_markdown))  # st.table renders Markdown: values and sources come from the data
    st.caption(":material/warning: " + ctx.t("illustrative_mark") + " — " + ctx.pick(
        "số liệu điều tra xã và trụ sở xã là dữ liệu minh họa.",
        "commune survey figures and commune centres are illustrative."))

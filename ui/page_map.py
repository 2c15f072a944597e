"""Map page: the province map with switchable layers, commune search, district filter and the commune
panel."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from analysis.classify import SCHEMES
from geo.errors import AppError
from geo.i18n import format_km, format_number, format_percent
from geo.provenance import illustrative_note
from layers import boundaries
from layers.mapdata import with_indicators
from layers.mapview import MapOptions, selection_script
from layers.registry import DEFAULT_VISIBLE, MAP_LAYERS, THEME_KEYS
from report.mapdata import MapRequest
from ui import cache, mapframe, state
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.flags import FlagRun

PAGE = {"title": "page_map", "icon": ":material/map:", "order": 0}


#: Page style: the map takes the width and most of the window's height (the component's iframe is sized by
#: CSS; the map inside follows it), and the page's top padding is trimmed.
_PAGE_CSS = """<style>
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 150px) !important; min-height: 420px; }
[data-testid="stMainBlockContainer"] { padding: 1.6rem 1.4rem 2rem 1.4rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.45rem; padding: 0 0 0.2rem 0; }
</style>"""


def _themes(units: str) -> tuple[str, ...]:
    """The choropleth themes the unit set has (zones I/II/III exist for the 2025 communes only)."""
    return tuple(key for key in ("poverty", "zones") if key != "zones" or units == "2025") + ("none",)


def _layer_choices(theme: str) -> tuple[str, ...]:
    """Layers ticked in the sidebar: every switchable layer but the base map and the theme filled."""
    return tuple(
        layer.key
        for layer in MAP_LAYERS
        if not layer.base and layer.key != theme and (layer.key != "zones" or theme != "none")
    )


def _sidebar(
    ctx: PageContext, districts: dict[str, str]
) -> tuple[str | None, str, str, int, tuple[str, ...], bool]:
    """The map's choices (district, theme, classification, classes, ticked layers, online basemap), each kept
    across language switches, reruns and pages (ui.state.restore / remember)."""
    with st.sidebar:
        options = ["all", *sorted(districts)]
        state.restore(state.MAP_DISTRICT, "all", options)
        choice = state.remember(
            state.MAP_DISTRICT,
            st.selectbox(
                ctx.t("district_filter"),
                options,
                key=state.MAP_DISTRICT,
                placeholder=ctx.t("choose_placeholder"),
                format_func=lambda c: ctx.t("all_districts") if c == "all" else districts[c],
            ),
        )
        themes = _themes(ctx.units)
        state.restore(state.MAP_THEME, "poverty", themes)
        theme = state.remember(
            state.MAP_THEME,
            st.radio(
                ctx.t("map_theme"),
                themes,
                key=state.MAP_THEME,
                help=ctx.t("map_theme_help"),
                format_func=lambda k: ctx.t("map_theme_none") if k == "none" else ctx.t(f"layer_{k}"),
            ),
        )
        state.restore(state.MAP_SCHEME, "quantiles", SCHEMES)
        scheme = state.remember(
            state.MAP_SCHEME,
            st.radio(
                ctx.t("classification"),
                SCHEMES,
                key=state.MAP_SCHEME,
                format_func=ctx.t,
                disabled=theme != "poverty",
            ),
        )
        state.restore(state.MAP_CLASSES, 5, range(3, 8))
        k = state.remember(
            state.MAP_CLASSES,
            st.slider(
                ctx.t("n_classes"),
                3,
                7,
                key=state.MAP_CLASSES,
                disabled=theme != "poverty" or scheme == "fixed_bands",
            ),
        )
        ticked = []
        with st.expander(ctx.t("map_layer_list"), expanded=True):
            for key in _layer_choices(theme):
                tick = state.map_layer(key)
                # a theme: outlines on demand
                state.restore(tick, key in DEFAULT_VISIBLE and key not in THEME_KEYS)
                label = ctx.t("map_zones_outline") if key == "zones" else ctx.t(f"layer_{key}")
                if state.remember(tick, st.checkbox(label, key=tick)):
                    ticked.append(key)
        online = False
        if cache.online_basemap_reachable():
            state.restore(state.MAP_ONLINE_BASEMAP, False)
            online = state.remember(
                state.MAP_ONLINE_BASEMAP, st.toggle(ctx.t("online_basemap"), key=state.MAP_ONLINE_BASEMAP)
            )
    visible = (*((theme,) if theme != "none" else ()), "communes", "districts", *ticked)
    return (None if choice == "all" else choice), theme, scheme, int(k), visible, bool(online)


def _communes(
    ctx: PageContext, district: str | None, problems: list[str]
) -> tuple[FlagRun | None, gpd.GeoDataFrame]:
    """The flag run (``None`` when it cannot run: ``problems`` says why) and the communes shown, with their
    survey figures and flags (the search, the click and the panel read them)."""
    run = None
    try:
        run = cache.flag_run(ctx.units, ctx.year, ctx.thresholds, ctx.project)
    except AppError as exc:
        problems.append(exc.render(ctx.lang))
    communes = with_indicators(
        cache.display_communes(ctx.units),
        survey=None if run is None else run.survey,
        flags=None if run is None else run.flags,
    )
    if district:
        communes = communes[communes["district_code"] == district]
    return run, communes


def _apply_click(communes: gpd.GeoDataFrame) -> None:
    """Select the commune under the map's last click, once per click (read before the map is drawn, so the
    highlight and the panel show the new choice in the same run)."""
    clicked = (st.session_state.get(state.MAP_WIDGET) or {}).get("last_clicked")
    if not clicked:
        return
    where = (round(float(clicked["lat"]), 6), round(float(clicked["lng"]), 6))
    if st.session_state.get(state.MAP_LAST_CLICK) == where:
        return
    st.session_state[state.MAP_LAST_CLICK] = where
    unit = boundaries.commune_at(communes, where[1], where[0])
    if unit is not None:
        st.session_state[state.MAP_SELECTED_UNIT] = unit
        st.session_state[state.MAP_ZOOM_TO_SELECTED] = False


def _search(ctx: PageContext, communes: gpd.GeoDataFrame) -> None:
    """The search box and its hits; a hit picked selects its commune and zooms to it."""
    col_query, col_hits = st.columns([1, 2], gap="small", vertical_alignment="bottom")
    state.restore(state.MAP_QUERY, "")
    query = state.remember(
        state.MAP_QUERY,
        col_query.text_input(ctx.t("find_commune"), key=state.MAP_QUERY, placeholder="muong nhe"),
    )
    if not query:
        return
    hits = boundaries.find_communes(communes, query)
    if hits.empty:
        col_hits.warning(f"{ctx.t('no_match')}: {escape_markdown(query)}")
        return
    options = list(hits["unit_id"])
    labels = {row["unit_id"]: boundaries.search_label(row, ctx.lang) for _, row in hits.iterrows()}
    state.restore(state.MAP_SEARCH_PICK, options[0], options)  # relabelled on a change of language
    chosen = col_hits.radio(
        ctx.t("commune"), options, format_func=labels.get, horizontal=True, key=state.MAP_SEARCH_PICK
    )
    if chosen and st.session_state.get(state.MAP_LAST_PICK) != chosen:
        st.session_state[state.MAP_SELECTED_UNIT] = chosen
        st.session_state[state.MAP_LAST_PICK] = chosen
        st.session_state[state.MAP_ZOOM_TO_SELECTED] = True


def render(ctx: PageContext) -> None:
    """Draw the map page."""
    st.html(_PAGE_CSS)
    st.title(ctx.t("app_title"))
    try:
        district_frame = cache.display_districts()
        districts = dict(zip(district_frame["district_code"], district_frame["district"], strict=True))
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    district, theme, scheme, k, visible, online = _sidebar(ctx, districts)

    problems: list[str] = []
    try:
        run, communes = _communes(ctx, district, problems)
        request = MapRequest(
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
        frame = cache.map_frame(request, online=online)
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return

    _search(ctx, communes)
    for text in dict.fromkeys([*problems, *frame.problems]):
        st.warning(ctx.t("data_error") + ": " + escape_markdown(text), icon=":material/error:")

    _map_and_panel(ctx, frame, communes, run)
    note = illustrative_note(cache.shown_sources(visible, ctx.units, ctx.project, run), ctx.lang)
    if note:
        st.info(note, icon=":material/warning:")


@st.fragment
def _map_and_panel(
    ctx: PageContext, frame: mapframe.MapFrame, communes: gpd.GeoDataFrame, run: FlagRun | None
) -> None:
    """The map and the selected commune's panel.  A click on the map reruns only this part (a Streamlit
    fragment): the sidebar, the search and the data above are as the last full run left them."""
    _apply_click(communes)
    selected = st.session_state.get(state.MAP_SELECTED_UNIT)
    if selected is not None and selected not in set(communes["unit_id"]):
        selected = None
    zoom = bool(st.session_state.get(state.MAP_ZOOM_TO_SELECTED))
    st.session_state[state.MAP_ZOOM_TO_SELECTED] = False
    mapframe.show(
        frame,
        key=state.MAP_WIDGET,
        height=MapOptions.height_px,
        overlay=selection_script(communes, selected, zoom=zoom),
    )
    if run is not None:
        _commune_panel(ctx, run, communes, selected)


def _value_sources(ctx: PageContext, run: FlagRun) -> tuple[str, str, str]:
    """The source texts of the panel's survey, map-geometry and road-network values, each input marked
    illustrative from its own provenance (a project's survey is named by its file, never called
    illustrative)."""

    def mark(*keys: str) -> str:
        return (
            ctx.t("panel_mark") if any(run.sources[k].illustrative for k in keys if k in run.sources) else ""
        )

    survey = run.sources.get("survey")
    if survey is not None and not survey.illustrative and survey.source_file:
        survey_note = ctx.t("panel_src_survey_project", source=survey.source_file, year=run.year)
    else:
        survey_note = ctx.t("panel_src_survey", mark=mark("survey"), year=run.year)
    geo_note = ctx.t(
        "panel_src_geometry",
        centres=mark("commune_centres"),
        roads=mark("roads"),
        grid=mark("power_lines", "grid_mv"),
    )
    network_note = ctx.t("panel_src_network", roads=mark("roads"))
    return survey_note, geo_note, network_note


def commune_indicator_rows(ctx: PageContext, row: pd.Series, run: FlagRun) -> list[dict]:
    """Rows (indicator, value, source) of the commune panel; every value says where it came from."""
    survey_note, geo_note, network_note = _value_sources(ctx, run)
    no_data = ctx.t("no_data")
    boundary_src = run.sources[f"communes_{run.units}"]
    rows = [
        (ctx.t("gso_code"), row["gso_code"], boundary_src.source),
        (ctx.t("district"), row["district"], boundary_src.source),
    ]
    if "new2025_name" in row and isinstance(row.get("new2025_name"), str):
        rows.append(
            (
                ctx.t("panel_merged_into"),
                f"{row['new2025_name']} ({row['new2025_gso']})",
                "GSO 2025 (vietnamadminunits)",
            )
        )
    if "zone_2026_2030" in row and isinstance(row.get("zone_2026_2030"), str):
        rows.append((ctx.t("zone"), row["zone_2026_2030"], "Điện Biên PPC Decision 46 (2026–2030)"))
    if "pop2009_census" in row:
        rows.append(
            (
                ctx.t("panel_population_2009"),
                format_number(row["pop2009_census"], ctx.lang) or no_data,
                ctx.t("panel_src_census"),
            )
        )
    rows += [
        (
            ctx.t("poverty_rate"),
            format_percent(row.get("poor_hh_rate_pct"), ctx.lang) or no_data,
            survey_note,
        ),
        (
            ctx.t("near_poor_rate"),
            format_percent(row.get("near_poor_hh_rate_pct"), ctx.lang) or no_data,
            survey_note,
        ),
        (ctx.t("households"), format_number(row.get("households"), ctx.lang) or no_data, survey_note),
        (
            ctx.t("hh_grid_power_pct"),
            format_percent(row.get("hh_grid_power_pct"), ctx.lang, decimals=1) or no_data,
            survey_note,
        ),
        (ctx.t("allseason_survey"), ctx.yes_no(row.get("allseason_road_to_centre")), survey_note),
        (ctx.t("grid_survey"), ctx.yes_no(row.get("grid_connected")), survey_note),
        (ctx.t("health_standard"), ctx.yes_no(row.get("health_station_national_standard")), survey_note),
        (
            ctx.t("schools_standard"),
            format_percent(row.get("schools_national_standard_pct"), ctx.lang, decimals=0) or no_data,
            survey_note,
        ),
        (
            ctx.t("dist_allseason_km"),
            format_km(row.get("dist_allseason_road_km"), ctx.lang) or no_data,
            geo_note,
        ),
        (ctx.t("dist_grid_km"), format_km(row.get("dist_grid_km"), ctx.lang) or no_data, geo_note),
        (
            ctx.t("panel_minutes_to_district"),
            " / ".join(
                _minutes_text(ctx, row.get(c))
                for c in ("minutes_to_district_dry", "minutes_to_district_rainy")
            ),
            network_note,
        ),
    ]
    weakest = row.get("weakest_class")
    if isinstance(weakest, str) and weakest:
        rows.append(
            (
                ctx.t("panel_weakest_link"),
                f"{ctx.t('class_' + weakest)} / {ctx.t('surface_' + str(row.get('weakest_surface')))}",
                geo_note,
            )
        )
    return [{ctx.t("indicator"): a, ctx.t("value"): str(b), ctx.t("source"): c} for a, b, c in rows]


def _minutes_text(ctx: PageContext, value) -> str:
    text = format_number(value, ctx.lang, decimals=0)
    return ctx.t("panel_minutes", minutes=text) if text else ctx.t("panel_no_route")


def _commune_panel(ctx: PageContext, run: FlagRun, communes: gpd.GeoDataFrame, selected: str | None) -> None:
    """The selected commune below the map, the page's full width: name, flags and evidence beside its
    indicators."""
    if selected is None:
        st.caption(ctx.t("click_commune"))
        return
    try:
        row = boundaries.commune_row(communes, selected)
    except AppError as exc:
        st.warning(escape_markdown(exc.render(ctx.lang)))
        return
    col_text, col_table = st.columns([2, 3], gap="medium")
    with col_text:
        st.subheader(ctx.t("commune_panel"))
        st.markdown(f"### {escape_markdown(boundaries.official_name(row))}")
        for note in boundaries.name_notes(communes, selected, ctx.lang):
            st.caption(escape_markdown(note))
        # The flag colour of the map (layers.palette.FLAG, magenta) for both flags; the words say which.
        flags = [
            ":violet-badge[" + ctx.t(key) + "]"
            for key in ("lacks_allseason_road", "lacks_grid")
            if row.get(key)
        ]
        st.markdown(" ".join(flags) if flags else ctx.t("map_flags_none"))
        st.markdown(
            f"**{ctx.t('evidence')}:** "
            + escape_markdown(str(row.get("evidence_en" if ctx.lang == "en" else "evidence_vi", "")))
        )
        disagreement = row.get("disagreement_en" if ctx.lang == "en" else "disagreement_vi")
        if isinstance(disagreement, str) and disagreement:
            st.warning(ctx.t("panel_disagreement") + escape_markdown(disagreement), icon=":material/rule:")
        note = illustrative_note(run.sources.values(), ctx.lang)
        if note:
            st.caption(":material/warning: " + escape_markdown(note))
    with col_table:
        rows = pd.DataFrame(commune_indicator_rows(ctx, row, run)).set_index(ctx.t("indicator"))
        # st.table renders Markdown: values and sources come from the data
        st.table(rows.map(escape_markdown))

"""Resettlement page (Mường Nhé): villages to move or serve, suitability and candidate sites, what-if
scenarios."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.sites import LandNeed, SiteRules, choose_sites
from analysis.suitability import REASONS, SuitabilityRules, Weights
from analysis.village_ranking import NeedRules, NeedWeights, programme_communes
from geo.errors import AppError
from geo.i18n import format_number
from geo.messages import msg
from layers.mapdata import assemble_map
from layers.mapview import MapOptions, build_map
from report.resettlement import (
    site_map_pdf,
    sites_csv_bytes,
    sites_xlsx_bytes,
    to_bytes,
    write_sites_gpkg,
    write_suitability_tif,
)
from report.tables import table_csv_bytes
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.resettlement import (
    ScenarioSpec,
    SuitabilityRun,
    comparison_table,
    create_scenario,
    layer_sources,
    load_scenario,
    remove_scenario,
    scenario_list,
    site_points,
    site_table,
    sites_for_map,
)

PAGE = {"title": "res_page_title", "icon": ":material/holiday_village:", "order": 35}
#: Cell sizes offered (m).
RESOLUTIONS = (30, 60, 90)
#: Layers the page's maps show at start.
SHOWN = ("communes", "districts", "roads", "res_suitability", "res_sites")
#: Measures of the comparison table shown on the page (all are in the CSV).
SHOWN_MEASURES = (
    "lacks_allseason_road",
    "minutes_to_district_centre_rainy",
    "minutes_to_health_station_rainy",
    "minutes_to_primary_school_rainy",
    "rai_share",
)


def _error(ctx: PageContext, exc: AppError) -> None:
    st.error(escape_markdown(exc.render(ctx.lang)))


def _headers(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` with its column names in the page language (``res_h_<column>``; contributions and the
    baseline / scenario pairs named after their criterion or measure)."""
    names = {}
    for column in table.columns:
        if column.startswith("contribution_"):
            names[column] = msg("res_h_contribution", lang, what=msg(f"res_need_{column[13:]}", lang))
        elif column.endswith(("_baseline", "_scenario")):
            measure, _, side = column.rpartition("_")
            names[column] = msg(f"res_h_{side}", lang, what=msg(f"res_h_{measure}", lang))
        else:
            names[column] = msg(f"res_h_{column}", lang)
    return table.rename(columns=names)


def _commune_label(communes: pd.DataFrame):
    names = communes.drop_duplicates("gso_code").set_index("gso_code")
    return lambda code: f"{names.at[code, 'commune']} ({names.at[code, 'district']}) · {code}"


def render(ctx: PageContext) -> None:
    """Draw the resettlement page."""
    lang = ctx.lang
    st.title(msg("res_page_title", lang))
    st.caption(msg("res_intro", lang))
    try:
        inputs = cache.resettlement_inputs(ctx.project)
    except AppError as exc:
        _error(ctx, exc)
        return
    communes = inputs.communes
    options = sorted(communes["gso_code"].astype(str).unique())
    codes = st.multiselect(
        msg("res_communes", lang),
        options,
        default=programme_communes(communes),
        format_func=_commune_label(communes),
        key=state.RES_COMMUNES,
        help=msg("res_communes_help", lang),
        placeholder=msg("choose_placeholder", lang),
    )
    if "dem" in inputs.rasters:
        st.caption(msg("res_dem_project", lang))
    else:
        st.warning(msg("res_dem_illustrative", lang), icon=":material/warning:")
    if not codes:
        st.info(msg("res_communes_help", lang))
        return
    rank_tab, sites_tab, scenario_tab = st.tabs(
        [msg("res_tab_rank", lang), msg("res_tab_sites", lang), msg("res_tab_scenarios", lang)]
    )
    with sites_tab:
        run_and_shapes = _sites(ctx, tuple(codes))
    with rank_tab:
        _ranking(ctx, tuple(codes))
    with scenario_tab:
        _scenarios(ctx, tuple(codes), run_and_shapes)


# --- part 1
# ------------------------------------------------------------------------------------------------------


def _ranking(ctx: PageContext, codes: tuple[str, ...]) -> None:
    lang = ctx.lang
    st.caption(msg("res_rank_caption", lang))
    defaults = NeedWeights().as_dict()
    with st.expander(msg("res_rank_weights", lang)):
        cols = st.columns(3)
        chosen = {}
        for i, (key, default) in enumerate(defaults.items()):
            chosen[key] = cols[i % 3].slider(
                f"{msg(f'res_need_{key}', lang)} ({format_number(default, lang)})",
                0.0,
                5.0,
                float(default),
                0.5,
                key=state.res_weight("need", key),
            )
    try:
        table = cache.village_ranking(codes, NeedRules(weights=NeedWeights(**chosen)), ctx.project)
    except AppError as exc:
        _error(ctx, exc)
        return
    st.subheader(msg("res_rank_table", lang, n=format_number(len(table), lang)))
    shown = [
        "rank",
        "village_id",
        "name",
        "commune",
        "score",
        "households",
        "minutes_to_allseason_road",
        "minutes_to_school",
        "minutes_to_health_station",
        "minutes_to_district_centre",
        "slope_deg",
        "criteria_missing",
    ] + [c for c in table.columns if c.startswith("contribution_")]
    st.dataframe(
        _headers(table[[c for c in shown if c in table.columns]].round(3), lang), hide_index=True, height=320
    )
    st.download_button(
        msg("res_rank_download", lang),
        table_csv_bytes(table),
        file_name="villages_ranked.csv",
        mime="text/csv",
        icon=":material/download:",
    )


# --- part 2
# ------------------------------------------------------------------------------------------------------


def _form(ctx: PageContext) -> tuple | None:
    """The weights and limits form; returns the choices when submitted."""
    lang = ctx.lang
    with st.form("res_form"):
        st.markdown(f"**{msg('res_weights', lang)}**")
        cols = st.columns(3)
        weights = {}
        for i, (key, default) in enumerate(Weights().as_dict().items()):
            weights[key] = cols[i % 3].slider(
                f"{msg(f'res_crit_{key}', lang)} ({format_number(default, lang)})",
                0.0,
                5.0,
                float(default),
                0.5,
                key=state.res_weight("suit", key),
            )
        st.markdown(f"**{msg('res_limits', lang)}**")
        a, b, c = st.columns(3)
        resolution = a.radio(
            msg("res_resolution", lang), RESOLUTIONS, horizontal=True, key=state.RES_RESOLUTION
        )
        max_slope = b.slider(
            msg("res_max_slope", lang),
            5.0,
            45.0,
            SuitabilityRules.max_slope_deg,
            1.0,
            key=state.RES_MAX_SLOPE,
        )
        min_ha = c.number_input(
            msg("res_min_ha", lang), 0.0, 500.0, SiteRules.min_ha, 1.0, key=state.RES_MIN_HA
        )
        a, b, c, d = st.columns(4)
        top = a.slider(
            msg("res_top_share", lang), 1, 50, int(SiteRules.top_share * 100), 1, key=state.RES_TOP_SHARE
        )
        buffer = b.number_input(
            msg("res_buffer", lang),
            0.0,
            5000.0,
            SuitabilityRules.settlement_buffer_m,
            50.0,
            key=state.RES_BUFFER,
        )
        residential = c.number_input(
            msg("res_land_res", lang),
            0.0,
            10.0,
            round(LandNeed.residential_ha, 4),
            0.01,
            format="%.4f",
            key=state.RES_LAND_RES,
            help=msg("res_land_help", lang),
        )
        farmland = d.number_input(
            msg("res_land_farm", lang),
            0.0,
            20.0,
            round(LandNeed.farmland_ha, 4),
            0.01,
            format="%.4f",
            key=state.RES_LAND_FARM,
            help=msg("res_land_help", lang),
        )
        if st.form_submit_button(msg("res_run", lang), type="primary"):
            return (
                tuple(weights.items()),
                int(resolution),
                float(max_slope),
                float(min_ha),
                top / 100.0,
                float(buffer),
                float(residential),
                float(farmland),
            )
    return None


def _rules(choices: tuple) -> tuple[SuitabilityRules, SiteRules]:
    weights, resolution, max_slope, min_ha, top, buffer, residential, farmland = choices
    rules = SuitabilityRules(
        resolution_m=float(resolution),
        max_slope_deg=max_slope,
        settlement_buffer_m=buffer,
        weights=Weights(**dict(weights)),
    )
    return rules, SiteRules(min_ha=min_ha, top_share=top, land_need=LandNeed(residential, farmland))


def _sites(ctx: PageContext, codes: tuple[str, ...]) -> tuple[SuitabilityRun, object] | None:
    lang = ctx.lang
    try:
        submitted = _form(ctx)
        if submitted is not None:
            st.session_state[state.RES_RUN_CHOICES] = (codes, submitted)
        last = st.session_state.get(state.RES_RUN_CHOICES)
        if last is None or last[0] != codes:
            st.info(msg("res_not_run", lang))
            return None
        rules, site_rules = _rules(last[1])
        with st.spinner(msg("res_running", lang)):
            run, shapes = cache.suitability_run(codes, rules, site_rules, ctx.project)
    except AppError as exc:  # the previous results stay in the cache; nothing is shown as ranked
        _error(ctx, exc)
        return None
    _summary(ctx, run, site_rules.min_ha)
    _site_map(ctx, run, shapes, codes, key=state.RES_MAP)
    table = site_table(run)
    st.subheader(msg("res_sites_table", lang))
    if table.empty:
        st.warning(msg("res_no_sites", lang))
    else:
        st.dataframe(
            _headers(pd.DataFrame(table.drop(columns="geometry")), lang), hide_index=True, height=300
        )
        _choose(ctx, table)
    _downloads(ctx, run, shapes, codes, table)
    return run, shapes


def _summary(ctx: PageContext, run: SuitabilityRun, min_ha: float) -> None:
    lang, result, sites = ctx.lang, run.result, run.sites.table
    weights = result.weights
    total = sum(weights.values()) or 1.0
    shares = ", ".join(
        f"{msg(f'res_crit_{k}', lang)} {format_number(100 * w / total, lang)} %"
        for k, w in weights.items()
        if w > 0
    )
    st.caption(msg("res_weights_effect", lang, shares=shares))
    st.success(
        msg(
            "res_summary",
            lang,
            scored=format_number(len(result.cells), lang),
            cells=format_number(result.cells_in_area, lang),
            sites=format_number(len(sites), lang),
            min_ha=format_number(min_ha, lang, decimals=1),
            capacity=format_number(int(sites["capacity_households"].sum()) if len(sites) else 0, lang),
            need=format_number(
                float(sites["land_need_ha_per_household"].iloc[0]) if len(sites) else 0, lang, decimals=4
            ),
        )
    )
    parts = [
        f"{msg(f'res_reason_{k}', lang)} "
        f"{format_number(100 * v / max(result.cells_in_area, 1), lang, decimals=1)}"
        " %"
        for k, v in result.excluded.items()
        if v and k in REASONS
    ]
    if parts:
        st.caption(msg("res_excluded", lang, parts="; ".join(parts)))
    if result.left_out:
        st.caption(
            msg("res_left_out", lang, names=", ".join(msg(f"res_crit_{k}", lang) for k in result.left_out))
        )
    if result.coverage is not None and result.coverage.share < 1.0:
        st.warning(
            msg("res_coverage", lang, share=format_number(100 * result.coverage.share, lang, decimals=1))
        )
    if result.illustrative:
        st.caption(msg("res_inputs_illustrative", lang, names=", ".join(result.illustrative_inputs)))


def _map_data(ctx: PageContext, run: SuitabilityRun | None, shapes, codes: tuple[str, ...]):
    communes = cache.display_communes("pre2025")
    shown = communes[communes["gso_code"].astype(str).isin(codes)]
    data = assemble_map(
        shown,
        cache.display_districts(),
        cache.display_province(),
        load=lambda key: cache.layer(key, ctx.project),
    )
    if run is not None:
        data.frames["res_suitability"] = shapes
        data.frames["res_sites"] = sites_for_map(run)
        data.sources.update(layer_sources(run))
    return data


def _site_map(
    ctx: PageContext,
    run: SuitabilityRun | None,
    shapes,
    codes: tuple[str, ...],
    *,
    key: str,
    clicks: bool = False,
):
    data = _map_data(ctx, run, shapes, codes)
    fmap = build_map(
        data,
        MapOptions(
            lang=ctx.lang,
            visible=SHOWN,
            bounds=tuple(data.communes.total_bounds),
            asset_base_url=ASSET_BASE_URL,
            height_px=560,
        ),
    )
    return st_folium(
        fmap,
        key=key,
        height=560,
        use_container_width=True,
        returned_objects=["last_clicked"] if clicks else [],
    )


def _choose(ctx: PageContext, table) -> None:
    lang = ctx.lang
    with st.expander(msg("res_choose", lang)):
        st.caption(msg("res_choose_note", lang))
        a, b = st.columns(2)
        households = int(
            a.number_input(
                msg("res_choose_households", lang), 0, 100_000, 500, 50, key=state.RES_CHOOSE_HOUSEHOLDS
            )
        )
        most = int(b.number_input(msg("res_choose_max", lang), 1, 500, 5, 1, key=state.RES_CHOOSE_MAX))
        pick = choose_sites(table, households=households, max_sites=most)
        st.write(
            msg(
                "res_choose_result",
                lang,
                sites=", ".join(pick.site_ids) or "—",
                capacity=format_number(pick.capacity, lang),
                score=format_number(pick.total_score, lang, decimals=3),
            )
        )
        if pick.shortfall:
            st.warning(msg("res_choose_short", lang, n=format_number(pick.shortfall, lang)))


def _downloads(ctx: PageContext, run: SuitabilityRun, shapes, codes: tuple[str, ...], table) -> None:
    lang, names = ctx.lang, run.result.illustrative_inputs
    st.subheader(msg("res_downloads", lang))
    a, b, c, d, e = st.columns(5)
    a.download_button(
        msg("res_dl_gpkg", lang),
        to_bytes(lambda p: write_sites_gpkg(table, p), ".gpkg"),
        file_name="sites.gpkg",
        mime="application/geopackage+sqlite3",
        icon=":material/download:",
    )
    b.download_button(
        msg("res_dl_xlsx", lang),
        sites_xlsx_bytes(table, lang=lang, illustrative_inputs=names),
        file_name="sites.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    c.download_button(
        msg("res_dl_csv", lang),
        sites_csv_bytes(table),
        file_name="sites.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    d.download_button(
        msg("res_dl_tif", lang),
        lambda: to_bytes(
            lambda p: write_suitability_tif(
                run.result.score, run.result.grid.transform, p, illustrative_inputs=names, lang=lang
            ),
            ".tif",
        ),
        file_name="suitability.tif",
        mime="image/tiff",
        icon=":material/download:",
    )
    e.download_button(
        msg("res_dl_pdf", lang),
        lambda: site_map_pdf(
            _map_data(ctx, run, shapes, codes),
            lang=lang,
            title=msg("res_map_title", lang),
            all_districts=cache.display_districts(),
        ),
        file_name="sites_map.pdf",
        mime="application/pdf",
        icon=":material/download:",
    )


# --- part 3
# ------------------------------------------------------------------------------------------------------


def _scenarios(ctx: PageContext, codes: tuple[str, ...], run_and_shapes) -> None:
    lang = ctx.lang
    st.caption(msg("res_scn_caption", lang))
    inputs = cache.resettlement_inputs(ctx.project)
    roads = inputs.layers["roads"]
    communes = inputs.communes[inputs.communes["gso_code"].astype(str).isin(codes)].to_crs(4326)
    near = roads[roads.intersects(communes.union_all()) & ~roads["all_season"].astype(bool)]
    labels = {
        str(r.road_id): f"{r.road_id} ({msg(f'class_{r.road_class}', lang)}, "
        f"{msg(f'surface_{r.surface}', lang).lower()})"
        for r in near.itertuples()
    }
    name = st.text_input(msg("res_scn_name", lang), "kich_ban_1", max_chars=30, key=state.RES_SCN_NAME)
    # given again on every run, so that a change of language relabels the roads chosen (Streamlit keeps the
    # label of a keyed choice it was not sent again)
    state.restore(state.RES_SCN_ROADS, [], sorted(labels))
    hardened = st.multiselect(
        msg("res_scn_roads", lang),
        sorted(labels),
        format_func=labels.get,
        key=state.RES_SCN_ROADS,
        placeholder=msg("choose_placeholder", lang),
    )
    run, shapes = run_and_shapes if run_and_shapes else (None, None)
    site_ids: list[str] = []
    if run is not None and len(run.sites.table):
        site_ids = st.multiselect(
            msg("res_scn_sites", lang),
            list(run.sites.table["site_id"].iloc[:30]),
            key=state.RES_SCN_SITES,
            placeholder=msg("choose_placeholder", lang),
        )
    clicked = st.session_state.get(state.RES_SCN_CLICK)
    a, b = st.columns(2)
    add_health = a.checkbox(msg("res_scn_facility", lang), key=state.RES_SCN_HEALTH)
    add_school = b.checkbox(msg("res_scn_school", lang), key=state.RES_SCN_SCHOOL)
    if add_health or add_school:  # the map to click on is drawn only when a facility is to be placed
        if clicked:
            st.caption(msg("res_scn_clicked", lang, lat=f"{clicked[0]:.5f}", lon=f"{clicked[1]:.5f}"))
        else:
            st.caption(msg("res_scn_click_hint", lang))
        out = _site_map(ctx, run, shapes, codes, key=state.RES_SCN_MAP, clicks=True)
        point = (out or {}).get("last_clicked")
        if point and (clicked is None or (point["lat"], point["lng"]) != tuple(clicked)):
            st.session_state[state.RES_SCN_CLICK] = (point["lat"], point["lng"])
            st.rerun()
    facilities = []
    if clicked and add_health:
        facilities.append(("health", "tram_y_te", float(clicked[1]), float(clicked[0])))
    if clicked and add_school:
        facilities.append(("schools", "tieu_hoc", float(clicked[1]), float(clicked[0])))
    spec = ScenarioSpec(
        name=name.strip(),
        harden_roads=tuple(hardened),
        facilities=tuple(facilities),
        sites=site_points(run.sites.table.to_crs(4326), site_ids) if site_ids else (),
    )
    a, b = st.columns(2)
    if a.button(msg("res_scn_compare", lang), key=state.RES_SCN_COMPARE, type="primary"):
        st.session_state[state.RES_SCN_SHOWN] = spec
    save = b.button(msg("res_scn_save", lang), key=state.RES_SCN_SAVE, disabled=not ctx.project)
    if not ctx.project:
        b.caption(msg("res_scn_no_project", lang))
    if save:
        try:
            version = create_scenario(inputs, ctx.project, spec.scenario())
            cache.clear()
            st.success(msg("res_scn_saved", lang, name=spec.name, version=version))
        except AppError as exc:
            _error(ctx, exc)
    if ctx.project:
        _saved(ctx)
    shown = st.session_state.get(state.RES_SCN_SHOWN)
    if shown is not None:
        _comparison(ctx, shown)


def _saved(ctx: PageContext) -> None:
    lang = ctx.lang
    try:
        saved = scenario_list(ctx.project)
    except AppError as exc:
        _error(ctx, exc)
        return
    if saved.empty:
        return
    st.markdown(f"**{msg('res_scn_saved_list', lang)}**")
    st.dataframe(saved, hide_index=True)
    pick = st.selectbox(
        msg("res_scn_saved_list", lang),
        saved["name"].tolist(),
        key=state.RES_SCN_SAVED,
        placeholder=msg("choose_placeholder", lang),
    )
    a, b = st.columns(2)
    if a.button(msg("res_scn_load", lang), key=state.RES_SCN_LOAD):
        scenario = load_scenario(ctx.project, pick)
        st.session_state[state.RES_SCN_SHOWN] = _spec_of(scenario)
    if b.button(msg("res_scn_delete", lang), key=state.RES_SCN_DELETE):
        remove_scenario(ctx.project, pick)
        cache.clear()
        st.success(msg("res_scn_deleted", lang, name=pick))


def _spec_of(scenario) -> ScenarioSpec:
    facilities = ()
    if scenario.facilities is not None:
        f = scenario.facilities.to_crs(4326)
        facilities = tuple(
            (str(r.layer), str(r.kind), float(r.geometry.x), float(r.geometry.y)) for r in f.itertuples()
        )
    sites = ()
    if scenario.sites is not None:
        s = scenario.sites.to_crs(4326)
        sites = tuple(
            (str(r.site_id), int(r.households), float(r.geometry.x), float(r.geometry.y))
            for r in s.itertuples()
        )
    return ScenarioSpec(scenario.name, tuple(scenario.harden_roads), facilities, sites)


def _comparison(ctx: PageContext, spec: ScenarioSpec) -> None:
    lang = ctx.lang
    if spec.empty:
        st.info(msg("res_scn_empty", lang))
        return
    try:
        with st.spinner(msg("res_running", lang)):
            comparison = cache.scenario_comparison(spec, ctx.project)
    except AppError as exc:
        _error(ctx, exc)
        return
    table = comparison.communes
    changed = table[table["changed"]]
    st.success(
        msg(
            "res_scn_changed",
            lang,
            n=format_number(len(changed), lang),
            flags=format_number(int(table["flags_changed"].sum()), lang),
        )
    )
    people = comparison.people.copy()
    people["measure"] = [msg(f"res_measure_{m}", lang) for m in people["measure"]]
    people = people.rename(
        columns={
            "measure": msg("res_measure", lang),
            "baseline": msg("res_people_baseline", lang),
            "scenario": msg("res_people_scenario", lang),
            "newly": msg("res_people_newly", lang),
        }
    )
    st.markdown(f"**{msg('res_scn_people', lang)}**")
    st.dataframe(people.round(0), hide_index=True)
    st.markdown(f"**{msg('res_scn_table', lang)}**")
    columns = ["gso_code", "commune", "district"] + [
        f"{m}_{w}" for m in SHOWN_MEASURES for w in ("baseline", "scenario")
    ]
    st.dataframe(_headers(changed[columns].round(2), lang), hide_index=True)
    st.download_button(
        msg("res_scn_download", lang),
        table_csv_bytes(comparison_table(comparison)),
        file_name=f"scenario_{spec.name}_comparison.csv",
        mime="text/csv",
        icon=":material/download:",
    )

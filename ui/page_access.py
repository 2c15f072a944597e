"""Access page: travel times by season to the district centre, schools and clinics, as a map layer and a
table."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import AppError
from geo.i18n import format_km, format_number, format_percent
from geo.messages import has, msg
from geo.provenance import illustrative_note
from geo.vocab import SEASONS
from layers.access_map import MEASURES, AccessMeasure, build_access_map
from report.output import SEASON_WORDS, export_file_name
from report.tables import XLSX_MIME, download_csv_bytes, download_xlsx_bytes
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.access import SERVICES, AccessRun

PAGE = {"title": "page_access", "icon": ":material/route:", "order": 20}
#: Height of the access map: the province (taller than wide) fills it at 1366×768 and up.
MAP_HEIGHT_PX = 620

#: What can be mapped: the district centre, then every service (school levels, health facility types).
TARGETS = ("district_centre", *SERVICES)


def target_name(ctx: PageContext, target: str) -> str:
    """The destination as a planner reads it: a school level or health facility type, or the commune's
    district centre."""
    key = "accm_target_district_centre" if target == "district_centre" else target
    return ctx.t(key) if has(key) else target


def _term(ctx: PageContext, prefix: str, value) -> str:
    """A road class or surface in the page language (the stored value itself when it has no translation)."""
    text = "" if value is None or value != value else str(value)
    return ctx.t(prefix + text) if has(prefix + text) else text


def weakest_link(ctx: PageContext, segment, road_class, surface) -> str:
    """The weakest link of a route as a planner reads it: ``RD-0219 (đường xã, Đất)``; empty when there is
    none."""
    if not isinstance(segment, str) or not segment:
        return ""
    words = [w for w in (_term(ctx, "class_", road_class), _term(ctx, "surface_", surface)) if w]
    return f"{segment} ({', '.join(words)})" if words else segment


def _weakest_links(ctx: PageContext, c: pd.DataFrame) -> list[str]:
    surfaces = c["weakest_surface"] if "weakest_surface" in c else [None] * len(c)
    return [
        weakest_link(ctx, s, k, f)
        for s, k, f in zip(c["weakest_segment"], c["weakest_class"], surfaces, strict=True)
    ]


def _minutes(ctx: PageContext, value) -> str:
    return format_number(value, ctx.lang, decimals=0)


def access_display_table(
    ctx: PageContext, run: AccessRun, flags: pd.DataFrame | None, target: str, *, within_min: float = 60.0
) -> pd.DataFrame:
    """Return the per-commune table as text (Vietnamese number format; empty where not computable): for a
    service, the share of village population within ``within_min`` and the population-weighted minutes
    first (the map's default measure), then the minutes from the commune centre."""
    c = run.communes
    column = "minutes_to_district_centre" if target == "district_centre" else f"{target}_min"
    name = target_name(ctx, target).lower()
    measured = {}
    if f"{target}_min_share_within" in c:  # measured from the villages, weighted by their population
        measured = {
            msg("accm_col_share", ctx.lang, within=format_number(within_min, ctx.lang), target=name): [
                format_percent(v * 100 if v == v else None, ctx.lang, decimals=1)
                for v in c[f"{target}_min_share_within"]
            ],
            msg("accm_col_mean", ctx.lang, target=name): [
                _minutes(ctx, v) for v in c[f"{target}_min_popmean"]
            ],
        }
    table = pd.DataFrame(
        {
            ctx.t("gso_code"): c["gso_code"],
            ctx.t("commune"): c["commune"],
            ctx.t("district"): c["district"],
            **measured,
            msg("accm_col_centre", ctx.lang, target=name): [_minutes(ctx, v) for v in c[column]],
            ctx.t("res_h_minutes_to_district_centre"): [
                _minutes(ctx, v) for v in c["minutes_to_district_centre"]
            ],
            ctx.t("accm_col_network_km"): [
                format_number(v, ctx.lang, decimals=1) for v in c["network_km_to_district_centre"]
            ],
            ctx.t("accm_col_weakest"): _weakest_links(ctx, c),
            ctx.t("accm_col_to_allseason"): [
                format_km(v, ctx.lang, decimals=2) for v in c["road_km_to_allseason"]
            ],
            ctx.t("accm_col_rai"): [
                format_percent(v * 100 if v == v else None, ctx.lang, decimals=1) for v in c["rai_share"]
            ],
        }
    )
    if flags is not None:
        f = flags.set_index("unit_id").reindex(c["unit_id"])
        lang = "en" if ctx.lang == "en" else "vi"
        table[ctx.t("flg_survey_and_map_disagree")] = f[f"disagreement_{lang}"].fillna("").to_numpy()
        table[ctx.t("evidence")] = f[f"evidence_{lang}"].fillna("").to_numpy()
    return table


def render(ctx: PageContext) -> None:
    """Draw the access page."""
    st.title(ctx.t("accm_page_title"))
    col_a, col_b, col_c = st.columns(3)
    # each choice is given again on every run, so that a change of language relabels it (Streamlit keeps the
    # label of a keyed choice it was not sent again)
    with col_a:
        state.restore(state.ACCESS_SEASON, SEASONS[0], SEASONS)
        season = st.radio(
            ctx.t("season"),
            SEASONS,
            horizontal=True,
            key=state.ACCESS_SEASON,
            format_func=lambda s: ctx.t(f"acc_method_season_{s}"),
        )
    with col_b:
        state.restore(state.ACCESS_TARGET, TARGETS[0], TARGETS)
        target = st.selectbox(
            ctx.t("accm_destination"),
            TARGETS,
            key=state.ACCESS_TARGET,
            format_func=lambda k: target_name(ctx, k),
            placeholder=ctx.t("choose_placeholder"),
        )
    with col_c:
        within = st.slider(ctx.t("accm_threshold"), 15, 240, 60, 15, key=state.ACCESS_WITHIN)
    by_villages = target != "district_centre"  # the district centre is measured from commune centres only
    col_map, col_side = st.columns([3, 1], gap="medium")
    with col_side:
        measures = MEASURES if by_villages else ("centre",)
        measure_key = state.ACCESS_MEASURE if by_villages else state.ACCESS_MEASURE_CENTRE_ONLY
        state.restore(measure_key, measures[0], measures)
        measure = st.radio(
            msg("accm_measure", ctx.lang),
            measures,
            key=measure_key,
            format_func=lambda m: msg(f"accm_measure_{m}", ctx.lang),
        )
    try:
        run = cache.access_run(ctx.units, season, float(within), ctx.project)
        flags = cache.flag_run(ctx.units, ctx.year, ctx.thresholds, ctx.project).flags
        communes = cache.display_communes(ctx.units)
        districts = cache.display_districts()
        province = cache.display_province()
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return

    c = run.communes
    column = "minutes_to_district_centre" if target == "district_centre" else f"{target}_min"
    name = target_name(ctx, target).lower()
    minutes = format_number(within, ctx.lang)
    season_name = ctx.t(f"acc_method_season_{season}").lower()
    with col_side:
        st.caption(msg(f"accm_explain_{measure}", ctx.lang, target=name, within=minutes, season=season_name))
        if not by_villages:
            st.caption(msg("accm_centre_only", ctx.lang))
        within_col = f"{target}_min_share_within"
        if within_col in c:
            pop = c["population_villages"].fillna(0)
            share = (c[within_col].fillna(0) * pop).sum() / pop.sum() if pop.sum() > 0 else None
            st.metric(
                ctx.t("accm_tip_share", within=minutes),
                format_percent(share * 100 if share is not None else None, ctx.lang, decimals=1)
                or ctx.t("no_data"),
            )
        st.metric(
            ctx.t("accm_province_rai"),
            format_percent(
                run.province_rai * 100 if run.province_rai is not None else None, ctx.lang, decimals=1
            )
            or ctx.t("no_data"),
        )
        n_missing = int(c[column].isna().sum())
        st.metric(ctx.t("accm_not_computable"), format_number(n_missing, ctx.lang))
        note = illustrative_note(run.sources.values(), ctx.lang)
        if note:
            st.info(note, icon=":material/warning:")

    values = pd.DataFrame({"unit_id": c["unit_id"], "minutes": c[column]})
    if by_villages:
        values["share"] = c[f"{target}_min_share_within"].to_numpy()
        values["mean_minutes"] = c[f"{target}_min_popmean"].to_numpy()
    f = flags.set_index("unit_id").reindex(c["unit_id"])
    lang = "en" if ctx.lang == "en" else "vi"
    values["evidence"] = f[f"disagreement_{lang}"].fillna("").to_numpy()
    values["detail"] = [ctx.t("accm_detail_weakest", link=w) if w else "" for w in _weakest_links(ctx, c)]
    title = msg(f"accm_title_{measure}", ctx.lang, within=minutes, target=name)
    shown = AccessMeasure(title=title, within_min=float(within), measure=measure, illustrative=True)
    fmap = build_access_map(
        communes,
        values,
        shown=shown,
        lang=ctx.lang,
        asset_base_url=ASSET_BASE_URL,
        districts=districts,
        bounds=tuple(province.total_bounds),
        height_px=MAP_HEIGHT_PX,
    )
    with col_map:
        st_folium(
            fmap, key=state.ACCESS_MAP, height=MAP_HEIGHT_PX, use_container_width=True, returned_objects=[]
        )
    st.caption(run.method_en if ctx.lang == "en" else run.method_vi)
    for note in run.notes:
        st.caption("⚠ " + escape_markdown(note.render(ctx.lang)))

    only = st.toggle(ctx.t("flg_only_communes_where_survey"), value=False, key=state.ACCESS_ONLY_DISAGREE)
    table = access_display_table(ctx, run, flags, target, within_min=float(within))
    if only:
        mask = (f["road_disagreement"].fillna(False) | f["grid_disagreement"].fillna(False)).to_numpy(bool)
        table = table[mask]
    st.dataframe(table, hide_index=True, width="stretch", height=480)
    sources = [
        *run.sources.values(),
        *cache.flag_run(ctx.units, ctx.year, ctx.thresholds, ctx.project).sources.values(),
    ]
    method = run.method_en if ctx.lang == "en" else run.method_vi
    xlsx_col, csv_col = st.columns(2)  # XLSX first: the file for people (spreadsheets); CSV for programs
    xlsx_col.download_button(
        ctx.t("expx_download_xlsx"),
        download_xlsx_bytes(table, sources, lang=ctx.lang, method=method, sheet=ctx.t("sheet_access")),
        file_name=export_file_name(f"tiep_can_{SEASON_WORDS[season]}", "xlsx", units=ctx.units),
        mime=XLSX_MIME,
    )
    csv_col.download_button(
        ctx.t("expx_download_csv"),
        download_csv_bytes(table, sources, lang=ctx.lang, method=method),
        file_name=export_file_name(f"tiep_can_{SEASON_WORDS[season]}", "csv", units=ctx.units),
        mime="text/csv",
    )
    st.caption(ctx.t("expx_file_kinds"))
    st.subheader(ctx.t("accm_by_district"))
    d = run.districts
    mean_col = f"{target}_min_popmean" if target != "district_centre" else None
    district_table = pd.DataFrame(
        {
            ctx.t("district"): d["district"],
            ctx.t("accm_col_population_villages"): [format_number(v, ctx.lang) for v in d["population"]],
            "RAI": [
                format_percent(v * 100 if v == v else None, ctx.lang, decimals=1) for v in d["rai_share"]
            ],
        }
    )
    if mean_col and mean_col in d:
        district_table[ctx.t("accm_col_mean_minutes")] = [_minutes(ctx, v) for v in d[mean_col]]
        district_table[ctx.t("accm_col_within", within=minutes)] = [
            format_percent(v * 100 if v == v else None, ctx.lang, decimals=1)
            for v in d[f"{target}_min_share_within"]
        ]
    st.dataframe(district_table, hide_index=True, width="stretch")

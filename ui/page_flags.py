"""Flags page: communes lacking an all-season road or grid power, which source decided, where survey and map
disagree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.flags import count_flags_by_district
from geo.errors import AppError
from geo.i18n import format_number, format_threshold
from geo.provenance import illustrative_note
from report.output import export_file_name
from report.tables import XLSX_MIME, download_csv_bytes, download_xlsx_bytes
from ui import cache, state
from ui.context import PageContext
from ui.text import escape_markdown

PAGE = {"title": "page_flags", "icon": ":material/flag:", "order": 10}


#: Message of each source that can decide a flag (analysis.flags: ``road_decided_by`` / ``grid_decided_by``).
_DECIDED = {
    "survey": "flg_decided_survey",
    "map": "flg_decided_map",
    "survey+map": "flg_decided_survey_map",
    "none": "flg_decided_none",
}


def flags_display_table(ctx: PageContext, flags: pd.DataFrame) -> pd.DataFrame:
    """Return the flags table with translated column names, ready to show or download (empty where
    unknown)."""
    lang = "en" if ctx.lang == "en" else "vi"

    def km(values: pd.Series) -> list[str]:
        return [format_number(v, ctx.lang, decimals=2) for v in values]

    def decided(values: pd.Series) -> list[str]:
        return [ctx.t(_DECIDED[v]) if v in _DECIDED else v for v in values]

    return pd.DataFrame(
        {
            ctx.t("gso_code"): flags["gso_code"],
            ctx.t("commune"): flags["commune"],
            ctx.t("district"): flags["district"],
            ctx.t("lacks_allseason_road"): [
                ctx.yes_no(v) for v in flags["lacks_allseason_road"].astype(bool)
            ],
            ctx.t("flg_road_decided_by"): decided(flags["road_decided_by"]),
            ctx.t("lacks_grid"): [ctx.yes_no(v) for v in flags["lacks_grid"].astype(bool)],
            ctx.t("flg_grid_decided_by"): decided(flags["grid_decided_by"]),
            ctx.t("flg_survey_and_map_disagree"): flags[f"disagreement_{lang}"].fillna(""),
            ctx.t("dist_allseason_km") + " (km)": km(flags["dist_allseason_road_km"]),
            ctx.t("flg_to_an_all_season"): km(flags["dist_connected_allseason_km"]),
            ctx.t("flg_centre_snapped_to_the"): [
                format_number(v, ctx.lang, decimals=0) for v in flags["snap_m"]
            ],
            ctx.t("flg_minutes_to_district_centre"): [
                format_number(v, ctx.lang, decimals=0) for v in flags["minutes_to_district_dry"]
            ],
            ctx.t("flg_minutes_to_district_centre_2"): [
                format_number(v, ctx.lang, decimals=0) for v in flags["minutes_to_district_rainy"]
            ],
            ctx.t("flg_weakest_link_on_the"): [
                f"{s} ({ctx.t('class_' + str(c))}, {ctx.t('surface_' + str(f))})" if s else ""
                for s, c, f in zip(
                    flags["weakest_segment"], flags["weakest_class"], flags["weakest_surface"], strict=True
                )
            ],
            ctx.t("dist_grid_km") + " (km)": km(flags["dist_grid_km"]),
            ctx.t("flg_to_a_substation_km"): km(flags["dist_substation_km"]),
            ctx.t("evidence"): flags[f"evidence_{lang}"],
        }
    )


def render(ctx: PageContext) -> None:
    """Draw the flags page."""
    st.title(ctx.t("flags_title"))
    th = ctx.thresholds
    try:
        run = cache.flag_run(ctx.units, ctx.year, ctx.thresholds, ctx.project)
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    note = illustrative_note(run.sources.values(), ctx.lang)
    if note:
        st.info(note, icon=":material/warning:")
    st.caption(
        ctx.t(
            "flg_thresholds_caption",
            road_km=format_threshold(th.road_km, ctx.lang),
            grid_km=format_threshold(th.grid_km, ctx.lang),
            grid_pct=format_threshold(th.grid_household_pct, ctx.lang),
            year=ctx.year,
        )
    )
    counts = count_flags_by_district(run.flags)
    counts_view = counts.drop(columns=["district_code"])
    counts_view.columns = [
        ctx.t("district"),
        ctx.t("n_communes"),
        ctx.t("n_lacks_road"),
        ctx.t("n_lacks_grid"),
        ctx.t("flg_lacks_either"),
    ]
    st.subheader(ctx.t("flags_by_district"))
    st.dataframe(counts_view, hide_index=True, width="stretch")
    flags = run.flags
    disagree = flags["road_disagreement"] | flags["grid_disagreement"]
    st.caption(ctx.t("flg_disagree_caption", n=int(disagree.sum())))
    col_a, col_b = st.columns(2)
    only = col_a.toggle(ctx.t("flg_only_flagged_communes"), value=True, key=state.FLAGS_ONLY_FLAGGED)
    only_disagree = col_b.toggle(
        ctx.t("flg_only_communes_where_survey"), value=False, key=state.FLAGS_ONLY_DISAGREE
    )
    flags = flags.assign(_disagree=disagree).sort_values("_disagree", ascending=False, kind="stable")
    if only:
        flags = flags[flags["lacks_allseason_road"] | flags["lacks_grid"] | flags["_disagree"]]
    if only_disagree:
        flags = flags[flags["_disagree"]]
    table = flags_display_table(ctx, flags)
    st.dataframe(table, hide_index=True, width="stretch", height=520)
    xlsx_col, csv_col = st.columns(2)  # XLSX first: the file for people (spreadsheets); CSV for programs
    xlsx_col.download_button(
        ctx.t("expx_download_xlsx"),
        download_xlsx_bytes(table, run.sources.values(), lang=ctx.lang, sheet=ctx.t("sheet_flags")),
        file_name=export_file_name("xa_gan_co", "xlsx", units=ctx.units, year=ctx.year),
        mime=XLSX_MIME,
    )
    csv_col.download_button(
        ctx.t("expx_download_csv"),
        download_csv_bytes(table, run.sources.values(), lang=ctx.lang),
        file_name=export_file_name("xa_gan_co", "csv", units=ctx.units, year=ctx.year),
        mime="text/csv",
    )
    st.caption(ctx.t("expx_file_kinds"))

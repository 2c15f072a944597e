"""Flags page: the sortable table of communes lacking an all-season road or grid power, with counts per district."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.flags import count_flags_by_district
from geo.errors import AppError
from ui import cache
from ui.context import PageContext

PAGE = {"title": ("Xã bị gắn cờ", "Flagged communes"), "icon": ":material/flag:", "order": 10}


def flags_display_table(ctx: PageContext, flags: pd.DataFrame) -> pd.DataFrame:
    """Return the flags table with translated column names, ready to show or download."""
    table = flags[["gso_code", "commune", "district", "lacks_allseason_road", "lacks_grid", "dist_allseason_road_km",
                   "dist_grid_km", "evidence_en" if ctx.lang == "en" else "evidence_vi"]].copy()
    table["dist_allseason_road_km"] = table["dist_allseason_road_km"].round(2)
    table["dist_grid_km"] = table["dist_grid_km"].round(2)
    table.columns = [ctx.t("gso_code"), ctx.t("commune"), ctx.t("district"), ctx.t("lacks_allseason_road"),
                     ctx.t("lacks_grid"), ctx.t("dist_allseason_km") + " (km)", ctx.t("dist_grid_km") + " (km)",
                     ctx.t("evidence")]
    return table


def render(ctx: PageContext) -> None:
    """Draw the flags page."""
    st.title(ctx.t("flags_title"))
    th = ctx.thresholds
    try:
        run = cache.flag_run(ctx.units, ctx.year, ctx.thresholds_key, ctx.project)
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + exc.render(ctx.lang))
        return
    st.info(ctx.t("illustrative_banner"), icon=":material/warning:")
    st.caption(ctx.pick(
        f"Ngưỡng: đường quanh năm trong {th.road_km:g} km, lưới điện trong {th.grid_km:g} km, "
        f"≥ {th.grid_household_pct:g} % hộ có điện lưới; năm điều tra {ctx.year}. Đổi ngưỡng ở thanh bên.",
        f"Thresholds: all-season road within {th.road_km:g} km, grid within {th.grid_km:g} km, "
        f"≥ {th.grid_household_pct:g}% households on the grid; survey year {ctx.year}. Change them in the sidebar."))
    counts = count_flags_by_district(run.flags)
    counts_view = counts.drop(columns=["district_code"])
    counts_view.columns = [ctx.t("district"), ctx.t("n_communes"), ctx.t("n_lacks_road"), ctx.t("n_lacks_grid"),
                           ctx.pick("Thiếu ít nhất một", "Lacks either")]
    st.subheader(ctx.t("flags_by_district"))
    st.dataframe(counts_view, hide_index=True, width="stretch")
    only = st.toggle(ctx.pick("Chỉ hiện xã bị gắn cờ", "Only flagged communes"), value=True, key="only_flagged")
    flags = run.flags
    if only:
        flags = flags[flags["lacks_allseason_road"] | flags["lacks_grid"]]
    table = flags_display_table(ctx, flags)
    st.dataframe(table, hide_index=True, width="stretch", height=520)
    st.download_button(ctx.t("download_csv"), table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"flags_{ctx.units}_{ctx.year}.csv", mime="text/csv")

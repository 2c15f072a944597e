"""Streamlit front: page layout, shared sidebar choices, routing to the pages in ui/. Nothing else."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import streamlit as st

import ui
from analysis.flags import FlagThresholds
from geo.i18n import format_km, t
from geo.project_folder import project_path
from geo.vocab import LANGS, SURVEY_YEARS, UNITS
from ui import state
from ui.context import PageContext

st.set_page_config(
    page_title="Điện Biên — bản đồ bao phủ",
    page_icon=str(Path(__file__).parent / "ui" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)


def _discover_pages() -> list:
    modules = []
    for info in pkgutil.iter_modules(ui.__path__):
        if info.name.startswith("page_"):
            module = importlib.import_module(f"ui.{info.name}")
            modules.append(module)
    return sorted(modules, key=lambda m: m.PAGE["order"])


def _sidebar() -> PageContext:
    # Each choice is kept beside its widget (ui.state.restore / remember): a language switch, whose labels
    # give the widgets new identities, and a move to another page leave every choice as it was.
    default = FlagThresholds()
    for key, value in (
        (state.LANG, "vi"),
        (state.UNITS, "pre2025"),
        (state.YEAR, 2020),
        (state.THRESHOLD_ROAD_KM, default.road_km),
        (state.THRESHOLD_GRID_KM, default.grid_km),
        (state.THRESHOLD_GRID_PCT, int(default.grid_household_pct)),
    ):
        state.restore(key, value)
    with st.sidebar:
        lang = state.remember(
            state.LANG,
            st.radio(
                "Ngôn ngữ / Language",
                LANGS,
                horizontal=True,
                key=state.LANG,
                format_func=lambda code: "Tiếng Việt" if code == "vi" else "English",
            ),
        )
        units = state.remember(
            state.UNITS,
            st.radio(t("units", lang), UNITS, key=state.UNITS, format_func=lambda u: t(f"units_{u}", lang)),
        )
        year = state.remember(
            state.YEAR, st.select_slider(t("survey_year", lang), options=list(SURVEY_YEARS), key=state.YEAR)
        )
        with st.expander(t("thresholds", lang)):
            # select sliders: their values are drawn in the language's number format ("0,5 km"), a slider's
            # are not
            road = state.remember(
                state.THRESHOLD_ROAD_KM,
                st.select_slider(
                    t("threshold_road_km", lang),
                    [h / 2 for h in range(1, 21)],
                    key=state.THRESHOLD_ROAD_KM,
                    format_func=lambda v: format_km(v, lang),
                ),
            )
            grid = state.remember(
                state.THRESHOLD_GRID_KM,
                st.select_slider(
                    t("threshold_grid_km", lang),
                    [h / 2 for h in range(1, 31)],
                    key=state.THRESHOLD_GRID_KM,
                    format_func=lambda v: format_km(v, lang),
                ),
            )
            pct = state.remember(
                state.THRESHOLD_GRID_PCT,
                st.slider(t("threshold_grid_pct", lang), 0, 100, step=5, key=state.THRESHOLD_GRID_PCT),
            )
    thresholds = FlagThresholds(road_km=float(road), grid_km=float(grid), grid_household_pct=float(pct))
    # a checked project name (Import page), never a browser path
    name = st.session_state.get(state.PROJECT_KEY)
    return PageContext(
        lang=lang,
        units=units,
        year=int(year),
        project=str(project_path(name)) if name else None,
        thresholds=thresholds,
    )


def main() -> None:
    """Build the navigation from ui/page_*.py and run the selected page."""
    state.init_state()
    ctx = _sidebar()
    pages = []
    for module in _discover_pages():
        title = t(module.PAGE["title"], ctx.lang)
        pages.append(
            st.Page(
                lambda m=module: m.render(ctx),
                title=title,
                icon=module.PAGE.get("icon"),
                url_path=module.__name__.removeprefix("ui.page_"),
                default=module.PAGE["order"] == 0,
            )
        )
    st.navigation(pages, position="sidebar").run()


main()

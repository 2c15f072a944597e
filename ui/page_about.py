"""Data-sources page: every layer's source, licence, vintage and whether it is real or illustrative."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.provenance import provenance_text
from layers.registry import SOURCES
from ui.context import PageContext

PAGE = {"title": "page_about", "icon": ":material/info:", "order": 90}


def render(ctx: PageContext) -> None:
    """Draw the sources page."""
    st.title(ctx.t("page_about"))
    rows = [
        {
            ctx.t("data_layer"): ctx.t(f"src_{key}"),
            ctx.t("source"): provenance_text(src.source, ctx.lang),
            ctx.t("licence"): provenance_text(src.licence, ctx.lang),
            ctx.t("vintage"): provenance_text(src.vintage, ctx.lang),
            ctx.t("kind"): ctx.t("illustrative" if src.illustrative else "real"),
        }
        for key, src in SOURCES.items()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown(ctx.t("about_illustrative"))

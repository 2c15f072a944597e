"""Resettlement layers (computed, not loaded): the suitability surface in score bands and the candidate sites;
style."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo.provenance import LayerSource
from layers import palette
from layers.spec import By, DataLayer, LegendItem, MapContext, MapLayer, Paint, Part

#: Upper edges of the suitability bands shown on the maps (score 0–1; the GeoTIFF keeps the score itself).
SCORE_BANDS = (0.2, 0.4, 0.6, 0.8, 1.0)
#: Colour of each band, worst to best (ColorBrewer YlGn, 5 classes).
BAND_COLOURS = palette.SUITABILITY
SITE_COLOUR = palette.SITE

#: Provenance of the computed layers; a map built from a run replaces it with the run's (illustrative when any
#: input is).
SUITABILITY_SOURCE = LayerSource(
    "res_suitability",
    "computed by this tool (README: Resettlement)",
    "project data",
    "computed on request",
    True,
)
SITES_SOURCE = LayerSource(
    "res_sites", "computed by this tool (README: Resettlement)", "project data", "computed on request", True
)


def band_of(score: np.ndarray) -> np.ndarray:
    """Band index (0–4) of each score; −1 where the score is not finite."""
    score = np.asarray(score, dtype=float)
    band = np.searchsorted(np.asarray(SCORE_BANDS[:-1]), score, side="left")
    return np.where(np.isfinite(score), band, -1)


def band_label(band: int, lang: str) -> str:
    """``0–0,2`` (vi) / ``0–0.2`` (en) style label of a band."""
    low = 0.0 if band == 0 else SCORE_BANDS[band - 1]
    text = f"{low:.1f}–{SCORE_BANDS[band]:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


def _band_legend(ctx: MapContext) -> tuple[LegendItem, ...]:
    return tuple(
        LegendItem("patch", band_label(i, ctx.lang), colour=c, literal=True)
        for i, c in enumerate(BAND_COLOURS)
    )


def _with_colour(frame: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    return frame.assign(
        band_colour=[BAND_COLOURS[int(b)] for b in frame["band"]],
        band_text=[band_label(int(b), ctx.lang) for b in frame["band"]],
    )


DATA_LAYERS = (
    DataLayer("res_suitability", SUITABILITY_SOURCE, "polygon"),
    DataLayer("res_sites", SITES_SOURCE, "polygon"),
)

MAP_LAYERS = (
    MapLayer(
        "res_suitability",
        order=130,
        sources=("res_suitability",),
        header="layer_res_suitability",
        parts=(
            Part(
                "res_suitability",
                "polygon",
                zorder=2.5,
                prepare=_with_colour,
                interactive=False,
                paint=Paint(
                    colour=By("band_colour"),
                    width=0,
                    fill=By("band_colour"),
                    fill_opacity=0.75,
                    paper_fill_opacity=0.8,
                ),
                legend=_band_legend,
            ),
        ),
    ),
    MapLayer(
        "res_sites",
        order=140,
        sources=("res_sites",),
        header="layer_res_sites",
        parts=(
            Part(
                "res_sites",
                "polygon",
                zorder=6,
                label="tag",
                tooltip=(
                    ("label", "res_col_site"),
                    ("commune", "res_col_commune"),
                    ("score", "res_col_score"),
                    ("area_ha", "res_col_area_ha"),
                    ("capacity_households", "res_col_capacity"),
                ),
                paint=Paint(colour=SITE_COLOUR, width=2, fill=SITE_COLOUR, fill_opacity=0.25),
                hover={"weight": 4},
                legend=(LegendItem("outline", "res_legend_site", colour=SITE_COLOUR, width=1.5),),
            ),
        ),
    ),
)

"""The flag highlight: communes the rules flag (no all-season road, no grid power, or both), its columns and style."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo.i18n import t
from layers.spec import By, LegendItem, MapContext, MapLayer, Paint, Part

#: Flag-run columns the maps carry on each commune (tooltips, the commune panel, fact sheets, data exports).
FLAG_COLUMNS = ("lacks_allseason_road", "lacks_grid", "evidence_vi", "evidence_en", "dist_allseason_road_km",
                "dist_grid_km", "centre_source", "disagreement_vi", "disagreement_en", "minutes_to_district_dry",
                "minutes_to_district_rainy", "weakest_class", "weakest_surface")
#: Inputs a commune flag is decided from (its credit and illustrative mark follow all of them).
FLAG_SOURCES = ("survey", "commune_centres", "roads", "grid_mv", "power_lines")
FLAG_COLOURS = {"flag_road": "#ff7f00", "flag_grid": "#6a3d9a", "flag_both": "#e31a1c"}


def _flagged(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The flagged communes only, with their flag's key and words."""
    road = communes["lacks_allseason_road"].fillna(False).astype(bool)
    grid = communes["lacks_grid"].fillna(False).astype(bool)
    out = communes[road | grid].copy()
    out["flag"] = np.where(road[road | grid] & grid[road | grid], "flag_both",
                           np.where(road[road | grid], "flag_road", "flag_grid"))
    out["flag_text"] = out["flag"].map(lambda k: t(k, ctx.lang))
    return out


MAP_LAYERS = (
    MapLayer("flags", order=120, sources=FLAG_SOURCES, header="layer_flags", visible=True,
             requires=("lacks_allseason_road", "lacks_grid"), parts=(
                 Part("communes", "polygon", Paint(colour=By("flag", FLAG_COLOURS), width=3.5,
                                                   fill=By("flag", FLAG_COLOURS), fill_opacity=0.12, paper_width=2.2),
                      zorder=6, prepare=_flagged,
                      tooltip=(("commune", "commune"), ("district", "district"), ("flag_text", "layer_flags")),
                      legend=tuple(LegendItem("outline", key, colour) for key, colour in FLAG_COLOURS.items())),)),
)

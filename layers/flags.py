"""The flag highlight: communes the rules flag (no all-season road, no grid power, or both), its columns and style."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo.i18n import t
from layers import palette
from layers.spec import By, Icon, LegendItem, MapContext, MapLayer, Paint, Part

#: Flag-run columns the maps carry on each commune (tooltips, the commune panel, fact sheets, data exports).
FLAG_COLUMNS = ("lacks_allseason_road", "lacks_grid", "evidence_vi", "evidence_en", "dist_allseason_road_km",
                "dist_grid_km", "centre_source", "disagreement_vi", "disagreement_en", "minutes_to_district_dry",
                "minutes_to_district_rainy", "weakest_class", "weakest_surface")
#: Inputs a commune flag is decided from (its credit and illustrative mark follow all of them).
FLAG_SOURCES = ("survey", "commune_centres", "roads", "grid_mv", "power_lines")
#: Every flag in the one flag colour (layers.palette): a thick outline, a symbol per missing service, hatching on paper.
FLAG_COLOURS = {key: palette.FLAG for key in palette.FLAG_HATCH}
#: The symbol of each flag, drawn at the commune's representative point: road pictogram, lightning bolt, both.
FLAG_ICONS = {"flag_road": Icon("road", palette.FLAG, 15), "flag_grid": Icon("bolt", palette.FLAG, 15),
              "flag_both": Icon("road_bolt", palette.FLAG, 22)}


def _flagged(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The flagged communes only, with their flag's key and words."""
    road = communes["lacks_allseason_road"].fillna(False).astype(bool)
    grid = communes["lacks_grid"].fillna(False).astype(bool)
    out = communes[road | grid].copy()
    out["flag"] = np.where(road[road | grid] & grid[road | grid], "flag_both",
                           np.where(road[road | grid], "flag_road", "flag_grid"))
    out["flag_text"] = out["flag"].map(lambda k: t(k, ctx.lang))
    return out


def _flag_symbols(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The flagged communes as points (a point inside each polygon, whatever the CRS) for the symbols."""
    out = _flagged(communes, ctx)
    return out.set_geometry(out.geometry.representative_point())


def flag_texts(communes: gpd.GeoDataFrame, lang: str) -> list[str]:
    """The flags of each commune in words ("" when none, or when the flag run did not run): tooltips and tables."""
    if "lacks_allseason_road" not in communes or "lacks_grid" not in communes:
        return [""] * len(communes)
    words = []
    for road, grid in zip(communes["lacks_allseason_road"], communes["lacks_grid"], strict=True):
        keys = [key for key, on in (("lacks_allseason_road", road), ("lacks_grid", grid)) if on is True or on == 1]
        words.append("; ".join(t(key, lang) for key in keys) or t("map_no_flag", lang))
    return words


MAP_LAYERS = (
    MapLayer("flags", order=120, sources=FLAG_SOURCES, header="layer_flags", visible=True,
             requires=("lacks_allseason_road", "lacks_grid"), parts=(
                 # The outline and the symbol do not catch the mouse: the commune under them keeps its tooltip and click.
                 Part("communes", "polygon", Paint(colour=palette.FLAG, width=4, hatch=By("flag", palette.FLAG_HATCH),
                                                   paper_width=2.6),
                      zorder=6, prepare=_flagged, interactive=False,
                      legend=tuple(LegendItem("outline", key, palette.FLAG, icon=FLAG_ICONS[key],
                                              hatch=palette.FLAG_HATCH[key]) for key in FLAG_ICONS)),
                 Part("communes", "point", icon=By("flag", FLAG_ICONS), zorder=9, prepare=_flag_symbols,
                      interactive=False),)),
)

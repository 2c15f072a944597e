"""Roads: the real main roads and the (illustrative) network by surface class and all-season status; map
layers, styles."""

from __future__ import annotations

import geopandas as gpd

from geo.i18n import t
from geo.io import read_vector
from geo.provenance import LayerSource
from layers import palette
from layers.catalog import ILLUSTRATIVE_GPKG, INFRASTRUCTURE_GPKG, illustrative_source
from layers.spec import By, DataLayer, LegendItem, MapContext, MapLayer, Paint, Part

SURFACES = ("asphalt", "concrete", "gravel", "earth")
HARDENED_SURFACES = ("asphalt", "concrete")
SURFACE_COLOURS = palette.ROAD_SURFACE
CLASS_WEIGHTS = {"national": 4.0, "provincial": 3.5, "district": 2.6, "commune": 1.8, "track": 1.2}


def load_roads() -> gpd.GeoDataFrame:
    """Return the road network (illustrative; columns road_class, surface, hardened, all_season,
    provenance)."""
    roads = read_vector(ILLUSTRATIVE_GPKG, layer="roads")
    for column in ("hardened", "all_season"):
        roads[column] = roads[column].astype(bool)
    return roads


def load_main_roads() -> gpd.GeoDataFrame:
    """Return the six real main-road lines (LegoCity, low confidence, no surface attribute)."""
    return read_vector(INFRASTRUCTURE_GPKG, layer="main_roads")


# --- provenance, map layers and styles
# ------------------------------------------------------------------------------

DATA_LAYERS = (
    DataLayer("roads", illustrative_source("roads"), "line", loader=load_roads, clip="extent"),
    DataLayer(
        "main_roads",
        LayerSource(
            "main_roads", "LegoCity opendata 'giaothong' (low confidence)", "CC BY-SA 4.0", "unknown", False
        ),
        "line",
        loader=load_main_roads,
        clip="print",
    ),
)

#: A road segment: colour by surface, width by class, dashed when not passable all year.
ROAD_PAINT = Paint(
    colour=By("surface", SURFACE_COLOURS, palette.ROAD_UNKNOWN),
    width=By("road_class", CLASS_WEIGHTS, 1.5),
    opacity=0.9,
    dash=By("all_season", {True: None}, "6 5"),
    paper_width=By("road_class", {k: w * 0.9 for k, w in CLASS_WEIGHTS.items()}, 1.5 * 0.9),
    paper_opacity=1.0,
)
MAIN_ROAD_COLOUR = palette.MAIN_ROAD


def _road_texts(roads: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The roads with their surface and all-season status in words (tooltip)."""
    out = roads.copy()
    out["surface_text"] = out["surface"].map(lambda s: t(f"surface_{s}", ctx.lang))
    out["all_season_text"] = out["all_season"].map(lambda v: t("yes" if v else "no", ctx.lang))
    return out


MAP_LAYERS = (
    MapLayer(
        "roads",
        order=50,
        sources=("roads",),
        header="layer_roads",
        visible=True,
        parts=(
            Part(
                "roads",
                "line",
                ROAD_PAINT,
                zorder=4,
                prepare=_road_texts,
                tooltip=(
                    ("name", "layer_roads"),
                    ("surface_text", "road_surface"),
                    ("all_season_text", "all_season"),
                ),
                legend=(
                    *(LegendItem("line", f"surface_{s}", SURFACE_COLOURS[s], width=1.6) for s in SURFACES),
                    LegendItem(
                        "line", "not_allseason", palette.ROAD_SURFACE["concrete"], width=1.2, dashed=True
                    ),
                ),
            ),
        ),
    ),
    MapLayer(
        "main_roads",
        order=60,
        sources=("main_roads",),
        header="layer_main_roads",
        parts=(
            Part(
                "main_roads",
                "line",
                Paint(colour=MAIN_ROAD_COLOUR, width=7, opacity=0.3, paper_width=5),
                zorder=4.5,
                tooltip=(("name", "layer_main_roads"),),
                legend=(LegendItem("line", "layer_main_roads", MAIN_ROAD_COLOUR, width=2.0),),
            ),
        ),
    ),
)

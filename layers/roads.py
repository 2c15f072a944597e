"""Roads: the real main roads and the (illustrative) network by surface class and all-season status; styles."""

from __future__ import annotations

import geopandas as gpd

from geo.io import read_vector
from layers.catalog import ILLUSTRATIVE_GPKG, INFRASTRUCTURE_GPKG

SURFACES = ("asphalt", "concrete", "gravel", "earth")
HARDENED_SURFACES = ("asphalt", "concrete")
SURFACE_COLOURS = {"asphalt": "#1f1f1f", "concrete": "#6a51a3", "gravel": "#b8860b", "earth": "#a0522d"}
CLASS_WEIGHTS = {"national": 4.0, "provincial": 3.5, "district": 2.6, "commune": 1.8, "track": 1.2}


def load_roads() -> gpd.GeoDataFrame:
    """Return the road network (illustrative; columns road_class, surface, hardened, all_season, provenance)."""
    roads = read_vector(ILLUSTRATIVE_GPKG, layer="roads")
    for column in ("hardened", "all_season"):
        roads[column] = roads[column].astype(bool)
    return roads


def load_main_roads() -> gpd.GeoDataFrame:
    """Return the six real main-road lines (LegoCity, low confidence, no surface attribute)."""
    return read_vector(INFRASTRUCTURE_GPKG, layer="main_roads")


def road_style(surface: str, all_season: bool, road_class: str) -> dict:
    """Leaflet style of a road segment: colour by surface, weight by class, dashed when not all-season."""
    style = {
        "color": SURFACE_COLOURS.get(surface, "#888888"),
        "weight": CLASS_WEIGHTS.get(road_class, 1.5),
        "opacity": 0.9,
    }
    if not all_season:
        style["dashArray"] = "6 5"
    return style

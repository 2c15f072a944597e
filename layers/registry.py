"""One registry of layers: the data layers and map layers every theme module declares, collected in one place.

A theme module (boundaries, indicators, roads, power, facilities, flags, programmes) declares ``DATA_LAYERS`` (key, embedded
loader, provenance, geometry, clip rule) and ``MAP_LAYERS`` (what the screen and print maps draw, the style both
renderers read, legend rows, order, default visibility) beside its loaders; this module only collects them.
"""

from __future__ import annotations

import pandas as pd

from geo.provenance import LayerSource
from layers import boundaries, facilities, flags, indicators, power, programmes, resettlement, roads
from layers.spec import DataLayer, MapLayer

#: Theme modules, each declaring its layers.
THEMES = (boundaries, indicators, roads, power, facilities, flags, resettlement, programmes)
#: Frames of the map data that are not data layers of their own (the communes shown, with their survey and flags).
MAP_BASE_FRAMES = ("communes",)


def _collect() -> tuple[dict[str, DataLayer], tuple[MapLayer, ...]]:
    data: dict[str, DataLayer] = {}
    for theme in THEMES:
        for layer in getattr(theme, "DATA_LAYERS", ()):
            if layer.key in data:
                raise ValueError(f"data layer {layer.key} is declared twice")
            data[layer.key] = layer
    maps = sorted((layer for theme in THEMES for layer in getattr(theme, "MAP_LAYERS", ())), key=lambda m: m.order)
    keys = [m.key for m in maps]
    orders = [m.order for m in maps]
    if len(set(keys)) != len(keys) or len(set(orders)) != len(orders):
        raise ValueError(f"map layers with the same key or order: {keys}, {orders}")
    for layer in maps:
        for part in layer.parts:
            if part.frame not in data and part.frame not in MAP_BASE_FRAMES:
                raise ValueError(f"map layer {layer.key} draws {part.frame}, which no theme declares")
    return data, tuple(maps)


#: Every data layer by key.
DATA_LAYERS, MAP_LAYERS = _collect()
#: Provenance of every embedded layer by key (a project's layers bring their own).
SOURCES: dict[str, LayerSource] = {key: layer.source for key, layer in DATA_LAYERS.items()}
#: Switchable map layers offered on every map, in order (layer list, legend, export choices).
LAYER_KEYS = tuple(layer.key for layer in MAP_LAYERS if layer.offered)
#: Map layers shown when the user does not choose.
DEFAULT_VISIBLE = tuple(layer.key for layer in MAP_LAYERS if layer.visible)
#: Data layers the maps draw that are loaded (embedded, or the project's): what a map's caller loads.
MAP_FRAMES = tuple(dict.fromkeys(part.frame for layer in MAP_LAYERS for part in layer.parts
                                 if part.frame in DATA_LAYERS and DATA_LAYERS[part.frame].loader is not None))


def map_layer(key: str) -> MapLayer:
    """Return the map layer ``key``."""
    return next(layer for layer in MAP_LAYERS if layer.key == key)


def load_embedded(key: str) -> tuple[pd.DataFrame, LayerSource]:
    """Return the embedded version of data layer ``key`` and its provenance (``KeyError`` if it has no loader)."""
    layer = DATA_LAYERS[key]
    if layer.loader is None:
        raise KeyError(key)
    return layer.loader(), layer.source

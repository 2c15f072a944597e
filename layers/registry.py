"""One registry of layers: the data layers and map layers every theme module declares, collected in one place.

A theme module (boundaries, indicators, roads, power, facilities, flags, programmes) declares ``DATA_LAYERS``
(key, embedded loader, provenance, geometry, clip rule) and ``MAP_LAYERS`` (what the screen and print maps
draw, the style both renderers read, legend rows, order, default visibility) beside its loaders; this module
only collects them.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from geo.provenance import LayerSource
from layers import boundaries, facilities, flags, indicators, power, programmes, resettlement, roads
from layers.spec import DataLayer, LegendItem, MapContext, MapLayer

#: Theme modules, each declaring its layers.
THEMES = (boundaries, indicators, roads, power, facilities, flags, resettlement, programmes)
#: Frames of the map data that are not data layers of their own (the communes shown, with their survey and
#: flags).
MAP_BASE_FRAMES = ("communes",)


def _collect() -> tuple[dict[str, DataLayer], tuple[MapLayer, ...]]:
    data: dict[str, DataLayer] = {}
    for theme in THEMES:
        for layer in getattr(theme, "DATA_LAYERS", ()):
            if layer.key in data:
                raise ValueError(f"data layer {layer.key} is declared twice")
            data[layer.key] = layer
    maps = sorted(
        (layer for theme in THEMES for layer in getattr(theme, "MAP_LAYERS", ())), key=lambda m: m.order
    )
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
#: Choropleth themes (one filled at a time), in order.
THEME_KEYS = tuple(layer.key for layer in MAP_LAYERS if layer.theme)
#: Data layers the maps draw that are loaded (embedded, or the project's): what a map's caller loads.
MAP_FRAMES = tuple(
    dict.fromkeys(
        part.frame
        for layer in MAP_LAYERS
        for part in layer.parts
        if part.frame in DATA_LAYERS and DATA_LAYERS[part.frame].loader is not None
    )
)


def map_layer(key: str) -> MapLayer:
    """Return the map layer ``key``."""
    return next(layer for layer in MAP_LAYERS if layer.key == key)


def load_embedded(key: str) -> tuple[pd.DataFrame, LayerSource]:
    """Return the embedded version of data layer ``key`` and its provenance (``KeyError`` if it has no
    loader)."""
    layer = DATA_LAYERS[key]
    if layer.loader is None:
        raise KeyError(key)
    return layer.loader(), layer.source


def choropleth_theme(visible: tuple[str, ...] | list[str]) -> str | None:
    """The one theme of ``visible`` filled as a choropleth: the first theme layer it names (``None``: no
    fill)."""
    return next((key for key in visible if key in THEME_KEYS), None)


def _outline_legend(legend):
    def rows(ctx: MapContext) -> tuple[LegendItem, ...]:
        items = legend(ctx) if callable(legend) else legend
        return tuple(replace(item, kind="outline") if item.kind == "patch" else item for item in items)

    return rows


def _as_outlines(layer: MapLayer) -> MapLayer:
    parts = tuple(
        replace(
            part,
            paint=part.paint.as_outline(),
            legend=_outline_legend(part.legend),
            hover=None,
            interactive=False,
            tooltip=(),
        )
        if part.geometry == "polygon" and part.paint is not None and part.paint.fill is not None
        else part
        for part in layer.parts
    )
    return replace(layer, parts=parts)


def styled_layers(visible: tuple[str, ...] | list[str]) -> tuple[MapLayer, ...]:
    """Every map layer as drawn with ``visible`` shown: the one choropleth theme filled, any other theme as
    outlines of its colours (two fills never mix: colours that match neither legend)."""
    fill = choropleth_theme(visible)
    return tuple(_as_outlines(layer) if layer.theme and layer.key != fill else layer for layer in MAP_LAYERS)

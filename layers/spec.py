"""What a layer is, declared once and read by every renderer: data, provenance, geometry, clip rule, style,
legend."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from analysis.classify import Classification
from geo.i18n import t
from geo.provenance import LayerSource

#: Geometry kinds of a layer (``table``: no geometry, e.g. the commune survey).
GEOMETRIES = ("polygon", "line", "point", "table")
#: Clip rules.  ``never``: boundaries and what is derived from them (the district filter cuts them).
#: ``print``: kept whole on screen (few, long features) and cut to the printed district on paper.  ``extent``:
#: cut to the bounding box of the communes shown when the map is assembled (screen and print), and to the
#: printed district on paper.
CLIPS = ("never", "print", "extent")
#: Kinds of legend row.  ``outline``: a polygon drawn with a coloured outline and a faint fill of the same
#: colour.
LEGEND_KINDS = ("line", "patch", "outline", "icon")


@dataclass(frozen=True)
class DataLayer:
    """One layer of data: its key, the loader of its embedded version, its provenance, geometry kind and clip
    rule.

    ``loader`` is set for the layers a project may replace (``workflows.inputs.load_layer``); boundaries,
    zones and the provincial series are read by their theme's own functions.
    """

    key: str
    source: LayerSource
    geometry: str
    loader: Callable[[], pd.DataFrame] | None = None
    clip: str = "never"

    def __post_init__(self) -> None:
        if self.geometry not in GEOMETRIES or self.clip not in CLIPS or self.source.key != self.key:
            raise ValueError(
                f"data layer {self.key}: geometry {self.geometry!r}, clip {self.clip!r}, source key "
                f"{self.source.key!r}"
            )


@dataclass(frozen=True)
class By:
    """A style value read from each feature: ``values[feature[column]]``, else ``default``.

    Without ``values`` the column holds the value itself (e.g. a fill colour computed from the classes).
    """

    column: str
    values: Mapping[Any, Any] | None = None
    default: Any = None

    def of(self, properties: Mapping[str, Any]) -> Any:
        """The value for one feature (its properties, as the web map holds them)."""
        value = properties.get(self.column)
        if self.values is None:
            return self.default if value is None else value
        return self.values.get(value, self.default)

    def each(self, frame: pd.DataFrame) -> list:
        """The value for every row of ``frame``."""
        if self.column not in frame:
            return [self.default] * len(frame)
        return [self.of({self.column: v}) for v in frame[self.column]]


def value_of(value: Any, properties: Mapping[str, Any]) -> Any:
    """``value`` itself, or what a :class:`By` reads from ``properties``."""
    return value.of(properties) if isinstance(value, By) else value


def values_of(value: Any, frame: pd.DataFrame) -> list:
    """``value`` for every row of ``frame`` (repeated, or read by a :class:`By`)."""
    return value.each(frame) if isinstance(value, By) else [value] * len(frame)


def columns_of(*values: Any) -> list[str]:
    """Columns the :class:`By` among ``values`` read."""
    return [v.column for v in values if isinstance(v, By)]


@dataclass(frozen=True)
class Paint:
    """How polygons or lines are drawn: outline or line colour, width, opacity, dashes, fill.

    Widths are screen pixels (Leaflet's ``weight``); on paper the print layout multiplies them by its line
    unit. ``dash`` is Leaflet's dash pattern ("6 5"); paper draws every dashed line with the layout's one
    dash. ``paper_*`` give the value on paper where it differs from the screen (``paper_width=0``: no outline
    on paper, the communes' own outline layer draws the borders).  ``hatch`` (paper only: a matplotlib hatch
    pattern such as ``"////"``) hatches a polygon in its outline colour.  Any value may be a :class:`By`.
    """

    colour: str | By | None = None
    width: float | By = 1.0
    opacity: float = 1.0
    dash: str | By | None = None
    fill: str | By | None = None
    fill_opacity: float = 0.0
    paper_width: float | By | None = None
    paper_opacity: float | None = None
    paper_fill_opacity: float | None = None
    hatch: str | By | None = None

    def leaflet(self, properties: Mapping[str, Any]) -> dict:
        """Leaflet path options of one feature."""
        style: dict[str, Any] = {}
        if self.colour is not None:
            style["color"] = value_of(self.colour, properties)
        style["weight"] = value_of(self.width, properties)
        if self.opacity != 1.0:
            style["opacity"] = self.opacity
        dash = value_of(self.dash, properties)
        if dash:
            style["dashArray"] = dash
        if self.fill is None:
            style["fill"] = False
        else:
            style["fillColor"] = value_of(self.fill, properties)
            style["fillOpacity"] = self.fill_opacity
        return style

    def columns(self) -> list[str]:
        """Columns a feature must carry for the web map to style it."""
        return columns_of(self.colour, self.width, self.dash, self.fill, self.hatch)

    @property
    def on_paper(self) -> Paint:
        """The same paint with the paper values in place of the screen ones."""
        return Paint(
            colour=self.colour,
            width=self.width if self.paper_width is None else self.paper_width,
            opacity=self.opacity if self.paper_opacity is None else self.paper_opacity,
            dash=self.dash,
            fill=self.fill,
            hatch=self.hatch,
            fill_opacity=self.fill_opacity if self.paper_fill_opacity is None else self.paper_fill_opacity,
        )

    def as_outline(self, width: float = 3.0) -> Paint:
        """The same paint as a coloured outline without fill: its fill colour drawn as the outline (a
        choropleth theme that is not the map's one choropleth)."""
        return Paint(colour=self.fill, width=width, paper_width=width * 0.8)


#: Symbols drawn as polygons (both renderers read them): points in a unit square, x to the right, y downwards.
SHAPE_POLYGONS: dict[str, tuple[tuple[tuple[float, float], ...], ...]] = {
    "road": (((0.36, 0.0), (0.64, 0.0), (1.0, 1.0), (0.0, 1.0)),),
    "bolt": (((0.6, 0.0), (0.12, 0.58), (0.44, 0.58), (0.32, 1.0), (0.88, 0.4), (0.56, 0.4), (0.74, 0.0)),),
}
SHAPE_POLYGONS["road_bolt"] = (
    tuple((0.5 * x, 0.25 + 0.5 * y) for x, y in SHAPE_POLYGONS["road"][0]),
    tuple((0.5 + 0.5 * x, y) for x, y in SHAPE_POLYGONS["bolt"][0]),
)


@dataclass(frozen=True)
class Icon:
    """A point symbol: ``shape`` (circle, square, triangle, diamond, cross, hospital, star, or one of
    :data:`SHAPE_POLYGONS`), fill colour, size in px."""

    shape: str
    fill: str
    size: int


@dataclass(frozen=True)
class LegendItem:
    """One legend row: a message key (or literal text) and the sample drawn beside it (the section title is
    the layer's).

    ``width`` is the line width of the sample on paper, in points (the screen draws every line sample alike).
    An ``outline`` row may carry the ``icon`` drawn on the feature and the paper's ``hatch``.
    """

    kind: str
    label: str
    colour: str = "#000000"
    width: float = 1.0
    dashed: bool = False
    icon: Icon | None = None
    literal: bool = False
    hatch: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in LEGEND_KINDS:
            raise ValueError(f"legend kind {self.kind!r}")

    def text(self, lang: str) -> str:
        """The row's text in ``lang``."""
        return self.label if self.literal else t(self.label, lang)


@dataclass(frozen=True)
class MapContext:
    """What a layer's derived columns and legend depend on: language, choropleth classes, survey year (paper
    only)."""

    lang: str = "vi"
    classification: Classification | None = None
    year: int | None = None


Legend = tuple[LegendItem, ...] | Callable[[MapContext], tuple[LegendItem, ...]]


@dataclass(frozen=True)
class Part:
    """One thing a map layer draws: a frame of the map data, its geometry, its paint or icon, tooltip and
    legend rows.

    ``frame`` is a data-layer key (``communes``, ``roads``, ``power_substations`` ...).  ``prepare`` adds the
    columns the paint, icon and tooltip read (category keys, texts in the language) and may keep only some
    rows.  ``zorder`` stacks the part on paper; the screen stacks layers in their order.  ``hover`` (Leaflet
    path options on mouse-over), ``interactive`` and ``label`` (a column written at each feature's
    representative point, from zoom ``label_min_zoom`` on) are for the web map.
    """

    frame: str
    geometry: str
    paint: Paint | None = None
    icon: Icon | By | None = None
    zorder: float = 1.0
    tooltip: tuple[tuple[str, str], ...] = ()
    legend: Legend = ()
    prepare: Callable[[gpd.GeoDataFrame, MapContext], gpd.GeoDataFrame] | None = None
    hover: Mapping[str, Any] | None = None
    interactive: bool = True
    label: str | None = None
    label_min_zoom: int | None = None

    def prepared(self, frame: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
        """``frame`` with the columns this part reads."""
        return frame if self.prepare is None else self.prepare(frame, ctx)

    def legend_items(self, ctx: MapContext) -> tuple[LegendItem, ...]:
        """The legend rows of this part."""
        return self.legend(ctx) if callable(self.legend) else self.legend

    def icons(self) -> list[tuple[Any, Icon]]:
        """(value of the icon column or ``None``, icon) for every icon this part draws, in legend order."""
        if isinstance(self.icon, By):
            return list((self.icon.values or {}).items())
        return [] if self.icon is None else [(None, self.icon)]


@dataclass(frozen=True)
class MapLayer:
    """A switchable layer of the screen and print maps, declared by its theme module and collected by the
    registry.

    ``key`` names it everywhere (layer list, legend, ``--layers``; its title is the message ``layer_{key}``).
    ``order`` places it in the layer list and the legend (and stacks it on screen).  ``sources`` are the
    provenance keys of what it draws (``{units}`` stands for the unit set).  ``header`` titles its legend
    section (``None``: the rows stand alone).  ``visible``: shown when the user has not chosen.  ``base``:
    part of the screen's base map, drawn at start whatever the choice and explained by the map itself rather
    than the legend.  ``requires``: columns the first part's frame needs; ``classified``: drawn only when the
    map has choropleth classes.  ``offered``: listed among the layers a user may show on any map (the Map and
    Export pages, ``cli.py export --layers``); False for a layer whose columns only one page's map carries
    (the Programmes page: need, membership, gaps).  ``theme``: a choropleth theme; only one is filled at a
    time (:func:`layers.registry.choropleth_theme`), any other shown is drawn as outlines.
    """

    key: str
    order: int
    parts: tuple[Part, ...]
    sources: tuple[str, ...]
    header: str | Callable[[MapContext], str] | None = None
    visible: bool = False
    base: bool = False
    requires: tuple[str, ...] = ()
    classified: bool = False
    offered: bool = True
    theme: bool = False

    @property
    def title(self) -> str:
        """Message key of the layer's name."""
        return f"layer_{self.key}"

    def header_text(self, ctx: MapContext) -> str | None:
        """The legend section title in ``ctx.lang`` (``None`` when the rows stand alone)."""
        if self.header is None:
            return None
        return self.header(ctx) if callable(self.header) else t(self.header, ctx.lang)

    def source_keys(self, units: str) -> tuple[str, ...]:
        """Provenance keys of what the layer draws on the ``units`` communes."""
        return tuple(key.format(units=units) for key in self.sources)

    def can_draw(self, frame: pd.DataFrame | None, ctx: MapContext) -> bool:
        """True when the first part's ``frame`` is there with the columns the layer needs."""
        if frame is None or (self.classified and ctx.classification is None):
            return False
        return all(column in frame.columns for column in self.requires)

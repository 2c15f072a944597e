"""The frame of a thematic web map (access, scorecard): district outlines and names, a first view that fits
the province, and a metric scale bar."""

from __future__ import annotations

import html

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.crs import to_metric
from geo.names import short_admin_name
from layers.boundaries import MAP_LAYERS

#: The district outline as the main map draws it (the registry's ``districts`` layer), so every map agrees.
DISTRICT_PAINT = next(layer for layer in MAP_LAYERS if layer.key == "districts").parts[0].paint

_CSS = """<style>
.db-district-label { background: transparent; border: none; }
.db-district-label div { font: 700 12px sans-serif; color: #202020; white-space: nowrap; text-align: center;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events: none; }
</style>"""


def label_points(districts: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point inside each district for its name (representative point in the metric CRS, back in
    EPSG:4326)."""
    return to_metric(districts).representative_point().to_crs(4326)


def add_district_overlay(fmap: folium.Map, districts: gpd.GeoDataFrame) -> None:
    """Draw the district outlines (not clickable: clicks and hovers reach the communes) and each district's
    name."""
    if districts is None or districts.empty:
        return
    fmap.get_root().header.add_child(Element(_CSS))
    outline = DISTRICT_PAINT.leaflet({})
    folium.GeoJson(
        districts[["district", "geometry"]].to_json(),
        name="districts",
        control=False,
        interactive=False,
        style_function=lambda _feature: {**outline, "fill": False},
    ).add_to(fmap)
    for name, point in zip(districts["district"], label_points(districts), strict=True):
        text = html.escape(short_admin_name(name))
        folium.Marker(
            [point.y, point.x],
            interactive=False,
            icon=folium.DivIcon(
                html=f'<div title="{html.escape(str(name))}">{text}</div>',
                icon_size=(150, 16),
                icon_anchor=(75, 8),
                class_name="db-district-label",
            ),
        ).add_to(fmap)


def fit_to(fmap: folium.Map, bounds) -> None:
    """Open the map on ``bounds`` (minx, miny, maxx, maxy) as tightly as the window allows (quarter zoom
    steps)."""
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    fmap.options["zoomSnap"] = 0.25
    fmap.options["zoomDelta"] = 0.5
    fmap.fit_bounds([[miny, minx], [maxy, maxx]], padding=(4, 4))


class MetricScale(MacroElement):
    """Leaflet's scale bar in metres and kilometres only (folium's ``control_scale`` adds miles too)."""

    _template = Template("""{% macro script(this, kwargs) %}
L.control.scale({imperial: false, metric: true}).addTo({{ this._parent.get_name() }});
{% endmacro %}""")

    def __init__(self):
        super().__init__()
        self._name = "MetricScale"


def add_metric_scale(fmap: folium.Map) -> None:
    """Add a metric-only scale bar (bottom left)."""
    fmap.add_child(MetricScale())

"""The interactive (Leaflet) map: every layer of the registry in a switchable group, legend, credits,
illustrative badge."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from analysis.classify import Classification
from geo.i18n import t
from geo.provenance import LayerSource
from layers import palette
from layers.assets import use_local_assets
from layers.boundaries import MAP_BACKGROUND, PROVINCE_PAINT, SELECTION_PAINT
from layers.mapdata import MapData
from layers.registry import DEFAULT_VISIBLE, styled_layers
from layers.spec import SHAPE_POLYGONS, Icon, LegendItem, MapContext, MapLayer, Part

COORD_DECIMALS = 4


@dataclass(frozen=True)
class MapOptions:
    """What to show: language, layers shown at start, the choropleth classes, the extent, where Leaflet comes
    from.

    ``layer_list``: Leaflet's own (collapsed) layer list, for a map without a page around it (the HTML
    export); with ``False`` only the ``visible`` layers are drawn (the app chooses layers in its sidebar and
    draws what is chosen).
    """

    lang: str = "vi"
    visible: tuple[str, ...] = DEFAULT_VISIBLE
    classification: Classification | None = None
    bounds: tuple[float, float, float, float] | None = None
    online_basemap: bool = False
    asset_base_url: str = "inline://"
    height_px: int = 720
    layer_list: bool = True


def _round_geometry(series: gpd.GeoSeries) -> np.ndarray:
    return shapely.set_precision(series.values, 10**-COORD_DECIMALS, mode="pointwise")


def _feature_collection(frame: gpd.GeoDataFrame, columns: list[str]) -> dict:
    """GeoJSON with rounded coordinates and only ``columns``; every string HTML-escaped (names are shown as
    text)."""
    props = frame[columns].copy()
    for column in columns:
        if props[column].dtype == object or pd.api.types.is_string_dtype(props[column]):
            props[column] = props[column].map(lambda v: html.escape(str(v)) if isinstance(v, str) else v)
    props = props.astype(object).where(props.notna(), None)
    geoms = _round_geometry(frame.geometry)
    features = []
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        record = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in props.iloc[i].items()}
        features.append(
            {"type": "Feature", "properties": record, "geometry": json.loads(shapely.to_geojson(geom))}
        )
    return {"type": "FeatureCollection", "features": features}


def icon_svg(icon: Icon) -> str:
    """Return an inline SVG (no font, no network) of ``icon``."""
    fill, s = icon.fill, icon.size
    h = s / 2
    stroke = 'stroke="#222" stroke-width="1"'
    if icon.shape == "circle":
        body = f'<circle cx="{h}" cy="{h}" r="{h - 1}" fill="{fill}" {stroke}/>'
    elif icon.shape == "square":
        body = f'<rect x="1" y="1" width="{s - 2}" height="{s - 2}" fill="{fill}" {stroke}/>'
    elif icon.shape == "triangle":
        body = f'<polygon points="{h},1 {s - 1},{s - 1} 1,{s - 1}" fill="{fill}" {stroke}/>'
    elif icon.shape == "diamond":
        body = f'<polygon points="{h},1 {s - 1},{h} {h},{s - 1} 1,{h}" fill="{fill}" {stroke}/>'
    elif icon.shape in SHAPE_POLYGONS:
        body = "".join(
            '<polygon points="'
            + " ".join(f"{x * s:.1f},{y * s:.1f}" for x, y in ring)
            + f'" fill="{fill}" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/>'
            for ring in SHAPE_POLYGONS[icon.shape]
        )
        if icon.shape.startswith("road"):  # the road's white centre line
            top, bottom = (0.3, 0.72) if icon.shape == "road_bolt" else (0.08, 0.92)
            x = 0.25 if icon.shape == "road_bolt" else 0.5
            body += (
                f'<line x1="{x * s:.1f}" y1="{top * s:.1f}" x2="{x * s:.1f}" y2="{bottom * s:.1f}" '
                f'stroke="#fff" stroke-width="1.3" stroke-dasharray="2 1.5"/>'
            )
    elif icon.shape == "star":
        pts = "50,2 61,38 98,38 68,60 79,96 50,74 21,96 32,60 2,38 39,38"
        body = (
            f'<polygon points="{pts}" transform="scale({s / 100})" fill="{fill}" stroke="#222" '
            f'stroke-width="6"/>'
        )
    else:  # cross / hospital: a red cross on white, the hospital framed
        w = s / 3
        frame = (
            f'<rect x="0.5" y="0.5" width="{s - 1}" height="{s - 1}" fill="#fff" stroke="{fill}" '
            f'stroke-width="1.5"/>'
        )
        body = (frame if icon.shape == "hospital" else "") + (
            f'<rect x="{w}" y="1.5" width="{w}" height="{s - 3}" fill="{fill}"/><rect x="1.5" y="{w}" '
            f'width="{s - 3}" height="{w}" fill="{fill}"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">{body}</svg>'
    )


def _group(fmap: folium.Map, layer: MapLayer, data: MapData, options: MapOptions) -> folium.FeatureGroup:
    """A switchable layer whose credit and illustrative mark come from the provenance of what it draws.

    The map's :attr:`MapData.sources` are looked up first, the embedded ones after.
    """
    lang = options.lang
    found = [src for key in layer.source_keys(data.units) if (src := data.source(key)) is not None]
    illustrative = any(src.illustrative for src in found)
    name = t(layer.title, lang)
    if illustrative:
        name += f" ({t('illustrative', lang)})"
    attribution = " | ".join(html.escape(c) for c in dict.fromkeys(src.credit(lang) for src in found))
    group = folium.FeatureGroup(name=name, show=layer.base or layer.key in options.visible)
    group.layer_key = layer.key
    group.layer_title = name
    group.credit = attribution
    group.illustrative = illustrative
    group.add_to(fmap)
    return group


def _tooltip(part: Part, lang: str) -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(
        fields=[column for column, _ in part.tooltip],
        aliases=[t(label, lang) for _, label in part.tooltip],
        sticky=True,
        localize=False,
    )


def _draw_shapes(group: folium.FeatureGroup, part: Part, frame: gpd.GeoDataFrame, lang: str) -> None:
    """Polygons or lines, styled per feature by the part's paint; ``unit_id`` sent along so a click
    selects."""
    paint = part.paint
    columns = [*(["unit_id"] if "unit_id" in frame else []), *(c for c, _ in part.tooltip), *paint.columns()]
    options = {}
    if part.hover is not None:
        options["highlight_function"] = lambda f, hover=dict(part.hover): hover
    if part.tooltip:
        options["tooltip"] = _tooltip(part, lang)
    if not part.interactive:
        options["interactive"] = False
    folium.GeoJson(
        _feature_collection(frame, list(dict.fromkeys(columns))),
        style_function=lambda f: paint.leaflet(f["properties"]),
        **options,
    ).add_to(group)


def _draw_points(group: folium.FeatureGroup, part: Part, frame: gpd.GeoDataFrame, lang: str) -> None:
    """Points, one inline-SVG icon per type (a part that is not ``interactive`` lets the mouse through)."""
    for value, icon in part.icons():
        subset = frame if value is None else frame[frame[part.icon.column] == value]
        if subset.empty:
            continue
        size = icon.size
        folium.GeoJson(
            _feature_collection(subset, [column for column, _ in part.tooltip]),
            # a click reaches the map
            marker=folium.Marker(
                icon=folium.DivIcon(
                    html=icon_svg(icon),
                    icon_size=(size, size),
                    icon_anchor=(size // 2, size // 2),
                    class_name="db-icon" if part.interactive else "db-icon db-passive",
                ),
                interactive=part.interactive,
                bubbling_mouse_events=True,
            ),
            **({"tooltip": _tooltip(part, lang)} if part.tooltip else {}),
        ).add_to(group)


def _draw_labels(
    group: folium.FeatureGroup, frame: gpd.GeoDataFrame, column: str, min_zoom: int | None
) -> None:
    """The text of ``column`` at each feature's representative point, from zoom ``min_zoom`` on (``None``:
    always)."""
    css = "db-label" if min_zoom is None else f"db-label db-label-min db-z{min_zoom}"
    for _, row in frame.iterrows():
        point = row.geometry.representative_point()
        folium.Marker(
            [round(point.y, COORD_DECIMALS), round(point.x, COORD_DECIMALS)],
            icon=folium.DivIcon(
                html=f'<div class="{css}">{html.escape(str(row[column]))}</div>',
                icon_size=(160, 18),
                icon_anchor=(80, 9),
                class_name="db-icon db-passive",
            ),
            interactive=False,
        ).add_to(group)


def _draw_layer(
    fmap: folium.Map, layer: MapLayer, data: MapData, options: MapOptions, ctx: MapContext
) -> folium.FeatureGroup | None:
    """Draw ``layer`` in a group of its own; ``None`` when there is nothing to draw (not loaded, no
    features)."""
    first = data.frame(layer.parts[0].frame)
    if not layer.can_draw(first, ctx) or first.empty:
        return None
    group = _group(fmap, layer, data, options)
    for part in layer.parts:
        frame = data.frame(part.frame)
        if frame is None or frame.empty:
            continue
        frame = part.prepared(frame, ctx)
        if frame.empty:
            continue
        (_draw_points if part.geometry == "point" else _draw_shapes)(group, part, frame, ctx.lang)
        if part.label:
            _draw_labels(group, frame, part.label, part.label_min_zoom)
    return group


def _swatch(item: LegendItem, lang: str) -> str:
    if item.kind == "icon":
        mark = icon_svg(item.icon)
    elif item.kind == "line":
        dash = 'stroke-dasharray="5 4"' if item.dashed else ""
        mark = (
            f'<svg width="26" height="10"><line x1="1" y1="5" x2="25" y2="5" stroke="{item.colour}" '
            f'stroke-width="3" {dash}/></svg>'
        )
    elif item.kind == "outline":  # a thick outline of the colour, with the symbol drawn on the feature
        mark = f'<span class="db-sw db-sw-outline" style="border-color:{item.colour}"></span>'
        if item.icon is not None:
            mark += icon_svg(item.icon)
    else:  # patch: a filled square of the colour
        mark = f'<span class="db-sw" style="background:{item.colour}"></span>'
    return f'<div class="db-row">{mark}<span>{html.escape(item.text(lang))}</span></div>'


def _legend_section(layer: MapLayer, ctx: MapContext) -> str:
    """The layer's legend rows under its title (left out when a single row already says it)."""
    items = [item for part in layer.parts for item in part.legend_items(ctx)]
    rows = [_swatch(item, ctx.lang) for item in items]
    if layer.header is not None and not (len(items) == 1 and items[0].label == layer.header):
        rows.insert(0, f"<b>{html.escape(layer.header_text(ctx))}</b>")
    return "".join(rows)


def _legend_html(sections: list[tuple[str, str, bool]], lang: str) -> str:
    parts = [
        f'<details open><summary class="db-legend-title">{html.escape(t("legend", lang))}</summary>'
        '<div class="db-legend-body">'
    ]
    for key, body, shown in sections:
        style = "" if shown else ' style="display:none"'
        parts.append(f'<div class="db-legend-section" data-layer="{key}"{style}>{body}</div>')
    return "".join(parts) + "</div></details>"


class _MapScript(MacroElement):
    """Legend control, illustrative-data badge and the JS that keeps both in step with visible layers."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
  var map = {{ this._parent.get_name() }};
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'db-legend');
    div.innerHTML = {{ this.legend_html|tojson }};
    L.DomEvent.disableScrollPropagation(div); L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
  var badge = L.control({position: 'topleft'});
  badge.onAdd = function() {
    var div = L.DomUtil.create('div', 'db-illustrative');
    div.textContent = {{ this.badge_text|tojson }};
    return div;
  };
  badge.addTo(map);
  var credits = L.control({position: 'bottomleft'});
  credits.onAdd = function() {
    var div = L.DomUtil.create('div', 'db-credits');
    div.innerHTML = {{ this.credits_html|tojson }};
    L.DomEvent.disableScrollPropagation(div); L.DomEvent.disableClickPropagation(div);
    return div;
  };
  credits.addTo(map);
  var layers = { {% for key, name, illus in this.groups %}
    {{ key|tojson }}: [{{ name }}, {{ 'true' if illus else 'false' }}],{% endfor %} };
  function refresh() {
    var anyIllustrative = false;
    Object.keys(layers).forEach(function(key) {
      var on = map.hasLayer(layers[key][0]);
      if (on && layers[key][1]) { anyIllustrative = true; }
      document.querySelectorAll('[data-layer="' + key + '"]').forEach(function(el) {
        el.style.display = on ? '' : 'none';
      });
    });
    var el = badge.getContainer();
    if (el) { el.style.display = anyIllustrative ? '' : 'none'; }
  }
  map.on('overlayadd overlayremove', refresh);
  var scale = L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
  // Labels with a minimum zoom (class db-zN) show from zoom N on.
  function zoomClasses() {
    var z = Math.floor(map.getZoom() + 1e-6), el = map.getContainer();
    for (var n = 5; n <= 18; n++) { el.classList.toggle('db-zoom-' + n, z >= n); }
  }
  map.on('zoomend', zoomClasses);
  var bounds = {{ this.bounds|tojson }};
  // The first view fits the extent exactly, clear of the legend (right) and the illustrative badge (top).
  function fit() {
    map.invalidateSize();
    var box = map.getContainer().getBoundingClientRect();
    var lg = legend.getContainer(), bd = badge.getContainer();
    var right = lg && lg.offsetWidth ? box.right - lg.getBoundingClientRect().left + 8 : 10;
    var top = bd && bd.offsetHeight ? bd.getBoundingClientRect().bottom - box.top + 8 : 10;
    var head = document.querySelector('.db-export-head');  // the title of an exported map
    if (head) { top = Math.max(top, head.getBoundingClientRect().bottom - box.top + 8); }
    var size = map.getSize();
    if (size.x < 100 || size.y < 100) { return; }  // not laid out yet: the next call fits
    right = Math.min(Math.max(right, 10), size.x * 0.45);
    top = Math.min(Math.max(top, 10), size.y * 0.3);
    try {
      map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
                    {paddingTopLeft: [10, top], paddingBottomRight: [right, 24], animate: false});
    } catch (e) {
      map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], {animate: false});
    }
    zoomClasses();
  }
  window.dbFit = fit;
  fit(); refresh(); setTimeout(function() { fit(); refresh(); }, 60);
  function resize() { map.invalidateSize(); }
  window.addEventListener('resize', resize);
  // What takes this map's contents off again (the app swaps one map's contents for another's in the same
  // frame).
  window.dbTeardown = function() {
    [legend, badge, credits, scale].forEach(function(control) { control.remove(); });
    map.off('overlayadd overlayremove', refresh);
    map.off('zoomend', zoomClasses);
    window.removeEventListener('resize', resize);
  };
})();
{% endmacro %}
""")

    def __init__(
        self,
        legend_html: str,
        badge_text: str,
        groups: list[tuple[str, str, bool]],
        bounds: tuple,
        credits_html: str = "",
    ):
        super().__init__()
        self.credits_html = credits_html
        self.bounds = [float(b) for b in bounds]
        self._name = "DbMapScript"
        self.legend_html = legend_html
        self.badge_text = badge_text
        self.groups = groups


_CSS = """
<style>
.leaflet-container { background: {background};
  font-family: 'Source Sans Pro', 'DejaVu Sans', Arial, sans-serif; }
.db-legend { background: rgba(255,255,255,0.94); padding: 4px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px #0005;
  font-size: 11.5px; line-height: 1.3; max-width: 230px; }
.db-legend-body { max-height: calc(100vh - 150px); overflow-y: auto; }
.db-legend-title { font-weight: 700; margin-bottom: 3px; cursor: pointer; }
.db-legend-section { margin-top: 4px; }
.db-legend-section b { display: block; font-size: 12px; margin-bottom: 1px; }
.db-row { display: flex; align-items: center; gap: 6px; }
.db-sw { display: inline-block; width: 18px; height: 12px; border: 1px solid #555; flex: none; }
.db-sw-outline { width: 14px; height: 8px; border-width: 3px; border-style: solid; background: transparent; }
.db-row svg { flex: none; }
.db-passive { pointer-events: none; }
.db-label-min { display: none; }
.db-zoom-10 .db-z10, .db-zoom-11 .db-z11, .db-zoom-12 .db-z12 { display: block; }
.db-label.db-label-min { font-weight: 600; font-size: 11px; color: #333; }
.db-illustrative { background: {illustrative_fill}; border: 2px solid {illustrative_edge};
  color: {illustrative_text};
  font-weight: 700; padding: 4px 10px;
  border-radius: 4px; font-size: 13px; }
.db-icon { background: transparent; border: none; }
.db-credits { background: rgba(255,255,255,0.88); padding: 2px 6px; font-size: 10.5px; max-width: 460px;
  color: #333;
  line-height: 1.3; max-height: 260px; overflow-y: auto; }
.db-credits summary { cursor: pointer; font-weight: 700; }
.leaflet-control-layers { font-size: 12px; line-height: 1.25; }
.leaflet-control-scale-line { font-size: 11px; }
.leaflet-control-layers-expanded { padding: 4px 8px; }
.db-label { background: transparent; border: none; box-shadow: none; font-weight: 700; color: #333;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; font-size: 12px; white-space: nowrap; }
</style>
"""


def _base_map(data: MapData, options: MapOptions, bounds: tuple) -> folium.Map:
    """An empty map on the extent, Leaflet from ``options.asset_base_url``, and the offline basemap (the
    province)."""
    # Centred on the province whatever the extent (the map then fits ``bounds``): every map of the app starts
    # alike, so the app can swap one map's contents for another's in the frame it has (ui.mapframe).
    centre = data.province.total_bounds
    fmap = folium.Map(
        location=[(centre[1] + centre[3]) / 2, (centre[0] + centre[2]) / 2],
        zoom_start=9,
        tiles=None,
        control_scale=False,
        prefer_canvas=True,
        max_bounds=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    use_local_assets(fmap, options.asset_base_url)
    css = _CSS
    for name, colour in (
        ("background", MAP_BACKGROUND),
        ("illustrative_fill", palette.ILLUSTRATIVE_FILL),
        ("illustrative_edge", palette.ILLUSTRATIVE_EDGE),
        ("illustrative_text", palette.ILLUSTRATIVE_TEXT),
    ):
        css = css.replace("{" + name + "}", colour)
    fmap.get_root().header.add_child(Element(css))
    if options.online_basemap:
        folium.TileLayer(
            "OpenStreetMap",
            name="OpenStreetMap",
            attribution="© OpenStreetMap contributors",
            overlay=False,
            control=True,
        ).add_to(fmap)
    # Offline basemap: the province, always on, not in the layer control.
    base = folium.FeatureGroup(name=t("offline_basemap", options.lang), control=False)
    folium.GeoJson(
        _feature_collection(data.province, ["province"]),
        style_function=lambda f: PROVINCE_PAINT.leaflet(f["properties"]),
        interactive=False,
    ).add_to(base)
    base.add_to(fmap)
    return fmap


def build_map(data: MapData, options: MapOptions = MapOptions()) -> folium.Map:
    """Return the folium map of the province with every layer of the registry in a switchable group, legend,
    credits.

    The map uses no tile server by default (an offline basemap of outlines and labels); Leaflet is loaded from
    ``options.asset_base_url`` (the app's own files, or ``inline://`` placeholders for standalone exports).
    """
    lang = options.lang
    ctx = MapContext(lang=lang, classification=options.classification)
    bounds = options.bounds or tuple(data.province.total_bounds)
    fmap = _base_map(data, options, bounds)
    groups: list[tuple[str, folium.FeatureGroup]] = []
    legend: list[tuple[str, str, bool]] = []
    for layer in styled_layers(options.visible):
        if not options.layer_list and not (layer.base or layer.key in options.visible):
            continue
        group = _draw_layer(fmap, layer, data, options, ctx)
        if group is None:
            continue
        groups.append((layer.key, group))
        if not layer.base:
            legend.append((layer.key, _legend_section(layer, ctx), layer.key in options.visible))
    if options.layer_list:
        folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    fmap.add_child(
        _MapScript(
            _legend_html(legend, lang),
            t("illustrative_mark", lang) + " / " + t("illustrative_mark", "en" if lang == "vi" else "vi"),
            [(key, group.get_name(), getattr(group, "illustrative", False)) for key, group in groups],
            bounds,
            _credits_html(groups, lang, data.source("province")),
        )
    )
    return fmap


def selection_script(communes: gpd.GeoDataFrame, unit_id: str | None, *, zoom: bool = False) -> str:
    """JavaScript that outlines the selected commune on a map already drawn (``map_div``), and zooms to it
    when ``zoom``; "" when nothing is selected.  Sent alone, so a new selection does not reload the map."""
    chosen = communes[communes["unit_id"] == unit_id] if unit_id is not None else communes.iloc[0:0]
    if chosen.empty:
        return ""
    data = json.dumps(_feature_collection(chosen, ["commune"]), ensure_ascii=False)
    style = json.dumps(SELECTION_PAINT.leaflet({}))
    minx, miny, maxx, maxy = (float(b) for b in chosen.total_bounds)
    move = (
        f"map_div.fitBounds([[{miny}, {minx}], [{maxy}, {maxx}]], {{maxZoom: 12, padding: [40, 40]}});"
        if zoom
        else ""
    )
    return (
        "var feature_group_feature_group_0 = L.featureGroup();\n"
        f"L.geoJSON({data}, {{style: function() {{ return {style}; }}, interactive: false}})"
        ".addTo(feature_group_feature_group_0);\n"
        "map_div.addLayer(feature_group_feature_group_0);\n"
        f"{move}\n"
        "window.feature_group = window.feature_group || [];\n"
        "window.feature_group.push(feature_group_feature_group_0);\n"
    )


def _credits_html(groups: list[tuple[str, folium.FeatureGroup]], lang: str, province: LayerSource) -> str:
    """One credit line per switchable layer (shown while the layer is), plus the always-drawn province
    outline."""
    lines = [
        f"<details><summary>{html.escape(t('credits', lang))}</summary>",
        f"<div>{html.escape(t('offline_basemap', lang))}: {html.escape(province.credit(lang))}</div>",
    ]
    for key, group in groups:
        credit = getattr(group, "credit", "")
        if credit:
            lines.append(f'<div data-layer="{key}">{html.escape(group.layer_title)}: {credit}</div>')
    return "".join(lines) + "</details>"


def map_layer_keys(fmap: folium.Map) -> list[str]:
    """Return the keys of the switchable layers of a built map, in drawing order."""
    return [child.layer_key for child in fmap._children.values() if hasattr(child, "layer_key")]

"""The interactive map: communes, districts, roads, grid, facilities, poverty choropleth, zones, flags, legend, credits."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from analysis.classify import Classification
from geo.i18n import format_number, format_percent, t
from layers.assets import use_local_assets
from layers.catalog import SOURCES, LayerSource
from layers.facilities import HEALTH_KINDS, SCHOOL_LEVELS, icon_svg
from layers.power import VOLTAGE_STYLES, voltage_key
from layers.roads import SURFACE_COLOURS, SURFACES, road_style

#: Sequential red palette (ColorBrewer Reds, up to 7 classes) for the poverty choropleth.
POVERTY_PALETTE = ("#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d")
NO_DATA_COLOUR = "#d9d9d9"
ZONE_COLOURS = {"I": "#1a9850", "II": "#fee08b", "III": "#d73027"}
FLAG_COLOURS = {"flag_road": "#ff7f00", "flag_grid": "#6a3d9a", "flag_both": "#e31a1c"}
COORD_DECIMALS = 4
#: Inputs a commune flag is decided from (its credit and illustrative mark follow all of them).
FLAG_SOURCES = ("survey", "commune_centres", "roads", "grid_mv", "power_lines")


@dataclass
class MapData:
    """Frames the map draws (EPSG:4326).  ``communes`` carries the attributes shown in tooltips and the choropleth."""

    communes: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    province: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame | None = None
    main_roads: gpd.GeoDataFrame | None = None
    power_lines: gpd.GeoDataFrame | None = None
    substations: gpd.GeoDataFrame | None = None
    grid_mv: gpd.GeoDataFrame | None = None
    schools: gpd.GeoDataFrame | None = None
    health: gpd.GeoDataFrame | None = None
    centres: gpd.GeoDataFrame | None = None
    zones: gpd.GeoDataFrame | None = None
    illustrative: dict[str, bool] = field(default_factory=dict)
    sources: dict[str, LayerSource] = field(default_factory=dict)
    """Provenance by layer key (``roads``, ``survey``, ``commune_centres`` ...), as ``workflows.inputs.load_layer`` returns it:
    a project's layers bring their own credit and illustrative flag; keys not given fall back to the embedded ones."""


@dataclass(frozen=True)
class MapOptions:
    """What to show: language, layers shown at start, the choropleth classes, the extent, where Leaflet comes from."""

    lang: str = "vi"
    visible: tuple[str, ...] = ("poverty", "flags", "roads", "power")
    classification: Classification | None = None
    bounds: tuple[float, float, float, float] | None = None
    online_basemap: bool = False
    asset_base_url: str = "inline://"
    height_px: int = 720


def _round_geometry(series: gpd.GeoSeries) -> np.ndarray:
    return shapely.set_precision(series.values, 10 ** -COORD_DECIMALS, mode="pointwise")


def _feature_collection(frame: gpd.GeoDataFrame, columns: list[str]) -> dict:
    """GeoJSON with rounded coordinates and only ``columns``; every string HTML-escaped (names are shown as text)."""
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
        features.append({"type": "Feature", "properties": record, "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def _group(fmap: folium.Map, key: str, lang: str, options: MapOptions, sources: dict[str, LayerSource], *,
           source_keys: tuple[str, ...] | None = None) -> folium.FeatureGroup:
    """A switchable layer whose credit and illustrative mark come from the provenance of what it draws.

    ``sources`` (the map's :attr:`MapData.sources`) is looked up first, the embedded ``SOURCES`` after.
    """
    found = [src for k in (source_keys or (key,)) if (src := sources.get(k) or SOURCES.get(k)) is not None]
    illustrative = any(src.illustrative for src in found)
    name = t(f"layer_{key}", lang)
    if illustrative:
        name += f" ({t('illustrative', lang)})"
    attribution = " | ".join(html.escape(c) for c in dict.fromkeys(src.credit() for src in found))
    group = folium.FeatureGroup(name=name, show=key in options.visible)
    group.layer_key = key
    group.layer_title = name
    group.credit = attribution
    group.illustrative = illustrative
    group.add_to(fmap)
    return group


def _tooltip(fields: list[str], aliases: list[str]) -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True, localize=False)


def _point_layer(group: folium.FeatureGroup, frame: gpd.GeoDataFrame, icon_key: str, fields: list[str],
                 aliases: list[str]) -> None:
    if frame is None or frame.empty:
        return
    svg = icon_svg(icon_key)
    size = int(svg.split('width="')[1].split('"')[0])
    folium.GeoJson(
        _feature_collection(frame, fields),
        marker=folium.Marker(icon=folium.DivIcon(html=svg, icon_size=(size, size), icon_anchor=(size // 2, size // 2),
                                                 class_name="db-icon")),
        tooltip=_tooltip(fields, aliases),
    ).add_to(group)


def commune_tooltip_frame(communes: gpd.GeoDataFrame, lang: str) -> gpd.GeoDataFrame:
    """Return the communes with the formatted text columns the tooltip shows."""
    out = communes.copy()
    rate = out["poor_hh_rate_pct"] if "poor_hh_rate_pct" in out else pd.Series(np.nan, index=out.index)
    out["poverty_text"] = [format_percent(v, lang) or t("no_data", lang) for v in rate]
    return out


def _legend_html(sections: list[tuple[str, str, bool]], lang: str) -> str:
    parts = [f'<details open><summary class="db-legend-title">{html.escape(t("legend", lang))}</summary>']
    for key, body, shown in sections:
        style = "" if shown else ' style="display:none"'
        parts.append(f'<div class="db-legend-section" data-layer="{key}"{style}>{body}</div>')
    return "".join(parts) + "</details>"


def _swatch(colour: str, label: str, *, line: bool = False, dashed: bool = False, svg: str | None = None) -> str:
    if svg:
        mark = svg
    elif line:
        dash = 'stroke-dasharray="5 4"' if dashed else ""
        mark = (f'<svg width="26" height="10"><line x1="1" y1="5" x2="25" y2="5" stroke="{colour}" '
                f'stroke-width="3" {dash}/></svg>')
    else:
        mark = f'<span class="db-sw" style="background:{colour}"></span>'
    return f'<div class="db-row">{mark}<span>{html.escape(label)}</span></div>'


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
  var layers = { {% for key, name, illus in this.groups %}{{ key|tojson }}: [{{ name }}, {{ 'true' if illus else 'false' }}],{% endfor %} };
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
  var bounds = {{ this.bounds|tojson }};
  function fit() { map.invalidateSize(); map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]); }
  fit(); setTimeout(function() { fit(); refresh(); }, 60);
})();
{% endmacro %}
""")

    def __init__(self, legend_html: str, badge_text: str, groups: list[tuple[str, str, bool]], bounds: tuple,
                 credits_html: str = ""):
        super().__init__()
        self.credits_html = credits_html
        self.bounds = [float(b) for b in bounds]
        self._name = "DbMapScript"
        self.legend_html = legend_html
        self.badge_text = badge_text
        self.groups = groups


_CSS = """
<style>
.leaflet-container { background: #e8eef1; font-family: 'Source Sans Pro', 'DejaVu Sans', Arial, sans-serif; }
.db-legend { background: rgba(255,255,255,0.94); padding: 6px 9px; border-radius: 4px; box-shadow: 0 1px 4px #0005;
  font-size: 12px; line-height: 1.35; max-height: 360px; overflow-y: auto; min-width: 170px; }
.db-legend-title { font-weight: 700; margin-bottom: 3px; cursor: pointer; }
.db-legend-section { margin-top: 4px; }
.db-legend-section b { display: block; font-size: 12px; margin-bottom: 1px; }
.db-row { display: flex; align-items: center; gap: 6px; }
.db-sw { display: inline-block; width: 18px; height: 12px; border: 1px solid #555; }
.db-illustrative { background: #fff3cd; border: 2px solid #b8860b; color: #5c4400; font-weight: 700; padding: 4px 10px;
  border-radius: 4px; font-size: 13px; }
.db-icon { background: transparent; border: none; }
.db-credits { background: rgba(255,255,255,0.88); padding: 2px 6px; font-size: 10.5px; max-width: 460px; color: #333;
  line-height: 1.3; max-height: 260px; overflow-y: auto; }
.db-credits summary { cursor: pointer; font-weight: 700; }
.leaflet-control-layers { font-size: 12px; line-height: 1.25; }
.leaflet-control-layers-expanded { padding: 4px 8px; }
.db-label { background: transparent; border: none; box-shadow: none; font-weight: 700; color: #333;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; font-size: 12px; white-space: nowrap; }
</style>
"""


def build_map(data: MapData, options: MapOptions = MapOptions()) -> folium.Map:
    """Return the folium map of the province with every layer in a switchable group, a legend and credits.

    The map uses no tile server by default (an offline basemap of outlines and labels); Leaflet is loaded from
    ``options.asset_base_url`` (the app's own files, or ``inline://`` placeholders for standalone exports).
    """
    lang = options.lang
    srcs = data.sources
    bounds = options.bounds or tuple(data.province.total_bounds)
    fmap = folium.Map(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2], zoom_start=9, tiles=None,
                      control_scale=True, prefer_canvas=True, max_bounds=False)
    use_local_assets(fmap, options.asset_base_url)
    fmap.get_root().header.add_child(Element(_CSS))
    if options.online_basemap:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", attribution="© OpenStreetMap contributors",
                         overlay=False, control=True).add_to(fmap)

    groups: list[tuple[str, folium.FeatureGroup]] = []
    legend: list[tuple[str, str, bool]] = []

    # Offline basemap: province fill, district outlines and names.  Always on, not in the layer control.
    base = folium.FeatureGroup(name=t("offline_basemap", lang), control=False)
    folium.GeoJson(_feature_collection(data.province, ["province"]), style_function=lambda f: {
        "color": "#000", "weight": 3, "fillColor": "#fbf8ef", "fillOpacity": 1.0}, interactive=False).add_to(base)
    base.add_to(fmap)

    communes = commune_tooltip_frame(data.communes, lang)
    tip_fields = ["commune", "gso_code", "district", "poverty_text"]
    tip_aliases = [t("commune", lang), t("gso_code", lang), t("district", lang), t("poverty_rate", lang)]

    # Poverty choropleth (illustrative commune survey).
    if options.classification is not None and "poor_hh_rate_pct" in communes:
        group = _group(fmap, "poverty", lang, options, srcs, source_keys=("survey",))
        classes = options.classification.classes.reindex(communes.index).fillna(-1).astype(int)
        palette = _palette(options.classification.k)
        communes["fill"] = [palette[c] if c >= 0 else NO_DATA_COLOUR for c in classes]
        folium.GeoJson(_feature_collection(communes, ["unit_id", *tip_fields, "fill"]),
                       style_function=lambda f: {"color": "#666", "weight": 0.6, "fillColor": f["properties"]["fill"],
                                                 "fillOpacity": 0.75},
                       highlight_function=lambda f: {"weight": 3, "color": "#000"},
                       tooltip=_tooltip(tip_fields, tip_aliases)).add_to(group)
        rows = [f"<b>{html.escape(t('poverty_rate', lang))} ({html.escape(t(options.classification.scheme, lang))})</b>"]
        for i, (low, high) in enumerate(options.classification.ranges()):
            rows.append(_swatch(palette[i], f"{format_number(low, lang, decimals=1)} – {format_percent(high, lang, decimals=1)}"))
        rows.append(_swatch(NO_DATA_COLOUR, t("no_data", lang)))
        legend.append(("poverty", "".join(rows), "poverty" in options.visible))
        groups.append(("poverty", group))

    # Commune boundaries (real) — the layer that is clicked to select a commune.
    group = _group(fmap, "communes", lang, MapOptions(visible=("communes",)), srcs,
                   source_keys=(_commune_source(communes),))
    folium.GeoJson(_feature_collection(communes, ["unit_id", *tip_fields]),
                   style_function=lambda f: {"color": "#555", "weight": 0.8, "fillColor": "#ffffff", "fillOpacity": 0.01},
                   highlight_function=lambda f: {"weight": 3, "color": "#000", "fillOpacity": 0.08},
                   tooltip=_tooltip(tip_fields, tip_aliases), name="communes_click").add_to(group)
    groups.append(("communes", group))

    # Zones I/II/III (2025 units, real).
    if data.zones is not None and not data.zones.empty:
        group = _group(fmap, "zones", lang, options, srcs)
        folium.GeoJson(_feature_collection(data.zones, ["commune", "zone_2026_2030"]),
                       style_function=lambda f: {"color": "#444", "weight": 1,
                                                 "fillColor": ZONE_COLOURS.get(f["properties"]["zone_2026_2030"], "#ccc"),
                                                 "fillOpacity": 0.45},
                       tooltip=_tooltip(["commune", "zone_2026_2030"], [t("commune", lang), t("zone", lang)])
                       ).add_to(group)
        legend.append(("zones", "<b>" + html.escape(t("layer_zones", lang)) + "</b>" + "".join(
            _swatch(c, t(f"zone_{z}", lang)) for z, c in ZONE_COLOURS.items()), "zones" in options.visible))
        groups.append(("zones", group))

    # Districts (outline + names), always drawn on top of polygons.
    group = _group(fmap, "districts", lang, MapOptions(visible=("districts",)), srcs)
    folium.GeoJson(_feature_collection(data.districts, ["district"]), style_function=lambda f: {
        "color": "#202020", "weight": 2.2, "fill": False}, interactive=False).add_to(group)
    for _, row in data.districts.iterrows():
        point = row.geometry.representative_point()
        folium.Marker([point.y, point.x], icon=folium.DivIcon(
            html=f'<div class="db-label">{html.escape(str(row["district"]))}</div>', icon_size=(160, 18),
            icon_anchor=(80, 9), class_name="db-icon"), interactive=False).add_to(group)
    groups.append(("districts", group))

    # Roads by surface and all-season status (illustrative network).
    if data.roads is not None and not data.roads.empty:
        group = _group(fmap, "roads", lang, options, srcs)
        roads = data.roads.copy()
        roads["surface_text"] = roads["surface"].map(lambda s: t(f"surface_{s}", lang))
        roads["all_season_text"] = roads["all_season"].map(lambda v: t("yes" if v else "no", lang))
        folium.GeoJson(_feature_collection(roads, ["name", "road_class", "surface", "all_season", "surface_text",
                                                   "all_season_text"]),
                       style_function=lambda f: road_style(f["properties"]["surface"], f["properties"]["all_season"],
                                                           f["properties"]["road_class"]),
                       tooltip=_tooltip(["name", "surface_text", "all_season_text"],
                                        [t("layer_roads", lang), t("road_surface", lang), t("all_season", lang)])).add_to(group)
        rows = ["<b>" + html.escape(t("layer_roads", lang)) + "</b>"]
        rows += [_swatch(SURFACE_COLOURS[s], t(f"surface_{s}", lang), line=True) for s in SURFACES]
        rows.append(_swatch("#555", t("not_allseason", lang), line=True, dashed=True))
        legend.append(("roads", "".join(rows), "roads" in options.visible))
        groups.append(("roads", group))

    if data.main_roads is not None and not data.main_roads.empty:
        group = _group(fmap, "main_roads", lang, options, srcs)
        folium.GeoJson(_feature_collection(data.main_roads, ["name"]),
                       style_function=lambda f: {"color": "#e6550d", "weight": 3, "opacity": 0.7},
                       tooltip=_tooltip(["name"], [t("layer_main_roads", lang)])).add_to(group)
        legend.append(("main_roads", _swatch("#e6550d", t("layer_main_roads", lang), line=True),
                       "main_roads" in options.visible))
        groups.append(("main_roads", group))

    # National grid: real OSM lines and substations; illustrative MV extensions in their own group.
    if data.power_lines is not None:
        group = _group(fmap, "power", lang, options, srcs, source_keys=("power_lines", "power_substations"))
        lines = data.power_lines.copy()
        lines["vkey"] = lines["voltage_kv"].map(voltage_key)
        lines["label"] = lines["vkey"].map(lambda k: t(k, lang))
        folium.GeoJson(_feature_collection(lines, ["vkey", "label"]),
                       style_function=lambda f: VOLTAGE_STYLES[f["properties"]["vkey"]],
                       tooltip=_tooltip(["label"], [t("layer_power", lang)])).add_to(group)
        if data.substations is not None and not data.substations.empty:
            subs = data.substations.assign(label=t("substation", lang))
            _point_layer(group, subs, "substation", ["label"], [t("kind", lang)])
        rows = ["<b>" + html.escape(t("layer_power", lang)) + "</b>"]
        rows += [_swatch(VOLTAGE_STYLES[k]["color"], t(k, lang), line=True) for k in ("voltage_500", "voltage_110",
                                                                                      "voltage_unknown")]
        rows.append(_swatch("", t("substation", lang), svg=icon_svg("substation")))
        legend.append(("power", "".join(rows), "power" in options.visible))
        groups.append(("power", group))
    if data.grid_mv is not None and not data.grid_mv.empty:
        group = _group(fmap, "grid_mv", lang, options, srcs)
        mv = data.grid_mv.copy()
        mv["vkey"] = mv["voltage_kv"].map(voltage_key)
        mv["label"] = mv["vkey"].map(lambda k: t(k, lang))
        folium.GeoJson(_feature_collection(mv, ["vkey", "label"]),
                       style_function=lambda f: VOLTAGE_STYLES[f["properties"]["vkey"]],
                       tooltip=_tooltip(["label"], [t("layer_grid_mv", lang)])).add_to(group)
        legend.append(("grid_mv", "<b>" + html.escape(t("layer_grid_mv", lang)) + "</b>" + "".join(
            _swatch(VOLTAGE_STYLES[k]["color"], t(k, lang), line=True, dashed=True) for k in ("voltage_35", "voltage_22")),
            "grid_mv" in options.visible))
        groups.append(("grid_mv", group))

    # Schools and health facilities, one icon per type.
    for key, frame, column, kinds, prefix in (("schools", data.schools, "level", SCHOOL_LEVELS, "school"),
                                              ("health", data.health, "kind", HEALTH_KINDS, "health")):
        if frame is None or frame.empty:
            continue
        group = _group(fmap, key, lang, options, srcs)
        rows = ["<b>" + html.escape(t(f"layer_{key}", lang)) + "</b>"]
        for kind in kinds:
            subset = frame[frame[column] == kind].assign(kind_text=t(f"{prefix}_{kind}", lang))
            _point_layer(group, subset, f"{prefix}_{kind}", ["name", "kind_text"], [t(f"layer_{key}", lang), t("kind", lang)])
            rows.append(_swatch("", t(f"{prefix}_{kind}", lang), svg=icon_svg(f"{prefix}_{kind}")))
        legend.append((key, "".join(rows), key in options.visible))
        groups.append((key, group))

    if data.centres is not None and not data.centres.empty:
        group = _group(fmap, "centres", lang, options, srcs, source_keys=("commune_centres",))
        _point_layer(group, data.centres, "commune_centre", ["name"], [t("layer_centres", lang)])
        legend.append(("centres", _swatch("", t("layer_centres", lang), svg=icon_svg("commune_centre")),
                       "centres" in options.visible))
        groups.append(("centres", group))

    # Flag highlight: outline of communes lacking an all-season road, grid power, or both.
    if "lacks_allseason_road" in communes:
        flagged = communes[communes["lacks_allseason_road"].astype(bool) | communes["lacks_grid"].astype(bool)].copy()
        group = _group(fmap, "flags", lang, options, srcs, source_keys=FLAG_SOURCES)
        if not flagged.empty:
            flagged["flag"] = np.where(flagged["lacks_allseason_road"] & flagged["lacks_grid"], "flag_both",
                                       np.where(flagged["lacks_allseason_road"], "flag_road", "flag_grid"))
            flagged["flag_text"] = flagged["flag"].map(lambda k: t(k, lang))
            folium.GeoJson(_feature_collection(flagged, ["unit_id", "commune", "district", "flag", "flag_text"]),
                           style_function=lambda f: {"color": FLAG_COLOURS[f["properties"]["flag"]], "weight": 3.5,
                                                     "fillColor": FLAG_COLOURS[f["properties"]["flag"]],
                                                     "fillOpacity": 0.12, "dashArray": "1 0"},
                           tooltip=_tooltip(["commune", "district", "flag_text"],
                                            [t("commune", lang), t("district", lang), t("layer_flags", lang)])
                           ).add_to(group)
        legend.append(("flags", "<b>" + html.escape(t("layer_flags", lang)) + "</b>" + "".join(
            _swatch(c, t(k, lang)) for k, c in FLAG_COLOURS.items()), "flags" in options.visible))
        groups.append(("flags", group))

    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    fmap.add_child(_MapScript(_legend_html(legend, lang), t("illustrative_mark", lang) + " / " +
                              t("illustrative_mark", "en" if lang == "vi" else "vi"),
                              [(key, group.get_name(), getattr(group, "illustrative", False)) for key, group in groups],
                              bounds, _credits_html(groups, lang, srcs.get("province") or SOURCES["province"])))
    return fmap


def selection_layer(communes: gpd.GeoDataFrame, unit_id: str | None) -> folium.FeatureGroup:
    """Return the highlight of the selected commune (cyan outline), drawn on top without re-rendering the map."""
    group = folium.FeatureGroup(name="selected", control=False)
    if unit_id is not None:
        chosen = communes[communes["unit_id"] == unit_id]
        if not chosen.empty:
            folium.GeoJson(_feature_collection(chosen, ["commune"]), style_function=lambda f: {
                "color": "#00bcd4", "weight": 5, "fill": False}, interactive=False).add_to(group)
    return group


def _credits_html(groups: list[tuple[str, folium.FeatureGroup]], lang: str, province: LayerSource) -> str:
    """One credit line per switchable layer (shown while the layer is), plus the always-drawn province outline."""
    lines = [f'<details><summary>{html.escape(t("credits", lang))}</summary>',
             f'<div>{html.escape(t("offline_basemap", lang))}: {html.escape(province.credit())}</div>']
    for key, group in groups:
        credit = getattr(group, "credit", "")
        if credit:
            lines.append(f'<div data-layer="{key}">{html.escape(group.layer_title)}: {credit}</div>')
    return "".join(lines) + "</details>"


def _palette(k: int) -> tuple[str, ...]:
    if k <= 0:
        return ()
    idx = np.linspace(0, len(POVERTY_PALETTE) - 1, k).round().astype(int)
    return tuple(POVERTY_PALETTE[i] for i in idx)


def _commune_source(communes: gpd.GeoDataFrame) -> str:
    return "communes_2025" if "predecessor_gso_codes" in communes.columns else "communes_pre2025"


def map_layer_keys(fmap: folium.Map) -> list[str]:
    """Return the keys of the switchable layers of a built map, in drawing order."""
    return [child.layer_key for child in fmap._children.values() if hasattr(child, "layer_key")]

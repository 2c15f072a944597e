"""Scorecard map (web): the units of one indicator coloured by target status, with value, target and
source."""

from __future__ import annotations

import math

import folium
import geopandas as gpd
import pandas as pd

from geo.crs import simplify_for_display
from geo.i18n import format_number
from geo.messages import msg
from layers import palette
from layers.assets import use_local_assets
from layers.district_overlay import add_district_overlay, add_metric_scale, fit_to
from layers.imports import escaped_for_display


def status_style(status: str) -> dict:
    """Leaflet style of a unit coloured by scorecard status."""
    return {
        "color": "#404040",
        "weight": 0.7,
        "fillColor": palette.STATUS.get(status, palette.STATUS["no_data"]),
        "fillOpacity": 0.7,
    }


def scorecard_map(
    units: gpd.GeoDataFrame,
    rows: pd.DataFrame,
    *,
    lang: str = "vi",
    labels: dict[str, str] | None = None,
    gap: pd.DataFrame | None = None,
    asset_base_url: str = "inline://",
    districts: gpd.GeoDataFrame | None = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> folium.Map:
    """Return an offline folium map of one indicator: units coloured by status, tooltip with value, target,
    source.

    ``units`` has ``unit_code`` and geometry (any CRS); ``rows`` are the scorecard rows of one indicator at
    that level; ``gap`` (optional) the output of :func:`analysis.targets.gap_contributions` for the same
    units. ``labels`` translates the statuses (``met`` ... ``no_data``) in the tooltip and legend.  No
    basemap, and Leaflet from ``asset_base_url`` (the app's own files, or ``inline://`` placeholders for
    standalone exports): no CDN. ``districts`` (EPSG:4326) are outlined and named over the units; the first
    view fits ``bounds`` (default: the units), e.g. the province, so that the whole province fills the map.
    """
    labels = labels or {}
    shown = units[["unit_code", "geometry"]].merge(
        rows[
            ["unit_code", "unit_name", "measured", "target", "comparator", "status", "source_vi", "source_en"]
        ],
        on="unit_code",
        how="left",
    )
    if gap is not None and len(gap):
        shown = shown.merge(gap[["unit_code", "gap_points"]], on="unit_code", how="left")
    else:
        shown["gap_points"] = math.nan
    shown["status"] = shown["status"].fillna("no_data")
    shown["status_text"] = shown["status"].map(lambda s: labels.get(s, s))
    shown["measured_text"] = shown["measured"].map(lambda v: format_number(v, lang, decimals=2))
    shown["gap_text"] = shown["gap_points"].map(lambda v: format_number(v, lang, decimals=2))
    shown["target_text"] = shown["comparator"].fillna("") + " " + shown["target"].fillna("")
    shown["source"] = shown["source_en" if lang == "en" else "source_vi"].fillna("")
    shown["unit_name"] = shown["unit_name"].fillna(shown["unit_code"])
    shown = gpd.GeoDataFrame(shown, geometry="geometry", crs=units.crs)
    shown = simplify_for_display(shown)
    keep = [
        "unit_name",
        "status_text",
        "measured_text",
        "target_text",
        "gap_text",
        "source",
        "status",
        "geometry",
    ]
    shown = escaped_for_display(shown[keep])  # tooltips are HTML: names and sources shown as text
    minx, miny, maxx, maxy = shown.total_bounds
    fmap = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=8, tiles=None)
    use_local_assets(fmap, asset_base_url)
    add_metric_scale(fmap)
    aliases = [
        msg(key, lang)
        for key in ("sc_unit_name", "sc_status", "sc_measured", "sc_target", "sc_gap_points", "source")
    ]
    folium.GeoJson(
        shown.to_json(),
        style_function=lambda feature: status_style(feature["properties"]["status"]),
        tooltip=folium.GeoJsonTooltip(fields=keep[:-2], aliases=aliases),
        name="scorecard",
    ).add_to(fmap)
    add_district_overlay(fmap, districts)
    fit_to(fmap, bounds if bounds is not None else (minx, miny, maxx, maxy))
    legend = "".join(
        f"<div><span "
        f'style="background:{colour};width:12px;height:12px;display:inline-block;margin-right:4px">'
        f"</span>{labels.get(status, status)}</div>"
        for status, colour in palette.STATUS.items()
    )
    fmap.get_root().html.add_child(
        folium.Element(
            '<div style="position:fixed;bottom:30px;left:10px;z-index:9999;background:white;padding:6px;'
            f'font-size:12px;border:1px solid #999">{legend}</div>'
        )
    )
    return fmap

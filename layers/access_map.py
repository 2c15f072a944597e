"""Access map: travel time per commune as a choropleth (fixed bands around a threshold), with legend and evidence."""

from __future__ import annotations

import html
import json

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element

from geo.i18n import format_number, t
from layers.assets import use_local_assets

#: Band colours from quick to slow; grey = not computable (never drawn as a number).
BAND_COLOURS = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")
NO_DATA_COLOUR = "#bdbdbd"


def band_edges(within_min: float) -> tuple[float, float, float, float]:
    """Upper edges of the first four bands: a quarter, half, all and twice the threshold."""
    return (within_min / 4, within_min / 2, within_min, within_min * 2)


def band_of(minutes: float | None, within_min: float) -> int:
    """Return the band index (0-4) of a travel time, -1 when it is not a finite number."""
    if minutes is None or not np.isfinite(minutes):
        return -1
    for i, edge in enumerate(band_edges(within_min)):
        if minutes <= edge:
            return i
    return 4


def _legend(title: str, within_min: float, lang: str, illustrative: bool) -> str:
    edges = band_edges(within_min)
    labels = [f"≤ {format_number(edges[0], lang)}"] + [
        f"{format_number(edges[i - 1], lang)}–{format_number(edges[i], lang)}" for i in range(1, 4)] + [
        f"> {format_number(edges[3], lang)}"]
    rows = "".join(
        f'<div><span style="display:inline-block;width:14px;height:10px;background:{c};margin-right:4px"></span>'
        f"{html.escape(label)} {'phút' if lang == 'vi' else 'min'}</div>" for c, label in zip(BAND_COLOURS, labels, strict=True))
    rows += (f'<div><span style="display:inline-block;width:14px;height:10px;background:{NO_DATA_COLOUR};'
             f'margin-right:4px"></span>{html.escape(t("no_data", lang))}</div>')
    mark = (f'<div style="color:#b30000;font-weight:bold;margin-top:4px">{html.escape(t("illustrative_mark", lang))}</div>'
            if illustrative else "")
    return (f'<div class="db-access-legend" style="position:absolute;bottom:24px;left:10px;z-index:1000;background:#fff;'
            f'padding:6px 8px;border:1px solid #888;font:12px sans-serif;max-width:240px">'
            f"<b>{html.escape(title)}</b>{rows}{mark}</div>")


def build_access_map(communes: gpd.GeoDataFrame, values: pd.DataFrame, *, title: str, within_min: float,
                     lang: str = "vi", asset_base_url: str = "inline://", illustrative: bool = True,
                     height_px: int = 560) -> folium.Map:
    """Return a folium map of ``communes`` (EPSG:4326, display-simplified) coloured by ``values["minutes"]``.

    ``values`` has ``unit_id``, ``minutes`` (NaN = not computable) and optional text columns ``evidence`` and
    ``detail`` shown in the tooltip.  No tile server is used (works offline); Leaflet comes from ``asset_base_url``.
    """
    frame = communes[["unit_id", "commune", "district", "geometry"]].merge(values, on="unit_id", how="left")
    frame["band"] = [band_of(v, within_min) for v in frame["minutes"]]
    frame["minutes_text"] = [format_number(v, lang, decimals=0) + (" phút" if lang == "vi" else " min")
                             if band_of(v, within_min) >= 0 else t("no_data", lang) for v in frame["minutes"]]
    for column in ("evidence", "detail"):
        if column not in frame:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    minx, miny, maxx, maxy = frame.total_bounds if len(frame) else (102.1, 20.9, 103.6, 22.6)
    fmap = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9, tiles=None, control_scale=True,
                      prefer_canvas=True, height=height_px)
    use_local_assets(fmap, asset_base_url)
    if len(frame):
        fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    features = []
    geoms = shapely.set_precision(frame.geometry.values, 1e-5, mode="pointwise")
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        row = frame.iloc[i]
        props = {"unit_id": str(row["unit_id"]), "commune": html.escape(str(row["commune"])),
                 "district": html.escape(str(row["district"])), "minutes_text": row["minutes_text"],
                 "detail": html.escape(row["detail"]), "evidence": html.escape(row["evidence"]), "band": int(row["band"])}
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))})
    layer_name = title + (f" ({t('illustrative', lang)})" if illustrative else "")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name=layer_name,
        style_function=lambda f: {"color": "#555", "weight": 0.7, "fillOpacity": 0.75,
                                  "fillColor": NO_DATA_COLOUR if f["properties"]["band"] < 0
                                  else BAND_COLOURS[f["properties"]["band"]]},
        tooltip=folium.GeoJsonTooltip(
            fields=["commune", "district", "minutes_text", "detail", "evidence"],
            aliases=[t("commune", lang), t("district", lang), title, "", t("evidence", lang)], sticky=True,
            localize=False),
    ).add_to(fmap)
    fmap.get_root().html.add_child(Element(_legend(title, within_min, lang, illustrative)))
    return fmap

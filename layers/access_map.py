"""Access map: per commune, the share of village population within a time threshold (the measure of the page's
table) or the minutes from the commune centre, in bands set by the threshold, with district names, legend
and evidence."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element

from geo.i18n import format_number, format_percent, t
from geo.messages import msg
from layers import palette
from layers.assets import use_local_assets
from layers.district_overlay import add_district_overlay, add_metric_scale, fit_to

#: Band colours from quick (or everyone within) to slow (or few within); grey = not computable (never a
#: number).
BAND_COLOURS = palette.ACCESS_BANDS
NO_DATA_COLOUR = palette.ACCESS_NO_DATA
#: What the map can colour: ``population`` = share of the commune's village population within the threshold
#: (the table's and the headline's measure); ``centre`` = minutes from the commune centre.
MEASURES = ("population", "centre")
#: Lower edges of the share bands, best first: everyone, at least 3/4, 1/2, 1/4, fewer.
SHARE_EDGES = (1.0, 0.75, 0.5, 0.25)


def band_edges(within_min: float) -> tuple[float, float, float, float]:
    """Upper edges of the first four minute bands: a quarter, half, all and twice the threshold."""
    return (within_min / 4, within_min / 2, within_min, within_min * 2)


def band_of(minutes: float | None, within_min: float) -> int:
    """Return the band index (0-4) of a travel time, -1 when it is not a finite number."""
    if minutes is None or not np.isfinite(minutes):
        return -1
    for i, edge in enumerate(band_edges(within_min)):
        if minutes <= edge:
            return i
    return 4


def share_band_of(share: float | None) -> int:
    """Return the band index (0 = everyone within ... 4 = under a quarter) of a population share, -1 when
    unknown."""
    if share is None or not np.isfinite(share):
        return -1
    for i, edge in enumerate(SHARE_EDGES):
        if share >= edge - 1e-9:
            return i
    return 4


def _band_labels(measure: str, within_min: float, lang: str) -> list[str]:
    if measure == "population":
        pct = [format_percent(e * 100, lang, decimals=0) for e in SHARE_EDGES]
        return [
            pct[0],
            f"{pct[1]} – < {pct[0]}",
            f"{pct[2]} – < {pct[1]}",
            f"{pct[3]} – < {pct[2]}",
            f"< {pct[3]}",
        ]
    unit = msg("accm_min_unit", lang)
    edges = [_edge_text(e, lang) for e in band_edges(within_min)]
    return (
        [f"≤ {edges[0]} {unit}"]
        + [f"{edges[i - 1]}–{edges[i]} {unit}" for i in range(1, 4)]
        + [f"> {edges[3]} {unit}"]
    )


def _edge_text(minutes: float, lang: str) -> str:
    """A band edge as exactly as it is (3.75 min stays 3,75, never rounded to a 4 that the band does not
    hold)."""
    for decimals in (0, 1, 2):
        if abs(round(minutes, decimals) - minutes) < 1e-9:
            return format_number(minutes, lang, decimals=decimals)
    return format_number(minutes, lang, decimals=2)


def _legend(title: str, measure: str, within_min: float, lang: str, illustrative: bool) -> str:
    rows = "".join(
        f"<div><span "
        f'style="display:inline-block;width:14px;height:10px;background:{c};margin-right:4px"></span>'
        f"{html.escape(label)}</div>"
        for c, label in zip(BAND_COLOURS, _band_labels(measure, within_min, lang), strict=True)
    )
    rows += (
        '<div><span style="display:inline-block;width:14px;height:10px;'
        f'background:{NO_DATA_COLOUR};margin-right:4px"></span>{html.escape(t("no_data", lang))}</div>'
    )
    mark = (
        '<div style="color:#b30000;font-weight:bold;margin-top:4px">'
        f"{html.escape(t('illustrative_mark', lang))}</div>"
        if illustrative
        else ""
    )
    return (
        f'<div class="db-access-legend" data-measure="{measure}" '
        f'style="position:absolute;bottom:24px;left:10px;'
        f"z-index:1000;background:#fff;padding:6px 8px;border:1px solid #888;font:12px "
        f'sans-serif;max-width:250px">'
        f"<b>{html.escape(title)}</b>{rows}{mark}</div>"
    )


def _text_columns(frame: pd.DataFrame, within_min: float, lang: str) -> pd.DataFrame:
    """The tooltip's texts: both measures, always labelled, never a made-up number."""
    unit = msg("accm_min_unit", lang)
    frame["minutes_text"] = [
        format_number(v, lang, decimals=0) + f" {unit}" if band_of(v, within_min) >= 0 else t("no_data", lang)
        for v in frame["minutes"]
    ]
    frame["share_text"] = [
        format_percent(v * 100, lang, decimals=0) if share_band_of(v) >= 0 else t("no_data", lang)
        for v in frame["share"]
    ]
    frame["mean_text"] = [
        format_number(v, lang, decimals=0) + f" {unit}" if band_of(v, within_min) >= 0 else t("no_data", lang)
        for v in frame["mean_minutes"]
    ]
    return frame


@dataclass(frozen=True)
class AccessMeasure:
    """What an access map shows: its title, the time threshold (minutes), the measure (one of
    :data:`MEASURES`: ``centre``, minutes from the commune centre; ``population``, the share of village
    population within the threshold), and whether its inputs are illustrative (the legend and the layer
    name then say so)."""

    title: str
    within_min: float
    measure: str = "centre"
    illustrative: bool = True

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"measure must be one of {MEASURES}, not {self.measure!r}")


def build_access_map(
    communes: gpd.GeoDataFrame,
    values: pd.DataFrame,
    shown: AccessMeasure,
    *,
    lang: str = "vi",
    asset_base_url: str = "inline://",
    height_px: int = 640,
    districts: gpd.GeoDataFrame | None = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> folium.Map:
    """Return a folium map of ``communes`` (EPSG:4326, display-simplified) coloured by ``shown.measure``.

    ``values`` has ``unit_id``, ``minutes`` (from the commune centre; NaN = not computable) and, for the
    population measure, ``share`` (share of the commune's village population within ``shown.within_min``, 0-1)
    and ``mean_minutes`` (population-weighted); optional text columns ``evidence`` and ``detail``. The tooltip
    shows every measure it has, each named. ``districts`` are outlined and named; the first view fits
    ``bounds`` (default: the communes). No tile server is used (works offline); Leaflet comes from
    ``asset_base_url``.
    """
    title, within_min, measure, illustrative = (
        shown.title,
        shown.within_min,
        shown.measure,
        shown.illustrative,
    )
    frame = communes[["unit_id", "commune", "district", "geometry"]].merge(values, on="unit_id", how="left")
    for column in ("minutes", "share", "mean_minutes"):
        if column not in frame:
            frame[column] = np.nan
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame["band"] = (
        [share_band_of(v) for v in frame["share"]]
        if measure == "population"
        else [band_of(v, within_min) for v in frame["minutes"]]
    )
    frame = _text_columns(frame, within_min, lang)
    for column in ("evidence", "detail"):
        if column not in frame:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    fmap = folium.Map(location=[21.7, 102.9], zoom_start=9, tiles=None, height=height_px)
    use_local_assets(fmap, asset_base_url)
    add_metric_scale(fmap)
    features = []
    geoms = shapely.set_precision(frame.geometry.values, 1e-5, mode="pointwise")
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        row = frame.iloc[i]
        props = {
            "unit_id": str(row["unit_id"]),
            "commune": html.escape(str(row["commune"])),
            "district": html.escape(str(row["district"])),
            "share_text": row["share_text"],
            "mean_text": row["mean_text"],
            "minutes_text": row["minutes_text"],
            "detail": html.escape(row["detail"]),
            "evidence": html.escape(row["evidence"]),
            "band": int(row["band"]),
        }
        features.append(
            {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))}
        )
    layer_name = title + (f" ({t('illustrative', lang)})" if illustrative else "")
    fields = ["commune", "district", "share_text", "mean_text", "minutes_text", "detail", "evidence"]
    aliases = [
        t("commune", lang),
        t("district", lang),
        msg("accm_tip_share", lang, within=format_number(within_min, lang)),
        msg("accm_tip_mean", lang),
        msg("accm_tip_centre", lang),
        "",
        t("evidence", lang),
    ]
    # the district centre: centre times only
    if frame["share"].isna().all() and frame["mean_minutes"].isna().all():
        fields, aliases = fields[:2] + fields[4:], aliases[:2] + aliases[4:]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=layer_name,
        style_function=lambda f: {
            "color": "#555",
            "weight": 0.7,
            "fillOpacity": 0.75,
            "fillColor": NO_DATA_COLOUR
            if f["properties"]["band"] < 0
            else BAND_COLOURS[f["properties"]["band"]],
        },
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True, localize=False),
    ).add_to(fmap)
    add_district_overlay(fmap, districts)
    if bounds is None and len(frame):
        bounds = tuple(frame.total_bounds)
    if bounds is not None:
        fit_to(fmap, bounds)
    fmap.get_root().html.add_child(Element(_legend(title, measure, within_min, lang, illustrative)))
    return fmap

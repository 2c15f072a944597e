"""National grid: real OSM high-voltage lines and substations, illustrative medium-voltage extensions; map
layers, styles."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.i18n import t
from geo.io import read_vector
from geo.provenance import LayerSource
from layers import palette
from layers.catalog import ILLUSTRATIVE_GPKG, INFRASTRUCTURE_GPKG, illustrative_source
from layers.spec import By, DataLayer, Icon, LegendItem, MapContext, MapLayer, Paint, Part

#: Legend key of a line voltage -> (colour, width in px, Leaflet dash pattern or None).
VOLTAGE_STYLES = {
    "voltage_500": (palette.VOLTAGE["voltage_500"], 4.0, None),
    "voltage_110": (palette.VOLTAGE["voltage_110"], 3.0, None),
    "voltage_unknown": (palette.VOLTAGE["voltage_unknown"], 2.5, None),
    "voltage_35": (palette.VOLTAGE["voltage_35"], 2.0, "8 4"),
    "voltage_22": (palette.VOLTAGE["voltage_22"], 1.6, "4 4"),
}
HIGH_VOLTAGES = ("voltage_500", "voltage_110", "voltage_unknown")
MEDIUM_VOLTAGES = ("voltage_35", "voltage_22")


def voltage_key(voltage_kv: float | None) -> str:
    """Return the legend key of a line voltage in kV."""
    if voltage_kv is None or voltage_kv != voltage_kv:
        return "voltage_unknown"
    if voltage_kv >= 400:
        return "voltage_500"
    if voltage_kv >= 100:
        return "voltage_110"
    if voltage_kv >= 30:
        return "voltage_35"
    return "voltage_22"


def load_power_lines() -> gpd.GeoDataFrame:
    """Return the real OSM power lines (voltage_kv; 500 and 110 kV, some unknown)."""
    return read_vector(INFRASTRUCTURE_GPKG, layer="power_lines")


def load_substations() -> gpd.GeoDataFrame:
    """Return the real OSM substations (points)."""
    return read_vector(INFRASTRUCTURE_GPKG, layer="power_substations")


def load_grid_mv() -> gpd.GeoDataFrame:
    """Return the illustrative medium-voltage grid extensions (35 / 22 kV)."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="grid_mv")


def combine_grid(hv: gpd.GeoDataFrame, mv: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return every national-grid line (HV and MV) in one frame with ``voltage_kv`` and ``provenance``."""
    columns = ["voltage_kv", "provenance", "geometry"]
    parts = [frame[columns] for frame in (hv, mv) if len(frame)]
    if not parts:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs=hv.crs or mv.crs)
    return gpd.GeoDataFrame(
        pd.concat([p.to_crs(parts[0].crs) for p in parts], ignore_index=True), crs=parts[0].crs
    )


# --- provenance, map layers and styles
# ------------------------------------------------------------------------------


def _osm(key: str) -> LayerSource:
    return LayerSource(key, "© OpenStreetMap contributors", "ODbL 1.0", "≤ Jul 2025", False)


DATA_LAYERS = (
    DataLayer("power_lines", _osm("power_lines"), "line", loader=load_power_lines, clip="print"),
    DataLayer("power_substations", _osm("power_substations"), "point", loader=load_substations, clip="print"),
    DataLayer("grid_mv", illustrative_source("grid_mv"), "line", loader=load_grid_mv, clip="extent"),
)

#: A grid line: colour, width and dashes by voltage (medium voltage dashed).
LINE_PAINT = Paint(
    colour=By("vkey", {k: v[0] for k, v in VOLTAGE_STYLES.items()}),
    width=By("vkey", {k: v[1] for k, v in VOLTAGE_STYLES.items()}),
    dash=By("vkey", {k: v[2] for k, v in VOLTAGE_STYLES.items()}),
)
SUBSTATION_ICON = Icon("square", palette.SUBSTATION, 11)


def _with_voltage(lines: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The lines with their voltage's legend key and its words (tooltip)."""
    out = lines.copy()
    out["vkey"] = out["voltage_kv"].map(voltage_key)
    out["label"] = out["vkey"].map(lambda k: t(k, ctx.lang))
    return out


def _substation_text(substations: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    return substations.assign(label=t("substation", ctx.lang))


def _voltage_row(key: str, width: float, *, dashed: bool = False) -> LegendItem:
    return LegendItem("line", key, VOLTAGE_STYLES[key][0], width=width, dashed=dashed)


MAP_LAYERS = (
    MapLayer(
        "power",
        order=70,
        sources=("power_lines", "power_substations"),
        header="layer_power",
        visible=True,
        parts=(
            Part(
                "power_lines",
                "line",
                LINE_PAINT,
                zorder=5,
                prepare=_with_voltage,
                tooltip=(("label", "layer_power"),),
                legend=tuple(_voltage_row(k, VOLTAGE_STYLES[k][1] * 0.6) for k in HIGH_VOLTAGES),
            ),
            Part(
                "power_substations",
                "point",
                icon=SUBSTATION_ICON,
                zorder=8,
                prepare=_substation_text,
                tooltip=(("label", "kind"),),
                legend=(LegendItem("icon", "substation", icon=SUBSTATION_ICON),),
            ),
        ),
    ),
    MapLayer(
        "grid_mv",
        order=80,
        sources=("grid_mv",),
        header="layer_grid_mv",
        parts=(
            Part(
                "grid_mv",
                "line",
                LINE_PAINT,
                zorder=5,
                prepare=_with_voltage,
                tooltip=(("label", "layer_grid_mv"),),
                legend=tuple(_voltage_row(k, 1.2, dashed=True) for k in MEDIUM_VOLTAGES),
            ),
        ),
    ),
)

"""National grid: real OSM high-voltage lines and substations, illustrative medium-voltage extensions; styles."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.io import read_vector
from layers.catalog import ILLUSTRATIVE_GPKG, INFRASTRUCTURE_GPKG

VOLTAGE_STYLES = {
    "voltage_500": {"color": "#d7191c", "weight": 4.0},
    "voltage_110": {"color": "#fd8d3c", "weight": 3.0},
    "voltage_unknown": {"color": "#969696", "weight": 2.5},
    "voltage_35": {"color": "#2c7fb8", "weight": 2.0, "dashArray": "8 4"},
    "voltage_22": {"color": "#41b6c4", "weight": 1.6, "dashArray": "4 4"},
}


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
    return gpd.GeoDataFrame(pd.concat([p.to_crs(parts[0].crs) for p in parts], ignore_index=True), crs=parts[0].crs)

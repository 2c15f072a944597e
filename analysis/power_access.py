"""National-grid proximity: distance from points to the nearest grid line and substation.

The nearest grid line is found for each voltage class too.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import to_metric

#: Voltage classes reported separately (kV bounds, lower inclusive).
VOLTAGE_CLASSES = {"hv_110kv_plus": (100.0, np.inf), "mv_35kv": (30.0, 100.0), "mv_22kv": (0.0, 30.0)}


def _nearest_m(points: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    out = np.full(len(points), np.nan)
    if len(points) == 0 or len(geoms) == 0:
        return out
    tree = shapely.STRtree(geoms)
    (pi, _), d = tree.query_nearest(points, return_distance=True, all_matches=False)
    out[pi] = d
    return out


def grid_distances_km(
    points: gpd.GeoSeries, grid_lines: gpd.GeoDataFrame, substations: gpd.GeoDataFrame | None = None
) -> pd.DataFrame:
    """Return, per point, the distance in km to the nearest grid line, per voltage class and to a substation.

    Columns ``dist_grid_km`` (any line), ``dist_grid_<class>_km`` for :data:`VOLTAGE_CLASSES`,
    ``dist_grid_unknown_kv_km`` (lines without a voltage) and ``dist_substation_km``; NaN where the layer has
    no feature.
    """
    pts = np.asarray(to_metric(points).values) if len(points) else np.zeros(0, dtype=object)
    out = pd.DataFrame(index=range(len(points)))
    if len(grid_lines):
        lines_proj = to_metric(grid_lines)
        geoms = np.asarray(lines_proj.geometry.values)
        kv = (
            lines_proj["voltage_kv"].astype(float).to_numpy()
            if "voltage_kv" in lines_proj
            else np.full(len(geoms), np.nan)
        )
    else:
        geoms, kv = np.zeros(0, dtype=object), np.zeros(0)
    out["dist_grid_km"] = _nearest_m(pts, geoms) / 1000.0
    for name, (lo, hi) in VOLTAGE_CLASSES.items():
        sel = (kv >= lo) & (kv < hi)
        out[f"dist_grid_{name}_km"] = _nearest_m(pts, geoms[sel]) / 1000.0
    out["dist_grid_unknown_kv_km"] = _nearest_m(pts, geoms[np.isnan(kv)]) / 1000.0
    if substations is not None and len(substations):
        out["dist_substation_km"] = (
            _nearest_m(pts, np.asarray(to_metric(substations).geometry.values)) / 1000.0
        )
    else:
        out["dist_substation_km"] = np.nan
    return out

"""Metric coordinates of the places the flag and access workflows measure from and to.

Those places are the centres, facilities and villages.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo.crs import to_metric


def metric_xy(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """Metric coordinates of point features (representative point of anything else), one row per feature."""
    geom = to_metric(frame).geometry if isinstance(frame, gpd.GeoDataFrame) else to_metric(frame)
    geom = geom.where(geom.geom_type == "Point", geom.representative_point())
    return np.column_stack([geom.x.to_numpy(), geom.y.to_numpy()]) if len(geom) else np.zeros((0, 2))


def centre_xy(communes: gpd.GeoDataFrame, centres: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """Return the centre of every commune and its metric coordinates.

    The centres come in ``communes`` order (``centres`` reindexed).
    """
    ordered = centres.set_index("unit_id").reindex(communes["unit_id"])
    return ordered, metric_xy(gpd.GeoSeries(ordered.geometry.to_numpy(), crs=centres.crs))


def district_centre_xy(district_centres: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Metric coordinates of each district centre by district code."""
    xy = metric_xy(district_centres)
    return {str(c): (x, y) for c, (x, y) in zip(district_centres["district_code"], xy, strict=True)}

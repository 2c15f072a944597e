"""Coordinate systems, chosen in one place: store/display in WGS84, measure in UTM 48N."""

from __future__ import annotations

import geopandas as gpd

#: Storage and display CRS (lon/lat).
DISPLAY_EPSG = 4326
#: Metric CRS for distances, buffers and areas: WGS 84 / UTM zone 48N covers 102-108 deg E,
#: all of Dien Bien (102.1-103.6 deg E) with < 0.1 % scale error.
METRIC_EPSG = 32648
#: Local survey coordinates: VN-2000 / TM-3 103-00 (Dien Bien's provincial meridian).
VN2000_DIENBIEN_EPSG = 9205

#: Province bounding box in lon/lat (with a ~5 km margin), used to sanity-check coordinates.
PROVINCE_BOUNDS = (102.05, 20.85, 103.65, 22.6)
#: How far (degrees, about 55 km) a feature that touches the province box may reach beyond it: roads and lines
#: that continue into neighbouring provinces or Laos.  A coordinate beyond is an error (a wrong CRS or a
#: typo).
NEIGHBOURHOOD_MARGIN_DEG = 0.5


def to_metric(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """Return ``frame`` reprojected to the project's metric CRS (name the result ``*_proj``)."""
    if frame.crs is None:
        raise ValueError("frame has no CRS; set it before measuring")
    return frame.to_crs(METRIC_EPSG)


def to_display(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """Return ``frame`` in the display CRS (EPSG:4326)."""
    if frame.crs is None:
        raise ValueError("frame has no CRS; set it before drawing")
    return frame.to_crs(DISPLAY_EPSG)


def simplify_for_display(frame: gpd.GeoDataFrame, *, tolerance_m: float = 60.0) -> gpd.GeoDataFrame:
    """Simplify geometry in the metric CRS (topology kept per feature) and return it in EPSG:4326."""
    frame_proj = to_metric(frame)
    frame_proj = frame_proj.set_geometry(frame_proj.geometry.simplify(tolerance_m, preserve_topology=True))
    return to_display(frame_proj)

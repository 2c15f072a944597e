"""Rural Access Index (SDG 9.1.1): share of people living within 2 km of an all-season road, by unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from affine import Affine

RAI_DISTANCE_M = 2000.0

METHOD_POINTS = {
    "vi": (
        "RAI (SDG 9.1.1): tỷ lệ dân số sống trong vòng 2 km (đường chim bay) tính từ một đoạn đường quanh "
        "năm bất kỳ (không xét đoạn đó có nối về trung tâm hay không); dân số theo điểm bản/thôn."
    ),
    "en": (
        "RAI (SDG 9.1.1): share of people living within 2 km (straight line) of any all-season road segment "
        "(connected or not); population from village points."
    ),
}
METHOD_RASTER = {
    "vi": (
        "RAI (SDG 9.1.1): tỷ lệ dân số (ô lưới dân số có tâm trong vòng 2 km của đường quanh năm, đường được "
        "raster hóa trên cùng lưới) trên tổng dân số của đơn vị; tổng theo đơn vị bằng exactextract (phần ô "
        "bị cắt được tính theo diện tích)."
    ),
    "en": (
        "RAI (SDG 9.1.1): population of the grid cells whose centre lies within 2 km of an all-season road "
        "(roads rasterised on the same grid) over the unit's total population; unit totals with exactextract "
        "(partial cells weighted by covered area)."
    ),
}


def rai_from_points(
    points_xy: np.ndarray,
    population: np.ndarray,
    allseason_lines: np.ndarray,
    *,
    distance_m: float = RAI_DISTANCE_M,
) -> np.ndarray:
    """Return, per populated point, True when it lies within ``distance_m`` of an all-season line.

    The points are in metric coordinates.
    """
    points_xy = np.asarray(points_xy, dtype=float).reshape(-1, 2)
    lines = np.asarray(allseason_lines, dtype=object)
    within = np.zeros(len(points_xy), dtype=bool)
    if len(points_xy) == 0 or len(lines) == 0:
        return within
    tree = shapely.STRtree(lines)
    hit, _ = tree.query(shapely.points(points_xy), predicate="dwithin", distance=distance_m)
    within[np.unique(hit)] = True
    return within


def rai_table(
    units: pd.Series, population: pd.Series, within: np.ndarray, *, districts: pd.Series | None = None
) -> dict[str, pd.DataFrame]:
    """Return RAI per unit, per district (when ``districts`` is given) and for the province.

    Each table has ``population``, ``population_within_2km`` and ``rai_share`` (NaN where the population is
    0).
    """
    frame = pd.DataFrame(
        {
            "unit": units.to_numpy(),
            "pop": population.astype(float).fillna(0).to_numpy(),
            "within": np.asarray(within, dtype=bool),
        }
    )
    frame["pop_within"] = frame["pop"].where(frame["within"], 0.0)
    if districts is not None:
        frame["district"] = districts.to_numpy()

    def _agg(key: str | None) -> pd.DataFrame:
        grouped = (
            frame.groupby(key)[["pop", "pop_within"]].sum()
            if key
            else frame[["pop", "pop_within"]].sum().to_frame().T
        )
        grouped.columns = ["population", "population_within_2km"]
        grouped["rai_share"] = grouped["population_within_2km"] / grouped["population"].where(
            grouped["population"] > 0
        )
        return grouped

    out = {"unit": _agg("unit"), "province": _agg(None)}
    if districts is not None:
        out["district"] = _agg("district")
    return out


def within_distance_mask(
    shape: tuple[int, int],
    transform: Affine,
    allseason_lines: np.ndarray,
    *,
    distance_m: float = RAI_DISTANCE_M,
) -> np.ndarray:
    """Return a boolean grid: cells whose centre lies within ``distance_m`` of an all-season line.

    The lines are burnt into the grid (every touched cell) and a Euclidean distance transform measures from
    cell centre to the nearest burnt cell centre (error at most half a cell diagonal).  Square or rectangular
    cells, metric CRS, north-up.
    """
    from rasterio.features import rasterize
    from scipy.ndimage import distance_transform_edt

    lines = [g for g in np.asarray(allseason_lines, dtype=object) if g is not None and not g.is_empty]
    if not lines:
        return np.zeros(shape, dtype=bool)
    burnt = rasterize(
        ((g, 1) for g in lines), out_shape=shape, transform=transform, fill=0, all_touched=True, dtype="uint8"
    )
    if not burnt.any():
        return np.zeros(shape, dtype=bool)
    dist = distance_transform_edt(burnt == 0, sampling=(abs(transform.e), abs(transform.a)))
    return dist <= distance_m


def rai_from_raster(
    population: np.ndarray,
    transform: Affine,
    units_geometry: np.ndarray,
    allseason_lines: np.ndarray,
    *,
    epsg: int,
    distance_m: float = RAI_DISTANCE_M,
) -> pd.DataFrame:
    """Return, per unit polygon, its population and the population within 2 km.

    The polygons are in the metric CRS ``epsg``, the same as the raster.  Zonal sums by exactextract.  Columns
    ``population``, ``population_within_2km``, ``rai_share``.
    """
    from exactextract import exact_extract
    from exactextract.raster import NumPyRasterSource
    from pyproj import CRS

    pop = np.where(np.isfinite(population) & (population > 0), population, 0.0).astype("float64")
    mask = within_distance_mask(pop.shape, transform, allseason_lines, distance_m=distance_m)
    h, w = pop.shape
    xmin, ymax = transform.c, transform.f
    xmax, ymin = xmin + w * transform.a, ymax + h * transform.e
    wkt = CRS.from_epsg(epsg).to_wkt()
    total_src = NumPyRasterSource(pop, xmin, ymin, xmax, ymax, name="pop", srs_wkt=wkt)
    within_src = NumPyRasterSource(
        np.where(mask, pop, 0.0), xmin, ymin, xmax, ymax, name="within", srs_wkt=wkt
    )
    import geopandas as gpd

    polys = gpd.GeoDataFrame(
        {"unit_row": np.arange(len(units_geometry))}, geometry=list(units_geometry), crs=epsg
    )
    stats = exact_extract([total_src, within_src], polys, ["sum"], include_cols=["unit_row"], output="pandas")
    stats = stats.set_index("unit_row").sort_index()
    out = pd.DataFrame(
        {"population": stats["pop_sum"].to_numpy(), "population_within_2km": stats["within_sum"].to_numpy()}
    )
    out["rai_share"] = out["population_within_2km"] / out["population"].where(out["population"] > 0)
    return out

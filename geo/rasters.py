"""Raster uploads (GeoTIFF DEM or population grid): any CRS, clipped to the province, reprojected once to the metric CRS."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from affine import Affine

from geo.archives import DEFAULT_LIMITS, UploadLimits, check_upload_size
from geo.crs import METRIC_EPSG
from geo.errors import InputError, Problem
from geo.i18n import format_number

MAX_CELLS = 60_000_000
#: How each kind is resampled: elevations interpolated, population counts summed (totals kept).
RESAMPLING = {"dem": "bilinear", "population": "sum"}


@dataclass
class RasterLayer:
    """A clipped, reprojected single-band grid: cells outside the province are ``nodata`` (NaN)."""

    kind: str
    array: np.ndarray
    transform: Affine
    crs: str = f"EPSG:{METRIC_EPSG}"
    nodata: float = float("nan")

    def __len__(self) -> int:
        return int(np.isfinite(self.array).sum())


def _problem(name: str, vi: str, en: str) -> InputError:
    return InputError(Problem(vi=vi, en=en, file=name))


def import_raster(name: str, data: bytes, *, province: gpd.GeoDataFrame, kind: str,
                  limits: UploadLimits = DEFAULT_LIMITS) -> tuple[RasterLayer, list[Problem]]:
    """Read band 1 of a GeoTIFF, clip it to ``province`` and reproject it once to the metric CRS (UTM 48N).

    Grids are kept in the metric CRS because they are measured, not drawn (slopes, population within a distance);
    this is the CRS ``analysis.access.Dem`` expects, so no second resampling happens.  DEM values are
    interpolated (bilinear); population counts are summed into the new cells so the province total is kept
    (the note states the totals before and after).
    """
    import rasterio
    import rasterio.errors
    import rasterio.features
    import rasterio.warp
    import rasterio.windows
    from rasterio.enums import Resampling

    check_upload_size(name, len(data), limits=limits)
    notes: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with rasterio.MemoryFile(data) as memory, memory.open() as src:
                if src.crs is None:
                    raise _problem(name, "ảnh raster không có hệ tọa độ (CRS); hãy gán CRS (QGIS: Gán phép chiếu) rồi "
                                         "xuất lại GeoTIFF.",
                                   "the raster has no coordinate system (CRS); assign one (QGIS: Assign projection) "
                                   "and export the GeoTIFF again.")
                if src.width * src.height > MAX_CELLS * 4:
                    raise _problem(name, "ảnh raster quá lớn; hãy cắt theo tỉnh trước.",
                                   "the raster is too large; clip it to the province first.")
                outline = province.to_crs(src.crs)
                left, bottom, right, top = outline.total_bounds
                sb = src.bounds
                if left >= sb.right or right <= sb.left or bottom >= sb.top or top <= sb.bottom:
                    raise _problem(name, "ảnh raster không phủ tỉnh Điện Biên; hãy kiểm tra vùng và CRS.",
                                   "the raster does not cover Điện Biên province; check its extent and CRS.")
                window = rasterio.windows.from_bounds(max(left, sb.left), max(bottom, sb.bottom), min(right, sb.right),
                                                      min(top, sb.top), transform=src.transform)
                window = window.round_offsets().round_lengths()
                source = src.read(1, window=window, masked=True).astype("float64").filled(np.nan)
                source_transform = src.window_transform(window)
                source_crs = src.crs
                covers = (sb.left <= left and sb.right >= right and sb.bottom <= bottom and sb.top >= top)
        except InputError:
            raise
        except (rasterio.errors.RasterioError, ValueError) as exc:
            raise _problem(name, f"không đọc được ảnh raster ({type(exc).__name__}); hãy xuất lại dạng GeoTIFF.",
                           f"cannot read the raster ({type(exc).__name__}); export it again as GeoTIFF.") from exc
        if source.size == 0:
            raise _problem(name, "ảnh raster không phủ tỉnh Điện Biên.", "the raster does not cover Điện Biên province.")
        if not covers:
            notes.append(Problem(vi="ảnh raster chỉ phủ một phần tỉnh; phần còn lại để trống.",
                                 en="the raster covers only part of the province; the rest is left empty.", file=name))
        rows, cols = source.shape
        dst_transform, width, height = rasterio.warp.calculate_default_transform(
            source_crs, f"EPSG:{METRIC_EPSG}", cols, rows,
            *rasterio.transform.array_bounds(rows, cols, source_transform))
        target = np.full((height, width), np.nan, dtype="float64")
        method = RESAMPLING.get(kind, "bilinear")
        rasterio.warp.reproject(source, target, src_transform=source_transform, src_crs=source_crs, src_nodata=np.nan,
                                dst_transform=dst_transform, dst_crs=f"EPSG:{METRIC_EPSG}", dst_nodata=np.nan,
                                resampling=getattr(Resampling, method))
        inside = rasterio.features.geometry_mask(province.to_crs(METRIC_EPSG).geometry, out_shape=target.shape,
                                                 transform=dst_transform, invert=True, all_touched=True)
        target[~inside] = np.nan
    for warning in caught:
        if "NotGeoreferenced" in type(warning.message).__name__ or "georeferenc" in str(warning.message).lower():
            raise _problem(name, "ảnh raster không có tọa độ địa lý; hãy xuất lại GeoTIFF có CRS.",
                           "the raster is not georeferenced; export a GeoTIFF with a CRS.")
    if not np.isfinite(target).any():
        raise _problem(name, "không còn ô nào có giá trị trong tỉnh; hãy kiểm tra giá trị nodata và CRS.",
                       "no cell with a value is left inside the province; check nodata and the CRS.")
    if kind == "population":
        after, before = float(np.nansum(target)), float(np.nansum(source))
        notes.append(Problem(
            vi=f"tổng dân số trong tỉnh sau khi chuyển lưới: {format_number(after, 'vi')} (trước: "
               f"{format_number(before, 'vi')} trong khung cắt).",
            en=f"population inside the province after regridding: {format_number(after, 'en')} (before: "
               f"{format_number(before, 'en')} in the clip box).", file=name))
    return RasterLayer(kind=kind, array=target.astype("float32"), transform=dst_transform), notes

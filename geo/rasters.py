"""Raster uploads (GeoTIFF DEM or population grid): any CRS, clipped to the province.

Each is reprojected once to the metric CRS.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from affine import Affine

from geo.archives import DEFAULT_LIMITS, UploadLimits, check_upload_size
from geo.crs import DISPLAY_EPSG, METRIC_EPSG
from geo.errors import InputError, Problem
from geo.formats import check_content
from geo.i18n import format_number
from geo.sandbox import allow_internal_vrt, run_isolated
from geo.vocab import Lang

#: Most cells read or written for one grid: about the province at 25 m (a 30 m DEM has about 34 million).
MAX_CELLS = 50_000_000
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


def import_raster(
    name: str, data: bytes, *, province: gpd.GeoDataFrame, kind: str, limits: UploadLimits = DEFAULT_LIMITS
) -> tuple[RasterLayer, list[Problem]]:
    """Read band 1 of a GeoTIFF, clip it to ``province`` and reproject it once to the metric CRS (UTM 48N).

    Grids are kept in the metric CRS because they are measured, not drawn (slopes, population within a
    distance); this is the CRS ``analysis.access.Dem`` expects, so no second resampling happens.  DEM values
    are interpolated (bilinear); population counts are summed into the new cells so the province total is kept
    (the note states the totals before and after).

    The bytes must be a TIFF (:func:`geo.formats.check_content`); they are read in an isolated child process
    that holds only GDAL's GTiff driver (and MEM for the reprojection), with bounded time and memory; a grid
    whose part over the province exceeds :data:`MAX_CELLS` cells is refused before any cell is read.
    """
    check_upload_size(name, len(data), limits=limits)
    check_content(name, data)
    # the child gets plain geometries: the outline's box in degrees and its parts in metres (no CRS object to
    # build)
    bounds = tuple(float(v) for v in province.to_crs(DISPLAY_EPSG).total_bounds)
    parts = list(province.to_crs(METRIC_EPSG).geometry.values)
    return run_isolated(
        _clip_and_reproject,
        name,
        data,
        bounds,
        parts,
        kind,
        file=name,
        drivers=("GTiff", "MEM"),
        seconds=limits.max_seconds,
        memory_mib=limits.max_memory_mib,
    )


def _cells(count: float, lang: Lang) -> str:
    return format_number(count, lang)


def _clip_and_reproject(
    name: str, data: bytes, bounds_lonlat: tuple[float, float, float, float], parts_metric: list, kind: str
) -> tuple[RasterLayer, list[Problem]]:
    """Do the work of :func:`import_raster`; runs inside :func:`geo.sandbox.run_isolated`.

    ``bounds_lonlat`` is the province's box in EPSG:4326 (it decides the window read), ``parts_metric`` its
    polygons in the metric CRS (they decide which cells are kept).
    """
    import rasterio
    import rasterio.errors
    import rasterio.features
    import rasterio.warp
    import rasterio.windows
    from rasterio.enums import Resampling

    notes: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with rasterio.MemoryFile(data) as memory, memory.open(driver="GTiff") as src:
                if src.crs is None:
                    raise _problem(
                        name,
                        "ảnh raster không có hệ tọa độ (CRS); hãy gán CRS (QGIS: Gán phép chiếu) rồi xuất "
                        "lại GeoTIFF.",
                        "the raster has no coordinate system (CRS); assign one (QGIS: Assign projection) and "
                        "export the GeoTIFF again.",
                    )
                left, bottom, right, top = rasterio.warp.transform_bounds(
                    f"EPSG:{DISPLAY_EPSG}", src.crs, *bounds_lonlat, densify_pts=21
                )
                sb = src.bounds
                if left >= sb.right or right <= sb.left or bottom >= sb.top or top <= sb.bottom:
                    raise _problem(
                        name,
                        "ảnh raster không phủ tỉnh Điện Biên; hãy kiểm tra vùng và CRS.",
                        "the raster does not cover Điện Biên province; check its extent and CRS.",
                    )
                window = rasterio.windows.from_bounds(
                    max(left, sb.left),
                    max(bottom, sb.bottom),
                    min(right, sb.right),
                    min(top, sb.top),
                    transform=src.transform,
                )
                window = window.round_offsets().round_lengths()
                cells = float(window.width) * float(window.height)
                if cells > MAX_CELLS:
                    raise _problem(
                        name,
                        f"phần ảnh trên tỉnh có {_cells(window.width, 'vi')} × {_cells(window.height, 'vi')} "
                        f"ô ({_cells(cells, 'vi')} ô), quá giới hạn {_cells(MAX_CELLS, 'vi')} ô; hãy lấy mẫu "
                        f"lại ô 30 m "
                        "hoặc lớn hơn (QGIS: Raster → Chiếu → Biến đổi) rồi nhập lại.",
                        f"the part of the grid over the province has {_cells(window.width, 'en')} × "
                        f"{_cells(window.height, 'en')} cells ({_cells(cells, 'en')}), over the limit of "
                        f"{_cells(MAX_CELLS, 'en')}; resample it to 30 m cells or coarser (QGIS: Raster → "
                        f"Projections "
                        "→ Warp) and import it again.",
                    )
                source = src.read(1, window=window, masked=True).astype("float64").filled(np.nan)
                source_transform = src.window_transform(window)
                source_crs = src.crs
                covers = sb.left <= left and sb.right >= right and sb.bottom <= bottom and sb.top >= top
        except InputError:
            raise
        except (rasterio.errors.RasterioError, ValueError) as exc:
            raise _problem(
                name,
                f"không đọc được ảnh raster ({type(exc).__name__}); hãy xuất lại dạng GeoTIFF.",
                f"cannot read the raster ({type(exc).__name__}); export it again as GeoTIFF.",
            ) from exc
        del data  # the user's file is closed; from here on only arrays and numbers are handled
        allow_internal_vrt()  # rasterio's warp calculation uses an in-memory VRT of its own
        if source.size == 0:
            raise _problem(
                name, "ảnh raster không phủ tỉnh Điện Biên.", "the raster does not cover Điện Biên province."
            )
        if not covers:
            notes.append(
                Problem(
                    vi="ảnh raster chỉ phủ một phần tỉnh; phần còn lại để trống.",
                    en="the raster covers only part of the province; the rest is left empty.",
                    file=name,
                )
            )
        rows, cols = source.shape
        dst_transform, width, height = rasterio.warp.calculate_default_transform(
            source_crs,
            f"EPSG:{METRIC_EPSG}",
            cols,
            rows,
            *rasterio.transform.array_bounds(rows, cols, source_transform),
        )
        if float(width) * float(height) > MAX_CELLS:
            raise _problem(
                name,
                "lưới sau khi chuyển sang UTM 48N quá lớn; hãy lấy mẫu lại ô 30 m hoặc lớn hơn.",
                "the grid is too large once reprojected to UTM 48N; resample it to 30 m cells or coarser.",
            )
        target = np.full((height, width), np.nan, dtype="float64")
        method = RESAMPLING.get(kind, "bilinear")
        rasterio.warp.reproject(
            source,
            target,
            src_transform=source_transform,
            src_crs=source_crs,
            src_nodata=np.nan,
            dst_transform=dst_transform,
            dst_crs=f"EPSG:{METRIC_EPSG}",
            dst_nodata=np.nan,
            resampling=getattr(Resampling, method),
        )
        inside = rasterio.features.geometry_mask(
            parts_metric, out_shape=target.shape, transform=dst_transform, invert=True, all_touched=True
        )
        target[~inside] = np.nan
    for warning in caught:
        if (
            "NotGeoreferenced" in type(warning.message).__name__
            or "georeferenc" in str(warning.message).lower()
        ):
            raise _problem(
                name,
                "ảnh raster không có tọa độ địa lý; hãy xuất lại GeoTIFF có CRS.",
                "the raster is not georeferenced; export a GeoTIFF with a CRS.",
            )
    if not np.isfinite(target).any():
        raise _problem(
            name,
            "không còn ô nào có giá trị trong tỉnh; hãy kiểm tra giá trị nodata và CRS.",
            "no cell with a value is left inside the province; check nodata and the CRS.",
        )
    if kind == "population":
        after, before = float(np.nansum(target)), float(np.nansum(source))
        notes.append(
            Problem(
                vi=f"tổng dân số trong tỉnh sau khi chuyển lưới: {format_number(after, 'vi')} (trước: "
                f"{format_number(before, 'vi')} trong khung cắt).",
                en=f"population inside the province after regridding: {format_number(after, 'en')} (before: "
                f"{format_number(before, 'en')} in the clip box).",
                file=name,
            )
        )
    return RasterLayer(kind=kind, array=target.astype("float32"), transform=dst_transform), notes

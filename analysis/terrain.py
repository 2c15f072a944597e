"""Terrain from a DEM: plausibility of the elevations, slope by Horn's method, at points and on a grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from affine import Affine

from analysis.access import Dem
from analysis.grid import Grid
from geo.errors import InputError, Problem
from geo.i18n import format_number
from geo.vocab import Lang

#: Highest point of Viet Nam (Fansipan, 3,143 m): no elevation in Điện Biên can exceed it.
HIGHEST_POINT_M = 3143.0
#: Elevations accepted from a DEM of the province, metres: from a little below sea level to a little above
#: Fansipan.
PLAUSIBLE_ELEVATION_M = (-50.0, 3200.0)
FEET_PER_METRE = 1.0 / 0.3048


@dataclass(frozen=True)
class Terrain:
    """A DEM in the metric CRS: ``elevation_m[row, col]``, its transform, and whether it is real.

    NaN in ``elevation_m`` means no data.  ``illustrative`` travels with the grid so that every slope,
    surface, site and table computed from it can say so.
    """

    elevation_m: np.ndarray
    transform: Affine
    illustrative: bool

    def as_dem(self) -> Dem:
        """Return the same grid as an :class:`analysis.access.Dem`, for walking by Tobler's function."""
        return Dem(self.elevation_m, self.transform)


def _n(value: float, lang: Lang, decimals: int = 0) -> str:
    return format_number(value, lang, decimals=decimals)


def check_terrain(terrain: Terrain, *, name: str = "DEM") -> None:
    """Raise :class:`InputError` when the DEM has no value at all or holds elevations impossible in Điện Biên.

    Accepted: values from −50 m to 3,200 m (Fansipan, the highest point of Viet Nam, is 3,143 m).  Above it, a
    grid whose values divided by 3.2808 fall in that range is said to be probably in feet; values below −50 m
    are said to look like a no-data value the file does not declare (−32,768, −9,999 …).  No-data cells (NaN)
    are allowed: they are holes, counted by :func:`dem_coverage`.
    """
    z = np.asarray(terrain.elevation_m, dtype=float)
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        raise InputError(
            Problem(
                vi="DEM không có ô nào có giá trị độ cao; hãy kiểm tra giá trị nodata và CRS.",
                en="the DEM has no cell with an elevation; check its nodata value and CRS.",
                file=name,
            )
        )
    lo, hi = float(finite.min()), float(finite.max())
    low, high = PLAUSIBLE_ELEVATION_M
    problems = []
    if hi > high:
        n_high = int((finite > high).sum())
        feet = low * FEET_PER_METRE <= lo and hi / FEET_PER_METRE <= high
        cause_vi = (
            "có lẽ DEM tính bằng feet (chia cho 3,2808 thì được "
            f"{_n(lo / FEET_PER_METRE, 'vi')}–{_n(hi / FEET_PER_METRE, 'vi')} m); hãy đổi sang mét"
            if feet
            else "hãy kiểm tra đơn vị (phải là mét) và giá trị nodata"
        )
        cause_en = (
            "the DEM is probably in feet (divided by 3.2808 it gives "
            f"{_n(lo / FEET_PER_METRE, 'en')}–{_n(hi / FEET_PER_METRE, 'en')} m); convert it to metres"
            if feet
            else "check the unit (it must be metres) and the nodata value"
        )
        problems.append(
            Problem(
                vi=f"{_n(n_high, 'vi')} ô có độ cao trên {_n(high, 'vi')} m (cao nhất {_n(hi, 'vi', 1)}), "
                f"cao hơn đỉnh Fansipan ({_n(HIGHEST_POINT_M, 'vi')} m, điểm cao nhất Việt Nam): {cause_vi}, "
                f"rồi nhập lại.",
                en=f"{_n(n_high, 'en')} cells are higher than {_n(high, 'en')} m (highest "
                f"{_n(hi, 'en', 1)}), above Fansipan ({_n(HIGHEST_POINT_M, 'en')} m, the highest point of "
                f"Viet Nam): {cause_en}, and import it "
                "again.",
                file=name,
                value=f"{hi:g}",
            )
        )
    if lo < low:
        n_low = int((finite < low).sum())
        problems.append(
            Problem(
                vi=f"{_n(n_low, 'vi')} ô có độ cao dưới {_n(low, 'vi')} m (thấp nhất {_n(lo, 'vi', 1)}): "
                f"trông như giá "
                "trị nodata mà tệp không khai báo (ví dụ −32.768 hoặc −9.999); hãy khai báo nodata khi xuất "
                "GeoTIFF rồi nhập lại.",
                en=f"{_n(n_low, 'en')} cells are lower than {_n(low, 'en')} m (lowest {_n(lo, 'en', 1)}): "
                f"this looks like "
                "a nodata value the file does not declare (e.g. −32,768 or −9,999); declare nodata when "
                "exporting the GeoTIFF and import it again.",
                file=name,
                value=f"{lo:g}",
            )
        )
    if problems:
        raise InputError(problems)


def horn_slope_deg(elevation_m: np.ndarray, *, cell_x_m: float, cell_y_m: float) -> np.ndarray:
    """Return the slope in degrees of every cell by Horn's method (as ``gdaldem slope``), NaN where undefined.

    With the 3×3 window ``a b c / d e f / g h i`` around a cell (rows from north to south)::

        dz/dx = ((c + 2f + i) − (a + 2d + g)) / (8 · cell_x)
        dz/dy = ((g + 2h + i) − (a + 2b + c)) / (8 · cell_y)
        slope = atan(√(dz/dx² + dz/dy²)) in degrees

    Cells on the grid's edge, and cells with a no-data (NaN) cell in their window, have no slope (NaN): a hole
    in the DEM is never taken as flat.
    """
    z = np.asarray(elevation_m, dtype=np.float64)
    out = np.full(z.shape, np.nan)
    if z.shape[0] < 3 or z.shape[1] < 3:
        return out
    a, b, c = z[:-2, :-2], z[:-2, 1:-1], z[:-2, 2:]
    d, f = z[1:-1, :-2], z[1:-1, 2:]
    g, h, i = z[2:, :-2], z[2:, 1:-1], z[2:, 2:]
    dzdx = ((c + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * cell_x_m)
    dzdy = ((g + 2.0 * h + i) - (a + 2.0 * b + c)) / (8.0 * cell_y_m)
    with np.errstate(invalid="ignore"):
        slope = np.degrees(np.arctan(np.hypot(dzdx, dzdy)))
    centre_known = np.isfinite(z[1:-1, 1:-1])
    out[1:-1, 1:-1] = np.where(centre_known, slope, np.nan)
    return out


def terrain_slope_deg(terrain: Terrain) -> np.ndarray:
    """Return the Horn slope (degrees) of every cell of the DEM's own grid."""
    t = terrain.transform
    return horn_slope_deg(terrain.elevation_m, cell_x_m=abs(t.a), cell_y_m=abs(t.e))


def _sample(values: np.ndarray, transform: Affine, xy: np.ndarray) -> np.ndarray:
    """Return the value of the cell of ``values`` containing each point (NaN off the grid)."""
    return Dem(values, transform).sample(xy)


def slope_at(terrain: Terrain, xy: np.ndarray, *, slope_deg: np.ndarray | None = None) -> np.ndarray:
    """Return the slope (degrees) of the DEM cell containing each metric point.

    NaN off the DEM or in a hole.
    """
    slope = terrain_slope_deg(terrain) if slope_deg is None else slope_deg
    return _sample(slope, terrain.transform, xy)


def slope_on_grid(terrain: Terrain, grid: Grid, mask: np.ndarray) -> np.ndarray:
    """Return the slope (degrees) at the centre of every ``mask`` cell of ``grid`` (NaN elsewhere).

    The slope is computed on the DEM's own grid (Horn) and read at each analysis cell's centre from the DEM
    cell containing it: no elevation is resampled, so a DEM at the analysis resolution and alignment gives its
    own slopes unchanged.
    """
    out = np.full(grid.shape, np.nan)
    rows, cols = np.nonzero(mask)
    if len(rows) == 0:
        return out
    terrain = _crop(
        terrain, grid.centres(np.array([rows.min(), rows.max()]), np.array([cols.min(), cols.max()]))
    )
    slope = terrain_slope_deg(terrain)
    t, g = terrain.transform, grid.transform
    aligned = (
        t.a == g.a
        and t.e == g.e
        and t.b == 0
        and t.d == 0
        and float((g.c - t.c) / g.a).is_integer()
        and float((t.f - g.f) / g.a).is_integer()
    )
    if aligned:  # same cells: index directly (no floating-point point lookup)
        dc, dr = int(round((g.c - t.c) / g.a)), int(round((t.f - g.f) / g.a))
        r, c = rows + dr, cols + dc
        inside = (r >= 0) & (r < slope.shape[0]) & (c >= 0) & (c < slope.shape[1])
        values = np.full(len(rows), np.nan)
        values[inside] = slope[r[inside], c[inside]]
    else:
        values = _sample(slope, t, grid.centres(rows, cols))
    out[rows, cols] = values
    return out


def _crop(terrain: Terrain, corners_xy: np.ndarray) -> Terrain:
    """Return the part of the DEM covering the box of ``corners_xy`` plus one cell all round (Horn's window).

    The slopes inside the box are then those of the whole DEM.
    """
    inv = ~terrain.transform
    x, y = corners_xy[:, 0], corners_xy[:, 1]
    cols = inv.a * x + inv.b * y + inv.c
    rows = inv.d * x + inv.e * y + inv.f
    h, w = terrain.elevation_m.shape
    r0 = int(max(0, np.floor(rows.min()) - 1))
    r1 = int(min(h, np.floor(rows.max()) + 2))
    c0 = int(max(0, np.floor(cols.min()) - 1))
    c1 = int(min(w, np.floor(cols.max()) + 2))
    if r0 >= r1 or c0 >= c1:  # the box is off the DEM: nothing of it is needed
        return Terrain(terrain.elevation_m[:0, :0], terrain.transform, terrain.illustrative)
    return Terrain(
        terrain.elevation_m[r0:r1, c0:c1],
        terrain.transform @ Affine.translation(c0, r0),
        terrain.illustrative,
    )


@dataclass(frozen=True)
class Coverage:
    """How much of an area the DEM gives a slope for: ``cells`` in the area, ``with_slope`` among them."""

    cells: int
    with_slope: int

    @property
    def share(self) -> float:
        return self.with_slope / self.cells if self.cells else 0.0


def dem_coverage(slope_deg_on_grid: np.ndarray, mask: np.ndarray, *, name: str = "DEM") -> Coverage:
    """Return how many cells of ``mask`` have a slope.

    Raise :class:`InputError` when none has (DEM off the area).  A cell has no slope when it lies off the DEM,
    in a no-data hole, or next to one (Horn's window needs all nine cells).
    """
    cells = int(mask.sum())
    with_slope = int((mask & np.isfinite(slope_deg_on_grid)).sum())
    if cells and not with_slope:
        raise InputError(
            Problem(
                vi="DEM không phủ vùng đã chọn (0 % số ô có độ cao); hãy nhập DEM phủ các xã này.",
                en="the DEM does not cover the chosen area (0 % of its cells have an elevation); import a "
                "DEM that covers these communes.",
                file=name,
            )
        )
    return Coverage(cells, with_slope)

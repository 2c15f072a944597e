"""Raster analysis grids in the metric CRS: aligned cells, cells inside polygons, burnt geometries."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from affine import Affine


@dataclass(frozen=True)
class Grid:
    """A north-up grid of square cells in the metric CRS: ``height`` rows by ``width`` columns.

    Cell ``(row, col)`` covers ``x0 + col·r … x0 + (col+1)·r`` by ``y0 − (row+1)·r … y0 − row·r`` where ``r``
    is the resolution and ``(x0, y0)`` the top-left corner (``transform.c``, ``transform.f``).
    """

    transform: Affine
    width: int
    height: int

    @property
    def resolution_m(self) -> float:
        return float(self.transform.a)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.height, self.width)

    @property
    def cell_ha(self) -> float:
        """Area of one cell in hectares."""
        return self.resolution_m * self.resolution_m / 10_000.0

    def centres(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Return the metric ``(x, y)`` of the centres of the given cells, one row per cell."""
        r = self.resolution_m
        x = self.transform.c + (np.asarray(cols, dtype=float) + 0.5) * r
        y = self.transform.f - (np.asarray(rows, dtype=float) + 0.5) * r
        return np.column_stack([x, y])


def grid_over(bounds: tuple[float, float, float, float], resolution_m: float, *, pad_m: float = 0.0) -> Grid:
    """Return the grid of ``resolution_m`` cells covering ``bounds`` plus ``pad_m`` each side.

    ``bounds`` is (minx, miny, maxx, maxy).  Cell edges lie on multiples of the resolution
    (x0 = ⌊(minx − pad)/r⌋·r, y0 = ⌈(maxy + pad)/r⌉·r), so grids of the same resolution over different areas
    share their cells.
    """
    r = float(resolution_m)
    if not math.isfinite(r) or r <= 0:
        raise ValueError(f"resolution must be a positive number of metres, not {resolution_m!r}")
    minx, miny, maxx, maxy = bounds
    x0 = math.floor((minx - pad_m) / r) * r
    y0 = math.ceil((maxy + pad_m) / r) * r
    x1 = math.ceil((maxx + pad_m) / r) * r
    y1 = math.floor((miny - pad_m) / r) * r
    width = max(1, int(round((x1 - x0) / r)))
    height = max(1, int(round((y0 - y1) / r)))
    return Grid(Affine(r, 0.0, x0, 0.0, -r, y0), width, height)


def burn(
    grid: Grid, geometries, *, all_touched: bool, values: np.ndarray | None = None, fill: int = 0
) -> np.ndarray:
    """Return an int32 grid with each geometry's value (default 1) burnt in, later ones over earlier ones.

    ``all_touched=False``: a cell takes a polygon's value when its centre lies inside it (GDAL's rule);
    ``all_touched=True``: every cell the geometry touches takes it (lines: every cell they cross).
    """
    from rasterio.features import rasterize

    items = np.asarray(geometries, dtype=object)
    keep = [i for i, g in enumerate(items) if g is not None and not shapely.is_empty(g)]
    if not keep:
        return np.full(grid.shape, fill, dtype=np.int32)
    burnt = np.ones(len(items), dtype=np.int64) if values is None else np.asarray(values, dtype=np.int64)
    return rasterize(
        ((items[i], int(burnt[i])) for i in keep),
        out_shape=grid.shape,
        transform=grid.transform,
        fill=fill,
        all_touched=all_touched,
        dtype="int32",
    )


def cells_within(grid: Grid, area) -> np.ndarray:
    """Return a boolean grid of the cells whose whole square lies inside ``area``.

    ``area`` is a metric polygon or multipolygon.  A cell is inside when its centre is inside and the outline
    of ``area`` does not cross it (cells the outline touches are left out), so a union of inside cells never
    reaches beyond ``area``.
    """
    if area is None or shapely.is_empty(area):
        return np.zeros(grid.shape, dtype=bool)
    centre_inside = burn(grid, [area], all_touched=False) > 0
    outline = burn(grid, [shapely.boundary(area)], all_touched=True) > 0
    return centre_inside & ~outline


def densify_lines(lines, spacing_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return points along each line every ``spacing_m`` at most, with line index and fraction.

    Both ends are included.  A line of length L gets ⌈L / spacing⌉ + 1 points at fractions k / ⌈L / spacing⌉
    of its length (k = 0 …), so every point of the line lies within ``spacing_m / 2`` of one of them.
    Multi-part lines are taken part by part (the index still names the input line; fractions are then along
    the part).
    """
    geoms = np.asarray(lines, dtype=object)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    ok = ~shapely.is_empty(parts) if len(parts) else np.zeros(0, dtype=bool)
    parts, owner = parts[ok], owner[ok]
    if len(parts) == 0:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64), np.zeros(0)
    length = shapely.length(parts)
    pieces = np.maximum(1, np.ceil(length / float(spacing_m))).astype(np.int64)
    counts = pieces + 1
    line_of_point = np.repeat(np.arange(len(parts)), counts)
    start = np.repeat(np.cumsum(counts) - counts, counts)
    k = np.arange(counts.sum()) - start
    fraction = k / np.repeat(pieces, counts)
    xy = shapely.get_coordinates(
        shapely.line_interpolate_point(parts[line_of_point], fraction, normalized=True)
    )
    return xy, owner[line_of_point], fraction

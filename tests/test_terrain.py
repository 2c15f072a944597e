"""Tests of analysis/terrain.py (slope, DEM checks, coverage) and the illustrative DEM of
layers/terrain.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
from affine import Affine

from analysis.grid import grid_over
from analysis.terrain import Terrain, check_terrain, dem_coverage, horn_slope_deg, slope_at, slope_on_grid
from geo.errors import InputError
from layers import terrain as illustrative


def _plane(degrees: float, shape=(20, 30), cell=30.0) -> np.ndarray:
    rise = math.tan(math.radians(degrees)) * cell
    return 400.0 + np.arange(shape[1])[None, :] * rise + np.zeros(shape)


@pytest.mark.parametrize("degrees", [0.0, 5.0, 25.0, 40.0])
def test_slope_of_a_tilted_plane_is_its_angle(degrees):
    slope = horn_slope_deg(_plane(degrees), cell_x_m=30.0, cell_y_m=30.0)
    inner = slope[1:-1, 1:-1]
    assert np.allclose(inner, degrees, atol=1e-9)
    # the edge has no full 3x3 window: no slope, never 0
    assert np.isnan(slope[0]).all() and np.isnan(slope[:, -1]).all()


def test_a_hole_is_never_flat():
    z = _plane(10.0)
    z[8, 12] = np.nan
    slope = horn_slope_deg(z, cell_x_m=30.0, cell_y_m=30.0)
    assert np.isnan(slope[7:10, 11:14]).all()  # the hole and every cell whose window reaches it
    assert np.isfinite(slope[5, 5])


def test_slope_at_points_reads_the_cell_holding_them():
    terrain = Terrain(_plane(20.0), Affine(30.0, 0, 1000.0, 0, -30.0, 5000.0), illustrative=False)
    inside = np.array([[1000.0 + 30 * 5 + 1, 5000.0 - 30 * 5 - 1]])
    outside = np.array([[0.0, 0.0]])
    assert slope_at(terrain, inside)[0] == pytest.approx(20.0)
    assert np.isnan(slope_at(terrain, outside)[0])


def test_metres_from_a_dem_in_feet_are_refused_and_feet_named():
    feet = _plane(30.0) * 3.2808 + 1500.0  # about 2,800 .. 7,700 ft
    with pytest.raises(InputError) as caught:
        check_terrain(Terrain(feet, Affine.identity(), illustrative=False), name="dem_ft.tif")
    assert "feet" in caught.value.render("en") and "dem_ft.tif" in caught.value.render("en")
    assert "feet" in caught.value.render("vi")


def test_an_undeclared_nodata_value_is_named():
    z = _plane(10.0)
    z[3, 3] = -32768.0
    with pytest.raises(InputError, match="nodata"):
        check_terrain(Terrain(z, Affine.identity(), illustrative=False))


def test_a_dem_without_any_value_is_refused():
    with pytest.raises(InputError):
        check_terrain(Terrain(np.full((5, 5), np.nan), Affine.identity(), illustrative=False))


def test_coverage_counts_the_cells_with_a_slope_and_refuses_none():
    grid = grid_over((0.0, 0.0, 3000.0, 3000.0), 30.0)
    mask = np.ones(grid.shape, dtype=bool)
    # a DEM covering the west half of the area (x 0 .. 1500 m), one extra column so its edge has a full window
    half = Terrain(_plane(5.0, shape=(100, 51)), Affine(30.0, 0, 0.0, 0, -30.0, 3000.0), illustrative=False)
    slope = slope_on_grid(half, grid, mask)
    coverage = dem_coverage(slope, mask)
    # columns 1..49 have a slope (column 0 is the DEM's edge); rows 1..98 likewise
    assert coverage.with_slope == 49 * 98
    assert coverage.share == pytest.approx(49 * 98 / 10_000)
    far = Terrain(_plane(5.0), Affine(30.0, 0, 90_000.0, 0, -30.0, 3000.0), illustrative=False)
    with pytest.raises(InputError, match="does not cover"):
        dem_coverage(slope_on_grid(far, grid, mask), mask)


def test_the_illustrative_relief_is_the_same_at_every_generation_and_marked():
    first = illustrative.load_illustrative_terrain()
    second = illustrative.load_illustrative_terrain()
    assert first.transform == second.transform
    assert np.array_equal(first.elevation_m, second.elevation_m)
    assert first.illustrative and illustrative.DEM_SOURCE.illustrative
    assert (
        "ILLUSTRATIVE" in illustrative.DEM_SOURCE.credit() or "MINH HỌA" in illustrative.DEM_SOURCE.credit()
    )
    z = first.elevation_m
    low, high = illustrative.RELIEF_M
    assert low <= float(z.min()) and float(z.max()) <= high
    check_terrain(first)  # plausible metres
    # steep mountains: most of the area between 5 and 45 degrees, and enough gentle land for sites
    t = first.transform
    slope = horn_slope_deg(z, cell_x_m=t.a, cell_y_m=-t.e)
    assert 15.0 < float(np.nanmedian(slope)) < 30.0
    assert 0.1 < float(np.nanmean(slope <= 10.0)) < 0.4
    other = illustrative.synthesise_relief(
        grid_over((250_000, 2_440_000, 252_000, 2_442_000), 30.0), [], key=illustrative.seed_key(7)
    )
    mine = illustrative.synthesise_relief(
        grid_over((250_000, 2_440_000, 252_000, 2_442_000), 30.0), [], key=illustrative.seed_key()
    )
    assert not np.array_equal(other, mine)  # the seed matters

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


# --- DEM checks: the accepted range −50 … 3,200 m, at and just past each limit, and the messages' figures ---


def _refusal(z: np.ndarray) -> InputError:
    with pytest.raises(InputError) as caught:
        check_terrain(Terrain(z, Affine(30.0, 0, 300_000.0, 0, -30.0, 2_400_000.0), False), name="dem.tif")
    return caught.value


def test_elevations_exactly_at_the_limits_are_accepted():
    z = np.full((4, 4), np.nan)  # holes are allowed
    z[0, 0], z[1, 1], z[2, 2] = -50.0, 3200.0, 900.0
    check_terrain(Terrain(z, Affine.identity(), illustrative=False))
    lone = np.full((3, 3), np.nan)
    lone[1, 1] = 1200.0  # a single cell with a value is a DEM with a value
    check_terrain(Terrain(lone, Affine.identity(), illustrative=False))


def test_just_above_3200_m_is_refused_counting_the_cells_above_and_giving_the_figures():
    z = np.full((3, 3), 1000.0)
    z[0, 0] = 3200.0  # at the limit: accepted, not counted
    z[1, 1] = z[2, 2] = 3200.5
    error = _refusal(z)
    assert len(error.problems) == 1
    # its values 1,000 … 3,200.5 divided by 3.2808 (× 0.3048) are 304.8 … 975.5 m: in range, so probably feet
    assert error.render("en") == (
        "file dem.tif, value '3200.5': 2 cells are higher than 3,200 m (highest 3,200.5), above Fansipan "
        "(3,143 m, the highest point of Viet Nam): the DEM is probably in feet (divided by 3.2808 it gives "
        "305–976 m); convert it to metres, and import it again."
    )
    assert error.render("vi") == (
        "tệp dem.tif, giá trị '3200.5': 2 ô có độ cao trên 3.200 m (cao nhất 3.200,5), cao hơn đỉnh Fansipan "
        "(3.143 m, điểm cao nhất Việt Nam): có lẽ DEM tính bằng feet (chia cho 3,2808 thì được 305–976 m); "
        "hãy đổi sang mét, rồi nhập lại."
    )


def test_just_below_minus_50_m_is_refused_counting_the_cells_below_and_giving_the_figures():
    z = np.full((3, 3), 400.0)
    z[0, 0] = -50.0  # at the limit: accepted, not counted
    z[1, 1] = z[2, 2] = -50.5
    error = _refusal(z)
    assert len(error.problems) == 1
    assert error.render("en") == (
        "file dem.tif, value '-50.5': 2 cells are lower than -50 m (lowest -50.5): this looks like a nodata "
        "value the file does not declare (e.g. −32,768 or −9,999); declare nodata when exporting the GeoTIFF "
        "and import it again."
    )
    assert error.render("vi") == (
        "tệp dem.tif, giá trị '-50.5': 2 ô có độ cao dưới -50 m (thấp nhất -50,5): trông như giá trị "
        "nodata mà tệp không khai báo (ví dụ −32.768 hoặc −9.999); hãy khai báo nodata khi xuất GeoTIFF rồi "
        "nhập lại."
    )


# Feet: a DEM above 3,200 m is said to be in feet when all its values divided by 3.2808 (1 / 0.3048) fall in
# −50 … 3,200 m, i.e. within −164.04 … 10,498.69 ft.  In floating point −50 / 0.3048 = −164.04199475065616
# and 3200 / 0.3048 = 10498.687664041994 exactly, so these are the limits themselves.
LOW_FT, HIGH_FT = -164.04199475065616, 10498.687664041994


@pytest.mark.parametrize(
    ("lowest", "highest", "feet", "metres"),
    [
        (1000.0, 6000.0, True, "305–1,829"),  # 304.8 .. 1,828.8 m: Điện Biên in feet
        (-100.0, 6000.0, True, "-30–1,829"),  # −30.48 m: still in range
        (LOW_FT, HIGH_FT, True, "-50–3,200"),  # both limits: in feet
        (LOW_FT, 10_499.0, False, None),  # 3,200.09 m: past the top
        (-165.0, 6000.0, False, None),  # −50.29 m: past the bottom
        (500.0, 20_000.0, False, None),  # 6,096 m even in feet: the unit or nodata is wrong
    ],
)
def test_feet_are_named_only_when_the_values_in_metres_would_be_in_range(lowest, highest, feet, metres):
    z = np.full((3, 3), 2000.0)
    z[0, 0], z[2, 2] = lowest, highest
    high_problem = _refusal(z).problems[0]
    if feet:
        assert f"the DEM is probably in feet (divided by 3.2808 it gives {metres} m)" in high_problem.en
        assert f"được {metres.replace(',', '.')} m" in high_problem.vi
    else:
        assert "feet" not in high_problem.en and "feet" not in high_problem.vi
        assert "check the unit (it must be metres) and the nodata value" in high_problem.en


# --- Horn's slope, worked by hand ---


def test_a_3x3_dem_has_a_slope_at_its_centre_only():
    # 3 m up per 30 m column eastwards (1 in 10): c = f = i = 6, a = d = g = 0,
    # dz/dx = (6 + 2·6 + 6 − 0) / (8·30) = 24 / 240 = 0.1, dz/dy = 0: atan 0.1 = 5.7106°
    z = np.array([[0.0, 3.0, 6.0]] * 3)
    slope = horn_slope_deg(z, cell_x_m=30.0, cell_y_m=30.0)
    assert slope[1, 1] == pytest.approx(5.710593137499643)
    assert np.isnan(slope).sum() == 8
    assert np.isnan(horn_slope_deg(z[:2], cell_x_m=30.0, cell_y_m=30.0)).all()
    assert np.isnan(horn_slope_deg(z[:, :2], cell_x_m=30.0, cell_y_m=30.0)).all()


def test_slope_of_a_plane_tilted_both_ways_over_oblong_cells():
    # cells 20 m east-west by 40 m north-south; +6 m per column east, +16 m per row south:
    # dz/dx = 6 / 20 = 0.3, dz/dy = 16 / 40 = 0.4, slope = atan(√(0.09 + 0.16)) = atan(0.5) = 26.5651°
    rows, cols = np.mgrid[0:5, 0:6]
    z = 700.0 + 6.0 * cols + 16.0 * rows
    slope = horn_slope_deg(z, cell_x_m=20.0, cell_y_m=40.0)
    assert np.allclose(slope[1:-1, 1:-1], 26.56505117707799, atol=1e-9)
    # the same through the DEM's transform (cell sides from it) and at a point
    terrain = Terrain(z, Affine(20.0, 0, 500_000.0, 0, -40.0, 2_400_000.0), illustrative=False)
    assert slope_at(terrain, np.array([[500_000.0 + 20 * 2.5, 2_400_000.0 - 40 * 1.5]]))[0] == pytest.approx(
        26.56505117707799
    )


# On the plane dz/dx = 0.3, dz/dy = 0.4 (9 m per 30 m column east, 12 m per row south), one cell of the
# window raised by 24 m: a corner adds ±24 / 240 = ±0.1 to each gradient it enters, a side cell (weight 2)
# ±0.2 to one.
@pytest.mark.parametrize(
    ("cell", "dzdx", "dzdy"),
    [
        ((0, 0), 0.2, 0.3),  # a (north-west): both lowered
        ((0, 1), 0.3, 0.2),  # b (north)
        ((0, 2), 0.4, 0.3),  # c (north-east)
        ((1, 0), 0.1, 0.4),  # d (west)
        ((1, 1), 0.3, 0.4),  # e (the centre itself) counts for nothing
        ((1, 2), 0.5, 0.4),  # f (east)
        ((2, 0), 0.2, 0.5),  # g (south-west)
        ((2, 1), 0.3, 0.6),  # h (south)
        ((2, 2), 0.4, 0.5),  # i (south-east)
    ],
)
def test_horn_weighs_each_cell_of_the_window_as_documented(cell, dzdx, dzdy):
    rows, cols = np.mgrid[0:3, 0:3]
    z = 500.0 + 9.0 * cols + 12.0 * rows
    z[cell] += 24.0
    expected = math.degrees(math.atan(math.hypot(dzdx, dzdy)))
    assert horn_slope_deg(z, cell_x_m=30.0, cell_y_m=30.0)[1, 1] == pytest.approx(expected, abs=1e-9)


# --- slope on the analysis grid: which DEM cell each analysis cell reads ---


def _bowl(shape: tuple[int, int], cell: float) -> np.ndarray:
    """Elevations (cell / 20)·(R² + C²): Horn's slope at DEM cell (R, C) is atan(√(R² + C²) / 10).

    Horn on a quadratic is the exact central difference: dz/dx = (z(C+1) − z(C−1)) / (2·cell) =
    (cell / 20)·4C / (2·cell) = C / 10, and likewise dz/dy = R / 10.
    """
    rows, cols = np.mgrid[0 : shape[0], 0 : shape[1]]
    return 300.0 + cell / 20.0 * (rows**2 + cols**2)


def _bowl_slope(dem_row: int, dem_col: int, shape: tuple[int, int]) -> float:
    """The bowl's slope at a DEM cell; NaN on the DEM's edge or off it."""
    if not (1 <= dem_row <= shape[0] - 2 and 1 <= dem_col <= shape[1] - 2):
        return math.nan
    return math.degrees(math.atan(math.hypot(dem_row, dem_col) / 10.0))


GRID = grid_over(
    (300_000.0, 2_400_000.0, 300_300.0, 2_400_300.0), 30.0
)  # 10 × 10 cells from (300000, 2400300)


def test_the_bowl_has_the_slopes_worked_out_by_hand():
    slope = horn_slope_deg(_bowl((6, 6), 30.0), cell_x_m=30.0, cell_y_m=30.0)
    assert slope[1, 1] == pytest.approx(math.degrees(math.atan(math.sqrt(2) / 10)))  # 8.0495°
    assert slope[3, 4] == pytest.approx(26.56505117707799)  # √(9 + 16) / 10 = 0.5
    assert np.isnan(slope[1, 0])  # the edge


@pytest.mark.parametrize(
    ("east_m", "south_m"),
    [
        (60.0, 90.0),  # on the analysis cells, 2 columns east and 3 rows south of the grid's corner
        (45.0, 90.0),  # 1.5 columns east: every analysis centre on a DEM cell's west edge
        (60.0, 45.0),  # 1.5 rows south: every analysis centre on a DEM cell's north edge
    ],
)
def test_slope_on_grid_reads_the_dem_cell_holding_each_centre(east_m, south_m):
    # a 30 m DEM of 6 × 6 cells inside the 10 × 10 analysis grid: cells off it on every side have no slope
    shape = (6, 6)
    x0, y0 = GRID.transform.c + east_m, GRID.transform.f - south_m
    terrain = Terrain(_bowl(shape, 30.0), Affine(30.0, 0, x0, 0, -30.0, y0), illustrative=False)
    mask = np.ones(GRID.shape, dtype=bool)
    got = slope_on_grid(terrain, GRID, mask)
    for row in range(10):
        for col in range(10):
            # the centre: 15 + 30·col m east, 15 + 30·row m south of the corner; on an edge: the cell east
            # or south of it
            dem_col = math.floor((15 + 30 * col - east_m) / 30)
            dem_row = math.floor((15 + 30 * row - south_m) / 30)
            expected = _bowl_slope(dem_row, dem_col, shape)
            assert got[row, col] == pytest.approx(expected, nan_ok=True), (row, col)
    assert np.isfinite(got).sum() == 16  # the DEM's 4 × 4 inner cells


def test_slope_on_grid_over_a_finer_dem():
    # a 10 m DEM starting 20 m west and 50 m north of the 30 m grid, covering it all: the centre of analysis
    # cell (row, col) is 35 + 30·col m east and 65 + 30·row m south of the DEM's corner, in DEM cell
    # (3·row + 6, 3·col + 3)
    shape = (40, 36)
    terrain = Terrain(
        _bowl(shape, 10.0),
        Affine(10.0, 0, GRID.transform.c - 20.0, 0, -10.0, GRID.transform.f + 50.0),
        illustrative=False,
    )
    mask = np.zeros(GRID.shape, dtype=bool)
    mask[2:8, 1:9] = True
    got = slope_on_grid(terrain, GRID, mask)
    for row in range(10):
        for col in range(10):
            expected = _bowl_slope(3 * row + 6, 3 * col + 3, shape) if mask[row, col] else math.nan
            assert got[row, col] == pytest.approx(expected, nan_ok=True), (row, col)


@pytest.mark.parametrize("cell", [(4, 3), (4, 6), (7, 3), (7, 6), (5, 5)])
def test_slope_on_grid_of_a_single_cell(cell):
    # the DEM's first and last inner rows and columns (the DEM's own edge must not be cropped into them)
    shape = (6, 6)
    terrain = Terrain(
        _bowl(shape, 30.0),
        Affine(30.0, 0, GRID.transform.c + 60.0, 0, -30.0, GRID.transform.f - 90.0),
        illustrative=False,
    )
    mask = np.zeros(GRID.shape, dtype=bool)
    mask[cell] = True
    got = slope_on_grid(terrain, GRID, mask)
    assert got[cell] == pytest.approx(_bowl_slope(cell[0] - 3, cell[1] - 2, shape))
    assert np.isfinite(got).sum() == 1
    assert np.isnan(slope_on_grid(terrain, GRID, np.zeros(GRID.shape, dtype=bool))).all()


def test_coverage_counts_only_the_cells_of_the_area():
    slope = np.full((4, 5), 12.0)
    slope[0, 0] = np.nan
    mask = np.zeros((4, 5), dtype=bool)
    mask[:2, :2] = True  # 4 cells, 3 with a slope; the 16 slopes outside the area do not count
    coverage = dem_coverage(slope, mask)
    assert (coverage.cells, coverage.with_slope, coverage.share) == (4, 3, 0.75)
    empty = dem_coverage(slope, np.zeros((4, 5), dtype=bool))  # no area: nothing covered, nothing refused
    assert (empty.cells, empty.with_slope, empty.share) == (0, 0, 0.0)

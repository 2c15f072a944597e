"""Tests of analysis/grid.py: where the analysis grid lies, its cells' centres and areas, which cell holds a
point, and the points a line is cut into. Every expected value is worked by hand from the README's rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from affine import Affine
from hypothesis import given
from hypothesis import strategies as st

from analysis.grid import Grid, grid_over

# --- where the grid lies: x0 = ⌊(minx − pad)/r⌋·r, y0 = ⌈(maxy + pad)/r⌉·r, east ⌈(maxx + pad)/r⌉·r,
# south ⌊(miny − pad)/r⌋·r, at least one cell each way
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bounds", "r", "pad", "x0", "y0", "width", "height"),
    [
        # x 0 … 300, y 0 … 200: 250 needs a third column, 130 a second row
        ((0.0, 0.0, 250.0, 130.0), 100.0, 0.0, 0.0, 200.0, 3, 2),
        # padded by 30: x −30 … 280 → −100 … 300, y −30 … 160 → −100 … 200
        ((0.0, 0.0, 250.0, 130.0), 100.0, 30.0, -100.0, 200.0, 4, 3),
        # away from the origin: x 1,120 … 1,370 → 1,100 … 1,400, y 2,040 … 2,170 → 2,000 … 2,200
        ((1120.0, 2040.0, 1370.0, 2170.0), 100.0, 0.0, 1100.0, 2200.0, 3, 2),
        # padded by 50: x 1,070 … 1,420 → 1,000 … 1,500, y 1,990 … 2,220 → 1,900 … 2,300
        ((1120.0, 2040.0, 1370.0, 2170.0), 100.0, 50.0, 1000.0, 2300.0, 5, 4),
        # negative coordinates too: x −250 … −20 → −300 … 0, y −130 … −10 → −200 … 0
        ((-250.0, -130.0, -20.0, -10.0), 100.0, 0.0, -300.0, 0.0, 3, 2),
        # a box already on multiples of r gets no extra row or column
        ((200.0, 100.0, 400.0, 300.0), 100.0, 0.0, 200.0, 300.0, 2, 2),
        # a box smaller than one cell: one cell
        ((120.0, 40.0, 180.0, 90.0), 100.0, 0.0, 100.0, 100.0, 1, 1),
        # a single point on a cell corner: still one cell, the one south-east of it
        ((100.0, 100.0, 100.0, 100.0), 100.0, 0.0, 100.0, 100.0, 1, 1),
        # 30 m cells: x 1,000 … 1,100 → 990 … 1,110, y 1,000 … 1,050 → 990 … 1,050
        ((1000.0, 1000.0, 1100.0, 1050.0), 30.0, 0.0, 990.0, 1050.0, 4, 2),
        # UTM-sized coordinates at 30 m: x 300,010 … 300,100 → 300,000 … 300,120, y 2,400,005 … 2,400,100
        # → 2,400,000 … 2,400,120
        ((300_010.0, 2_400_005.0, 300_100.0, 2_400_100.0), 30.0, 0.0, 300_000.0, 2_400_120.0, 4, 4),
        # cells under 1 m are allowed: x 0.2 … 1.1 → 0 … 1.5, y 0.2 … 0.6 → 0 … 1
        ((0.2, 0.2, 1.1, 0.6), 0.5, 0.0, 0.0, 1.0, 3, 2),
        ((0.2, 0.2, 1.1, 0.6), 1.0, 0.0, 0.0, 1.0, 2, 1),
    ],
)
def test_the_grid_covers_the_padded_box_with_edges_on_multiples_of_the_resolution(
    bounds, r, pad, x0, y0, width, height
):
    grid = grid_over(bounds, r, pad_m=pad)
    assert grid.transform == Affine(r, 0.0, x0, 0.0, -r, y0)
    assert (grid.width, grid.height) == (width, height)
    assert grid.shape == (height, width)
    assert grid.resolution_m == r


def test_no_padding_unless_asked():
    assert grid_over((1120.0, 2040.0, 1370.0, 2170.0), 100.0) == Grid(
        Affine(100.0, 0.0, 1100.0, 0.0, -100.0, 2200.0), 3, 2
    )


@pytest.mark.parametrize("r", [0.0, -0.0, -30.0, math.nan, math.inf, -math.inf])
def test_a_resolution_that_is_not_a_positive_number_is_refused(r):
    with pytest.raises(ValueError, match="resolution must be a positive number of metres"):
        grid_over((0.0, 0.0, 250.0, 130.0), r)


@given(
    minx=st.integers(-5000, 5000),
    miny=st.integers(-5000, 5000),
    w=st.integers(1, 3000),
    h=st.integers(1, 3000),
    r=st.sampled_from([1, 5, 25, 30, 100, 250]),
    pad=st.integers(0, 500),
)
def test_the_grid_reaches_less_than_one_cell_beyond_the_padded_box(minx, miny, w, h, r, pad):
    grid = grid_over((minx, miny, minx + w, miny + h), r, pad_m=pad)
    x0, y0 = grid.transform.c, grid.transform.f
    x1, y1 = x0 + grid.width * r, y0 - grid.height * r
    assert x0 % r == 0 and y0 % r == 0  # grids of one resolution share their cells
    assert x0 <= minx - pad < x0 + r and x1 - r < minx + w + pad <= x1
    assert y1 <= miny - pad < y1 + r and y0 - r < miny + h + pad <= y0
    assert grid.width >= 1 and grid.height >= 1


# --- one cell: its area and centre
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("r", "ha"), [(100.0, 1.0), (30.0, 0.09), (25.0, 0.0625), (10.0, 0.01)])
def test_a_cell_of_r_metres_covers_r_squared_over_10000_hectares(r, ha):
    assert grid_over((0.0, 0.0, 250.0, 130.0), r).cell_ha == pytest.approx(ha, rel=1e-12)


def test_the_centre_of_a_cell_is_half_a_cell_in_from_its_north_west_corner():
    grid = grid_over((1120.0, 2040.0, 1370.0, 2170.0), 100.0, pad_m=50.0)  # x 1,000 … 1,500, y 1,900 … 2,300
    xy = grid.centres(np.array([0, 0, 3, 1]), np.array([0, 4, 0, 2]))
    assert xy.tolist() == [[1050.0, 2250.0], [1450.0, 2250.0], [1050.0, 1950.0], [1250.0, 2150.0]]


# --- which cell holds a point: each cell holds its west and north edges, not its east and south ones
# ---------------------------------------------------------------------------------------------------------

#: The grid of x 1,000 … 1,500, y 1,900 … 2,300 (5 columns, 4 rows of 100 m), and points with their cell.
CELL_CASES = [
    ((1050.0, 2250.0), (0, 0)),  # a centre
    ((1000.0, 2300.0), (0, 0)),  # the grid's north-west corner
    ((1100.0, 2250.0), (0, 1)),  # on the edge between columns 0 and 1: the cell east of it
    ((1050.0, 2200.0), (1, 0)),  # on the edge between rows 0 and 1: the cell south of it
    ((1200.0, 2100.0), (2, 2)),  # a corner of four cells: the south-east one
    ((1499.99, 1900.01), (3, 4)),  # just inside the south-east corner
    ((1000.0, 1950.0), (3, 0)),  # on the west edge
    ((1450.0, 2300.0), (0, 4)),  # on the north edge
]
#: Points off that grid: on its east or south edge, or just beyond any side with the other coordinate inside.
OFF_GRID = [
    (1500.0, 2000.0),  # on the east edge
    (1200.0, 1900.0),  # on the south edge
    (1500.0, 1900.0),  # on the south-east corner
    (999.99, 2000.0),  # west
    (1200.0, 2300.01),  # north
    (1600.0, 2000.0),  # east
    (1200.0, 1800.0),  # south
    (900.0, 1800.0),  # south-west
]


def _cases_grid() -> Grid:
    grid = grid_over((1120.0, 2040.0, 1370.0, 2170.0), 100.0, pad_m=50.0)
    assert grid.transform == Affine(100.0, 0.0, 1000.0, 0.0, -100.0, 2300.0) and grid.shape == (4, 5)
    return grid


def test_each_point_falls_in_the_cell_holding_it():
    rows, cols, inside = _cases_grid().cell_of(np.array([xy for xy, _ in CELL_CASES]))
    assert inside.all()
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [cell for _, cell in CELL_CASES]


def test_points_on_the_east_or_south_edge_or_beyond_are_off_the_grid():
    rows, cols, inside = _cases_grid().cell_of(np.array(OFF_GRID))
    assert not inside.any()
    # the cells they would be in, beyond the grid
    assert (cols[:3] == [5, 2, 5]).all() and (rows[:3] == [3, 4, 4]).all()


def test_one_point_alone_is_read_as_one_point():
    rows, cols, inside = _cases_grid().cell_of(np.array([1250.0, 2150.0]))
    assert rows.tolist() == [1] and cols.tolist() == [2] and inside.tolist() == [True]


def test_each_centre_falls_in_its_own_cell():
    grid = _cases_grid()
    rows, cols = np.divmod(np.arange(grid.width * grid.height), grid.width)
    back_rows, back_cols, inside = grid.cell_of(grid.centres(rows, cols))
    assert inside.all() and (back_rows == rows).all() and (back_cols == cols).all()

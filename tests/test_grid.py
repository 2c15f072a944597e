"""Tests of analysis/grid.py: where the analysis grid lies, its cells' centres and areas, which cell holds a
point, burnt geometries, the cells inside an area and the points a line is cut into.

Every expected value is worked by hand from the rules in README.md ("Where to put them", *Grid*) and the
functions' docstrings, never read back from the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from affine import Affine
from hypothesis import given
from hypothesis import strategies as st

from analysis.access import Dem
from analysis.grid import Grid, burn, cells_within, densify_lines, grid_over

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


def _cell_of(grid: Grid, xy) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (rows, cols, inside) as the DEM lookup finds them (a DEM whose cell r, c holds 100 r + c)."""
    rows, cols = np.divmod(np.arange(grid.width * grid.height), grid.width)
    dem = Dem((100.0 * rows + cols).reshape(grid.shape).astype(float), grid.transform)
    value = dem.sample(np.asarray(xy, dtype=float))
    inside = ~np.isnan(value)
    found = np.where(inside, value, -1.0).astype(int)
    return found // 100, found % 100, inside


def test_each_point_falls_in_the_cell_holding_it():
    rows, cols, inside = _cell_of(_cases_grid(), [xy for xy, _ in CELL_CASES])
    assert inside.all()
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [cell for _, cell in CELL_CASES]


def test_points_on_the_east_or_south_edge_or_beyond_are_off_the_grid():
    rows, cols, inside = _cell_of(_cases_grid(), OFF_GRID)
    assert not inside.any()


def test_one_point_alone_is_read_as_one_point():
    rows, cols, inside = _cell_of(_cases_grid(), [1250.0, 2150.0])
    assert rows.tolist() == [1] and cols.tolist() == [2] and inside.tolist() == [True]


def test_each_centre_falls_in_its_own_cell():
    grid = _cases_grid()
    rows, cols = np.divmod(np.arange(grid.width * grid.height), grid.width)
    back_rows, back_cols, inside = _cell_of(grid, grid.centres(rows, cols))
    assert inside.all() and (back_rows == rows).all() and (back_cols == cols).all()


# --- burning geometries into the grid, and the cells wholly inside an area
# ---------------------------------------------------------------------------------------------------------


def _small_grid() -> Grid:
    grid = grid_over((0.0, 0.0, 300.0, 200.0), 100.0)  # 3 columns, 2 rows: x 0 … 300, y 0 … 200
    assert grid.shape == (2, 3)
    return grid


def test_a_polygon_takes_the_cells_whose_centre_it_holds_or_every_cell_it_touches():
    square = shapely.box(10.0, 10.0, 120.0, 90.0)  # holds the centre (50, 50) of cell (1, 0), touches (1, 1)
    assert burn(_small_grid(), [square], all_touched=False).tolist() == [[0, 0, 0], [1, 0, 0]]
    assert burn(_small_grid(), [square], all_touched=True).tolist() == [[0, 0, 0], [1, 1, 0]]


def test_later_geometries_are_burnt_over_earlier_ones_and_missing_ones_are_skipped():
    geoms = [None, shapely.box(0, 0, 200, 200), shapely.Polygon(), shapely.box(100, 0, 300, 100)]
    burnt = burn(_small_grid(), geoms, all_touched=False, values=np.array([9, 5, 9, 7]), fill=-1)
    assert burnt.dtype == np.int32
    assert burnt.tolist() == [[5, 5, -1], [5, 7, 7]]


def test_nothing_to_burn_gives_the_fill_everywhere():
    assert burn(_small_grid(), [None, shapely.Polygon()], all_touched=True).tolist() == [[0, 0, 0], [0, 0, 0]]
    assert burn(_small_grid(), [], all_touched=False, fill=3).tolist() == [[3, 3, 3], [3, 3, 3]]


def test_the_cells_inside_an_area_are_those_its_outline_does_not_cross():
    grid = grid_over((0.0, 0.0, 700.0, 400.0), 100.0)  # 7 columns, 4 rows
    # holds every centre of columns 0-4; its outline crosses the rim
    area = shapely.box(40.0, 40.0, 460.0, 360.0)
    inside = cells_within(grid, area)
    expected = np.zeros((4, 7), dtype=bool)
    expected[1:3, 1:4] = True
    assert (inside == expected).all()


@pytest.mark.parametrize("area", [None, shapely.Polygon(), shapely.MultiPolygon()])
def test_no_area_has_no_cell_inside(area):
    inside = cells_within(_small_grid(), area)
    assert inside.shape == (2, 3) and not inside.any()


# --- points along lines: ⌈L / spacing⌉ + 1 points at equal steps, both ends included
# ---------------------------------------------------------------------------------------------------------


def test_lines_are_cut_into_equal_steps_no_longer_than_the_spacing():
    lines = [
        shapely.LineString([(0, 0), (100, 0)]),  # 100 m at 30 m: 4 steps of 25 m
        shapely.LineString([(0, 0), (0, 10)]),  # shorter than the spacing: its two ends
        shapely.MultiLineString([[(0, 0), (60, 0)], [(100, 0), (100, 30)]]),  # part by part: 2 steps, 1 step
        shapely.LineString(),  # empty: no point, and the lines after it keep their index
        shapely.LineString([(0, 0), (90, 0)]),  # exactly 3 spacings: 3 steps, no extra point
    ]
    xy, index, fraction = densify_lines(np.array(lines, dtype=object), 30.0)
    # fmt: skip
    assert xy.tolist() == [
        [0, 0],
        [25, 0],
        [50, 0],
        [75, 0],
        [100, 0],
        [0, 0],
        [0, 10],
        [0, 0],
        [30, 0],
        [60, 0],
        [100, 0],
        [100, 30],
        [0, 0],
        [30, 0],
        [60, 0],
        [90, 0],
    ]
    assert index.tolist() == [0] * 5 + [1] * 2 + [2] * 5 + [4] * 4
    assert fraction.tolist() == [0, 0.25, 0.5, 0.75, 1, 0, 1, 0, 0.5, 1, 0, 1, 0, 1 / 3, 2 / 3, 1]


@pytest.mark.parametrize("lines", [[], [shapely.LineString()]])
def test_no_line_gives_no_point(lines):
    xy, index, fraction = densify_lines(np.array(lines, dtype=object), 30.0)
    assert xy.shape == (0, 2) and index.shape == (0,) and fraction.shape == (0,)


def test_one_line_alone_is_cut_too():
    xy, index, fraction = densify_lines(np.array([shapely.LineString([(0, 0), (0, 45)])], dtype=object), 30.0)
    assert xy.tolist() == [[0, 0], [0, 22.5], [0, 45]]
    assert index.tolist() == [0, 0, 0] and fraction.tolist() == [0, 0.5, 1]

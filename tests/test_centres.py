"""analysis.centres: the UBND point of each unit where known, else a representative point of the polygon, said
so."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from analysis.centres import centres_for_units

UBND = gpd.GeoDataFrame(
    {
        "unit_id": ["a", "b", "c", "b"],
        "gso_code": ["a", "b", "c", "b"],
        "commune": ["Xã An", "Xã Bình", "Xã Chà", "Xã Bình"],
    },
    geometry=[Point(1, 1), Point(12, 1), Point(21, 1), Point(19, 9)],
    crs=32648,
)


def test_pre2025_units_take_their_own_ubnd_point():
    units = gpd.GeoDataFrame(
        {"unit_id": ["a", "b", "z"], "commune": ["Xã An", "Xã Bình", "Xã Zet"]},
        geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10), box(30, 0, 40, 4)],
        crs=32648,
    )
    out = centres_for_units(units, UBND)
    assert out["unit_id"].tolist() == ["a", "b", "z"] and out.crs == units.crs
    assert out["centre_source"].tolist() == ["ubnd", "ubnd", "representative_point"]
    assert [(p.x, p.y) for p in out.geometry[:2]] == [(1, 1), (12, 1)]  # the first point of a unit
    assert out.geometry.iloc[2].within(units.geometry.iloc[2])


@pytest.mark.parametrize(
    ("name", "predecessors", "point", "source"),
    [
        ("Xã Bình", "a;b;c", (12, 1), "ubnd"),  # the predecessor carrying the new name
        ("xã  binh", "a;b", (12, 1), "ubnd"),  # compared without case, diacritics or spacing
        ("Xã Mới", "x;c;a", (21, 1), "ubnd"),  # else the first predecessor with a known point
        ("Xã Mới", "x;y", None, "representative_point"),
    ],
)
def test_2025_units_take_a_predecessors_point(name, predecessors, point, source):
    units = gpd.GeoDataFrame(
        {"unit_id": ["n"], "commune": [name], "predecessor_gso_codes": [predecessors]},
        geometry=[box(0, 0, 30, 10)],
        crs=32648,
    )
    out = centres_for_units(units, UBND).iloc[0]
    assert out["centre_source"] == source
    if point is not None:
        assert (out.geometry.x, out.geometry.y) == point
    else:
        assert out.geometry.within(units.geometry.iloc[0])

"""Villages import: each village gets the GSO code and unit of the pre-2025 commune polygon it lies in."""

from __future__ import annotations

import json

import pandas as pd

from layers.imports import import_upload


def _geojson(points: list[tuple[float, float, dict]]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}
                for x, y, props in points
            ],
        }
    ).encode("utf-8")


def test_villages_get_the_commune_they_lie_in():
    data = _geojson(
        [
            (103.069, 21.39718, {"ten_ban": "Bản A", "dan_so": "312"}),  # Tà Lèng: 2nd polygon of 03145
            (103.05337, 21.43222, {"ten_ban": "Bản B", "dan_so": None}),  # Thanh Minh: 1st polygon of 03145
            (103.03522, 21.38842, {"ten_ban": "Bản C", "dan_so": "95"}),
        ]
    )
    result = import_upload("ban.geojson", data, layer="villages")
    frame = result.layers["villages"]
    assert frame["gso_code"].tolist() == ["03145", "03145", "03124"]
    assert frame["unit_id"].tolist() == ["03145-3020110", "03145", "03124"]
    assert frame["population"].tolist()[0] == 312 and pd.isna(frame["population"].iloc[1])
    assert not result.notes


def test_a_village_in_no_commune_is_named_not_guessed():
    import geopandas as gpd
    from shapely.geometry import Point

    from layers.imports import villages_in_communes

    frame = gpd.GeoDataFrame(
        {"name": ["Bản C", "ngoài"]}, geometry=[Point(103.03522, 21.38842), Point(105.8, 21.0)], crs=4326
    )
    out, notes = villages_in_communes(frame, file="ban.geojson")
    assert (
        out["unit_id"].iloc[0] == "03124"
        and out["unit_id"].iloc[1] is None
        and out["gso_code"].iloc[1] is None
    )
    assert "population" not in out.columns
    assert (
        len(notes) == 1
        and "rows 2" in notes[0].render("en")
        and notes[0].render("en").startswith("file ban.geojson")
    )

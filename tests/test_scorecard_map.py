"""The scorecard web map: units coloured by status, offline, names and sources shown as text."""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from layers import palette
from layers.scorecard_map import scorecard_map, status_style


def test_scorecard_map_colours_units_by_status():
    units = gpd.GeoDataFrame(
        {"unit_code": ["a", "b"]},
        geometry=[box(103.0, 21.3, 103.1, 21.4), box(103.1, 21.3, 103.2, 21.4)],
        crs=4326,
    )
    rows = pd.DataFrame(
        {
            "unit_code": ["a"],
            "unit_name": ["A"],
            "measured": [40.0],
            "target": ["33"],
            "comparator": ["<"],
            "status": ["off_track"],
            "source_vi": ["minh họa"],
            "source_en": ["ill."],
        }
    )
    fmap = scorecard_map(units, rows, lang="en", labels={"off_track": "Off track", "no_data": "No data"})
    assert isinstance(fmap, folium.Map)
    html = fmap.get_root().render()
    assert "Off track" in html and "No data" in html
    assert "cdn" not in html.lower() and "inline://leaflet.js" in html  # offline: no CDN asset
    assert status_style("off_track")["fillColor"] == palette.STATUS["off_track"]
    assert status_style("whatever")["fillColor"] == palette.STATUS["no_data"]


def test_scorecard_map_tooltip_shows_names_and_sources_as_text():
    units = gpd.GeoDataFrame({"unit_code": ["a"]}, geometry=[box(103.0, 21.3, 103.1, 21.4)], crs=4326)
    rows = pd.DataFrame(
        {
            "unit_code": ["a"],
            "unit_name": ["<img src=x onerror=alert(1)>"],
            "measured": [40.0],
            "target": ["33"],
            "comparator": ["<"],
            "status": ["off_track"],
            "source_vi": ["<b>s</b>"],
            "source_en": ["<b>s</b>"],
        }
    )
    fmap = scorecard_map(units, rows, lang="en", labels={"off_track": "Off track", "no_data": "No data"})
    (layer,) = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson)]
    props = (layer.data if isinstance(layer.data, dict) else json.loads(layer.data))["features"][0][
        "properties"
    ]
    assert (
        props["unit_name"] == "&lt;img src=x onerror=alert(1)&gt;"
        and props["source"] == "&lt;b&gt;s&lt;/b&gt;"
    )
    assert props["target_text"] == "&lt; 33"

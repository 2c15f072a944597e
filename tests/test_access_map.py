"""layers.access_map and ui.page_access: bands, no number for missing values, offline assets; the page
runs."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from layers.access_map import BAND_COLOURS, NO_DATA_COLOUR, AccessMeasure, band_of, build_access_map


def test_bands_around_the_threshold():
    # threshold 60: <= 15, <= 30, <= 60, <= 120, > 120; NaN / inf -> -1 (grey, "no data")
    assert [band_of(v, 60) for v in (0, 15, 15.1, 30, 60, 119, 121)] == [0, 0, 1, 1, 2, 3, 4]
    assert band_of(float("nan"), 60) == -1 and band_of(float("inf"), 60) == -1 and band_of(None, 60) == -1


def test_map_is_offline_marked_illustrative_and_never_prints_nan():
    communes = gpd.GeoDataFrame(
        {"unit_id": ["A", "B"], "commune": ["Xã A", "Xã <B>"], "district": ["H", "H"]},
        geometry=[box(103.0, 21.0, 103.1, 21.1), box(103.1, 21.0, 103.2, 21.1)],
        crs=4326,
    )
    values = pd.DataFrame(
        {"unit_id": ["A", "B"], "minutes": [12.4, np.nan], "evidence": ["", "survey: road yes"]}
    )
    html = (
        build_access_map(
            communes,
            values,
            AccessMeasure(title="Phút tới trạm y tế", within_min=60),
            lang="vi",
            asset_base_url="/component/leaflet_assets",
        )
        .get_root()
        .render()
    )
    assert "/component/leaflet_assets/leaflet.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "Dữ liệu minh họa" in html
    assert json.dumps("12 phút")[1:-1] in html and json.dumps("không có số liệu")[1:-1] in html
    assert "NaN" not in html and "nan phút" not in html and "Infinity" not in html
    assert BAND_COLOURS[0] in html and NO_DATA_COLOUR in html
    assert json.dumps("Xã &lt;B&gt;")[1:-1].replace("&", "\\u0026") in html  # escaped, shown as text


def test_access_page_runs_in_both_languages_and_seasons():
    from streamlit.testing.v1 import AppTest

    def page(lang: str, season: str) -> None:
        import streamlit as st

        from ui import page_access
        from ui.context import PageContext

        st.session_state["acc_season"] = season
        page_access.render(PageContext(lang=lang))

    for lang, season in (("vi", "rainy"), ("en", "dry")):
        at = AppTest.from_function(page, args=(lang, season), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        assert at.dataframe, "the table is shown"
        table = at.dataframe[0].value
        assert len(table) == 130
        assert not table.astype(str).apply(lambda s: s.str.fullmatch(r"(?i)nan|inf|-inf|none")).any(axis=None)


def _bands(fmap) -> dict[str, int]:
    """The band each commune is drawn in (its fill colour is BAND_COLOURS[band], grey for -1)."""
    geo = next(c for name, c in fmap._children.items() if name.startswith("geo_json"))
    return {f["properties"]["unit_id"]: f["properties"]["band"] for f in geo.data["features"]}


def test_share_bands_everyone_then_quarters():
    from layers.access_map import share_band_of

    assert [share_band_of(v) for v in (1.0, 0.999, 0.75, 0.74, 0.5, 0.25, 0.249, 0.0)] == [
        0,
        1,
        1,
        2,
        2,
        3,
        4,
        4,
    ]
    assert share_band_of(float("nan")) == -1 and share_band_of(None) == -1


def test_population_measure_colours_the_share_names_both_measures_and_the_districts():
    communes = gpd.GeoDataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "commune": ["Xã A", "Xã B", "Xã C"],
            "district": ["Huyện Mường Nhé"] * 3,
        },
        geometry=[
            box(103.0, 21.0, 103.1, 21.1),
            box(103.1, 21.0, 103.2, 21.1),
            box(103.2, 21.0, 103.3, 21.1),
        ],
        crs=4326,
    )
    districts = gpd.GeoDataFrame(
        {"district": ["Huyện Mường Nhé"]}, geometry=[box(103.0, 21.0, 103.3, 21.1)], crs=4326
    )
    # A: centre 5 min but only 40 % of its people within 15 min; B: everyone; C: no village population
    values = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "minutes": [5.0, 50.0, 7.0],
            "share": [0.4, 1.0, np.nan],
            "mean_minutes": [30.0, 10.0, np.nan],
        }
    )
    fmap = build_access_map(
        communes,
        values,
        AccessMeasure(title="Tỷ lệ dân số trong 15 phút", within_min=15, measure="population"),
        lang="vi",
        districts=districts,
        bounds=(102.9, 20.9, 103.4, 21.2),
    )
    html = fmap.get_root().render()
    assert _bands(fmap) == {"A": 3, "B": 0, "C": -1}  # by the share, not by the centre's minutes
    assert 'data-measure="population"' in html
    for label in ("Dân số trong 15 phút", "Phút bình quân theo dân số bản", "Phút từ trụ sở xã"):
        assert json.dumps(label)[1:-1] in html
    named = json.dumps('">Mường Nhé</div>')[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")
    assert named in html  # the district named, without "Huyện"
    assert "imperial: false" in html
    # the same communes by centre minutes: A is quick, B slow; the legend's edges are exact (3,75 not 4)
    fmap = build_access_map(
        communes, values, AccessMeasure(title="Phút", within_min=15, measure="centre"), lang="vi"
    )
    assert _bands(fmap) == {"A": 1, "B": 4, "C": 1}
    html = fmap.get_root().render()
    assert "≤ 3,75 phút" in html and "3,75–7,5 phút" in html and 'data-measure="centre"' in html

"""layers.access_map and ui.page_access: bands, no number for missing values, offline assets; the page runs."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from layers.access_map import BAND_COLOURS, NO_DATA_COLOUR, band_of, build_access_map


def test_bands_around_the_threshold():
    # threshold 60: <= 15, <= 30, <= 60, <= 120, > 120; NaN / inf -> -1 (grey, "no data")
    assert [band_of(v, 60) for v in (0, 15, 15.1, 30, 60, 119, 121)] == [0, 0, 1, 1, 2, 3, 4]
    assert band_of(float("nan"), 60) == -1 and band_of(float("inf"), 60) == -1 and band_of(None, 60) == -1


def test_map_is_offline_marked_illustrative_and_never_prints_nan():
    communes = gpd.GeoDataFrame({"unit_id": ["A", "B"], "commune": ["Xã A", "Xã <B>"], "district": ["H", "H"]},
                                geometry=[box(103.0, 21.0, 103.1, 21.1), box(103.1, 21.0, 103.2, 21.1)], crs=4326)
    values = pd.DataFrame({"unit_id": ["A", "B"], "minutes": [12.4, np.nan], "evidence": ["", "survey: road yes"]})
    html = build_access_map(communes, values, title="Phút tới trạm y tế", within_min=60, lang="vi",
                            asset_base_url="/component/leaflet_assets").get_root().render()
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

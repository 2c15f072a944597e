"""The map builder: layers, legend, credits, illustrative mark, offline assets, escaping."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import pytest

from analysis.classify import classify_values
from layers import boundaries
from layers.assets import inline_assets_html, leaflet_dir
from layers.mapdata import MapData, assemble_map
from layers.mapview import MapOptions, build_map, map_layer_keys, selection_script
from layers.registry import load_embedded
from workflows.exports import load_bundle


@pytest.fixture(scope="module")
def map_data(flag_run) -> MapData:
    run = flag_run
    return assemble_map(
        boundaries.load_communes("pre2025", display=True),
        boundaries.load_districts(display=True),
        boundaries.load_province(display=True),
        load=load_embedded,
        survey=run.survey,
        flags=run.flags,
        sources=run.sources,
    )


def _html(fmap) -> str:
    return fmap.get_root().render()


def _shows(page: str, text: str) -> bool:
    """True when ``text`` is in the page, literally or as a JSON string literal (legend, GeoJSON)."""
    return text in page or json.dumps(text)[1:-1] in page


def test_map_has_every_switchable_layer(map_data):
    classification = classify_values(map_data.communes["poor_hh_rate_pct"], scheme="quantiles", k=5)
    fmap = build_map(map_data, MapOptions(classification=classification))
    assert map_layer_keys(fmap) == [
        "poverty",
        "communes",
        "districts",
        "roads",
        "main_roads",
        "power",
        "grid_mv",
        "schools",
        "health",
        "centres",
        "flags",
    ]


def test_map_loads_nothing_from_a_cdn(map_data):
    page = _html(build_map(map_data, MapOptions(asset_base_url="/component/x")))
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls == ["/component/x/leaflet.js", "/component/x/leaflet.css"]
    assert not re.search(r"jsdelivr|cdnjs|unpkg|googleapis|bootstrapcdn|code\.jquery", page)
    assert "https://" not in page.split("<body>")[0]


def test_standalone_html_inlines_leaflet(map_data):
    page = inline_assets_html(_html(build_map(map_data, MapOptions())))
    assert "inline://" not in page
    assert (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")[:200] in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_legend_lists_classes_and_layers_in_the_language(map_data, lang):
    classification = classify_values(map_data.communes["poor_hh_rate_pct"], scheme="fixed_bands")
    page = _html(build_map(map_data, MapOptions(lang=lang, classification=classification)))
    if lang == "vi":
        expected = [
            "Tỷ lệ hộ nghèo (Khoảng cố định)",
            "33,0 – 48,1 %",
            "Trạm y tế xã",
            "Đường dây 500 kV",
            "Dữ liệu minh họa",
            "Nhựa (cứng hóa)",
        ]
    else:
        expected = [
            "Poor-household rate (Fixed bands)",
            "33.0 – 48.1%",
            "Commune health station",
            "500 kV line",
            "Illustrative data",
            "Asphalt (hardened)",
        ]
    for text in expected:
        assert _shows(page, text), text


def test_credits_carry_each_layers_source_and_licence(map_data):
    page = _html(build_map(map_data, MapOptions()))
    # in the map's language
    assert "ODbL 1.0" in page and _shows(page, "© những người đóng góp OpenStreetMap")
    assert "OpenStreetMap contributors" in _html(build_map(map_data, MapOptions(lang="en")))
    assert "ILLUSTRATIVE" in page  # credit of the illustrative layers


def test_names_with_html_are_shown_as_text(map_data):
    communes = map_data.communes.copy()
    communes.loc[communes.index[0], "commune"] = "<script>alert('x')</script>"
    data = MapData(communes=communes, districts=map_data.districts, province=map_data.province)
    fmap = build_map(data, MapOptions())
    page = _html(fmap)
    assert "<script>alert(" not in page
    geojson = next(
        c
        for g in fmap._children.values()
        for c in g._children.values()
        if getattr(c, "data", None)
        and "features" in c.data
        and any("unit_id" in f["properties"] for f in c.data["features"])
    )
    assert (
        geojson.data["features"][0]["properties"]["commune"]
        == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    )


def test_selection_script_outlines_only_the_chosen_commune(map_data):
    unit = map_data.communes["unit_id"].iloc[3]
    script = selection_script(map_data.communes, unit)
    data = json.loads(re.search(r"L\.geoJSON\((\{.*?\}), \{style", script).group(1))
    assert [f["properties"]["commune"] for f in data["features"]] == [map_data.communes["commune"].iloc[3]]
    assert "interactive: false" in script and "fitBounds" not in script  # a click on the map does not move it
    assert "fitBounds" in selection_script(map_data.communes, unit, zoom=True)  # a search pick zooms to it
    assert selection_script(map_data.communes, None) == ""


def test_commune_tooltip_shows_code_district_poverty_and_flags(map_data):
    classification = classify_values(map_data.communes["poor_hh_rate_pct"])
    fmap = build_map(map_data, MapOptions(classification=classification))
    communes = _groups(fmap)["communes"]
    geojson = next(c for c in communes._children.values() if getattr(c, "data", None))
    tooltip = next(c for c in geojson._children.values() if isinstance(c, folium.GeoJsonTooltip))
    assert tooltip.fields == ["commune", "gso_code", "district", "poverty_text", "flag_text"]
    flagged = map_data.communes[map_data.communes["lacks_grid"].fillna(False).astype(bool)]
    feature = next(
        f for f in geojson.data["features"] if f["properties"]["unit_id"] == flagged["unit_id"].iloc[0]
    )
    assert "Thiếu điện lưới quốc gia" in feature["properties"]["flag_text"]
    assert feature["properties"]["gso_code"] == flagged["gso_code"].iloc[0]


def test_lines_and_flags_let_clicks_through_to_the_commune(map_data):
    """Flags are outlines and symbols that do not catch the mouse; the commune layer is the one that
    answers."""
    fmap = build_map(
        map_data, MapOptions(classification=classify_values(map_data.communes["poor_hh_rate_pct"]))
    )
    flags = _groups(fmap)["flags"]
    shapes = [c for c in flags._children.values() if isinstance(c, folium.GeoJson)]
    outlines = [c for c in shapes if c.marker is None]
    symbols = [c for c in shapes if c.marker is not None]
    assert outlines and all(c.options.get("interactive") is False for c in outlines)
    assert symbols and all(c.marker.options.get("interactive") is False for c in symbols)
    style = outlines[0].style_function(outlines[0].data["features"][0])
    assert style["fill"] is False and style["weight"] >= 4  # a thick outline, never a fill tint
    assert "db-passive" in _html(fmap)  # the flag symbols let the mouse through


def test_geometry_sent_to_the_browser_is_small(map_data):
    classification = classify_values(map_data.communes["poor_hh_rate_pct"])
    page = _html(build_map(map_data, MapOptions(classification=classification)))
    assert len(page.encode("utf-8")) < 1_500_000


def test_empty_optional_layers_are_left_out():
    communes = boundaries.load_communes("2025", display=True)
    data = MapData(
        communes=communes,
        districts=boundaries.load_districts(display=True),
        province=boundaries.load_province(display=True),
        frames={"roads": gpd.GeoDataFrame(geometry=[], crs=4326)},
    )
    assert map_layer_keys(build_map(data, MapOptions())) == ["communes", "districts"]


def _groups(fmap) -> dict:
    return {child.layer_key: child for child in fmap._children.values() if hasattr(child, "layer_key")}


def test_credits_and_marks_follow_the_projects_layers(map_data):
    from dataclasses import replace

    from geo.provenance import LayerSource

    mine = LayerSource(
        key="roads",
        source="user import: duong_huyen.geojson",
        licence="UBND huyện",
        vintage="2024",
        illustrative=False,
    )
    data = replace(map_data, sources={"roads": mine})
    groups = _groups(build_map(data, MapOptions()))
    assert not groups["roads"].illustrative and "duong_huyen.geojson" in groups["roads"].credit
    assert "illustrative" not in groups["roads"].layer_title
    assert groups["schools"].illustrative and "ILLUSTRATIVE" in groups["schools"].credit  # embedded fallback
    assert "duong_huyen.geojson" in _html(build_map(data, MapOptions()))


@pytest.fixture()
def schools_project(tmp_path):
    """A project GeoPackage holding one imported school layer (source file schools.geojson)."""
    from cli import main

    source = tmp_path / "schools.geojson"
    source.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"level": "thcs", '
        '"name": "THCS A"}, "geometry": {"type": "Point", "coordinates": [103.03, 21.39]}}]}',
        encoding="utf-8",
    )
    project = tmp_path / "p.gpkg"
    assert main(["import", str(source), "--layer", "schools", "--project", str(project)]) == 0
    return project


def test_exported_map_carries_the_projects_provenance(schools_project):
    from report.mapdata import MapRequest

    project = schools_project
    bundle = load_bundle(MapRequest(project=str(project), visible=("communes", "schools")))
    assert "schools.geojson" in bundle.data.sources["schools"].credit()
    groups = _groups(build_map(bundle.data, MapOptions()))
    assert not groups["schools"].illustrative and "schools.geojson" in groups["schools"].credit


def test_the_map_page_looks_up_the_projects_provenance(schools_project):
    from ui import cache

    project = schools_project
    # what the map page loads
    found = {key: cache.layer(key, str(project))[1] for key in ("schools", "roads")}
    assert "schools.geojson" in found["schools"].credit() and not found["schools"].illustrative
    assert found["roads"].illustrative  # not in the project: the embedded layer's provenance

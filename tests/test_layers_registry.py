"""The layer registry: each layer declared once, loaded with its provenance, drawn alike on screen and on
paper."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import geopandas as gpd
import pytest
import shapely
from matplotlib.figure import Figure

from layers.mapview import MapOptions, build_map, map_layer_keys
from layers.registry import DATA_LAYERS, LAYER_KEYS, load_embedded
from report.draw import draw_layers, project_bundle
from report.mapdata import MapRequest

#: Geometry types a data layer's declared kind allows.
KINDS = {
    "point": {"Point", "MultiPoint"},
    "line": {"LineString", "MultiLineString"},
    "polygon": {"Polygon", "MultiPolygon"},
}


@pytest.mark.parametrize("key", [key for key, layer in DATA_LAYERS.items() if layer.loader is not None])
def test_embedded_layers_load_with_their_provenance_and_declared_geometry(key):
    frame, source = load_embedded(key)
    assert source.key == key and source.credit() and len(frame) > 0
    kind = DATA_LAYERS[key].geometry
    if kind == "table":
        assert "geometry" not in frame.columns
    else:
        assert set(frame.geom_type) <= KINDS[kind], (key, set(frame.geom_type))


def _computed_frames() -> dict:
    """Small frames of the layers computed on request (resettlement suitability bands and sites)."""
    boxes = [shapely.box(102.4 + 0.02 * i, 22.0, 102.41 + 0.02 * i, 22.01) for i in range(5)]
    bands = gpd.GeoDataFrame({"band": range(5)}, geometry=boxes, crs=4326)
    sites = gpd.GeoDataFrame(
        {
            "label": ["#1 S0001"],
            "tag": ["#1 S0001"],
            "commune": ["Xã Chà Tở"],
            "score": [0.8],
            "area_ha": [12.0],
            "capacity_households": [4],
        },
        geometry=[boxes[0]],
        crs=4326,
    )
    return {"res_suitability": bands, "res_sites": sites}


@pytest.fixture(scope="module")
def everything(map_bundles):
    """The whole province on the 2025 units (zones included) with every layer shown, the computed ones too."""
    bundle = map_bundles(MapRequest(units="2025", visible=LAYER_KEYS))
    data = dataclasses.replace(bundle.data, frames={**bundle.data.frames, **_computed_frames()})
    return dataclasses.replace(bundle, data=data)


def _screen_rows(page: str) -> list[tuple[str, str]]:
    """(label, colour) of every legend row of the web map (the first 6-digit colour of its sample)."""
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");", page).group(1))
    rows = re.findall(r'<div class="db-row">(.*?)<span>(.*?)</span></div>', legend)
    return [
        (html.unescape(label), re.search(r"#[0-9a-fA-F]{6}\b", mark).group(0).lower()) for mark, label in rows
    ]


def _paper_rows(bundle) -> list[tuple[str, str]]:
    """(label, colour) of every legend row of the print layout (outlined patches by their outline colour)."""
    proj = project_bundle(bundle)
    ax = Figure().add_axes((0, 0, 1, 1))
    entries = draw_layers(ax, bundle, proj, tuple(proj.get("province").total_bounds))
    return [
        (e.label, (e.edge if e.kind == "patch" and e.colour == "#ffffff" else e.colour).lower())
        for e in entries
        if e.kind not in ("header", "note")
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_screen_and_paper_draw_every_layer_with_the_same_legend(everything, lang):
    from dataclasses import replace

    bundle = replace(everything, request=replace(everything.request, lang=lang))
    fmap = build_map(
        bundle.data, MapOptions(lang=lang, visible=bundle.visible, classification=bundle.classification)
    )
    assert map_layer_keys(fmap) == list(LAYER_KEYS)
    screen = _screen_rows(fmap.get_root().render())
    paper = _paper_rows(bundle)
    # The screen's base map (commune and district outlines) is explained by the map itself, not its legend.
    outlines = {
        "vi": ["Ranh giới xã", "Ranh giới huyện"],
        "en": ["Commune boundaries", "District boundaries"],
    }[lang]
    assert [label for label, _ in paper if label in outlines] == outlines
    assert screen == [row for row in paper if row[0] not in outlines]
    assert len(screen) > 25


def test_every_embedded_provenance_text_has_its_vietnamese():
    """The data-sources page and the PDF credits show source, licence and vintage in the page's language:
    every text of the embedded layers is in the catalogue, except proper names (licences, a year)."""
    from geo.provenance import provenance_text
    from layers.registry import SOURCES

    names = {"ODbL 1.0", "MIT", "CC BY-SA 4.0", "2026", "2006–2024", "2008–2026"}
    for key, src in SOURCES.items():
        for text in (src.source, src.licence, src.vintage):
            assert text in names or provenance_text(text, "vi") != text, (key, text)
            assert provenance_text(text, "en") == text
    assert "Generated" not in SOURCES["roads"].credit("vi") and "2026" in SOURCES["roads"].credit("vi")


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a #rrggbb colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_no_colour_means_two_things(everything):
    """Across every legend of the screen map, a colour belongs to one layer only (roads and the grid, flags
    and road surfaces, zones and poverty never share one)."""
    fmap = build_map(
        everything.data, MapOptions(visible=everything.visible, classification=everything.classification)
    )
    page = fmap.get_root().render()
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");", page).group(1))
    owner: dict[str, set[str]] = {}
    for chunk in legend.split('<div class="db-legend-section" data-layer="')[1:]:
        key, body = chunk.split('"', 1)
        for colour in re.findall(r"(?:background:|border-color:|stroke=\"|fill=\")(#[0-9a-fA-F]{6})\b", body):
            owner.setdefault(colour.lower(), set()).add(key)
    shared = {colour: keys for colour, keys in owner.items() if len(keys) > 1}
    assert len(owner) > 15 and not shared, shared


def test_ramps_darken_class_by_class_so_they_read_without_hue():
    """The choropleth ramps are single-hue sequences whose lightness alone orders the classes (colour-blind
    safe)."""
    from layers import palette

    for ramp in (palette.POVERTY, tuple(palette.ZONES.values())):
        lum = [_luminance(c) for c in ramp]
        assert all(a > b for a, b in zip(lum, lum[1:], strict=False)), ramp


def test_one_choropleth_at_a_time_other_themes_as_outlines(everything):
    from layers.registry import choropleth_theme, styled_layers

    assert choropleth_theme(everything.visible) == "poverty"
    layers = {layer.key: layer for layer in styled_layers(everything.visible)}
    assert layers["poverty"].parts[0].paint.fill is not None
    zones = layers["zones"].parts[0].paint
    assert zones.fill is None and zones.colour is not None  # outlines in the zones' colours
    assert {layer.key: layer for layer in styled_layers(("zones", "poverty"))}["poverty"].parts[
        0
    ].paint.fill is None


def test_flags_are_hatched_on_paper_never_tinted(everything):
    proj = project_bundle(everything)
    ax = Figure().add_axes((0, 0, 1, 1))
    draw_layers(ax, everything, proj, tuple(proj.get("province").total_bounds))
    hatches = {c.get_hatch() for c in ax.collections if c.get_hatch()}
    assert {"////", "\\\\\\\\", "xxxx"} & hatches

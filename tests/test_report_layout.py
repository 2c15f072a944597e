"""Print layouts: text in the PDF (title, legend, credits, mark, diacritics), PNG size, scale bar, bad
input."""

from __future__ import annotations

import io
import re

import geopandas as gpd
import numpy as np
import pypdf
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from pyproj import Geod

import report.layout
from geo.errors import InputError
from geo.i18n import t
from report.draw import ground_distance_m
from report.layout import PrintSettings, build_layout, clean_text, render_layout
from report.mapdata import MapRequest
from workflows.exports import load_bundle


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf_and_info(bundle):
    data, info = render_layout(
        bundle, PrintSettings(dpi=72, title="Bản đồ huyện Mường Nhé — Dữ liệu minh họa"), "pdf"
    )
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return data, info, text


def test_pdf_has_title_legend_credits_and_mark_with_diacritics(pdf_and_info):
    data, info, text = pdf_and_info
    assert data.startswith(b"%PDF")
    flat = _squash(text)
    assert "Bản đồ huyện Mường Nhé" in text
    for label in info.legend_labels:
        assert _squash(label) in flat, label
    for credit in info.credits:
        assert _squash(credit) in flat, credit
    assert info.illustrative and "Dữ liệu minh họa / Illustrative data" in text
    assert "Điện Biên" in text and "Chú giải" in text
    assert "Ngày in" in text


def test_pdf_embeds_a_truetype_font(pdf_and_info):
    data = pdf_and_info[0]
    assert b"/FontFile2" in data and b"DejaVuSans" in data
    assert b"/Type3" not in data


def test_legend_lists_choropleth_classes_with_ranges(pdf_and_info, bundle):
    info = pdf_and_info[1]
    ranges = [label for label in info.legend_labels if "–" in label and "%" in label]
    assert len(ranges) == bundle.classification.k


def test_no_mark_when_only_real_layers_are_shown(map_bundles):
    real = map_bundles(MapRequest(visible=("communes", "districts", "main_roads", "power")))
    data, info = render_layout(real, PrintSettings(dpi=72, title="Lưới điện"), "pdf")
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert not info.illustrative
    assert "minh họa" not in text.lower()


def test_png_a4_portrait_150_dpi_has_the_paper_size(bundle):
    data, _ = render_layout(bundle, PrintSettings(orientation="portrait", dpi=150, title="Kích thước"), "png")
    width, height = Image.open(io.BytesIO(data)).size
    assert abs(width - 1240) <= 1 and abs(height - 1754) <= 1


def test_png_a3_landscape_72_dpi_has_the_paper_size(bundle):
    data, _ = render_layout(
        bundle, PrintSettings(paper="A3", orientation="landscape", dpi=72, title="A3"), "png"
    )
    width, height = Image.open(io.BytesIO(data)).size
    assert abs(width - round(420 / 25.4 * 72)) <= 1 and abs(height - round(297 / 25.4 * 72)) <= 1


def test_ground_distance_matches_a_known_distance():
    # One degree of latitude along 103 deg E between 21 and 22 deg N: 110.75 km on WGS84 (pyproj Geod,
    # independently).
    known = Geod(ellps="WGS84").inv(103.0, 21.0, 103.0, 22.0)[2]
    assert abs(known - 110_750) < 100
    pts = gpd.GeoSeries.from_xy([103.0, 103.0], [21.0, 22.0], crs=4326).to_crs(32648)
    assert ground_distance_m(pts.x[0], pts.y[0], pts.x[1], pts.y[1]) == pytest.approx(known, rel=1e-9)


def test_scale_bar_length_on_paper_matches_its_label(bundle):
    settings = PrintSettings(dpi=72, title="Thước tỷ lệ")
    fig, info = build_layout(bundle, settings)
    bar = info.scale_bar
    assert bar.ground_m in {1_000, 2_000, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000}
    # The drawn bar, measured on the ellipsoid at its own latitude, is the labelled length.
    assert ground_distance_m(bar.x0, bar.y, bar.x1, bar.y) == pytest.approx(bar.ground_m, rel=1e-4)
    # And on paper: bar length in mm × ground metres per paper mm = labelled length (within 0.5 %).
    ax = fig.axes[0]
    FigureCanvasAgg(fig)
    (x0, _), (x1, _) = ax.transData.transform([(bar.x0, bar.y), (bar.x1, bar.y)])
    bar_mm = (x1 - x0) / fig.dpi * 25.4
    frame_mm = ax.get_window_extent().width / fig.dpi * 25.4
    view = info.view
    metres_per_mm = ground_distance_m(view[0], bar.y, view[2], bar.y) / frame_mm
    assert bar_mm * metres_per_mm == pytest.approx(bar.ground_m, rel=5e-3)


def test_north_arrow_points_to_true_north(pdf_and_info):
    # West of UTM 48N's central meridian (105 deg E) true north leans slightly left of grid north: about -0.8
    # deg.
    assert -1.5 < pdf_and_info[1].north_deg < 0


def test_labels_do_not_collide(bundle):
    fig, info = build_layout(bundle, PrintSettings(dpi=72, title="Nhãn"))
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_zorder() in (30, 31)]
    assert info.labels_placed == len(boxes) > 20
    arr = np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes])
    for i, a in enumerate(arr):
        others = np.delete(arr, i, axis=0)
        overlap = (
            (others[:, 0] < a[2] - 0.5)
            & (others[:, 2] > a[0] + 0.5)
            & (others[:, 1] < a[3] - 0.5)
            & (others[:, 3] > a[1] + 0.5)
        )
        assert not overlap.any()


@pytest.mark.parametrize(
    "title",
    ["<b>Đậm</b> <script>alert(1)</script>", "Giá $5 và 50% {x}_y ^z \\alpha", "Mường Nhé " * 50 + "x" * 100],
)
def test_awkward_titles_are_shown_as_text(bundle, title):
    data, info = render_layout(bundle, PrintSettings(dpi=72, title=title), "pdf")
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert 1 <= len(info.title_lines) <= 2
    assert _squash(info.title_lines[0]) in _squash(text)
    if "<b>" in title:
        assert "<b>Đậm</b>" in text
    if len(title) > 200:
        assert info.title_lines[-1].endswith("…")


def test_clean_text_strips_control_characters_and_cuts():
    assert clean_text("a\x00b\n\tc", 50) == "a b c"
    assert clean_text("x" * 500, 20).endswith("…") and len(clean_text("x" * 500, 20)) == 20


def test_layer_without_features_gets_a_note():
    empty = load_bundle(MapRequest(visible=("communes", "schools")))
    empty.data.frames["schools"] = empty.data.frames["schools"].iloc[0:0]
    data, info = render_layout(empty, PrintSettings(dpi=72, title="Trống"), "pdf")
    assert t("no_features", "vi") in info.legend_labels
    assert pypdf.PdfReader(io.BytesIO(data)).pages


@pytest.mark.parametrize(
    "settings",
    [
        PrintSettings(paper="A5"),
        PrintSettings(orientation="diagonal"),
        PrintSettings(dpi=10),
        PrintSettings(dpi=5000),
    ],
)
def test_bad_settings_raise_input_error(bundle, settings):
    with pytest.raises(InputError) as err:
        render_layout(bundle, settings, "pdf")
    assert err.value.render("vi") and err.value.render("en")


def test_bad_format_raises_input_error(bundle):
    with pytest.raises(InputError):
        render_layout(bundle, PrintSettings(dpi=72), "svg")


def test_district_map_in_english(map_bundles):
    district = map_bundles(MapRequest(district="096", lang="en"))
    data, info = render_layout(
        district, PrintSettings(dpi=72, orientation="portrait", title="Mường Nhé district"), "pdf"
    )
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Huyện Mường Nhé" in text and "Legend" in text and "Illustrative data / Dữ liệu minh họa" in text


def _vietnamese_letters(upper: bool) -> str:
    import unicodedata

    letters = ["đ"] + [
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưy"
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    ]
    text = "".join(letters)
    return text.upper() if upper else text


@pytest.mark.parametrize("upper", [False, True])
def test_every_vietnamese_letter_survives_pdf_text_extraction(bundle, upper):
    letters = _vietnamese_letters(upper)
    assert len(letters) == 73
    spaced = " ".join(letters[i : i + 12] for i in range(0, len(letters), 12))
    data, _ = render_layout(bundle, PrintSettings(dpi=72, title="Dấu", subtitle=spaced), "pdf")
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert _squash(spaced) in _squash(text)


def test_the_print_path_does_not_load_the_web_map_library():
    """Print layouts, fact sheets, scorecard PDFs and data packages never import folium (or branca)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, report.layout, report.draw, report.factsheet, report.scorecard, report.data; "
        "print(sorted(m for m in ('folium', 'branca') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_labels_keep_off_the_scale_bar(bundle, monkeypatch):
    # A commune label whose place falls on the scale bar (put there first, so nothing else is placed before
    # it) must move off the bar's white background or be dropped: a label over the bar would hide its figures.
    real_items = report.layout.label_items

    def items_with_one_on_the_bar(bundle, proj, view, **kwargs):
        minx, miny, maxx, maxy = view
        on_bar = (
            minx + 0.08 * (maxx - minx),
            miny + 0.055 * (maxy - miny),
            "Xã Trên Thước",
            {"fontsize": 4.8, "zorder": 30},
        )
        return [on_bar, *real_items(bundle, proj, view, **kwargs)]

    monkeypatch.setattr(report.layout, "label_items", items_with_one_on_the_bar)
    fig, info = build_layout(bundle, PrintSettings(dpi=72, title="Nhãn và thước"))
    renderer = fig.canvas.get_renderer()
    bar = info.scale_bar.background.get_window_extent(renderer)
    labels = [t for t in fig.axes[0].texts if t.get_zorder() in (30, 31)]
    assert info.labels_placed == len(labels) > 20
    for label in labels:
        box = label.get_window_extent(renderer)
        assert not (box.x0 < bar.x1 and box.x1 > bar.x0 and box.y0 < bar.y1 and box.y1 > bar.y0), (
            label.get_text()
        )

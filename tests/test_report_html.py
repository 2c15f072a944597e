"""Standalone HTML map: one file, every asset inline, renders from disk in headless Chromium with no outside
request."""

from __future__ import annotations

import re

import pytest

from report.html import export_html, render_html

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ALLOWED_SCHEMES = ("file:", "data:", "about:", "blob:")


def test_page_has_no_external_reference(bundle):
    page = render_html(bundle, title="Mường Nhé")
    assert "inline://" not in page
    assert not re.search(r'<(script|link|img)\b[^>]*(src|href)="(https?:)?//', page)
    assert "url(images/" not in page
    assert "Dữ liệu minh họa" in page
    assert "<title>Mường Nhé</title>" in page
    assert "db-credits" in page and "censusVN2009" in page  # the map's own credits control, as in the app


def test_title_with_markup_is_escaped(bundle):
    page = render_html(bundle, title='<img src=x onerror="alert(1)">' + "x" * 500)
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x" in page


def test_html_renders_offline_in_chromium(bundle, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    out = export_html(bundle, tmp_path / "map.html", title="Bản đồ Điện Biên")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            page.wait_for_selector(".leaflet-interactive", timeout=15_000)
            assert page.locator(".db-legend").count() == 1
            assert "Bản đồ Điện Biên" in page.locator(".db-export-head h1").inner_text()
            assert page.locator(".db-illustrative").is_visible()
            assert page.locator(".leaflet-control-layers-overlays label").count() >= 5
        finally:
            browser.close()
    outside = [u for u in requests if not u.startswith(ALLOWED_SCHEMES)]
    assert requests and not outside, outside


def test_commune_labels_show_from_zoom_11_in_the_exported_map(bundle, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    out = export_html(bundle, tmp_path / "map.html", title="Nhãn xã")
    names = set(bundle.data.communes["commune"])
    shown = (
        "() => [...document.querySelectorAll('.db-z11')].filter(e => e.offsetParent !== null).map(e => "
        "e.textContent)"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(out.as_uri())
            page.wait_for_selector(".leaflet-interactive", timeout=15_000)
            labels = page.locator(".db-z11").all_text_contents()
            assert set(labels) == names  # one label per commune of the map
            assert page.evaluate(shown) == []  # the province view: district names only
            page.evaluate(
                "() => { const m = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k)); "
                "window[m].setZoom(11, {animate: false}); }"
            )
            page.wait_for_function(
                shown.replace("=> [", "=> ([").replace("textContent)", "textContent)).length > 0")
            )
            assert set(page.evaluate(shown)) <= names
        finally:
            browser.close()

"""Issue 14 in a real browser: "phu luong" finds Pu Luông by its GSO name; the access map measures what the
table measures and follows the time threshold, with district names and the whole province in view; the
scorecard at commune level filters by district. Screenshots at 1440×900 and 1366×768 are saved as test
artifacts."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from layers import boundaries
from tests.browser.appserver import loaded_map_frame

SIZES = ((1440, 900), (1366, 768))
FOLIUM = "iframe[title='streamlit_folium.st_folium']"


def _map_frame(page):
    frame = loaded_map_frame(page)
    frame.wait_for_function("() => window.map && Object.keys(window.map._layers).length > 10", timeout=90_000)
    return frame


def _map_when(page, script: str, timeout_s: float = 90.0):
    """The map frame once ``script`` (a JS expression) is true in it; Streamlit may replace the frame while it
    reruns, so the current frame is looked up again on each poll."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" not in frame.url:
                continue
            try:
                if frame.evaluate(f"() => Boolean(window.map && ({script}))"):
                    return frame
            except PlaywrightError:  # detached or navigating: look again
                pass
        page.wait_for_timeout(200)  # polling interval
    raise AssertionError(f"the map never showed: {script}")


def _legend(text: str) -> str:
    return (
        "document.querySelector('.db-access-legend') && "
        f"document.querySelector('.db-access-legend').innerText.includes({text!r})"
    )


def _fills(frame) -> dict[str, int]:
    """How many commune polygons are drawn in each fill colour."""
    return frame.evaluate("""() => { const n = {}; Object.values(window.map._layers).forEach(l => {
        if (l.feature && l.feature.properties && l.feature.properties.unit_id && l.options.fillColor) {
          n[l.options.fillColor] = (n[l.options.fillColor] || 0) + 1; } }); return n; }""")


def _table_fits(page, timeout_ms: int = 30_000) -> bool:
    """True once the first table of the page has no sideways scroll (its grid no wider than its box); the grid
    lays its columns out after it is drawn, so the check is polled until the layout settles."""
    try:
        page.wait_for_function(
            "() => { const d = document.querySelector('[data-testid=stDataFrame]'); const s = d && "
            "d.querySelector('.dvn-scroller'); return Boolean(s) && s.clientWidth > 0 && s.scrollWidth <= "
            "s.clientWidth; }",
            timeout=timeout_ms,
        )
    except PlaywrightError:
        return False
    return True


def _map_showing_province(page):
    """The map frame once it is drawn with the whole province in view (looked up again on a rerun)."""
    west, south, east, north = (float(v) for v in boundaries.load_province(display=True).total_bounds)
    return _map_when(
        page,
        "Object.keys(window.map._layers).length > 10 && window.map.getBounds().contains("
        f"L.latLngBounds([[{south}, {west}], [{north}, {east}]]))",
    )


def test_search_finds_phu_luong_by_its_gso_name(browser, app_url, artifacts):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(app_url)
    _map_frame(page)
    box = page.get_by_label(re.compile("Tìm xã"))
    box.fill("phu luong")
    box.press("Enter")
    # the result reads with the GSO name (the boundary file's spelling in brackets) and opens the panel
    page.get_by_text(re.compile(r"Xã Phu Luông — Huyện Điện Biên")).first.wait_for(timeout=60_000)
    page.get_by_role("heading", name="Xã Phu Luông").wait_for(timeout=60_000)
    page.get_by_text(re.compile("Xã Pu Luông")).first.wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts / "map_search_phu_luong_1440.png"))
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_access_map_follows_the_threshold_and_measures_like_the_table(browser, app_url, artifacts, size):
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{app_url}/access")
    frame = _map_showing_province(page)
    labels = frame.locator(".db-district-label").all_inner_texts()
    assert {"Mường Nhé", "Nậm Pồ", "Tủa Chùa", "TP Điện Biên Phủ"} <= set(labels)

    # health stations in the rainy season, as in the issue; the map colours the share of population within 60
    # min
    page.get_by_role("combobox", name="Đích đến").click()
    page.get_by_role("option", name="Trạm y tế xã").click()
    page.get_by_text("Mùa mưa", exact=True).first.click()
    frame = _map_when(page, _legend("Tỷ lệ dân số trong 60 phút tới trạm y tế xã"))
    page.get_by_text(re.compile("Bản đồ và bảng đo cùng một thứ")).wait_for(timeout=30_000)
    frame = _map_when(page, "document.querySelector('.db-access-legend').dataset.measure === 'population'")
    at_60 = _fills(frame)
    assert sum(at_60.values()) == 130 and len(at_60) > 1  # not every commune in one colour
    page.screenshot(path=str(artifacts / f"access_{width}x{height}.png"))

    # the threshold drives the map: 15 min recolours the communes and retitles the legend
    slider = (
        page.locator("[data-testid='stSlider']").filter(has_text="Ngưỡng thời gian").get_by_role("slider")
    )
    slider.focus()
    for _ in range(3):
        slider.press("ArrowLeft")
    frame = _map_when(page, _legend("trong 15 phút"))
    at_15 = _fills(frame)
    assert at_15 != at_60 and sum(at_15.values()) == 130
    # the other measure is offered and named: minutes from the commune centre
    page.get_by_text("Số phút từ trụ sở xã").first.click()
    frame = _map_when(page, _legend("Phút từ trụ sở xã tới trạm y tế xã"))
    page.screenshot(path=str(artifacts / f"access_centre_{width}x{height}.png"))
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_scorecard_commune_level_filters_and_names_districts(browser, app_url, artifacts, size):
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{app_url}/scorecard")
    level = page.locator("[data-testid='stRadio']").filter(has_text="Cấp đánh giá")
    level.wait_for(timeout=120_000)
    page.get_by_text(re.compile(r"^26 dòng$")).wait_for(timeout=120_000)
    assert _table_fits(page)  # province level: values and sources read without scrolling sideways
    level.get_by_text("Xã", exact=True).click()
    page.get_by_role("combobox", name="Huyện").wait_for(timeout=120_000)
    page.get_by_text(re.compile(r"^1\.560 dòng$")).wait_for(timeout=120_000)  # 12 indicators × 130 communes
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stMetric\"]').length >= 4")
    assert _table_fits(page)  # commune level too, with its district column
    page.screenshot(path=str(artifacts / f"scorecard_commune_{width}x{height}.png"))
    page.locator("[data-testid='stDataFrame']").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"scorecard_commune_table_{width}x{height}.png"))
    frame = _map_showing_province(page)
    assert "Mường Nhé" in frame.locator(".db-district-label").all_inner_texts()
    page.locator("[data-testid='stMain']").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    page.screenshot(path=str(artifacts / f"scorecard_commune_map_{width}x{height}.png"))
    page.close()

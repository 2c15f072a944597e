"""The Map page as a planner uses it, in headless Chromium: choices that stay, a click that lands, a first
view that fits.

Screenshots of the page at 1440×900 and 1366×768 are saved under test-artifacts/.
"""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.crs import METRIC_EPSG
from layers import boundaries, roads
from tests.browser.appserver import is_local
from tests.browser.pages import MAP_IFRAME, MARK_OLD, NEW_MAP, after, wait_for_map


def _open(browser, app_url, width=1440, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(app_url)
    wait_for_map(page)
    return page


def _sidebar_state(page) -> dict:
    sidebar = page.locator("[data-testid=stSidebar]")
    return {
        "units_2025": sidebar.get_by_role("radio", name="45", exact=False).is_checked(),
        "jenks": sidebar.get_by_role("radio", name="Jenks", exact=False).is_checked(),
        "district": sidebar.get_by_role("combobox").first.input_value(),
        "schools": sidebar.get_by_role(
            "checkbox", name="Trường học" if _lang(page) == "vi" else "Schools"
        ).is_checked(),
    }


def _lang(page) -> str:
    return (
        "en"
        if page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").is_checked()
        else "vi"
    )


def test_choices_survive_a_language_switch_a_rerun_and_another_page(browser, app_url):
    page = _open(browser, app_url)
    sidebar = page.locator("[data-testid=stSidebar]")
    after(page, lambda: sidebar.get_by_text("45 xã/phường", exact=False).click())
    after(page, lambda: sidebar.get_by_text("Ngắt tự nhiên (Jenks)").click())
    page.evaluate(MARK_OLD)
    sidebar.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="Huyện Mường Nhé", exact=True).click()
    page.wait_for_function(NEW_MAP, timeout=120_000)
    after(page, lambda: sidebar.get_by_text("Trường học", exact=True).click())
    assert wait_for_map(page).locator(".db-legend-section[data-layer='schools']").is_visible()
    chosen = {"units_2025": True, "jenks": True, "district": "Huyện Mường Nhé", "schools": True}
    assert _sidebar_state(page) == chosen

    # Language switch: the same choices, now in English; the map keeps the schools.
    after(page, lambda: sidebar.get_by_text("English", exact=True).click())
    assert _sidebar_state(page) == chosen
    assert wait_for_map(page).locator(".db-legend-section[data-layer='schools']").is_visible()

    # A rerun (another choice changes): the rest stays.
    after(page, lambda: sidebar.get_by_text("Fixed bands", exact=True).click())
    assert _sidebar_state(page) == {**chosen, "jenks": False}

    # A search typed, then another page and back: the search is still there, with the rest.
    box = page.get_by_placeholder("muong nhe")
    box.fill("muong nhe")
    box.press("Enter")
    page.get_by_role("heading", name="Xã Mường Nhé").wait_for(timeout=120_000)
    sidebar.get_by_role("link", name="Flagged communes", exact=True).click()
    page.wait_for_selector(MAP_IFRAME, state="detached", timeout=120_000)
    sidebar.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_function(NEW_MAP, timeout=120_000)
    assert _sidebar_state(page) == {**chosen, "jenks": False}
    assert sidebar.get_by_role("radio", name="Fixed bands").is_checked()
    assert wait_for_map(page).locator(".db-legend-section[data-layer='schools']").is_visible()
    assert page.get_by_placeholder("muong nhe").input_value() == "muong nhe"
    page.close()


def _point_on_a_road_inside(name: str) -> tuple[float, float]:
    """A point of a road well inside commune ``name`` (1 km or more from its boundary), as (lat, lon)."""
    communes = boundaries.load_communes("pre2025", display=True)
    commune = communes.loc[communes["commune"] == name].to_crs(METRIC_EPSG).geometry.iloc[0]
    inner = commune.buffer(-1000)
    network = roads.load_roads().to_crs(METRIC_EPSG)
    on_road = network[network.intersects(inner)].geometry.intersection(inner)
    assert not on_road.empty, f"no road crosses {name}"
    line = on_road.iloc[on_road.length.argmax()]
    point = gpd.GeoSeries([line.interpolate(0.5, normalized=True)], crs=METRIC_EPSG).to_crs(4326).iloc[0]
    return point.y, point.x


@pytest.mark.parametrize("name", ["Xã Mường Nhé"])
def test_a_click_on_a_road_inside_a_commune_opens_that_commune(browser, app_url, name):
    requests: list[str] = []
    page = _open(browser, app_url)
    page.on("request", lambda request: requests.append(request.url))
    lat, lon = _point_on_a_road_inside(name)
    frame = wait_for_map(page)
    frame.evaluate(
        "([lat, lon]) => { window.map.setView([lat, lon], 12, {animate: false}); return true; }", [lat, lon]
    )
    # The road is drawn there, on top of the commune.
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [Math.round(p.x), "
        "Math.round(p.y)]; }",
        [lat, lon],
    )
    frame.locator("#map_div").click(position={"x": x, "y": y})
    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=60_000)
    panel = page.locator("table").filter(has_text="Mã xã (TCTK)")
    communes = boundaries.load_communes("pre2025", display=True)
    assert communes.loc[communes["commune"] == name, "gso_code"].iloc[0] in panel.inner_text()
    assert not [url for url in requests if not is_local(url)]
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1366, 768)])
def test_the_first_view_shows_the_whole_province_clear_of_the_legend(
    browser, app_url, artifacts, width, height
):
    page = _open(browser, app_url, width, height)
    frame = wait_for_map(page)
    page.wait_for_timeout(300)  # the fit after load
    minx, miny, maxx, maxy = (float(b) for b in boundaries.load_province(display=True).total_bounds)
    box = frame.evaluate(
        """([minx, miny, maxx, maxy]) => {
        const a = window.map.latLngToContainerPoint([maxy, minx]);
        const b = window.map.latLngToContainerPoint([miny, maxx]);
        const size = window.map.getSize();
        const lg = document.querySelector('.db-legend').getBoundingClientRect();
        const mp = document.getElementById('map_div').getBoundingClientRect();
        const bd = document.querySelector('.db-illustrative').getBoundingClientRect();
        return {left: a.x, top: a.y, right: b.x, bottom: b.y, width: size.x, height: size.y,
                legend_left: lg.left - mp.left, legend_top: lg.top - mp.top,
                badge_bottom: bd.bottom - mp.top};
    }""",
        [minx, miny, maxx, maxy],
    )
    assert box["left"] >= 0 and box["top"] >= 0, box
    assert box["right"] <= box["width"] and box["bottom"] <= box["height"], box
    # the legend hides none of it
    assert box["right"] <= box["legend_left"] or box["bottom"] <= box["legend_top"], box
    assert box["top"] >= box["badge_bottom"], box  # nor does the illustrative-data badge
    # The map takes most of the window: the whole width of the main area and more than 70 % of the height.
    iframe = page.locator(MAP_IFRAME).bounding_box()
    assert iframe["height"] > 0.7 * height and iframe["width"] > 0.6 * width, iframe
    page.screenshot(path=str(artifacts / f"map_page_{width}x{height}.png"))
    page.close()


#: What the map frame holds once: one legend, one scale bar, one credits box, one illustrative badge.
_CONTROLS = """() => {
  const d = document.querySelector("iframe[title='streamlit_folium.st_folium']").contentDocument;
  return ['.db-legend', '.leaflet-control-scale', '.db-credits', '.db-illustrative']
    .map(s => d.querySelectorAll(s).length); }"""


def test_a_new_choice_redraws_the_map_in_place_with_one_legend(browser, app_url):
    """A district and a language change redraw the map in the frame the page has (no reload of the map), and
    the redrawn map has its legend, scale bar, credits and badge once each, in the new language, over the
    district."""
    page = _open(browser, app_url)
    sidebar = page.locator("[data-testid=stSidebar]")
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    frame.evaluate("() => { window.__sameFrame = true; }")
    province_layers = frame.evaluate("() => Object.keys(window.map._layers).length")
    page.evaluate(MARK_OLD)
    sidebar.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="Huyện Mường Nhé", exact=True).click()
    page.wait_for_function(NEW_MAP, timeout=120_000)
    assert frame.evaluate("() => window.__sameFrame === true")
    assert page.evaluate(_CONTROLS) == [1, 1, 1, 1]
    # one district drawn
    assert frame.evaluate("() => Object.keys(window.map._layers).length") < province_layers
    after(page, lambda: sidebar.get_by_text("English", exact=True).click())
    assert frame.evaluate("() => window.__sameFrame === true")
    page.wait_for_function("""() => document.querySelector("iframe[title='streamlit_folium.st_folium']")
                              .contentDocument.querySelector('.db-legend').innerText.includes('Legend')""")
    assert page.evaluate(_CONTROLS) == [1, 1, 1, 1]
    page.close()

"""The real page in headless Chromium: map appears, a layer switches, a click fills the panel, nothing leaves
localhost."""

from __future__ import annotations

import geopandas as gpd

from layers import boundaries
from tests.browser.appserver import is_local
from tests.browser.pages import after, wait_for_map


def _map_frame(page):
    return wait_for_map(page)


def _commune(name: str) -> tuple[float, float, str]:
    communes = boundaries.load_communes("pre2025", display=True)
    row = communes.loc[communes["commune"] == name].iloc[0]
    point = gpd.GeoSeries([row.geometry], crs=4326).to_crs(32648).representative_point().to_crs(4326).iloc[0]
    return point.y, point.x, row["gso_code"]


def test_map_layers_click_panel_offline(browser, app_url, artifacts):
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(app_url)
    frame = _map_frame(page)

    # Switch a layer in the sidebar's layer list: schools are off at start; ticking them draws one icon per
    # school.
    icons_before = frame.locator(".db-icon").count()
    sidebar = page.locator("[data-testid=stSidebar]")
    frame = after(page, lambda: sidebar.get_by_text("Trường học", exact=True).click())
    assert frame.locator(".db-icon").count() > icons_before + 100
    assert frame.locator(".db-legend-section[data-layer='schools']").is_visible()

    # Click Xã Mường Nhé on the map; the panel beside the map shows its name and GSO code.
    lat, lon, gso_code = _commune("Xã Mường Nhé")
    frame.evaluate(
        "([lat, lon]) => { window.map.setView([lat, lon], 11, {animate: false}); return true; }", [lat, lon]
    )
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    frame.locator("#map_div").click(position={"x": x, "y": y})
    page.get_by_role("heading", name="Xã Mường Nhé").wait_for(timeout=120_000)
    panel = page.locator("table").filter(has_text="Mã xã (TCTK)")
    panel.wait_for(timeout=120_000)
    assert gso_code in panel.inner_text()
    assert "Huyện Mường Nhé" in panel.inner_text()

    page.screenshot(path=str(artifacts / "map_page.png"), full_page=True)
    outside = [url for url in requests if not is_local(url)]
    assert not outside, f"requests left localhost: {outside}"
    page.close()


def test_illustrative_mark_follows_visible_layers(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    frame = _map_frame(page)
    badge = frame.locator(".db-illustrative")
    badge.wait_for(state="visible", timeout=120_000)
    assert "Dữ liệu minh họa" in badge.inner_text()
    sidebar = page.locator("[data-testid=stSidebar]")
    for label in ("Không tô màu", "Đường giao thông", "Xã thiếu đường/điện"):  # only real layers left
        frame = after(page, lambda label=label: sidebar.get_by_text(label, exact=True).click())
    assert not frame.locator(".db-illustrative").is_visible()
    frame = after(page, lambda: sidebar.get_by_text("Cơ sở y tế", exact=True).click())
    frame.locator(".db-illustrative").wait_for(state="visible", timeout=120_000)
    page.close()

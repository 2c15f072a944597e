"""The resettlement page in headless Chromium: run the suitability, see the ranked sites on the map with the
illustrative mark, download the site table, compare a scenario; nothing leaves localhost."""

from __future__ import annotations

import csv
import io

import pytest

from geo.messages import msg
from tests.browser.appserver import is_local

#: Long waits: the page computes the village ranking and the surface on a shared 2-core machine.
SLOW_MS = 600_000


def _site_map(page):
    """The map frame that draws the candidate sites (their labels), once it has."""
    page.wait_for_function(
        """() => [...document.querySelectorAll("iframe[title='streamlit_folium.st_folium']")]
        .some(f => f.contentDocument && [...f.contentDocument.querySelectorAll('.db-label')]
        .some(label => label.textContent.startsWith('#1 S')))""",
        timeout=SLOW_MS,
    )
    return next(
        f
        for f in page.frames
        if "streamlit_folium" in f.url and f.locator(".db-label").filter(has_text="#1 S").count() > 0
    )


@pytest.mark.timeout(1800)  # the page computes the ranking, the surface and a scenario on a shared machine
def test_suitability_sites_export_and_scenario(browser, app_url, artifacts):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    # each rerun recomputes on a loaded machine; every wait polls, none sleeps
    page.set_default_timeout(SLOW_MS)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/resettlement")
    page.get_by_role("heading", name=msg("res_page_title", "vi")).wait_for(timeout=SLOW_MS)
    # the illustrative DEM is said before anything is computed
    page.get_by_text("DỮ LIỆU MINH HỌA: không có DEM thật ngoại tuyến", exact=False).wait_for(timeout=SLOW_MS)

    page.get_by_role("tab", name=msg("res_tab_sites", "vi")).click()
    page.locator("[data-testid=stRadio]").get_by_text("90", exact=True).click()  # 90 m cells: a quicker run
    page.get_by_role("button", name=msg("res_run", "vi")).click()
    summary = page.get_by_text("ô được chấm điểm trên", exact=False)
    summary.wait_for(timeout=SLOW_MS)
    assert "điểm đề xuất" in summary.inner_text()

    frame = _site_map(page)
    sites = [text for text in frame.locator(".db-label").all_inner_texts() if text.startswith("#")]
    assert len(sites) >= 3 and sites[0].startswith("#1 S")  # ranked sites, labelled with their rank and id
    badge = frame.locator(".db-illustrative")
    assert badge.is_visible() and "MINH HỌA" in badge.inner_text().upper()
    assert frame.locator(".db-legend-section[data-layer='res_suitability']").is_visible()
    assert frame.locator(".db-legend-section[data-layer='res_sites']").is_visible()
    page.locator("iframe[title='streamlit_folium.st_folium']").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "resettlement_1440x900.png"), full_page=False)

    with page.expect_download(timeout=SLOW_MS) as download:
        page.get_by_role("button", name=msg("res_dl_csv", "vi")).click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["rank"] == "1" and all(r["illustrative"] == "true" for r in rows)
    assert "dem" in rows[0]["illustrative_inputs"]

    # a scenario: harden a road of the communes shown, compare with the baseline
    page.get_by_role("tab", name=msg("res_tab_scenarios", "vi")).click()
    roads = page.locator("[data-testid=stMultiSelect]").filter(has_text=msg("res_scn_roads", "vi"))
    roads.locator("input").click()
    page.locator("[role=option]").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name=msg("res_scn_compare", "vi")).click()
    changed = page.get_by_text("xã thay đổi;", exact=False)
    changed.wait_for(timeout=SLOW_MS)
    page.get_by_text(msg("res_scn_people", "vi"), exact=True).wait_for(timeout=SLOW_MS)

    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("tab", name=msg("res_tab_sites", "vi")).click()
    page.get_by_text("ô được chấm điểm trên", exact=False).wait_for(timeout=SLOW_MS)
    page.locator("iframe[title='streamlit_folium.st_folium']").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "resettlement_1366x768.png"), full_page=False)
    page.get_by_role("tab", name=msg("res_tab_scenarios", "vi")).click()
    changed.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "resettlement_scenario_1366x768.png"), full_page=False)

    outside = [url for url in requests if not is_local(url)]
    assert not outside, f"requests left localhost: {outside}"
    page.close()

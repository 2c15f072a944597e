"""Open the running app in headless Chromium, wait for the map, save a screenshot: python
scripts/screenshot.py URL OUT.png."""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(url: str, out: str, width: int = 1500, height: int = 1000) -> int:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        external = []
        local = ("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")
        page.on("request", lambda r: None if r.url.startswith(local) else external.append(r.url))
        page.goto(url)
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
        frame.locator(".leaflet-interactive").first.wait_for(timeout=60000)
        page.wait_for_timeout(1500)
        page.screenshot(path=out, full_page=True)
        browser.close()
    print("external requests:", external)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))

"""The import page in headless Chromium: notes naming hostile column headers render as text — no image
fetched, no link, no HTML — and nothing leaves localhost."""

from __future__ import annotations

from tests.browser.appserver import is_local
from ui.text import WORD_JOINER

HEADERS = [
    "![x](http://evil.example/img.png)",
    "[link](http://evil.example/)",
    "<img src=http://evil.example/i.png>",
    "www.evil.example a@evil.example :red[đỏ] **đậm**",
]


def test_import_notes_show_headers_as_text(browser, app_url, artifacts):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/import")
    header = ";".join(["gso_code", "year", *HEADERS])
    data = f"{header}\n03124;2020;{';'.join(['1,5'] * len(HEADERS))}\n".encode()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "khao_sat.csv", "mimeType": "text/csv", "buffer": data}]
    )
    alerts = page.locator("[data-testid=stAlert]")
    # a note per header, one naming the unused columns, and
    alerts.nth(len(HEADERS) + 1).wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "import_notes.png"), full_page=True)  # what saving would change
    assert alerts.count() == len(HEADERS) + 2
    texts = []
    for i in range(alerts.count()):
        alert = alerts.nth(i)
        assert alert.locator("img, a, strong, span[class*=red]").count() == 0, alert.inner_html()
        texts.append(alert.inner_text().replace(WORD_JOINER, ""))
    for hostile in HEADERS:
        assert any(f"cột {hostile}:" in text for text in texts), hostile  # the page opens in Vietnamese
    assert sum(text.startswith("Khi lưu: 1 dòng (xã × năm) được cập nhật") for text in texts) == 1
    outside = [url for url in requests if not is_local(url)]
    assert not outside, f"requests left localhost: {outside}"
    page.close()

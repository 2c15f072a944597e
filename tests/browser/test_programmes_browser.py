"""The Programmes page in headless Chromium, in Vietnamese: the ranking, a district filter, a CSV download (in
Vietnamese, the same file as the CLI's)."""

from __future__ import annotations

import io

import pandas as pd

import cli
from tests.browser.appserver import is_local, loaded_map_frame
from tests.browser.pages import settle


def _ranking_text(page) -> str:
    """The text of the ranking table (the grid draws on a canvas; its cells are also in an accessible
    table)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=240_000)
    grid.scroll_into_view_if_needed()
    return grid.text_content() or ""


def _screenshot(page, path) -> None:
    """The top of the page (title, choices, map) once the page has finished running."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=240_000)
    page.get_by_role(
        "heading", name="Chương trình nào phủ xã nào, so với nhu cầu"
    ).scroll_into_view_if_needed()
    page.screenshot(path=str(path))


def test_programmes_page_ranks_filters_and_downloads(browser, app_url, artifacts, tmp_path):
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/programmes")
    page.get_by_role("heading", name="Chương trình nào phủ xã nào, so với nhu cầu").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Xếp hạng nhu cầu").wait_for(timeout=240_000)
    frame = loaded_map_frame(page, 60)
    frame.wait_for_selector(".db-legend-section[data-layer='prog_need']", state="attached", timeout=60_000)
    assert "nhóm 1 — cần nhất" in frame.locator(".db-legend-section[data-layer='prog_need']").inner_text()
    assert frame.locator(".db-illustrative").is_visible()  # the need rests on the illustrative survey
    ranking = _ranking_text(page)
    assert ranking.startswith("HạngXãHuyệnĐiểm nhu cầu") and "1Xã " in ranking
    _screenshot(page, artifacts / "programmes_1440x900.png")

    # Filter a district: the ranking keeps its communes, with their province-wide ranks.
    page.locator("[data-testid='stSelectbox']").filter(has_text="Lọc theo huyện").locator("input").click()
    page.locator("[role=option]").filter(has_text="Huyện Mường Nhé").first.click()
    page.wait_for_function(
        "() => { const g = document.querySelector('[data-testid=\"stDataFrame\"]'); return g && "
        "g.textContent.includes('Huyện Mường Nhé') && !g.textContent.includes('Huyện Nậm Pồ'); }",
        timeout=240_000,
    )
    ranking = _ranking_text(page)
    assert "Huyện Mường Nhé" in ranking and "Huyện Tuần Giáo" not in ranking
    settle(page)  # the rerun has finished: the download buttons below the ranking are the filtered ones too
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Bảng xã (CSV)").click()
    assert download.value.suggested_filename.endswith("_096_xa.csv")
    data = download.value.path().read_bytes()
    table = pd.read_csv(
        io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=False
    )
    assert table.columns[:4].tolist() == ["Mã xã (TCTK)", "Xã", "Mã huyện (TCTK)", "Huyện"]  # in Vietnamese
    rows = table[table["Mã huyện (TCTK)"] != ""]
    # the 11 pre-2025 communes of Mường Nhé
    assert set(rows["Mã huyện (TCTK)"]) == {"096"} and len(rows) == 11
    assert rows["Mã xã (TCTK)"].str.fullmatch(r"0\d{4}").all()
    assert set(rows["Xã biên giới (suy diễn từ bản đồ, chính thức 29 xã)"]) <= {
        "thuộc chương trình",
        "không thuộc",
    }
    assert "Dữ liệu minh họa / Illustrative data" in data.decode("utf-8-sig")
    cli_csv = tmp_path / "cli_096.csv"  # the CLI with the same choices writes the same file
    assert cli.main(["programmes", "--district", "096", "--out", str(cli_csv)]) == 0
    assert cli_csv.read_bytes() == data

    page.set_viewport_size({"width": 1366, "height": 768})
    _screenshot(page, artifacts / "programmes_1366x768.png")
    outside = [url for url in requests if not is_local(url)]
    assert not outside, f"requests left localhost: {outside}"
    page.close()


#: The text of every choice shown: the chosen value of each select box, and each multiselect's whole text.
_CHOICES = """() => [
  ...Array.from(document.querySelectorAll("[data-testid=stSelectbox] input")).map(e => e.value),
  ...Array.from(document.querySelectorAll("[data-testid=stMultiSelect]")).map(e => e.textContent)]"""
_ENGLISH = """() => {
  const shown = Array.from(document.querySelectorAll("[data-testid=stSelectbox] input")).map(e => e.value);
  return shown.length === 3 && shown.includes("All districts") && !shown.some(v => v.includes("Huyện nghèo"));
}"""


def test_the_choices_shown_follow_the_language(browser, app_url):
    # Streamlit keeps the label of a keyed choice it is not sent again: switching to English must relabel the
    # district filter ("All districts") and the programmes chosen, not leave them in Vietnamese
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{app_url}/programmes")
    settle(page)
    assert "Tất cả các huyện" in page.evaluate(_CHOICES)
    page.get_by_text("English").first.click()
    settle(page)
    page.wait_for_function(_ENGLISH, timeout=60_000)
    shown = page.evaluate(_CHOICES)
    assert not any("Tất cả" in s or "Huyện nghèo" in s for s in shown), shown
    assert shown[0].startswith("30a poor districts") and "Border communes" in shown[-1], shown
    page.close()

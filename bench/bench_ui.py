"""Benchmark the Map page as a user drives it in Chromium, against the app as it was (a baseline run in the
same run).

Run: .venv/bin/python bench/bench_ui.py [--rounds 5] [--baseline-rev REV]   (needs /usr/bin/chromium; asserts
nothing)

Two servers are started from the same interpreter: this checkout, and the baseline revision (default
:data:`BASELINE_REV`, the main branch before the Map page was reworked) extracted with ``git archive`` into a
temporary folder.  Each round opens a fresh browser page on each app in turn (so both meet the same machine
load) and times, from the user's action to what the user waits for:

- first map: navigation to a warm server (one load of each app happens before the rounds) → map drawn with
legend;
- click a commune: the map zoomed to a commune (not timed), a click at its interior point → its panel heading;
- classes: the number-of-classes slider moved from 5 to 4 → the map redrawn;
- district: "Huyện Mường Nhé" picked in the district filter (its list opened first, not timed) → the map
redrawn;
- search: "muong nhe" typed and Enter → the panel heading "Xã Mường Nhé" shown;
- language: English chosen → the map redrawn in English.

"Redrawn" means a map that was not there before the action (the old one is marked) with its legend, or, when
the app keeps its map (the new page does for a search or a click), the panel.  Prints the median of the rounds
per step for both apps and their ratio.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402
from tests.browser.pages import MAP_IFRAME, MARK_OLD, NEW_MAP  # noqa: E402

# "A new map" is the browser tests' NEW_MAP: a new frame (the baseline makes one per choice) or new contents
# in the same frame (this checkout swaps them in place).

#: The main branch before the Map page rework of issue 14 (st_folium re-rendering the whole map on every
#: rerun).
BASELINE_REV = "3c88c45"
ROUNDS = 5
STEPS = ("first_map", "click_commune", "classes", "district", "search", "language")


def extract_revision(rev: str, into: Path) -> Path:
    """The files of git revision ``rev`` in ``into`` (``git archive``; the data folder is part of the
    repository)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def quiet_commune() -> tuple[str, float, float]:
    """A commune whose interior point lies 1 km or more from every road and power line (a click there lands on
    the commune in the old app too), with that point (lat, lon)."""
    import geopandas as gpd

    from geo.crs import METRIC_EPSG
    from layers import boundaries, power, roads

    communes = boundaries.load_communes("pre2025", display=True)
    lines = (
        gpd.GeoSeries(
            list(roads.load_roads().geometry)
            + list(roads.load_main_roads().geometry)
            + list(power.load_power_lines().geometry),
            crs=4326,
        )
        .to_crs(METRIC_EPSG)
        .union_all()
    )
    points = communes.geometry.representative_point().to_crs(METRIC_EPSG)
    far = points.distance(lines)
    best = far.idxmax()
    point = gpd.GeoSeries([points[best]], crs=METRIC_EPSG).to_crs(4326).iloc[0]
    return str(communes.at[best, "commune"]), point.y, point.x


def _timed(page, action, ready, *, mark: bool = True, timeout_ms: int = 60_000) -> float:
    """Seconds from ``action()`` to ``ready`` (a JS predicate or a callable that waits) on ``page``."""
    if mark:
        page.evaluate(MARK_OLD)
    start = time.perf_counter()
    action()
    if callable(ready):
        ready(timeout_ms)
    else:
        page.wait_for_function(ready, timeout=timeout_ms)
    return time.perf_counter() - start


def one_round(
    browser, url: str, commune: tuple[str, float, float], *, first_timeout_ms: int = 90_000
) -> dict[str, float | None]:
    """Every step once on a fresh page of the app at ``url``; ``None`` for a step that did not finish."""
    name, lat, lon = commune
    out: dict[str, float | None] = {}
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(NEW_MAP, timeout=first_timeout_ms)
        out["first_map"] = time.perf_counter() - start
        page.wait_for_timeout(400)  # let the map settle (the fit after load)

        # Zoom to the commune first (in the old app the first view did not show all of it): only the click is
        # timed.
        frame = page.wait_for_selector(MAP_IFRAME).content_frame()
        frame.evaluate(
            "([lat, lon]) => { window.map.setView([lat, lon], 11, {animate: false}); return true; }",
            [lat, lon],
        )
        page.wait_for_timeout(300)

        def click() -> None:
            x, y = frame.evaluate(
                "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, "
                "p.y]; }",
                [lat, lon],
            )
            frame.locator("#map_div").click(position={"x": x, "y": y})

        def heading(text):
            return lambda timeout: page.get_by_role("heading", name=text).wait_for(timeout=timeout)

        out["click_commune"] = _try(lambda: _timed(page, click, heading(name), mark=False, timeout_ms=60_000))

        def classes() -> None:
            slider = page.locator("input[type=range][min='3'][max='7']").first
            slider.focus()
            page.keyboard.press("ArrowLeft")

        out["classes"] = _try(lambda: _timed(page, classes, NEW_MAP))

        # The list of districts is opened first (not timed): the change is the pick of a district in it.
        page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
        option = page.get_by_role("option", name="Huyện Mường Nhé", exact=True)
        option.wait_for(timeout=60_000)
        out["district"] = _try(lambda: _timed(page, option.click, NEW_MAP))

        def search() -> None:
            box = page.get_by_placeholder("muong nhe")
            box.fill("muong nhe")
            box.press("Enter")

        out["search"] = _try(
            lambda: _timed(page, search, heading("Xã Mường Nhé"), mark=False, timeout_ms=60_000)
        )

        def english() -> None:
            page.get_by_text("English", exact=True).click()

        out["language"] = _try(
            lambda: _timed(
                page,
                english,
                NEW_MAP.replace(
                    "w.document.querySelector('.db-legend')",
                    "w.document.querySelector('.db-legend') && "
                    "w.document.querySelector('.db-legend').innerText.includes('Legend')",
                ),
            )
        )
    finally:
        page.close()
    return out


def _try(step) -> float | None:
    try:
        return step()
    except (
        Exception
    ) as exc:  # a step that never finishes (the old app's click on a road) is reported, not fatal
        print(f"  step failed: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}", flush=True)
        return None


def _median(values: list[float | None]) -> str:
    done = [v for v in values if v is not None]
    if not done:
        return "   n/a"
    text = f"{statistics.median(done):6.2f}"
    return text + (f" ({len(values) - len(done)} failed)" if len(done) < len(values) else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the two servers on the way out
    if not Path(CHROMIUM).exists():
        print("skipped: /usr/bin/chromium is missing")
        return 0
    from playwright.sync_api import sync_playwright

    commune = quiet_commune()
    print(
        f"click target: {commune[0]} at ({commune[1]:.4f}, {commune[2]:.4f}); baseline {args.baseline_rev}",
        flush=True,
    )
    results: dict[str, dict[str, list]] = {"baseline": {s: [] for s in STEPS}, "new": {s: [] for s in STEPS}}
    with tempfile.TemporaryDirectory(prefix="bench_ui_") as tmp:
        base_dir = extract_revision(args.baseline_rev, Path(tmp))
        with (
            running_app(cwd=base_dir, timeout_s=180) as base_url,
            running_app(timeout_s=180) as new_url,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            urls = {"baseline": base_url, "new": new_url}
            for (
                label,
                url,
            ) in urls.items():  # warm each server: caches filled, as after the first user of the day
                one_round(browser, url, commune, first_timeout_ms=600_000)
                print(f"warmed {label}", flush=True)
            for i in range(args.rounds):
                for label, url in urls.items():
                    got = one_round(browser, url, commune)
                    for step in STEPS:
                        results[label][step].append(got.get(step))
                    print(
                        f"round {i + 1} {label}: "
                        + ", ".join(f"{s} {'-' if got.get(s) is None else f'{got[s]:.2f}'}" for s in STEPS),
                        flush=True,
                    )
            browser.close()
    print(
        f"\nmedian of {args.rounds} rounds, seconds (1440x900, Chromium headless, both servers on this "
        f"machine):"
    )
    print(f"{'step':<15}{'baseline':>22}{'new':>22}{'ratio':>8}")
    for step in STEPS:
        base, new = results["baseline"][step], results["new"][step]
        b = [v for v in base if v is not None]
        n = [v for v in new if v is not None]
        ratio = f"{statistics.median(b) / statistics.median(n):.1f}x" if b and n else "-"
        print(f"{step:<15}{_median(base):>22}{_median(new):>22}{ratio:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

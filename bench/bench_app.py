"""Benchmark the map app: time to a visible map, rerun time after a widget change, bytes the browser receives.

Run: .venv/bin/python bench/bench_app.py   (needs /usr/bin/chromium; prints figures, asserts nothing)

Baselines, measured in the same process:
- page weight: the same map built naively (full-resolution geometry, full coordinate precision, every column)
vs ours;
- rerun: the first (cold-cache) script run vs a rerun after a widget change (Streamlit AppTest, no browser).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

RUNS = 5


def map_html_sizes() -> tuple[int, int]:
    """Bytes of our map page vs a naive folium map of the same layers (full geometry, all columns)."""
    import folium

    from analysis.classify import classify_values
    from layers import boundaries, facilities, power, roads
    from layers.mapdata import assemble_map
    from layers.mapview import MapOptions, build_map
    from layers.registry import load_embedded
    from workflows.flags import run_flags

    run = run_flags("pre2025", year=2020)
    data = assemble_map(
        boundaries.load_communes("pre2025", display=True),
        boundaries.load_districts(display=True),
        boundaries.load_province(display=True),
        load=load_embedded,
        survey=run.survey,
        flags=run.flags,
        sources=run.sources,
    )
    ours = build_map(
        data,
        MapOptions(
            classification=classify_values(data.communes["poor_hh_rate_pct"]), asset_base_url="/component/x"
        ),
    )
    ours_bytes = len(ours.get_root().render().encode("utf-8"))

    naive = folium.Map(location=[21.7, 102.9], zoom_start=9)
    full = boundaries.load_communes("pre2025").join(
        run.survey.drop(columns=["gso_code", "provenance"], errors="ignore"), on="unit_id"
    )
    for frame in (
        full,
        boundaries.load_districts(),
        boundaries.load_province(),
        roads.load_roads(),
        roads.load_main_roads(),
        power.load_power_lines(),
        power.load_grid_mv(),
        facilities.load_schools(),
        facilities.load_health(),
        facilities.load_commune_centres(),
    ):
        folium.GeoJson(frame.to_json(default=str)).add_to(naive)
    naive_bytes = len(naive.get_root().render().encode("utf-8"))
    return ours_bytes, naive_bytes


def rerun_times() -> tuple[float, list[float]]:
    """Seconds for the first script run and for reruns after changing the classification widget (AppTest)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    times = []
    for scheme in ("natural_breaks", "fixed_bands", "quantiles", "natural_breaks", "fixed_bands"):
        at.sidebar.radio(key="scheme").set_value(scheme)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return cold, times


def browser_figures() -> dict[str, float]:
    """Time from the server answering to a visible map, browser rerun after a widget change, bytes
    received."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {
        "load_s": [],
        "rerun_s": [],
        "bytes": [],
        "map_bytes": [],
        "framework_bytes": [],
    }
    with running_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            # Bytes on the wire (compressed where the server compresses), by what they carry.
            received = {"framework": 0, "map": 0}

            def on_finished(request, received=received):
                size = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
                kind = "map" if "/component/" in request.url else "framework"
                received[kind] += max(size, 0)

            def on_ws(ws, received=received):
                ws.on(
                    "framereceived",
                    lambda payload: received.__setitem__("map", received["map"] + len(payload)),
                )

            page.on("requestfinished", on_finished)
            page.on("websocket", on_ws)
            start = time.perf_counter()
            page.goto(url)
            frame_el = page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=60_000)
            frame = frame_el.content_frame()
            frame.wait_for_function(
                "() => window.map && document.querySelector('.db-legend')", timeout=60_000
            )
            figures["load_s"].append(time.perf_counter() - start)
            page.wait_for_timeout(500)
            figures["map_bytes"].append(received["map"])
            figures["framework_bytes"].append(received["framework"])
            figures["bytes"].append(received["map"] + received["framework"])
            # Rerun: choose fixed bands in the sidebar; wait until the legend in the map says so.
            start = time.perf_counter()
            page.get_by_text("Khoảng cố định").click()
            frame_el = page.wait_for_selector("iframe[title='streamlit_folium.st_folium']")
            page.wait_for_function(
                "() => { const f = document.querySelector(\"iframe[title='streamlit_folium.st_folium']\"); "
                "return !!(f && f.contentDocument && f.contentDocument.body) && "
                "f.contentDocument.body.innerText.includes('Khoảng cố định'); }",
                timeout=60_000,
            )
            figures["rerun_s"].append(time.perf_counter() - start)
            page.close()
        browser.close()
    return {key: statistics.median(values) for key, values in figures.items()}


def main() -> int:
    ours, naive = map_html_sizes()
    print(
        f"map page weight: ours {ours / 1e6:.2f} MB vs naive folium map {naive / 1e6:.2f} MB (ratio "
        f"{naive / ours:.1f}x)"
    )
    cold, reruns = rerun_times()
    print(
        f"script run (AppTest): first run {cold:.2f} s; rerun after a widget change median "
        f"{statistics.median(reruns):.3f} s (max {max(reruns):.3f} s) over {len(reruns)} changes"
    )
    if Path(CHROMIUM).exists():
        b = browser_figures()
        print(
            f"browser (median of {RUNS}): map visible {b['load_s']:.2f} s after navigation to a running "
            f"server; rerun after a widget change until the map shows it {b['rerun_s']:.2f} s; bytes "
            f"received on load {b['bytes'] / 1e6:.2f} MB on the wire: the map (component files, Leaflet, "
            f"websocket frames with the map and page data) {b['map_bytes'] / 1e6:.2f} MB + Streamlit's own "
            f"front-end bundle {b['framework_bytes'] / 1e6:.2f} MB (cached by the browser after the first "
            f"visit)"
        )
    else:
        print("browser figures skipped: /usr/bin/chromium is missing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Export speed: A4 PDF at 150 dpi (target < 3 s) and a district's fact sheets (target < 30 s), with
baselines.

Run: .venv/bin/python bench/bench_export.py Baselines, measured in the same process: the same layout at 300
dpi and as a PNG; and the naive drawing approach (the Agg canvas attached while layers are plotted, so
geopandas redraws the whole figure after every layer).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import matplotlib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report import layout  # noqa: E402
from report.factsheet import render_factsheets, select_units  # noqa: E402
from report.mapdata import MapRequest  # noqa: E402
from workflows.exports import load_access, load_bundle  # noqa: E402


def timed(label: str, func, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<62} {best:7.2f} s")
    return best


def naive_pdf(bundle, settings) -> bytes:
    """Baseline: the same layout with the Agg canvas attached from the start (a redraw after every geopandas
    plot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    original = Figure.__init__

    def with_canvas(self, *args, **kwargs):
        original(self, *args, **kwargs)
        FigureCanvasAgg(self)

    Figure.__init__ = with_canvas
    try:
        with matplotlib.rc_context(layout.RC):
            fig, _ = layout.build_layout(bundle, settings)
            buf = io.BytesIO()
            fig.savefig(buf, format="pdf")
        return buf.getvalue()
    finally:
        Figure.__init__ = original


def main() -> None:
    start = time.perf_counter()
    bundle = load_bundle(MapRequest())
    print(f"{'load data + flags (once per request)':<62} {time.perf_counter() - start:7.2f} s")
    a4 = layout.PrintSettings(paper="A4", orientation="landscape", dpi=150, title="Bench")
    t150 = timed(
        "A4 landscape PDF, 150 dpi (whole province)", lambda: layout.render_layout(bundle, a4, "pdf")
    )
    t300 = timed(
        "  baseline: same PDF at 300 dpi",
        lambda: layout.render_layout(bundle, layout.PrintSettings(dpi=300, title="Bench"), "pdf"),
    )
    tpng = timed("  A4 landscape PNG, 150 dpi", lambda: layout.render_layout(bundle, a4, "png"))
    ta3 = timed(
        "  A3 portrait PNG, 300 dpi",
        lambda: layout.render_layout(
            bundle, layout.PrintSettings(paper="A3", orientation="portrait", dpi=300, title="Bench"), "png"
        ),
        repeat=1,
    )
    tnaive = timed(
        "  baseline: naive drawing (redraw after every layer), PDF 150",
        lambda: naive_pdf(bundle, a4),
        repeat=1,
    )
    print(
        f"  ratio naive / ours: {tnaive / t150:.1f}x; 300 dpi / 150 dpi: {t300 / t150:.2f}; PNG / PDF: "
        f"{tpng / t150:.2f}; A3 300 dpi PNG: {ta3:.2f} s"
    )

    sheets = load_bundle(MapRequest(visible=("communes", "districts", "flags", "roads", "power", "centres")))
    start = time.perf_counter()
    access = load_access("pre2025")
    t_access = time.perf_counter() - start
    print(f"{'travel times (access analysis, both seasons, once)':<62} {t_access:7.2f} s")
    for district in ("100", "094"):
        units = select_units(sheets, district=district)
        elapsed = timed(
            f"fact sheets of district {district} ({len(units)} communes, one PDF)",
            lambda units=units: render_factsheets(sheets, units, access=access),
            repeat=1,
        )
        print(
            f"  per commune: {elapsed / len(units):.2f} s; with data loading and access: "
            f"{elapsed + t_access:.2f} s (target 30 s)"
        )


def cold_cli() -> None:
    """End to end as a planner runs it: a fresh Python process, imports, data, flags, layout, file."""
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        for argv, label in (
            (
                [
                    "map",
                    "--format",
                    "pdf",
                    "--paper",
                    "A4",
                    "--dpi",
                    "150",
                    "--title",
                    "Bench",
                    "--out",
                    f"{tmp}/m.pdf",
                ],
                "cold CLI: export map A4 PDF 150 dpi",
            ),
            (
                ["factsheet", "--district", "100", "--out", f"{tmp}/f.pdf"],
                "cold CLI: export factsheet --district 100",
            ),
        ):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(root / "cli.py"), "export", *argv], check=True, cwd=root)
            print(f"{label:<62} {time.perf_counter() - start:7.2f} s")


if __name__ == "__main__":
    main()
    cold_cli()

"""`cli.py flags`: one row per commune with the all-season-road and grid flags and their evidence."""

from __future__ import annotations

import argparse

from analysis.flags import FlagThresholds
from commands.output import write_csv
from workflows import run_flags


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("flags", help="flag communes lacking an all-season road or grid power")
    parser.add_argument("--units", choices=("pre2025", "2025"), default="pre2025")
    parser.add_argument("--year", type=int, default=2020, help="survey year 2015-2020 (default 2020)")
    parser.add_argument("--road-km", type=float, default=FlagThresholds.road_km)
    parser.add_argument("--grid-km", type=float, default=FlagThresholds.grid_km)
    parser.add_argument("--grid-pct", type=float, default=FlagThresholds.grid_household_pct)
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def run(args: argparse.Namespace) -> int:
    thresholds = FlagThresholds(road_km=args.road_km, grid_km=args.grid_km, grid_household_pct=args.grid_pct)
    result = run_flags(args.units, year=args.year, thresholds=thresholds, project=args.project)
    flags = result.flags
    table = flags[["gso_code", "commune", "district"]].copy()
    table["lacks_allseason_road"] = flags["lacks_allseason_road"]
    table["lacks_grid"] = flags["lacks_grid"]
    table["evidence"] = flags["evidence_en" if args.lang == "en" else "evidence_vi"]
    table["unit_id"] = flags["unit_id"]
    table["dist_allseason_road_km"] = flags["dist_allseason_road_km"].round(2)
    table["dist_grid_km"] = flags["dist_grid_km"].round(2)
    table["illustrative_inputs"] = ";".join(k for k, s in result.sources.items() if s.illustrative)
    write_csv(table, args.out)
    return 0

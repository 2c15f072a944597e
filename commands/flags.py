"""`cli.py flags`: one row per commune with the all-season-road and grid flags, their evidence and
disagreements."""

from __future__ import annotations

import argparse

from analysis.flags import FlagThresholds
from commands.output import say, write_csv
from geo.vocab import UNITS
from report.tables import source_text
from workflows.flags import run_flags

#: Numeric columns written after the evidence (km rounded to 0.01, minutes to 0.1; empty where unknown).
_KM = [
    "dist_allseason_road_km",
    "dist_connected_allseason_km",
    "network_km_to_district_dry",
    "network_km_to_district_rainy",
    "dist_grid_km",
    "dist_grid_hv_110kv_plus_km",
    "dist_grid_mv_35kv_km",
    "dist_grid_mv_22kv_km",
    "dist_grid_unknown_kv_km",
    "dist_substation_km",
]
_MIN = ["minutes_to_district_dry", "minutes_to_district_rainy"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("flags", help="flag communes lacking an all-season road or grid power")
    parser.add_argument("--units", choices=UNITS, default="pre2025")
    parser.add_argument("--year", type=int, default=2020, help="survey year 2015-2020 (default 2020)")
    parser.add_argument(
        "--road-km",
        type=float,
        default=FlagThresholds.road_km,
        help="tolerance from the centre to an all-season road joined to the district centre",
    )
    parser.add_argument("--grid-km", type=float, default=FlagThresholds.grid_km)
    parser.add_argument("--grid-pct", type=float, default=FlagThresholds.grid_household_pct)
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def run(args: argparse.Namespace) -> int:
    thresholds = FlagThresholds(road_km=args.road_km, grid_km=args.grid_km, grid_household_pct=args.grid_pct)
    result = run_flags(args.units, year=args.year, thresholds=thresholds, project=args.project)
    flags = result.flags
    lang = "en" if args.lang == "en" else "vi"
    table = flags[["gso_code", "commune", "district"]].copy()
    table["lacks_allseason_road"] = flags["lacks_allseason_road"]
    table["lacks_grid"] = flags["lacks_grid"]
    table["evidence"] = flags[f"evidence_{lang}"]
    table["road_decided_by"] = flags["road_decided_by"]
    table["grid_decided_by"] = flags["grid_decided_by"]
    table["road_disagreement"] = flags["road_disagreement"]
    table["grid_disagreement"] = flags["grid_disagreement"]
    table["disagreement"] = flags[f"disagreement_{lang}"]
    table["unit_id"] = flags["unit_id"]
    table["centre_source"] = flags["centre_source"]
    table["allseason_access_map"] = flags["allseason_access_map"].map({True: "true", False: "false"})
    for column in _KM:
        table[column] = flags[column].astype(float).round(2)
    for column in _MIN:
        table[column] = flags[column].astype(float).round(1)
    table["centre_snap_m"] = flags["snap_m"].astype(float).round(1)
    for column in ("weakest_segment", "weakest_class", "weakest_surface"):
        table[column] = flags[column]
    table["illustrative_inputs"] = ";".join(k for k, s in result.sources.items() if s.illustrative)
    table["source"] = source_text(result.sources.values())
    write_csv(table.replace([float("inf"), float("-inf")], float("nan")), args.out)
    for note in result.notes:
        say(note.render(lang), err=True)
    return 0

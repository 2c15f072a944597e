"""`cli.py scorecard`: every 2020 target of Conclusion 05-KL/TU judged at province, district or commune
level."""

from __future__ import annotations

import argparse

from analysis.targets import scorecard_csv_table
from commands.output import write_csv
from geo.vocab import UNITS
from report.output import check_out_path
from workflows.checks import check_level
from workflows.scorecard import compute_scorecard


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "scorecard", help="judge the 2020 targets of Conclusion 05-KL/TU (met/on track/off track/no data)"
    )
    parser.add_argument(
        "--level",
        default="province",
        help="province, district (the 10 pre-2025 districts) or commune (default province)",
    )
    parser.add_argument("--units", choices=UNITS, default="pre2025", help="commune set of --level commune")
    parser.add_argument("--year", type=int, default=2020, help="year measured, 2015-2020 (default 2020)")
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def run(args: argparse.Namespace) -> int:
    check_level(args.level)
    check_out_path(args.out)
    result = compute_scorecard(args.level, units=args.units, year=args.year, project=args.project)
    write_csv(scorecard_csv_table(result.scorecard, lang=args.lang), args.out)
    return 0

"""`cli.py programmes`: which programmes cover each commune against its need (or one row per programme,
--summary), in the language of --lang."""

from __future__ import annotations

import argparse

from commands.output import say
from geo.vocab import UNITS
from report.output import check_out_path
from report.tables import PROGRAMME_SHEETS, export_table, programme_table, sources_note
from workflows.programmes import check_district, commune_table, parse_weights, run_programmes, summary_table


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "programmes", help="programme coverage against need: one row per commune (or per programme)"
    )
    parser.add_argument("--units", choices=UNITS, default="pre2025")
    parser.add_argument(
        "--year", type=int, default=2020, help="survey year of the poverty rate and flags, 2015-2020"
    )
    parser.add_argument(
        "--programmes",
        help="comma-separated programmes judged for coverage and gaps "
        "(default: nq30a_2009_2020,qd141_2008_2012,border_communes and every imported list)",
    )
    parser.add_argument(
        "--weights", help="need weights, e.g. poor_hh_rate_pct=2,rai_share=0 (default 1 each)"
    )
    parser.add_argument(
        "--district", help="keep one pre-2025 district (3-digit GSO code) in the commune table"
    )
    parser.add_argument(
        "--summary", action="store_true", help="one row per programme instead of one per commune"
    )
    parser.add_argument(
        "--project", help="project GeoPackage whose layers and imported programme lists are used"
    )
    parser.add_argument(
        "--out", required=True, help="CSV or XLSX file to write (headers and words in the language of --lang)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    check_out_path(args.out, suffixes=(".csv", ".xlsx"))
    weights = parse_weights(args.weights)
    check_district(args.units, args.district)
    chosen = [p.strip() for p in args.programmes.split(",") if p.strip()] if args.programmes else None
    result = run_programmes(
        args.units, year=args.year, weights=weights, programmes=chosen, project=args.project
    )
    kind = "summary" if args.summary else "communes"
    table = summary_table(result) if args.summary else commune_table(result, district=args.district)
    export_table(  # headers and words in --lang, as the page's downloads
        programme_table(table, catalogue=result.catalogue, lang=args.lang),
        args.out,
        sheet=PROGRAMME_SHEETS[kind],
        note=sources_note(result.sources.values(), lang=args.lang),
    )
    for note in result.notes:
        say(note.render(args.lang), err=True)
    return 0

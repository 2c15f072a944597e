"""`cli.py villages-rank`: the villages of chosen communes ranked by need (why each ranks where it does)."""

from __future__ import annotations

import argparse

from analysis.village_ranking import NeedRules, NeedWeights
from commands.output import say, write_csv
from geo.messages import msg
from geo.vocab import SEASONS
from workflows.inputs import load_inputs
from workflows.resettlement import parse_weights, run_village_ranking


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "villages-rank", help="rank villages by need of moving or serving (resettlement, part 1)"
    )
    parser.add_argument(
        "--communes", help="GSO codes, comma-separated (default: Mường Nhé and Nậm Pồ districts)"
    )
    parser.add_argument(
        "--weights",
        help="e.g. road=2,school=1,health=1,district=1,slope=1,protected=2,hazard=3,"
        "border=1,size=1 (the defaults)",
    )
    parser.add_argument("--season", choices=SEASONS, default="rainy")
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def codes_of(text: str | None) -> list[str] | None:
    """``"03154, 03155"`` as a list of codes; ``None`` when not given."""
    if not text:
        return None
    return [c.strip() for c in str(text).split(",") if c.strip()]


def run(args: argparse.Namespace) -> int:
    lang = "en" if args.lang == "en" else "vi"
    weights = NeedWeights(**parse_weights(args.weights, tuple(NeedWeights().as_dict())))
    table = run_village_ranking(
        load_inputs("pre2025", project=args.project),
        codes=codes_of(args.communes),
        rules=NeedRules(season=args.season, weights=weights),
    )
    path = write_csv(table, args.out)
    names = table["illustrative_inputs"].iloc[0] if len(table) else ""
    if names:
        say(msg("res_cli_illustrative", lang, names=names.replace(";", ", ")), err=True)
    say(msg("res_cli_wrote", lang, path=path))
    return 0

"""`cli.py scenario`: create, list and compare what-if scenarios kept in a project (resettlement, part 3)."""

from __future__ import annotations

import argparse

from analysis.scenarios import Scenario
from commands.output import say, write_csv
from geo.messages import msg
from workflows.inputs import load_inputs
from workflows.resettlement import (
    compare_scenario,
    comparison_table,
    create_scenario,
    load_scenario,
    read_scenario_file,
    scenario_list,
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("scenario", help="what-if scenarios: create, list, compare with the baseline")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="save a new scenario in the project")
    create.add_argument("name", help="1-30 characters a-z, 0-9, _ starting with a letter")
    create.add_argument("--project", required=True, help="project GeoPackage (it must exist)")
    create.add_argument("--harden-roads", help="road_id values, comma-separated, made all-season")
    create.add_argument(
        "--grid-line", help="file of planned grid lines (GeoPackage, GeoJSON, zipped Shapefile ...)"
    )
    create.add_argument(
        "--facility",
        help="file of planned facilities: points with columns layer (schools/health) "
        "and kind (e.g. tieu_hoc, tram_y_te)",
    )
    create.add_argument("--note", default="", help="note kept with the scenario")
    listing = actions.add_parser("list", help="list the project's scenarios")
    listing.add_argument("--project", required=True)
    compare = actions.add_parser("compare", help="one row per commune, baseline and scenario side by side")
    compare.add_argument("name")
    compare.add_argument("--project", required=True)
    compare.add_argument("--out", required=True, help="CSV file to write")
    return parser


def run(args: argparse.Namespace) -> int:
    lang = "en" if args.lang == "en" else "vi"
    if args.action == "list":
        table = scenario_list(args.project)
        for row in table.itertuples(index=False):
            say(f"{row.name}\tv{row.version}\t{row.saved_at}\t{row.n_features}\t{row.note}")
        return 0
    inputs = load_inputs("pre2025", project=args.project)
    if args.action == "create":
        roads = tuple(r.strip() for r in (args.harden_roads or "").split(",") if r.strip())
        scenario = Scenario(
            name=args.name,
            harden_roads=roads,
            grid_lines=read_scenario_file(args.grid_line, what="grid_line") if args.grid_line else None,
            facilities=read_scenario_file(args.facility, what="facility") if args.facility else None,
            note=args.note,
        )
        version = create_scenario(inputs, args.project, scenario)
        say(msg("res_scn_saved", lang, name=args.name, version=version))
        return 0
    comparison = compare_scenario(inputs, load_scenario(args.project, args.name))
    path = write_csv(comparison_table(comparison), args.out)
    say(msg("res_cli_wrote", lang, path=path))
    return 0

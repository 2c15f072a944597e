"""`cli.py suitability`: the suitability GeoTIFF, the candidate sites (GeoPackage, CSV) of chosen communes."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.sites import LandNeed, SiteRules
from analysis.suitability import SuitabilityRules, Weights
from commands.output import say
from commands.villages_rank import codes_of
from geo.errors import InputError, Problem
from geo.messages import msg
from report.resettlement import write_sites_csv, write_sites_gpkg, write_suitability_tif
from workflows.inputs import load_inputs
from workflows.resettlement import parse_weights, run_suitability, site_table


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "suitability", help="suitability surface and candidate resettlement sites (part 2)"
    )
    parser.add_argument(
        "--communes", help="GSO codes, comma-separated (default: Mường Nhé and Nậm Pồ districts)"
    )
    parser.add_argument(
        "--resolution", type=float, default=SuitabilityRules.resolution_m, help="cell size, m (30)"
    )
    parser.add_argument("--min-ha", type=float, default=SiteRules.min_ha, help="smallest site, ha (5)")
    parser.add_argument(
        "--max-slope", type=float, default=SuitabilityRules.max_slope_deg, help="slope limit, ° (25)"
    )
    parser.add_argument(
        "--top-share",
        type=float,
        default=SiteRules.top_share,
        help="share of the best scored cells that may form sites (0.05)",
    )
    parser.add_argument(
        "--weights", help="e.g. slope=3,road=2,school=1,health=1,grid=1,water=1 (the defaults)"
    )
    parser.add_argument(
        "--residential-ha",
        type=float,
        default=LandNeed.residential_ha,
        help="residential land per household, ha (107/634)",
    )
    parser.add_argument(
        "--farmland-ha",
        type=float,
        default=LandNeed.farmland_ha,
        help="farmland per household, ha (1236/528; 0 when it lies elsewhere)",
    )
    parser.add_argument(
        "--project", help="project GeoPackage whose layers (and DEM) replace the embedded ones"
    )
    parser.add_argument(
        "--out", required=True, help="folder to write suitability.tif, sites.gpkg, sites.csv into"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    lang = "en" if args.lang == "en" else "vi"
    out = Path(args.out)
    if not out.is_dir():
        raise InputError(
            Problem(
                vi="thư mục --out không tồn tại; hãy tạo thư mục trước.",
                en="the --out folder does not exist; create it first.",
                file=str(out),
            )
        )
    weights = Weights(**parse_weights(args.weights, tuple(Weights().as_dict())))
    rules = SuitabilityRules(resolution_m=args.resolution, max_slope_deg=args.max_slope, weights=weights)
    site_rules = SiteRules(
        min_ha=args.min_ha,
        top_share=args.top_share,
        land_need=LandNeed(residential_ha=args.residential_ha, farmland_ha=args.farmland_ha),
    )
    result = run_suitability(
        load_inputs("pre2025", project=args.project),
        codes=codes_of(args.communes),
        rules=rules,
        site_rules=site_rules,
    )
    names = result.result.illustrative_inputs
    sites = site_table(result)
    written = [
        write_suitability_tif(
            result.result.score,
            result.result.grid.transform,
            out / "suitability.tif",
            illustrative_inputs=names,
            lang=lang,
        ),
        write_sites_gpkg(sites, out / "sites.gpkg"),
        write_sites_csv(sites, out / "sites.csv"),
    ]
    if names:
        say(msg("res_cli_illustrative", lang, names=", ".join(names)), err=True)
    for path in written:
        say(msg("res_cli_wrote", lang, path=path))
    return 0

"""`cli.py access`: one row per commune with travel times by season, distance to an all-season road and the
RAI."""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from commands.output import say, write_csv
from geo.vocab import SEASONS, UNITS
from report.tables import source_text
from workflows.access import AccessRun, run_access

#: Leading columns, as the issue asks; more follow (every service, route details, method).
COLUMNS = [
    "gso_code",
    "commune",
    "district",
    "road_km_to_allseason",
    "minutes_to_district_centre",
    "minutes_to_primary_school",
    "minutes_to_health_station",
    "rai_share",
]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("access", help="travel times to the district centre, schools and clinics; RAI")
    parser.add_argument("--units", choices=UNITS, default="pre2025")
    parser.add_argument("--season", choices=SEASONS, default="dry")
    parser.add_argument(
        "--within-min",
        type=float,
        default=60.0,
        help="threshold for the population share within reach (minutes, default 60)",
    )
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def access_table(run: AccessRun, *, lang: str = "vi") -> pd.DataFrame:
    """Return the CSV table of an :class:`workflows.access.AccessRun`: NaN/inf become empty cells, never
    numbers; the last columns say where the data come from and how the times were computed (the method
    note, in ``lang``)."""
    c = run.communes
    table = c[["gso_code", "commune", "district"]].copy()
    table["road_km_to_allseason"] = c["road_km_to_allseason"].astype(float).round(2)
    table["minutes_to_district_centre"] = c["minutes_to_district_centre"].astype(float).round(1)
    table["minutes_to_primary_school"] = c["school_tieu_hoc_min"].astype(float).round(1)
    table["minutes_to_health_station"] = c["health_tram_y_te_min"].astype(float).round(1)
    table["rai_share"] = c["rai_share"].astype(float).round(4)
    table["unit_id"] = c["unit_id"]
    table["season"] = run.season
    table["road_km_to_connected_allseason"] = c["road_km_to_connected_allseason"].astype(float).round(2)
    table["network_km_to_district_centre"] = c["network_km_to_district_centre"].astype(float).round(2)
    table["centre_snap_m"] = c["snap_m"].astype(float).round(1)
    table["weakest_segment"] = c["weakest_segment"]
    table["weakest_class"] = c["weakest_class"]
    for column in c.columns:
        if column.endswith("_min") and column not in ("school_tieu_hoc_min", "health_tram_y_te_min"):
            table[f"minutes_to_{column[:-4]}"] = c[column].astype(float).round(1)
    table["walk_method"] = c["walk_method"]
    table["centre_source"] = c["centre_source"]
    table["illustrative_inputs"] = ";".join(k for k, s in run.sources.items() if s.illustrative)
    table["source"] = source_text(run.sources.values())
    table["method"] = run.method_en if lang == "en" else run.method_vi
    return table.replace([np.inf, -np.inf], np.nan)


def run(args: argparse.Namespace) -> int:
    result = run_access(args.units, season=args.season, within_min=args.within_min, project=args.project)
    lang = "en" if args.lang == "en" else "vi"
    write_csv(access_table(result, lang=lang), args.out)
    for note in result.notes:
        say(note.render(lang), err=True)
    return 0

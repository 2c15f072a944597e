"""`cli.py export map|table|data|factsheet|scorecard`: print layouts, HTML, tables, data packages, fact
sheets, scorecard."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.flags import FlagThresholds
from geo.errors import InputError, Problem
from geo.vocab import LANGS, UNITS
from report.data import GEOJSON_ZIP, export_data
from report.factsheet import export_factsheets, select_units
from report.html import export_html
from report.layout import PrintSettings, check_settings, export_layout
from report.mapdata import DEFAULT_VISIBLE, LAYER_KEYS, MapRequest, check_visible
from report.output import check_out_path
from report.scorecard import export_scorecard_pdf, export_scorecard_table, sources_note
from report.tables import TABLES, export_table
from workflows.checks import check_survey_year
from workflows.exports import build_table, factsheet_request, load_access, load_bundle
from workflows.scorecard import load_scorecard

MAP_FORMATS = ("pdf", "png", "html")
#: Tables of ``export table --what``: the commune tables of report/tables.py and the scorecard.
TABLE_CHOICES = (*TABLES, "scorecard")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--units", choices=UNITS, default="pre2025", help="commune set (default pre2025)")
    parser.add_argument("--year", type=int, default=2020, help="survey year 2015-2020 (default 2020)")
    parser.add_argument("--district", help="GSO district code, e.g. 096 (default: the whole province)")
    parser.add_argument("--road-km", type=float, default=FlagThresholds.road_km)
    parser.add_argument("--grid-km", type=float, default=FlagThresholds.grid_km)
    parser.add_argument("--grid-pct", type=float, default=FlagThresholds.grid_household_pct)
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of the export")
    parser.add_argument("--out", required=True, help="file to write (only this file is written)")


def _map_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--layers",
        default=",".join(DEFAULT_VISIBLE),
        help=f"comma-separated layers to show, from: {','.join(LAYER_KEYS)}",
    )
    parser.add_argument("--scheme", default="quantiles", help="quantiles, natural_breaks or fixed_bands")
    parser.add_argument("--classes", type=int, default=5, help="number of choropleth classes (3-7)")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("export", help="maps, tables, data and fact sheets for meetings")
    what = parser.add_subparsers(dest="export_what", required=True)
    m = what.add_parser("map", help="print layout (PDF/PNG) or standalone HTML map")
    m.add_argument("--format", choices=MAP_FORMATS, help="pdf, png or html (default: from the file name)")
    m.add_argument("--paper", default="A4", help="A4 or A3")
    m.add_argument("--orientation", default="landscape", help="portrait or landscape")
    m.add_argument("--dpi", type=int, default=150, help="resolution, e.g. 150 or 300")
    m.add_argument("--title", required=True, help="title printed on the map")
    m.add_argument("--subtitle", help="subtitle (default: extent, units and survey year)")
    _map_options(m)
    _common(m)
    m.set_defaults(export_run=run_map)
    t = what.add_parser(
        "table", help="flags, access, indicator or scorecard table as CSV (UTF-8 BOM) or XLSX"
    )
    t.add_argument("--what", required=True, help="flags, access, indicators or scorecard (the 2020 targets)")
    t.add_argument("--format", choices=("csv", "xlsx"), help="csv or xlsx (default: from the file name)")
    t.add_argument("--season", default="dry", help="access table: dry or rainy")
    t.add_argument(
        "--level",
        default="province",
        help="scorecard table: province, district (the 10 pre-2025 districts) or commune (default province)",
    )
    _common(t)
    t.set_defaults(export_run=run_table)
    d = what.add_parser(
        "data",
        help="visible layers as GeoPackage, zipped GeoJSON (one file per layer, "
        "NAME.geojson.zip), zipped Shapefile (NAME.zip) or KML",
    )
    d.add_argument("--format", choices=("gpkg", "geojson", "shp", "kml"), help="default: from the file name")
    _map_options(d)
    _common(d)
    d.set_defaults(export_run=run_data)
    f = what.add_parser("factsheet", help="one-page PDF per commune; a whole district in one PDF")
    group = f.add_mutually_exclusive_group(required=True)
    group.add_argument("--commune", help="GSO commune code (5 digits)")
    group.add_argument("--district", dest="fs_district", help="GSO district code: one page per commune")
    f.add_argument("--units", choices=UNITS, default="pre2025")
    f.add_argument("--year", type=int, default=2020)
    f.add_argument("--project")
    f.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS)
    f.add_argument("--out", required=True, help="PDF file to write")
    f.set_defaults(
        export_run=run_factsheet,
        road_km=FlagThresholds.road_km,
        grid_km=FlagThresholds.grid_km,
        grid_pct=FlagThresholds.grid_household_pct,
    )
    c = what.add_parser(
        "scorecard", help="printable A4 PDF of the province scorecard against the 2020 targets"
    )
    c.add_argument("--year", type=int, default=2020, help="year measured, 2015-2020 (default 2020)")
    c.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    c.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of the export")
    c.add_argument("--out", required=True, help="PDF file to write")
    c.set_defaults(
        export_run=run_scorecard_pdf,
        units="pre2025",
        road_km=FlagThresholds.road_km,
        grid_km=FlagThresholds.grid_km,
        grid_pct=FlagThresholds.grid_household_pct,
    )
    return parser


def run(args: argparse.Namespace) -> int:
    return int(args.export_run(args) or 0)


def _thresholds(args) -> FlagThresholds:
    return FlagThresholds(road_km=args.road_km, grid_km=args.grid_km, grid_household_pct=args.grid_pct)


def _layers(text: str) -> tuple[str, ...]:
    return check_visible(tuple(part.strip() for part in str(text).split(",") if part.strip()))


def _request(args) -> MapRequest:
    return MapRequest(
        units=args.units,
        year=check_survey_year(args.year),
        district=args.district,
        lang=args.lang,
        scheme=args.scheme,
        k=args.classes,
        thresholds=_thresholds(args),
        visible=_layers(args.layers),
        project=args.project,
    )


def _format(args, choices: tuple[str, ...]) -> str:
    fmt = (args.format or Path(args.out).suffix.lstrip(".")).lower()
    if fmt not in choices:
        raise InputError(
            Problem(
                f"không biết định dạng của tệp '{args.out}'; dùng --format ({', '.join(choices)}).",
                f"cannot tell the format of '{args.out}'; use --format ({', '.join(choices)}).",
                file=str(args.out),
                column="format",
            )
        )
    return fmt


def run_map(args) -> int:
    fmt = _format(args, MAP_FORMATS)
    check_out_path(args.out, suffixes=(".html", ".htm") if fmt == "html" else (f".{fmt}",))
    settings = check_settings(
        PrintSettings(
            paper=str(args.paper).upper(),
            orientation=str(args.orientation).lower(),
            dpi=args.dpi,
            title=args.title,
            subtitle=args.subtitle,
        )
    )
    bundle = load_bundle(_request(args))
    if fmt == "html":
        export_html(bundle, args.out, title=args.title, subtitle=args.subtitle)
    else:
        export_layout(bundle, settings, args.out, fmt)
    return 0


def run_data(args) -> int:
    # without --format, report.data.export_data reads the file name (.geojson.zip: GeoJSON, any other .zip:
    # Shapefile)
    fmt = args.format or (
        None if str(args.out).lower().endswith(GEOJSON_ZIP) else _format(args, ("gpkg", "shp", "zip", "kml"))
    )
    export_data(load_bundle(_request(args)), args.out, fmt=fmt)
    return 0


def run_scorecard_table(args, fmt: str) -> int:
    run_ = load_scorecard(
        args.level,
        units=args.units,
        year=args.year,
        thresholds=_thresholds(args),
        district=args.district,
        project=args.project,
    )
    note = sources_note(run_.scorecard, run_.sources.values(), lang=args.lang)
    export_scorecard_table(run_.scorecard, args.out, fmt=fmt, lang=args.lang, note=note)
    return 0


def run_scorecard_pdf(args) -> int:
    check_out_path(args.out, suffixes=(".pdf",))
    run_ = load_scorecard("province", year=args.year, project=args.project)
    export_scorecard_pdf(
        run_.scorecard,
        run_.poverty_rates,
        run_.targets,
        args.out,
        year=run_.year,
        lang=args.lang,
        sources=run_.sources.values(),
    )
    return 0


def run_table(args) -> int:
    fmt = _format(args, ("csv", "xlsx"))
    check_out_path(args.out, suffixes=(f".{fmt}",))
    if args.what == "scorecard":
        return run_scorecard_table(args, fmt)
    table, sheet, note = build_table(
        args.what,
        units=args.units,
        year=args.year,
        lang=args.lang,
        thresholds=_thresholds(args),
        district=args.district,
        season=args.season,
        project=args.project,
    )
    export_table(table, args.out, fmt=fmt, sheet=sheet, note=note)
    return 0


def run_factsheet(args) -> int:
    check_out_path(args.out, suffixes=(".pdf",))
    check_survey_year(args.year)
    bundle = load_bundle(
        factsheet_request(
            units=args.units,
            year=args.year,
            lang=args.lang,
            thresholds=_thresholds(args),
            project=args.project,
        )
    )
    units = select_units(bundle, commune=args.commune, district=args.fs_district)
    export_factsheets(bundle, units, args.out, access=load_access(args.units, project=args.project))
    return 0

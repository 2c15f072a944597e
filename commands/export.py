"""`cli.py export map|table|data|factsheet|scorecard`: print layouts, HTML, tables, data packages, fact sheets, scorecard."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.flags import FlagThresholds
from layers import indicators
from layers.catalog import SOURCES
from report.factsheet import AccessInfo, export_factsheets, select_units
from report.html import export_html
from report.layout import PrintSettings, check_settings, export_layout
from report.mapdata import DEFAULT_VISIBLE, LAYER_KEYS, MAP_LAYERS, MapBundle, MapRequest, assemble_map, check_visible
from report.output import check_out_path, export_error
from report.scorecard import export_scorecard_pdf, export_scorecard_table, sources_note
from report.strings import s
from report.tables import TABLES, access_table, export_table, flags_table, indicators_table
from workflows import load_layer, run_flags

MAP_FORMATS = ("pdf", "png", "html")
#: Tables of ``export table --what``: the commune tables of report/tables.py and the scorecard.
TABLE_CHOICES = (*TABLES, "scorecard")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--units", choices=("pre2025", "2025"), default="pre2025", help="commune set (default pre2025)")
    parser.add_argument("--year", type=int, default=2020, help="survey year 2015-2020 (default 2020)")
    parser.add_argument("--district", help="GSO district code, e.g. 096 (default: the whole province)")
    parser.add_argument("--road-km", type=float, default=FlagThresholds.road_km)
    parser.add_argument("--grid-km", type=float, default=FlagThresholds.grid_km)
    parser.add_argument("--grid-pct", type=float, default=FlagThresholds.grid_household_pct)
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="language of the export")
    parser.add_argument("--out", required=True, help="file to write (only this file is written)")


def _map_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layers", default=",".join(DEFAULT_VISIBLE),
                        help=f"comma-separated layers to show, from: {','.join(LAYER_KEYS)}")
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
    t = what.add_parser("table", help="flags, access, indicator or scorecard table as CSV (UTF-8 BOM) or XLSX")
    t.add_argument("--what", required=True, help="flags, access, indicators or scorecard (the 2020 targets)")
    t.add_argument("--format", choices=("csv", "xlsx"), help="csv or xlsx (default: from the file name)")
    t.add_argument("--season", default="dry", help="access table: dry or rainy")
    t.add_argument("--level", default="province",
                   help="scorecard table: province, district (the 10 pre-2025 districts) or commune (default province)")
    _common(t)
    t.set_defaults(export_run=run_table)
    d = what.add_parser("data", help="visible layers as GeoPackage, GeoJSON, zipped Shapefile or KML")
    d.add_argument("--format", choices=("gpkg", "geojson", "shp", "kml"), help="default: from the file name")
    _map_options(d)
    _common(d)
    d.set_defaults(export_run=run_data)
    f = what.add_parser("factsheet", help="one-page PDF per commune; a whole district in one PDF")
    group = f.add_mutually_exclusive_group(required=True)
    group.add_argument("--commune", help="GSO commune code (5 digits)")
    group.add_argument("--district", dest="fs_district", help="GSO district code: one page per commune")
    f.add_argument("--units", choices=("pre2025", "2025"), default="pre2025")
    f.add_argument("--year", type=int, default=2020)
    f.add_argument("--project")
    f.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)
    f.add_argument("--out", required=True, help="PDF file to write")
    f.set_defaults(export_run=run_factsheet, road_km=FlagThresholds.road_km, grid_km=FlagThresholds.grid_km,
                   grid_pct=FlagThresholds.grid_household_pct)
    c = what.add_parser("scorecard", help="printable A4 PDF of the province scorecard against the 2020 targets")
    c.add_argument("--year", type=int, default=2020, help="year measured, 2015-2020 (default 2020)")
    c.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    c.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="language of the export")
    c.add_argument("--out", required=True, help="PDF file to write")
    c.set_defaults(export_run=run_scorecard_pdf, units="pre2025", road_km=FlagThresholds.road_km,
                   grid_km=FlagThresholds.grid_km, grid_pct=FlagThresholds.grid_household_pct)
    return parser


def run(args: argparse.Namespace) -> int:
    return int(args.export_run(args) or 0)


def _check_year(year: int) -> int:
    if year not in indicators.SURVEY_YEARS:
        raise export_error(f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                           f"year {year} is outside the survey years 2015–2020; choose one of them.", column="year",
                           value=str(year))
    return year


def _thresholds(args) -> FlagThresholds:
    return FlagThresholds(road_km=args.road_km, grid_km=args.grid_km, grid_household_pct=args.grid_pct)


def _layers(text: str) -> tuple[str, ...]:
    return check_visible(tuple(part.strip() for part in str(text).split(",") if part.strip()))


def load_bundle(request: MapRequest) -> MapBundle:
    """Run the flags and load the layers of ``request``, then assemble what the export draws."""
    _check_year(request.year)
    run_ = run_flags(request.units, year=request.year, thresholds=request.thresholds, project=request.project)
    layers = {key: load_layer(key, project=request.project) for key in MAP_LAYERS}
    return assemble_map(request, run_, layers)


def _request(args) -> MapRequest:
    return MapRequest(units=args.units, year=_check_year(args.year), district=args.district, lang=args.lang,
                      scheme=args.scheme, k=args.classes, thresholds=_thresholds(args), visible=_layers(args.layers),
                      project=args.project)


def _format(args, choices: tuple[str, ...]) -> str:
    fmt = (args.format or Path(args.out).suffix.lstrip(".")).lower()
    if fmt not in choices:
        raise export_error(f"không biết định dạng của tệp '{args.out}'; dùng --format ({', '.join(choices)}).",
                           f"cannot tell the format of '{args.out}'; use --format ({', '.join(choices)}).",
                           file=str(args.out), column="format")
    return fmt


def run_map(args) -> int:
    fmt = _format(args, MAP_FORMATS)
    check_out_path(args.out, suffixes=(".html", ".htm") if fmt == "html" else (f".{fmt}",))
    settings = check_settings(PrintSettings(paper=str(args.paper).upper(), orientation=str(args.orientation).lower(),
                                            dpi=args.dpi, title=args.title, subtitle=args.subtitle))
    bundle = load_bundle(_request(args))
    if fmt == "html":
        export_html(bundle, args.out, title=args.title, subtitle=args.subtitle)
    else:
        export_layout(bundle, settings, args.out, fmt)
    return 0


def run_data(args) -> int:
    from report.data import export_data

    fmt = _format(args, ("gpkg", "geojson", "json", "shp", "zip", "kml"))
    fmt = {"json": "geojson", "zip": "shp"}.get(fmt, fmt)
    export_data(load_bundle(_request(args)), args.out, fmt=fmt)
    return 0


def build_table(what: str, *, units: str = "pre2025", year: int = 2020, lang: str = "vi",
                thresholds: FlagThresholds = FlagThresholds(), district: str | None = None, season: str = "dry",
                project: str | None = None):
    """Return (table, sheet name, note) of ``what`` (flags, access or indicators; the scorecard: :func:`load_scorecard`)."""
    if what not in TABLES:
        raise export_error(f"bảng '{what}' không có; chọn flags, access, indicators hoặc scorecard.",
                           f"table '{what}' does not exist; choose flags, access, indicators or scorecard.", column="what",
                           value=str(what))
    _check_year(year)
    if what == "access":
        import workflows

        runner = getattr(workflows, "run_access", None)
        if runner is None:
            raise export_error(s("access_unavailable", "vi"), s("access_unavailable", "en"), column="what", value=what)
        result = runner(units, season=season, project=project)
        frame = result.communes
        srcs = getattr(result, "sources", {}) or {}
    else:
        result = run_flags(units, year=year, thresholds=thresholds, project=project)
        frame = result.flags if what == "flags" else result.communes
        srcs = result.sources
    if district:
        frame = frame[frame["district_code"].astype(str) == str(district)]
        if frame.empty:
            raise export_error(f"huyện {district} không có xã nào; hãy kiểm tra mã huyện (3 chữ số của TCTK).",
                               f"district {district} has no communes; check the district code (3-digit GSO).",
                               column="district", value=str(district))
    if what == "flags":
        table = flags_table(frame, lang=lang)
    elif what == "indicators":
        table = indicators_table(frame, result.survey, year=year, lang=lang, source=SOURCES["survey"].credit())
    else:
        table = access_table(frame, season=season, lang=lang)
    illustrative = any(src.illustrative for src in srcs.values())
    note = "\n".join(([s("illustrative_both", lang)] if illustrative else []) + [s("credits", lang) + ":"] +
                     sorted({src.credit() for src in srcs.values()}))
    return table, s(f"sheet_{what}", lang), note


def load_scorecard(level: str = "province", *, units: str = "pre2025", year: int = 2020,
                   thresholds: FlagThresholds | None = None, district: str | None = None, project: str | None = None):
    """Return the :class:`commands.scorecard.ScorecardRun` of ``level``, its rows cut to ``district`` when given.

    ``district`` (a GSO district code) keeps that district's row at district level and its communes at commune
    level; at province level it is refused (the province has one row per indicator).
    """
    from commands.scorecard import check_level, check_year, compute_scorecard

    check_level(level)
    check_year(year)
    if district and level == "province":
        raise export_error("--district chỉ dùng với --level district hoặc commune (cấp tỉnh chỉ có một dòng mỗi chỉ tiêu).",
                           "--district works only with --level district or commune (the province has one row per "
                           "indicator).", column="district", value=str(district))
    run_ = compute_scorecard(level, units=units, year=year, project=project, thresholds=thresholds)
    if district:
        code = str(district).strip()
        if level == "district":
            keep = {code}
        else:
            shapes = run_.unit_shapes
            keep = set(shapes.loc[shapes["district_code"].astype(str) == code, "unit_code"].astype(str))
        card = run_.scorecard[run_.scorecard["unit_code"].astype(str).isin(keep)].reset_index(drop=True)
        if card.empty:
            raise export_error(f"huyện {code} không có trong bảng theo dõi; hãy kiểm tra mã huyện (3 chữ số của TCTK).",
                               f"district {code} is not in the scorecard; check the district code (3-digit GSO).",
                               column="district", value=code)
        run_.scorecard = card
    return run_


def run_scorecard_table(args, fmt: str) -> int:
    run_ = load_scorecard(args.level, units=args.units, year=args.year, thresholds=_thresholds(args),
                          district=args.district, project=args.project)
    note = sources_note(run_.scorecard, run_.sources.values(), lang=args.lang)
    export_scorecard_table(run_.scorecard, args.out, fmt=fmt, lang=args.lang, note=note)
    return 0


def run_scorecard_pdf(args) -> int:
    check_out_path(args.out, suffixes=(".pdf",))
    run_ = load_scorecard("province", year=args.year, project=args.project)
    export_scorecard_pdf(run_.scorecard, run_.poverty_rates, run_.targets, args.out, year=run_.year, lang=args.lang,
                         sources=run_.sources.values())
    return 0


def run_table(args) -> int:
    fmt = _format(args, ("csv", "xlsx"))
    check_out_path(args.out, suffixes=(f".{fmt}",))
    if args.what == "scorecard":
        return run_scorecard_table(args, fmt)
    table, sheet, note = build_table(args.what, units=args.units, year=args.year, lang=args.lang,
                                     thresholds=_thresholds(args), district=args.district, season=args.season,
                                     project=args.project)
    export_table(table, args.out, fmt=fmt, sheet=sheet, note=note)
    return 0


def load_access(units: str, *, project: str | None = None) -> AccessInfo | None:
    """Travel times of every commune (dry and rainy season) when the access analysis exists, else ``None``."""
    import workflows

    runner = getattr(workflows, "run_access", None)
    if runner is None:
        return None
    try:
        runs = {season: runner(units, season=season, project=project) for season in ("dry", "rainy")}
    except Exception:  # noqa: BLE001 - the analysis is being built; a fact sheet then says "no data yet"
        return None
    sources = {}
    for result in runs.values():
        sources.update(getattr(result, "sources", {}) or {})
    return AccessInfo(tables={season: result.communes for season, result in runs.items()}, sources=sources)


def run_factsheet(args) -> int:
    check_out_path(args.out, suffixes=(".pdf",))
    _check_year(args.year)
    request = MapRequest(units=args.units, year=args.year, lang=args.lang, visible=("communes", "districts", "flags", "roads",
                                                                                   "power", "centres"),
                         thresholds=_thresholds(args), project=args.project)
    bundle = load_bundle(request)
    units = select_units(bundle, commune=args.commune, district=args.fs_district)
    export_factsheets(bundle, units, args.out, access=load_access(args.units, project=args.project))
    return 0

"""`cli.py import`: bring a user's file into a project GeoPackage (every problem listed, nothing written on
refusal)."""

from __future__ import annotations

import argparse
from pathlib import Path

from commands.output import say
from geo.archives import MAX_UPLOAD_MIB, MIB, UploadLimits, check_upload_size
from geo.io import read_upload
from geo.vocab import UNITS
from layers.imports import KINDS
from workflows.checks import check_not_the_project
from workflows.imports import (
    DECLARED_LICENCE,
    PROGRAMME_LAYER,
    accept_import,
    accept_programme_import,
    describe_update,
    layer_title,
    plan_import,
    read_import,
    read_programme_import,
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "import", help="import a table, vector layer, OSM extract or GeoTIFF into a project"
    )
    parser.add_argument(
        "file",
        help="CSV, XLSX, GeoPackage, GeoJSON, zipped Shapefile, .shp, KML, MapInfo .tab (zip), "
        ".osm/.osm.pbf or GeoTIFF",
    )
    parser.add_argument(
        "--project",
        required=True,
        help="project to create or update: a name in the projects folder ($DIENBIEN_PROJECTS_DIR, "
        "default ~/DienBien/projects) or a path to a .gpkg this tool created",
    )
    parser.add_argument(
        "--layer",
        choices=sorted([*KINDS, PROGRAMME_LAYER]),
        help="kind of layer (guessed for tables and OSM extracts); 'programmes': a programme member "
        "list (commune table with a programme column, see the template on the Programmes page)",
    )
    parser.add_argument(
        "--partial-list",
        action="store_true",
        help="with --layer programmes: the list is not the programme's whole list (communes not on it "
        "stay unknown, not 'no')",
    )
    parser.add_argument(
        "--units", choices=UNITS, default="pre2025", help="commune list the table refers to (default pre2025)"
    )
    parser.add_argument(
        "--crs", type=int, help="EPSG code to assume when the file has none (e.g. 9205 for VN-2000)"
    )
    parser.add_argument("--note", default="", help="note kept with the layer's provenance")
    parser.add_argument("--licence", default=DECLARED_LICENCE, help="licence of the data")
    parser.add_argument("--vintage", default="unknown", help="date or year the data describe")
    parser.add_argument(
        "--source-layer", help="the layer to read from a file holding several (e.g. a GeoPackage)"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="a commune table replaces the project's table instead of updating the communes, years "
        "and columns it gives",
    )
    parser.add_argument(
        "--max-mib",
        "--max-mb",
        dest="max_mib",
        type=float,
        default=float(MAX_UPLOAD_MIB),
        help=f"largest file accepted, in MiB of 2^20 bytes (default {MAX_UPLOAD_MIB}, as in the app)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    limits = UploadLimits(max_upload_bytes=int(args.max_mib * MIB))
    # checked by cli.main: a project name or a .gpkg path, never the embedded data
    project = Path(args.project)
    check_not_the_project(args.file, project)
    source = Path(args.file)
    if source.is_file():  # refused here in the app's words and unit (geo.archives: MiB)
        check_upload_size(source.name, source.stat().st_size, limits=limits)
    name, data = read_upload(args.file, max_bytes=limits.max_upload_bytes)
    if args.layer == PROGRAMME_LAYER:
        return _import_programmes(args, project, source, name, data, limits)
    result = read_import(
        name,
        data,
        layer=args.layer,
        units=args.units,
        assume_epsg=args.crs,
        source_layer=args.source_layer,
        limits=limits,
    )
    for note in result.notes:
        say(note.render(args.lang), err=True)
    for update in plan_import(project, result, replace=args.replace).values():
        say(describe_update(update, args.lang), err=True)
    versions = accept_import(
        project,
        source.name,
        data,
        result,
        note=args.note,
        licence=args.licence,
        vintage=args.vintage,
        replace=args.replace,
    )
    for key, version in versions.items():
        count = len(result.layers[key])
        label = layer_title(key, args.lang)
        say(f"{key}\tv{version}\t{count}\t{label}")
    return 0


def _import_programmes(
    args: argparse.Namespace, project: Path, source: Path, name: str, data: bytes, limits: UploadLimits
) -> int:
    """A programme member list: checked, then saved as the project's ``programmes`` layer (one row per
    commune)."""
    result = read_programme_import(
        name, data, units=args.units, complete=not args.partial_list, limits=limits
    )
    for note in result.notes:
        say(note.render(args.lang), err=True)
    versions = accept_programme_import(
        project, source.name, data, result, units=args.units, note=args.note, vintage=args.vintage
    )
    for row in result.programmes.itertuples():
        say(f"{PROGRAMME_LAYER}\tv{versions[PROGRAMME_LAYER]}\t{row.programme}\t{row.n_yes}")
    return 0

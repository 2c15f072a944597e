"""`cli.py import`: bring a user's file into a project GeoPackage (every problem listed, nothing written on refusal)."""

from __future__ import annotations

import argparse
from pathlib import Path

from commands.output import say
from geo.archives import MAX_UPLOAD_MIB, MIB, UploadLimits, check_upload_size
from geo.errors import InputError, Problem
from geo.i18n import STRINGS, t
from geo.io import read_upload
from geo.project import NewLayer, save_layers, sha256_of
from layers.imports import KINDS, import_upload


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("import", help="import a table, vector layer, OSM extract or GeoTIFF into a project")
    parser.add_argument("file", help="CSV, XLSX, GeoPackage, GeoJSON, zipped Shapefile, .shp, KML, MapInfo .tab (zip), "
                                     ".osm/.osm.pbf or GeoTIFF")
    parser.add_argument("--project", required=True,
                        help="project to create or update: a name in the projects folder ($DIENBIEN_PROJECTS_DIR, "
                             "default ~/DienBien/projects) or a path to a .gpkg this tool created")
    parser.add_argument("--layer", choices=sorted(KINDS), help="kind of layer (guessed for tables and OSM extracts)")
    parser.add_argument("--units", choices=("pre2025", "2025"), default="pre2025",
                        help="commune list the table refers to (default pre2025)")
    parser.add_argument("--crs", type=int, help="EPSG code to assume when the file has none (e.g. 9205 for VN-2000)")
    parser.add_argument("--note", default="", help="note kept with the layer's provenance")
    parser.add_argument("--licence", default="as declared by the user", help="licence of the data")
    parser.add_argument("--vintage", default="unknown", help="date or year the data describe")
    parser.add_argument("--max-mib", "--max-mb", dest="max_mib", type=float, default=float(MAX_UPLOAD_MIB),
                        help=f"largest file accepted, in MiB of 2^20 bytes (default {MAX_UPLOAD_MIB}, as in the app)")
    return parser


def layer_label(key: str, lang: str) -> str:
    """Return the name a planner reads for a stored layer ``key`` (``survey_2025`` included), in ``lang``."""
    if key in KINDS:
        return KINDS[key].title[1 if lang == "en" else 0]
    return t(f"import_layer_{key}", lang) if f"import_layer_{key}" in STRINGS else key


def run(args: argparse.Namespace) -> int:
    limits = UploadLimits(max_upload_bytes=int(args.max_mib * MIB))
    project = Path(args.project)  # checked by cli.main: a project name or a .gpkg path, never the embedded data
    if Path(args.file).resolve() == project.resolve():
        raise InputError(Problem(vi="không thể nhập chính tệp dự án vào nó.", en="cannot import the project into itself.",
                                 file=str(project)))
    source = Path(args.file)
    if source.is_file():  # refused here in the app's words and unit (geo.archives: MiB)
        check_upload_size(source.name, source.stat().st_size, limits=limits)
    name, data = read_upload(args.file, max_bytes=limits.max_upload_bytes)
    result = import_upload(name, data, layer=args.layer, units=args.units, assume_epsg=args.crs, limits=limits)
    if not result.layers:
        raise InputError(Problem(vi="tệp không có lớp nào thuộc loại đã chọn.", en="the file holds no layer of that kind.",
                                 file=name))
    digest = sha256_of(data)
    licence = result.licence if result.licence != "as declared by the user" else args.licence
    versions = save_layers(project, [
        NewLayer(key, frame, Path(args.file).name, note=args.note, source=result.source, licence=licence,
                 vintage=args.vintage, source_sha256=digest)
        for key, frame in result.layers.items()])
    for note in result.notes:
        say(note.render(args.lang), err=True)
    for key, version in versions.items():
        count = len(result.layers[key])
        label = layer_label(key, args.lang)
        say(f"{key}\tv{version}\t{count}\t{label}")
    return 0

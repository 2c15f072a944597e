"""`cli.py export`: every sub-command writes only the file named, atomically; bad input exits 2 with a
message."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pypdf
import pytest
from PIL import Image

import cli
from analysis.targets import CSV_COLUMNS


def _run(*argv: str) -> int:
    return cli.main(list(argv))


def test_export_map_pdf_and_png(tmp_path):
    pdf = tmp_path / "map.pdf"
    assert (
        _run(
            "export",
            "map",
            "--format",
            "pdf",
            "--paper",
            "A4",
            "--orientation",
            "portrait",
            "--dpi",
            "72",
            "--title",
            "Huyện Mường Nhé",
            "--district",
            "096",
            "--out",
            str(pdf),
        )
        == 0
    )
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "Huyện Mường Nhé" in text and "Dữ liệu minh họa" in text
    png = tmp_path / "map.png"
    assert _run("export", "map", "--dpi", "72", "--title", "A3", "--paper", "A3", "--out", str(png)) == 0
    assert Image.open(io.BytesIO(png.read_bytes())).size == (round(420 / 25.4 * 72), round(297 / 25.4 * 72))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf", "map.png"]  # no temporary file left


def test_export_table_and_factsheet(tmp_path):
    csv = tmp_path / "flags.csv"
    assert _run("export", "table", "--what", "flags", "--format", "csv", "--out", str(csv)) == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = tmp_path / "xa.pdf"
    assert _run("export", "factsheet", "--commune", "03127", "--out", str(sheet)) == 0
    assert len(pypdf.PdfReader(sheet).pages) == 1


def test_named_file_is_replaced_other_files_untouched(tmp_path):
    other = tmp_path / "keep.pdf"
    other.write_bytes(b"not mine")
    target = tmp_path / "flags.csv"
    target.write_text("old")
    assert _run("export", "table", "--what", "flags", "--out", str(target)) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert other.read_bytes() == b"not mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flags.csv", "keep.pdf"]


def test_export_scorecard_table_csv_and_xlsx(tmp_path):
    csv = tmp_path / "muc_tieu.csv"
    assert _run("export", "table", "--what", "scorecard", "--format", "csv", "--out", str(csv)) == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    # the source note follows an empty row
    table_text, note = csv.read_text(encoding="utf-8-sig").split("\n\n", 1)
    table = pd.read_csv(io.StringIO(table_text), dtype=str, keep_default_na=False)
    assert table.columns.tolist() == CSV_COLUMNS
    assert set(table["level"]) == {"province"} and len(table) == 26
    assert "Dữ liệu minh họa / Illustrative data" in note and "dvhcvn" in note  # the mark and the credits
    assert (table.loc[table["status"] == "no_data", "measured"] == "").all()  # empty, never 0
    xlsx = tmp_path / "muc_tieu_huyen.xlsx"
    assert (
        _run(
            "--lang",
            "en",
            "export",
            "table",
            "--what",
            "scorecard",
            "--level",
            "district",
            "--out",
            str(xlsx),
        )
        == 0
    )
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    assert ws.freeze_panes == "A2" and ws["B1"].value == "Indicator"
    # one row per district for each indicator that exists at district level (README, "Scorecard"), the
    # 30a-districts fall only for the 4 of them; province-only indicators (GRDP, labour counts...) are not
    # repeated per district
    from analysis.targets import indicator_levels
    from layers.targets import load_targets

    per_district = [i for i in load_targets()["indicator_id"] if "district" in indicator_levels(i)]
    assert 0 < len(per_district) < 26
    assert ws.max_row == 1 + sum(4 if i == "poverty_reduction_poor_districts" else 10 for i in per_district)
    commune = tmp_path / "xa_096.csv"
    assert (
        _run(
            "export",
            "table",
            "--what",
            "scorecard",
            "--level",
            "commune",
            "--district",
            "096",
            "--out",
            str(commune),
        )
        == 0
    )
    assert pd.read_csv(commune, encoding="utf-8-sig", dtype=str)["unit_code"].nunique() == 11


def test_export_scorecard_pdf(tmp_path):
    pdf = tmp_path / "muc_tieu.pdf"
    assert _run("export", "scorecard", "--year", "2019", "--out", str(pdf)) == 0
    reader = pypdf.PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020" in text and "số đo năm 2019" in text
    assert "Tỷ lệ hộ nghèo (chuẩn nghèo 2016-2020)" in text and "Dữ liệu minh họa / Illustrative data" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["muc_tieu.pdf"]


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "map", "--title", "x", "--out", "{dir}"),
        ("export", "map", "--title", "x", "--out", "{dir}/missing/map.pdf"),
        ("export", "map", "--title", "x", "--paper", "A5", "--out", "{dir}/map.pdf"),
        ("export", "map", "--title", "x", "--dpi", "5", "--out", "{dir}/map.pdf"),
        ("export", "map", "--title", "x", "--out", "{dir}/map.docx"),
        ("export", "map", "--title", "x", "--district", "999", "--out", "{dir}/map.pdf"),
        ("export", "map", "--title", "x", "--layers", "poverty,unicorns", "--out", "{dir}/map.pdf"),
        ("export", "map", "--title", "x", "--year", "2031", "--out", "{dir}/map.pdf"),
        ("export", "table", "--what", "roads", "--out", "{dir}/t.csv"),
        ("export", "table", "--what", "flags", "--format", "csv", "--out", "{dir}/t.xlsx"),
        ("export", "factsheet", "--district", "999", "--out", "{dir}/f.pdf"),
        ("export", "factsheet", "--commune", "03127", "--out", "{dir}/f.png"),
        ("export", "table", "--what", "scorecard", "--level", "region", "--out", "{dir}/s.csv"),
        (
            "export",
            "table",
            "--what",
            "scorecard",
            "--level",
            "district",
            "--district",
            "999",
            "--out",
            "{dir}/s.csv",
        ),
        ("export", "table", "--what", "scorecard", "--district", "096", "--out", "{dir}/s.xlsx"),
        ("export", "table", "--what", "scorecard", "--year", "2030", "--out", "{dir}/s.csv"),
        ("export", "scorecard", "--out", "{dir}/s.png"),
        ("export", "scorecard", "--year", "2014", "--out", "{dir}/s.pdf"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(tmp_path, capsys, argv):
    before = sorted(tmp_path.iterdir())
    code = _run(*[a.replace("{dir}", str(tmp_path)) for a in argv])
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err
    assert sorted(tmp_path.iterdir()) == before

"""Meeting tables: CSV with a UTF-8 BOM, XLSX with a frozen bold header, Vietnamese or English column
names."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from geo.errors import InputError
from geo.provenance import LayerSource
from report.tables import export_table, programme_table, source_text, table_csv_bytes, table_xlsx_bytes
from workflows.exports import build_table


@pytest.fixture(scope="module")
def flags_vi():
    return build_table("flags", lang="vi")


def test_flags_table_has_vietnamese_columns_and_values(flags_vi):
    table, sheet, note = flags_vi
    assert list(table.columns[:5]) == [
        "Mã xã (TCTK)",
        "Xã",
        "Huyện",
        "Thiếu đường ô tô quanh năm",
        "Thiếu điện lưới quốc gia",
    ]
    assert set(table["Thiếu điện lưới quốc gia"]) <= {"có", "không"}
    assert len(table) == 130 and sheet == "Cờ cảnh báo"
    assert "Dữ liệu minh họa" in note


def test_english_columns():
    table, sheet, _ = build_table("flags", lang="en", district="096")
    assert "Commune" in table.columns and "Lacks national-grid power" in table.columns
    assert set(table["District"]) == {"Huyện Mường Nhé"}


def test_csv_starts_with_bom_and_reads_back(flags_vi, tmp_path):
    table = flags_vi[0]
    out = export_table(table, tmp_path / "flags.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(table.columns)
    assert "Xã Mường Nhé" in set(back["Xã"])


def test_xlsx_header_frozen_and_bold(flags_vi, tmp_path):
    table, sheet, note = flags_vi
    out = export_table(table, tmp_path / "flags.xlsx", sheet=sheet, note=note)
    book = openpyxl.load_workbook(out)
    ws = book[sheet]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "Mã xã (TCTK)" and ws["A1"].font.bold
    assert ws.max_row == len(table) + 1
    assert "Dữ liệu minh họa" in book.worksheets[1]["A1"].value


def test_indicators_and_access_tables():
    indicators, _, _ = build_table("indicators", lang="vi", district="094")
    assert "Tỷ lệ hộ nghèo (%)" in indicators.columns and len(indicators) == 13
    access, _, note = build_table("access", lang="en", district="094")
    assert any(c.endswith("(min)") for c in access.columns)
    # the note (XLSX sources sheet, CSV final rows) says how the times were computed, in the table's language
    assert "walking only at the two ends" in note and "largest connected part" in note
    assert "half of min(rainy surface speed, class maximum)" in note


def test_empty_table_is_still_a_valid_file(tmp_path):
    empty = pd.DataFrame({"Xã": pd.Series(dtype=str)})
    assert table_csv_bytes(empty).startswith(b"\xef\xbb\xbf")
    assert openpyxl.load_workbook(io.BytesIO(table_xlsx_bytes(empty))).active["A1"].value == "Xã"


@pytest.mark.parametrize(
    ("what", "kwargs"), [("roads", {}), ("flags", {"district": "999"}), ("flags", {"year": 2030})]
)
def test_bad_table_requests(what, kwargs):
    with pytest.raises(InputError):
        build_table(what, **kwargs)


def test_bad_table_format(flags_vi, tmp_path):
    with pytest.raises(InputError):
        export_table(flags_vi[0], tmp_path / "flags.ods")


MARK = "Dữ liệu minh họa / Illustrative data"


@pytest.mark.parametrize("what", ["flags", "access", "indicators"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_tables_carry_the_illustrative_mark_and_the_credits(what, fmt, tmp_path):
    from cli import main

    out = tmp_path / f"t.{fmt}"
    assert main(["export", "table", "--what", what, "--district", "094", "--out", str(out)]) == 0
    if fmt == "csv":
        table = pd.read_csv(out, encoding="utf-8-sig", dtype=str, nrows=13)
        final_rows = out.read_bytes().decode("utf-8-sig").split("\n\n")[-1]
        assert MARK in final_rows and "Nguồn số liệu:" in final_rows
    else:
        table = pd.read_excel(out, sheet_name=0, dtype=str)
        assert MARK in openpyxl.load_workbook(out).worksheets[1]["A1"].value
    assert table["Nguồn"].notna().all()
    # the credits in the table's language: the illustrative layers' vintage reads "tạo năm 2026"
    assert table["Nguồn"].str.contains(MARK).all() and table["Nguồn"].str.contains("tạo năm 2026").all()


def test_csv_keeps_the_note_as_final_rows():
    data = table_csv_bytes(pd.DataFrame({"Xã": ["A"]}), note=f"{MARK}\nNguồn:\nGSO; public")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Xã"], ["A"], [], [MARK], ["Nguồn:"], ["GSO; public"]]


def test_page_download_carries_the_sources():
    from layers.registry import SOURCES
    from report.tables import download_csv_bytes

    text = download_csv_bytes(pd.DataFrame({"Xã": ["A"]}), [SOURCES["roads"], SOURCES["province"]]).decode(
        "utf-8-sig"
    )
    assert MARK in text and SOURCES["province"].credit("vi") in text  # credits in the table's language
    real = download_csv_bytes(pd.DataFrame({"Xã": ["A"]}), [SOURCES["province"]], lang="en").decode(
        "utf-8-sig"
    )
    assert "minh họa" not in real.lower() and "illustrative" not in real.lower() and "Source" in real
    with_method = download_csv_bytes(
        pd.DataFrame({"Xã": ["A"]}), [SOURCES["roads"]], method="Mùa khô. Thời gian = ..."
    )
    rows = list(csv.reader(io.StringIO(with_method.decode("utf-8-sig"))))
    assert rows[3:5] == [[MARK], ["Mùa khô. Thời gian = ..."]]


def test_indicators_workbook_of_a_small_project_with_gaps(tmp_path):
    """`export table --what indicators --format xlsx` on a 2-row project crashed on the empty cells."""
    from cli import main

    source = tmp_path / "khao_sat.csv"
    source.write_text("ma_xa,nam,ty_le_ho_ngheo\n03124,2020,12\n03127,2020,\n", encoding="utf-8")
    project = tmp_path / "p.gpkg"
    # only these two communes
    assert main(["import", str(source), "--project", str(project), "--replace"]) == 0
    out = tmp_path / "chi_tieu.xlsx"
    assert (
        main(
            [
                "export",
                "table",
                "--what",
                "indicators",
                "--format",
                "xlsx",
                "--project",
                str(project),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in sheet[1]]
    rate = next(i for i, h in enumerate(header) if str(h).startswith("Tỷ lệ hộ nghèo"))
    assert rows["03124"][rate] == 12 and rows["03127"][rate] is None and rows["03130"][rate] is None


def test_programme_table_words_every_cell_and_keeps_two_lists_of_one_name():
    """Two lists a user imported under one name keep both their columns; a missing answer stays empty."""
    catalogue = pd.DataFrame(
        {"programme": ["user_a", "user_b"], "document": ["Danh sách xã", "Danh sách xã"]}
    )
    table = pd.DataFrame(
        {
            "gso_code": ["03155", "03158", "03164"],
            "user_a": ["yes", "unknown", None],
            "user_b": ["no", "partial", "yes"],
            "user_a_note": ["user_list_partial", "", None],
            "covered_by": ["user_a", "user_a;user_b", ""],
            "gap": ["", "possible_gap", "gap"],
            "low_need_covered": pd.array([True, False, pd.NA], dtype="boolean"),
            "rai_share": [0.5, 0.123, None],
        }
    )
    vi = programme_table(table, catalogue=catalogue, lang="vi")
    assert vi.columns.tolist() == [
        "Mã xã (TCTK)",
        "Danh sách xã (user_a)",
        "Danh sách xã (user_b)",
        "Danh sách xã (user_a): lưu ý",
        "Được phủ bởi",
        "Khoảng trống",
        "Được phủ dù nhu cầu thấp",
        "Chỉ số tiếp cận nông thôn (RAI, thấp = cần hơn) (%)",
    ]
    assert vi.iloc[:, 1].tolist() == ["thuộc chương trình", "chưa rõ", ""]
    assert vi.iloc[:, 2].tolist() == ["không thuộc", "một phần (một số xã cũ thuộc)", "thuộc chương trình"]
    assert vi.iloc[:, 3].tolist() == ["danh sách nhập CHƯA ĐỦ", "", ""]
    assert vi["Được phủ bởi"].tolist() == [
        "Danh sách xã (user_a)",
        "Danh sách xã (user_a); Danh sách xã (user_b)",
        "",
    ]
    assert vi["Khoảng trống"].tolist() == ["", "có thể là khoảng trống", "khoảng trống"]
    assert vi["Được phủ dù nhu cầu thấp"].tolist() == ["có", "không", ""]
    assert vi.iloc[:2, 7].tolist() == [50.0, 12.3] and pd.isna(vi.iloc[2, 7])
    csv_text = table_csv_bytes(vi).decode("utf-8-sig")
    assert '"03155"' in csv_text and "True" not in csv_text and "user_a;" not in csv_text
    en = programme_table(table, catalogue=catalogue, lang="en")
    assert en.columns[[0, 5, 6]].tolist() == ["GSO code", "Gap", "Covered though need is low"]
    assert en.iloc[:, 2].tolist() == [
        "not a member",
        "partly (some predecessor communes are members)",
        "member",
    ]


def test_the_source_column_is_worded_in_the_table_language():
    # a survey the user imported into the project and an embedded illustrative layer: the Vietnamese table
    # names the import in Vietnamese and marks the illustrative data, the English one in English
    survey = LayerSource(
        "survey",
        "Phòng LĐTBXH huyện",
        "internal",
        "2020",
        False,
        source_file="khao_sat.csv",
        imported_at="2026-11-30T08:15:00+00:00",
        note="số liệu rà soát",
    )
    roads = LayerSource("roads", "generated (illustrative)", "illustrative", "2024", True)
    vi = source_text([survey, roads], lang="vi")
    en = source_text([survey, roads], lang="en")
    assert vi.startswith("Dữ liệu minh họa / Illustrative data |")
    assert "(tệp khao_sat.csv, nhập lúc" in vi and "; số liệu rà soát)" in vi and "imported" not in vi
    assert en.startswith("Illustrative data / Dữ liệu minh họa |") and "(file khao_sat.csv, imported" in en
    # each credit once, however many layers share it
    assert source_text([survey, survey], lang="vi").count("khao_sat.csv") == 1

"""Commune tables: codes, names, numbers, encodings, formulas; every problem reported at once."""

import io
import math
import unicodedata

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.tables
from geo.archives import DEFAULT_LIMITS, UploadLimits
from geo.errors import InputError, UnsafeInputError
from geo.tables import TableSchema, import_commune_table, number_style, parse_number, read_cells
from layers.imports import SURVEY_SCHEMA, SURVEY_YES_NO, admin_reference, import_upload

REF = admin_reference("pre2025")


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(name: str, data: bytes):
    return import_commune_table(name, data, reference=REF, bool_columns=SURVEY_YES_NO)


def test_codes_without_leading_zeros_and_vietnamese_decimals():
    data = csv_bytes("gso_code;year;poor_hh_rate_pct;households\n3124;2020;48,14;1.234\n03127;2020;5,5;987\n")
    result = run("t.csv", data)
    frame = result.frame
    assert frame["gso_code"].tolist() == ["03124", "03127"]
    assert frame["poor_hh_rate_pct"].tolist() == [48.14, 5.5]
    assert frame["households"].tolist() == [1234.0, 987.0]
    assert frame["commune"].tolist() == ["Phường Noong Bua", "Phường Him Lam"]
    # said once, for the column written with decimal commas (1.234 in the households tells nothing)
    assert [n.column for n in result.notes if "decimal commas" in n.en] == ["poor_hh_rate_pct"]


def test_names_with_prefixes_and_districts_in_xlsx():
    data = xlsx_bytes(
        [
            ["Báo cáo hộ nghèo 2020"],
            [],
            ["Huyện", "Tên xã", "Năm", "Tỷ lệ hộ nghèo (%)", "grid_connected"],
            ["Huyện Tuần Giáo", "Xã Nà Tòng", 2020, 61.2, "có"],
            ["Huyện Điện Biên", "X. Nà Tòng", 2020, 40, "không"],
            [None, "tt tuần giáo", 2020, "12,5", "yes"],
        ]
    )
    frame = run("t.xlsx", data).frame
    assert frame["gso_code"].is_unique and len(frame) == 3
    assert frame["grid_connected"].tolist() == [True, False, True]
    assert frame["Tỷ lệ hộ nghèo (%)"].tolist() == [61.2, 40.0, 12.5]
    assert frame["year"].tolist() == [2020, 2020, 2020]


def _problem_table(body: str) -> bytes:
    return csv_bytes("gso_code,commune,district,year,poor_hh_rate_pct\n" + body)


INVALID = [
    ("unknown code", _problem_table("99999,,,2020,5\n"), "not in the GSO list", 2, "gso_code"),
    ("malformed code", _problem_table("31a4,,,2020,5\n"), "invalid commune code", 2, "gso_code"),
    ("too long code", _problem_table("1234567,,,2020,5\n"), "invalid commune code", 2, "gso_code"),
    ("duplicate code", _problem_table("03124,,,2020,5\n3124,,,2020,6\n"), "both refer to", 3, None),
    (
        "duplicate by name",
        _problem_table(",Noong Bua,,2020,5\n,Phường Noong Bua,,2020,6\n"),
        "both refer to",
        3,
        None,
    ),
    ("unmatched name", _problem_table(",Huổi Lếch,,2020,5\n"), "closest", 2, "commune"),
    ("ambiguous name", _problem_table(",Nà Tòng,,2020,5\n"), "several districts", 2, "commune"),
    ("code and name disagree", _problem_table("03124,Him Lam,,2020,5\n"), "another commune", 2, "commune"),
    (
        "percentage over 100",
        _problem_table("03124,,,2020,120\n03127,,,2020,5\n"),
        "between 0 and 100",
        2,
        "poor_hh_rate_pct",
    ),
    (
        "negative percentage",
        _problem_table("03124,,,2020,-3\n03127,,,2020,5\n"),
        "between 0 and 100",
        2,
        "poor_hh_rate_pct",
    ),
    (
        "not a number",
        _problem_table("03124,,,2020,5\n03127,,,2020,abc\n03130,,,2020,7\n"),
        "not a number",
        3,
        "poor_hh_rate_pct",
    ),
    ("mixed decimals", csv_bytes('gso_code;x\n03124;"48,5"\n03127;48.5\n'), "mixes decimal", None, "x"),
    ("formula", csv_bytes("gso_code,x\n03124,=1+1\n"), "never evaluated", 2, "x"),
    ("no row key", _problem_table(",,,2020,5\n"), "neither a commune code", 2, None),
    ("no key column", csv_bytes("a,b\n1,2\n"), "no commune code column", None, None),
    ("empty table", b"", "empty", None, None),
    ("bad yes/no", csv_bytes("gso_code,grid_connected\n03124,maybe\n"), "yes/no", 2, "grid_connected"),
    (
        "unknown legacy encoding",
        csv_bytes("gso_code,commune\n03124,Xã \x81\x8d\n", "latin-1"),
        "legacy encoding",
        2,
        "commune",
    ),
    ("year not a whole number", csv_bytes("gso_code,year\n03124,2020.5\n"), "whole number", 2, "year"),
    ("headerless column with values", csv_bytes("gso_code,,year\n03124,5,2020\n"), "no header", 1, None),
    ("duplicate header", csv_bytes("gso_code,x,X\n03124,1,2\n"), "duplicate column header", 1, "X"),
]


@pytest.mark.parametrize(("label", "data", "message", "row", "column"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_tables(label, data, message, row, column):
    with pytest.raises(InputError) as caught:
        run("bad.csv", data)
    matching = [p for p in caught.value.problems if message in p.en]
    assert matching, caught.value.render("en")
    problem = matching[0]
    assert problem.file == "bad.csv"
    if row is not None:
        assert problem.row == row
    if column is not None:
        assert problem.column == column
    assert problem.vi and problem.vi != problem.en  # said in both languages


def test_every_problem_reported_at_once():
    data = _problem_table("99999,,,2020,5\n03124,,,2020,150\n,Xã Không Có,,2020,5\n03127,,,2020,abc\n")
    with pytest.raises(InputError) as caught:
        run("many.csv", data)
    rows = sorted(p.row for p in caught.value.problems)
    assert rows == [2, 3, 4, 5]
    assert "dòng 3" in caught.value.render("vi") and "row 3" in caught.value.render("en")


def test_formula_cells_in_xlsx_are_flagged_not_evaluated():
    data = xlsx_bytes([["gso_code", "households"], ["03124", '=HYPERLINK("http://x",1)'], ["03127", 5]])
    with pytest.raises(InputError) as caught:
        run("f.xlsx", data)
    assert caught.value.problems[0].row == 2
    assert "formula" in caught.value.problems[0].en


def test_old_xls_is_refused_with_advice():
    with pytest.raises(InputError, match="save it as .xlsx"):
        run("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)


def test_tcvn3_csv_is_converted_and_matched():
    # "Xã Mường Nhé" typed with a .VnTime font (TCVN3), saved as an 8-bit CSV
    tcvn3 = bytes([0x58, 0xB7, 0x20, 0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4E, 0x68, 0xD0])
    data = b"commune,year,households\n" + tcvn3 + b",2020,100\n"
    result = run("tcvn3.csv", data)
    assert result.frame["gso_code"].tolist() == ["03160"]
    assert any("TCVN3" in n.en for n in result.notes)


def test_vni_xlsx_is_converted_and_matched():
    data = xlsx_bytes([["commune", "district", "year"], ["Xaõ Möôøng Nheù", "Huyeän Möôøng Nheù", 2020]])
    result = run("vni.xlsx", data)
    assert result.frame["gso_code"].tolist() == ["03160"]
    assert any("VNI" in n.en for n in result.notes)


def _cp1258(text: str) -> bytes:
    """Encode like Windows-1258 writers do: letters with hats/horns precomposed, tone marks as combining
    bytes."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


def test_windows_1258_csv_is_read():
    data = _cp1258("commune,year\nXã Mường Nhé,2020\n")
    result = run("w.csv", data)
    assert result.frame["gso_code"].tolist() == ["03160"]
    assert any("cp1258" in n.en for n in result.notes)


def test_a_free_column_is_text_unless_most_of_its_cells_are_numbers():
    """A notes column with one number among three cells, or one of two, is kept as text; one with two of three
    is read as numbers and its other cell named; a column with a header and no value is kept empty."""
    frame = run(
        "t.csv", csv_bytes("gso_code,ghi_chu,trong\n03124,12,\n03127,sạt lở,\n03130,cầu yếu,\n")
    ).frame
    assert frame["ghi_chu"].tolist() == ["12", "sạt lở", "cầu yếu"] and frame["trong"].isna().all()
    half = run("t.csv", csv_bytes("gso_code,ghi_chu\n03124,2\n03127,đường xấu\n")).frame
    assert half["ghi_chu"].tolist() == ["2", "đường xấu"]
    with pytest.raises(InputError) as caught:
        run("t.csv", csv_bytes("gso_code,so_lop\n03124,12\n03127,sạt lở\n03130,7\n"))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (
        3,
        "so_lop",
        "sạt lở",
    ) and "not a number" in problem.en
    empty = run("t.csv", csv_bytes("gso_code,poor_hh_rate_pct\n03124,\n")).frame
    assert empty["poor_hh_rate_pct"].isna().all() and empty["poor_hh_rate_pct"].dtype == "float64"


def test_html_in_names_is_kept_as_plain_text():
    data = csv_bytes("gso_code,note\n03124,<script>alert(1)</script>\n")
    frame = run("x.csv", data).frame
    assert frame["note"].tolist() == ["<script>alert(1)</script>"]


def test_survey_import_adds_missing_columns_and_provenance():
    data = csv_bytes("gso_code,year,grid_connected\n03124,2020,có\n")
    result = import_upload("s.csv", data, layer="survey")
    frame = result.layers["survey"]
    assert frame["grid_connected"].tolist() == [True]
    assert frame["households"].isna().all()
    assert frame["provenance"].iloc[0] == "user import: s.csv"


def test_2025_units_are_matched_against_the_2025_list():
    data = csv_bytes("gso_code,year\n03127,2020\n")
    frame = import_upload("s.csv", data, layer="survey", units="2025").layers["survey_2025"]
    assert frame["commune"].tolist() == ["Phường Điện Biên Phủ"]


def test_xlsx_zip_bomb_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(UnsafeInputError):
        run("bomb.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("values", "style"),
    [
        (["48,14", "3"], ","),
        (["48.14"], "."),
        (["1.234"], None),
        (["1.234,5"], ","),
        (["1,234.5"], "."),
        (["1,5", "1.5"], "mixed"),
    ],
)
def test_number_style(values, style):
    assert number_style(values) == style


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("48,14", ",", 48.14),
        ("1.234.567,8", ",", 1234567.8),
        ("12,5%", ",", 12.5),
        ("2.360.000", ".", 2360000.0),
        ("48,14", ".", None),
        ("x", ",", None),
    ],
)
def test_parse_number(text, decimal, value):
    assert parse_number(text, decimal=decimal) == value


CELL = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["03124", "3127", "Mường Nhé", "Nà Tòng", "48,5", "=1+1", "120", "có", "", "X.Pa Ham", "2020"]
    ),
)
HEADER = st.sampled_from(
    [
        "gso_code",
        "commune",
        "district",
        "year",
        "poor_hh_rate_pct",
        "grid_connected",
        "x",
        "",
        "Tên xã",
        "Mã xã",
        "households",
    ]
)


#: Tables whose first column is a commune key, filled mostly with keys of its kind: many are accepted.
KEYS = {
    "gso_code": ["03124", "3127", "03130", "3136"],
    "Mã xã": ["03124", "3127", "03130", "3136"],
    "commune": ["Mường Nhé", "X.Pa Ham", "Noong Bua", "Him Lam"],
    "Tên xã": ["Mường Nhé", "X.Pa Ham", "Noong Bua"],
}
KEYED_TABLE = st.sampled_from(sorted(KEYS)).flatmap(
    lambda key: st.integers(0, 3).flatmap(
        lambda n: st.tuples(
            st.lists(HEADER, min_size=n, max_size=n).map(lambda rest: [key, *rest]),
            st.lists(
                st.tuples(st.sampled_from(KEYS[key]), st.lists(CELL, min_size=n, max_size=n)).map(
                    lambda row: [row[0], *row[1]]
                ),
                min_size=1,
                max_size=3,
            ),
        )
    )
)


def _to_csv(header, rows) -> bytes:
    frame = (
        pd.DataFrame(rows, columns=range(len(header))) if rows else pd.DataFrame(columns=range(len(header)))
    )
    frame.columns = header
    return frame.to_csv(index=False).encode()


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_tables_only_raise_input_errors():
    """Random headers and cells: a refusal is an InputError naming the file; an accepted table keys every row
    by a commune of the list, once per commune and year, with percentages in 0-100.  Both outcomes
    occur."""
    seen = {"refused": 0, "accepted with rows": 0}
    known = set(REF["gso_code"])

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.one_of(
            st.integers(1, 5).flatmap(
                lambda n: st.tuples(
                    st.lists(HEADER, min_size=n, max_size=n),
                    st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=5),
                )
            ),
            KEYED_TABLE,
        )
    )
    def check(table):
        header, rows = table
        try:
            result = run("fuzz.csv", _to_csv(header, rows))
        except InputError as exc:
            assert exc.problems and all(p.file == "fuzz.csv" for p in exc.problems)
            seen["refused"] += 1
            return
        frame = result.frame
        assert len(frame) and set(frame["gso_code"]) <= known
        keys = frame[["gso_code"] + (["year"] if "year" in frame else [])].astype(str)
        assert not keys.duplicated().any()
        if "poor_hh_rate_pct" in frame:
            values = frame["poor_hh_rate_pct"].dropna()
            assert ((values >= 0) & (values <= 100)).all()
        seen["accepted with rows"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 5, seen


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_bytes_only_raise_input_errors():
    """Random bytes: refused with an InputError naming the file, or read into rows as wide as their header."""
    seen = {"refused": 0, "read": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=200), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
    def check(data, name):
        try:
            raw = read_cells(name, data)
        except InputError as exc:
            assert all(p.file == name for p in exc.problems)
            seen["refused"] += 1
            return
        assert all(len(row) == len(raw.header) for row in raw.rows) and raw.first_row >= 2
        seen["read"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 5, seen


# --- what a planner's table says is what is read: ranges, years, yes/no cells, numbers
# ------------------------------


@pytest.mark.parametrize(
    ("header", "cell", "value"),
    [
        ("poor_hh_rate_pct", "0", 0.0),
        ("poor_hh_rate_pct", "100", 100.0),
        ("poor_hh_rate_pct", "100,0", 100.0),
        ("poor_hh_rate_pct", "0%", 0.0),
        ("TL hộ nghèo", "100", 100.0),
        ("TL hộ nghèo", "0", 0.0),
        ("tong_so_ho", "0", 0.0),
        ("nam", "1990", 1990),
        ("nam", "2100", 2100),
    ],
)
def test_bounds_are_inclusive(header, cell, value):
    body = f'ma_xa,nam,{header}\n03124,2020,"{cell}"\n' if header != "nam" else f"ma_xa,nam\n03124,{cell}\n"
    frame = import_upload("k.csv", body.encode(), layer="survey").layers["survey"]
    column = {"nam": "year", "tong_so_ho": "households", "TL hộ nghèo": "poor_hh_rate_pct"}.get(
        header, header
    )
    assert frame[column].tolist() == [value]


@pytest.mark.parametrize(
    ("header", "cell", "message"),
    [
        ("poor_hh_rate_pct", "100,01", "between 0 and 100"),
        ("poor_hh_rate_pct", "-0,01", "between 0 and 100"),
        ("TL hộ nghèo", "100.5", "outside the allowed range (0–100)"),
        ("TL hộ nghèo", "-1", "outside the allowed range"),
        ("tong_so_ho", "-1", "outside the allowed range (0–)"),
        ("nam", "1989", "outside the allowed range (1990–2100)"),
        ("nam", "2101", "outside the allowed range"),
    ],
)
def test_just_past_the_bounds_is_refused_naming_row_and_value(header, cell, message):
    body = (
        f'ma_xa,nam,{header}\n03127,2020,50\n03124,2020,"{cell}"\n'
        if header != "nam"
        else f"ma_xa,nam\n03127,2020\n03124,{cell}\n"
    )
    with pytest.raises(InputError) as caught:
        import_upload("k.csv", body.encode(), layer="survey")
    (problem,) = caught.value.problems
    assert message in problem.en and (problem.row, problem.column) == (3, header)
    assert problem.value == cell


def test_one_commune_in_two_years_is_one_row_per_year():
    data = csv_bytes("gso_code,year,poor_hh_rate_pct\n03124,2019,40\n03124,2020,35\n03127,2020,5\n")
    frame = run("t.csv", data).frame
    assert frame[["gso_code", "year"]].values.tolist() == [["03124", 2019], ["03124", 2020], ["03127", 2020]]
    # years are whole numbers in the saved table and its preview (2020, not 2020.0)
    assert str(frame["year"].dtype) == "Int64"
    assert frame["poor_hh_rate_pct"].tolist() == [40.0, 35.0, 5.0]
    with pytest.raises(InputError) as caught:
        run("t.csv", csv_bytes("gso_code,year,poor_hh_rate_pct\n03124,2019,40\n03127,2019,1\n3124,2019,35\n"))
    (problem,) = caught.value.problems
    assert problem.row == 4 and "row 2" in problem.en and "2019" in problem.en
    assert "dòng 2" in problem.vi and "năm 2019" in problem.vi


def test_rows_keyed_by_commune_and_programme():
    """A programme list: one commune may be on two programmes, not twice on one (spaces and case do not make
    another)."""

    def keyed(body: str):
        return import_commune_table("p.csv", csv_bytes(body), reference=REF, row_keys=("programme",))

    frame = keyed("gso_code,programme\n03124,P135\n03124,30a\n03127,P135\n").frame
    assert frame[["gso_code", "programme"]].values.tolist() == [
        ["03124", "P135"],
        ["03124", "30a"],
        ["03127", "P135"],
    ]
    with pytest.raises(InputError) as caught:
        keyed("gso_code,programme\n03124,Chương trình 135\n03127,30a\n3124, chương trình 135 \n")
    (problem,) = caught.value.problems
    assert problem.row == 4 and "row 2" in problem.en and "— chương trình 135" in problem.en
    assert " in " not in problem.en.split("—")[1] and " năm " not in problem.vi  # no year in this table


def test_a_schema_column_with_only_an_upper_bound_is_checked_against_it():
    schema = TableSchema(numbers={"so_lan": (None, 10)})
    frame = import_commune_table(
        "t.csv", csv_bytes("gso_code,so_lan\n03124,-5\n03127,10\n"), reference=REF, schema=schema
    ).frame
    assert frame["so_lan"].tolist() == [-5.0, 10.0]
    with pytest.raises(InputError) as caught:
        import_commune_table(
            "t.csv", csv_bytes("gso_code,so_lan\n03124,-5\n03127,11\n"), reference=REF, schema=schema
        )
    (problem,) = caught.value.problems
    assert (problem.row, problem.value) == (3, "11") and "outside the allowed range (–10)" in problem.en


def test_a_row_without_year_and_one_with_a_year_are_different_rows():
    frame = run("t.csv", csv_bytes("gso_code,year,x\n03124,,1\n03124,2020,2\n")).frame
    assert len(frame) == 2 and frame["year"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
        ("TRUE", True),
        ("false", False),
        ("Có", True),
        ("không", False),
        ("x", True),
        ("Đạt", True),
        ("chưa đạt", False),
        ("", None),
        (None, None),
    ],
)
def test_yes_no_cells_from_excel(cell, answer):
    data = xlsx_bytes([["gso_code", "grid_connected"], ["03124", cell]])
    assert run("t.xlsx", data).frame["grid_connected"].tolist() == [answer]


@pytest.mark.parametrize("cell", [2, 0.5, -1, "maybe", "2"])
def test_yes_no_cells_that_are_no_answer_are_refused(cell):
    with pytest.raises(InputError) as caught:
        run("t.xlsx", xlsx_bytes([["gso_code", "grid_connected"], ["03124", cell]]))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "grid_connected") and "yes/no" in problem.en


def test_an_excel_number_too_large_for_a_float_is_not_a_number():
    """A cell storing 1e400 (hand-made or hostile: Excel caps at 1e308) reads as infinity: refused, never
    kept."""
    import zipfile

    out = io.BytesIO()
    data = xlsx_bytes([["gso_code", "households"], ["03124", 111], ["03127", 5], ["03130", 7]])
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, content.replace(b"<v>111</v>", b"<v>1e400</v>"))
    with pytest.raises(InputError) as caught:
        run("t.xlsx", out.getvalue())
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "households") and "not a number" in problem.en


def test_years_written_as_decimals_by_a_spreadsheet_are_whole_years():
    """pandas writes a year column with a gap as 2020.0."""
    frame = run("t.csv", csv_bytes("gso_code,year\n03124,2020.0\n03127,\n")).frame
    assert frame["year"].tolist()[0] == 2020 and pd.isna(frame["year"].tolist()[1])


def test_excel_numbers_and_texts_are_read_as_typed():
    data = xlsx_bytes(
        [
            ["Danh sách xã"],
            ["gso_code", "year", "poor_hh_rate_pct", "households", "note"],
            [3124, 2020.0, 48.14, 1234, "đường sạt lở"],
            ["03127", "2020", "5,5", "1.234", "cầu yếu"],
        ]
    )
    result = run("t.xlsx", data)
    frame = result.frame
    assert frame["gso_code"].tolist() == ["03124", "03127"] and frame["year"].tolist() == [2020, 2020]
    assert frame["poor_hh_rate_pct"].tolist() == [48.14, 5.5] and frame["households"].tolist() == [
        1234.0,
        1234.0,
    ]
    assert frame["note"].tolist() == ["đường sạt lở", "cầu yếu"]


def test_header_found_below_a_title_and_rows_numbered_as_in_the_spreadsheet():
    data = csv_bytes("Báo cáo\n\nGhi chú: số liệu 2020\ngso_code,poor_hh_rate_pct\n03124,5\n\n03127,abc\n")
    with pytest.raises(InputError) as caught:
        run("t.csv", data)
    assert [p.row for p in caught.value.problems] == [7]
    raw = read_cells("t.csv", data)
    assert raw.header == ["gso_code", "poor_hh_rate_pct"] and raw.first_row == 5
    # a title row only, or the header beyond the first ten filled rows: the first filled row is the header
    data = csv_bytes("".join(f"dòng {i}\n" for i in range(10)) + "gso_code,x\n03124,1\n")
    assert read_cells("t.csv", data).header == ["dòng 0", ""]


def test_cells_of_a_short_row_are_empty_and_every_delimiter_is_read():
    for delimiter in (",", ";", "\t", "|"):
        raw = read_cells(
            "t.csv", f"gso_code{delimiter}a{delimiter}b\n03124{delimiter}1{delimiter}2\n".encode()
        )
        assert raw.header == ["gso_code", "a", "b"] and raw.rows == [["03124", "1", "2"]], delimiter
    raw = read_cells("t.csv", b"gso_code,a,b\n03124,1\n03127\n")
    assert raw.rows == [["03124", "1", None], ["03127", None, None]]


def test_a_table_not_in_utf8_is_read_and_said():
    raw = read_cells("t.csv", "gso_code,xã\n03124,Mường Nhé\n".encode("cp1252", errors="replace"))
    assert raw.notes and "cp" in raw.notes[0].en
    raw = read_cells("t.csv", "gso_code,xã\n03124,Mường Nhé\n".encode())
    assert raw.notes == [] and raw.rows[0][1] == "Mường Nhé"


def test_row_limit_is_100000_rows():
    body = "gso_code,x\n" + "03124,1\n" * 100_000
    assert len(read_cells("t.csv", body.encode()).rows) == 100_000
    with pytest.raises(InputError, match="more than 100000 rows"):
        read_cells("t.csv", (body + "03124,1\n").encode())


def test_an_excel_sheet_is_read_to_its_300th_column():
    """The README: at most 300 columns are read, and a note says so when more were there."""
    header = ["gso_code"] + [f"c{i}" for i in range(2, 302)]
    raw = read_cells("t.xlsx", xlsx_bytes([header, ["03124"] + list(range(2, 302))]))
    assert len(raw.header) == 300 and raw.header[-1] == "c300" and raw.rows[0][-1] == 300
    assert [n.en for n in raw.notes if "columns" in n.en] == [
        "only the first 300 columns were read; the columns after them were left out."
    ]
    assert all(n.file == "t.xlsx" for n in raw.notes)


@pytest.mark.parametrize("columns", [300, 301])
def test_a_csv_is_read_to_its_300th_column_and_says_when_it_cut(columns):
    header = ["gso_code"] + [f"c{i}" for i in range(2, columns + 1)]
    body = ",".join(header) + "\n" + ",".join(["03124"] + [str(i) for i in range(2, columns + 1)]) + "\n"
    raw = read_cells("t.csv", body.encode())
    assert len(raw.header) == 300 and raw.header[-1] == "c300" and raw.rows[0][-1] == "300"
    cut = [n for n in raw.notes if "columns" in n.en]
    assert len(cut) == (columns > 300) and all(n.file == "t.csv" for n in cut)


def _workbook_zip(sizes: dict[str, int]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
        for member, size in sizes.items():
            z.writestr(member, b" " * size)
    return buffer.getvalue()


def test_an_xlsx_whose_shared_texts_exceed_64_mib_unpacked_is_refused_saying_so():
    """The README: an XLSX whose shared texts exceed 64 MiB unpacked is refused (before openpyxl holds
    them)."""
    limits = UploadLimits(max_ratio=10**6)  # blanks compress far beyond the zip-bomb ratio
    with pytest.raises(InputError) as caught:
        read_cells("big.xlsx", _workbook_zip({"xl/sharedStrings.xml": 64 * 2**20 + 1}), limits=limits)
    (problem,) = caught.value.problems
    assert (
        "(64 MiB unpacked)" in problem.en
        and "(64 MiB khi giải nén)" in problem.vi
        and problem.file == "big.xlsx"
    )
    # exactly 64 MiB, or another part that large: not this refusal (then found not to be a workbook)
    for sizes in ({"xl/sharedStrings.xml": 64 * 2**20}, {"xl/styles.xml": 64 * 2**20 + 1}):
        with pytest.raises(InputError) as caught:
            read_cells("big.xlsx", _workbook_zip(sizes), limits=limits)
        assert "too much text" not in caught.value.render("en")


def test_a_workbook_without_its_extension_is_read_as_a_workbook():
    raw = read_cells("bang_so_lieu", xlsx_bytes([["gso_code", "x"], ["03124", 1]]))
    assert raw.header[:2] == ["gso_code", "x"] and raw.rows[0][:2] == ["03124", 1] and not any(raw.header[2:])


def test_only_the_first_worksheet_is_read_and_said():
    book = openpyxl.Workbook()
    book.active.title = "Số liệu 2020"
    book.active.append(["gso_code", "x"])
    book.active.append(["03124", 1])
    book.create_sheet("Ghi chú").append(["nothing"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = run("t.xlsx", buffer.getvalue())
    assert result.frame["x"].tolist() == [1.0]
    (note,) = [n for n in result.notes if "worksheet" in n.en]
    assert note.en == "only the first worksheet ('Số liệu 2020') was read."
    assert note.vi == "chỉ đọc trang tính đầu tiên ('Số liệu 2020')."
    # a workbook of one sheet: nothing left out, nothing said
    single = run("t.xlsx", xlsx_bytes([["gso_code", "x"], ["03124", 1]]))
    assert not [n for n in single.notes if "worksheet" in n.en]


def test_table_that_reads_back_what_was_written():
    """Random tables of communes, years, rates (Vietnamese or English decimals), household counts and yes/no
    words: an accepted table gives back every value written; two rows for one commune and year are refused
    naming the second row."""
    seen = {"accepted": 0, "refused": 0}
    words = {
        "có": True,
        "không": False,
        "yes": True,
        "no": False,
        "1": True,
        "0": False,
        "TRUE": True,
        "False": False,
        "": None,
    }

    @settings(max_examples=settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.booleans(),
        st.lists(
            st.tuples(
                st.sampled_from(CODES[:6]),
                st.sampled_from([2019, 2020]),
                st.integers(0, 10_000),
                st.integers(0, 100_000),
                st.sampled_from(sorted(words)),
            ),
            min_size=1,
            max_size=6,
        ),
    )
    def check(vietnamese, rows):
        sep, dec = (";", ",") if vietnamese else (",", ".")
        lines = [sep.join(["gso_code", "year", "poor_hh_rate_pct", "households", "grid_connected"])]
        for code, year, rate, households, word in rows:
            text = f"{rate / 100:.2f}".replace(".", dec)
            lines.append(sep.join([code, str(year), text, str(households), word]))
        data = ("\n".join(lines) + "\n").encode()
        keys = [(c, y) for c, y, *_ in rows]
        try:
            frame = run("r.csv", data).frame
        except InputError as exc:
            first = next(i for i, k in enumerate(keys) if keys.count(k) > 1 and keys.index(k) < i)
            assert any(p.row == first + 2 and "both refer to" in p.en for p in exc.problems), exc.render("en")
            seen["refused"] += 1
            return
        assert len(set(keys)) == len(keys)
        assert frame["gso_code"].tolist() == [c for c, *_ in rows]
        assert frame["year"].tolist() == [y for _, y, *_ in rows]
        assert frame["poor_hh_rate_pct"].tolist() == pytest.approx([r / 100 for _, _, r, _, _ in rows])
        assert frame["households"].tolist() == [float(h) for *_, h, _ in rows]
        assert frame["grid_connected"].tolist() == [words[w] for *_, w in rows]
        seen["accepted"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 10, seen


def test_points_for_commune_centres_get_unit_ids():
    data = csv_bytes("Mã xã,lon,lat\n3136,103.02,21.38\n")
    frame = import_upload("ubnd.csv", data, layer="commune_centres").layers["commune_centres"]
    assert frame[["gso_code", "unit_id", "commune"]].iloc[0].tolist() == [
        "03136",
        "03136",
        "Phường Mường Thanh",
    ]
    with pytest.raises(InputError, match="not in the province"):
        import_upload("ubnd.csv", csv_bytes("ma_xa,lon,lat\n99999,103.02,21.38\n"), layer="commune_centres")


# --- the survey a planner brings: Vietnamese column names, numbers whatever the mix, ranges
# --------------------------


def survey(body: str):
    return import_upload("khao_sat.csv", body.encode(), layer="survey").layers["survey"]


def test_a_number_column_is_numbers_even_when_most_cells_are_text():
    """481 among two 'chưa có' used to make the column text and skip the 0–100 check."""
    body = "ma_xa,nam,ty_le_ho_ngheo\n03124,2020,481\n03127,2020,chưa có\n03130,2020,chưa có\n"
    with pytest.raises(InputError) as caught:
        survey(body)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "ty_le_ho_ngheo", "481")
    assert "between 0 and 100" in problem.en


def test_no_data_words_are_empty_and_said_so():
    result = import_upload(
        "k.csv",
        "ma_xa,nam,ty_le_ho_ngheo\n03124,2020,41,5\n03127,2020,chưa có\n03130,2020,-\n".replace(
            ",41,5", ',"41,5"'
        ).encode(),
        layer="survey",
    )
    frame = result.layers["survey"].set_index("gso_code")
    assert frame.loc["03124", "poor_hh_rate_pct"] == 41.5
    assert frame.loc[["03127", "03130"], "poor_hh_rate_pct"].isna().all()
    (note,) = [n for n in result.notes if "no figure" in n.en]
    assert "2 cell(s) saying 'no figure' (such as 'chưa có')" in note.en and "(như 'chưa có')" in note.vi
    one = import_upload("k.csv", b"ma_xa,nam,ty_le_ho_ngheo\n03124,2020,5\n03127,2020,n/a\n", layer="survey")
    assert any("1 cell(s) saying 'no figure' (such as 'n/a')" in n.en for n in one.notes)


@pytest.mark.parametrize(
    ("cell", "message"),
    [("abc", "not a number"), ("inf", "not a number"), ("-5", "outside the allowed range")],
)
def test_text_infinite_or_negative_household_counts_are_refused_by_row(cell, message):
    with pytest.raises(InputError) as caught:
        survey(f"ma_xa,nam,tong_so_ho\n03124,2020,1200\n03127,2020,{cell}\n")
    (problem,) = caught.value.problems
    assert problem.row == 3 and problem.column == "tong_so_ho" and message in problem.en


@pytest.mark.parametrize("header", ["Tỷ lệ hộ nghèo (%)", "ty_le_ngheo", "TL hộ nghèo", "tỉ lệ hộ nghèo"])
def test_vietnamese_names_of_the_poverty_rate_are_recognised(header):
    result = import_upload("k.csv", f"ma_xa,nam,{header}\n03124,2020,12\n".encode(), layer="survey")
    assert result.layers["survey"]["poor_hh_rate_pct"].tolist() == [12.0]
    assert any("poor_hh_rate_pct" in n.en and "read as" in n.en for n in result.notes)


def test_counts_give_the_rate_and_a_count_above_the_households_is_refused():
    result = import_upload(
        "k.csv", "Mã xã,Năm,Số hộ nghèo,Tổng số hộ\n03124,2020,300,1200\n".encode(), layer="survey"
    )
    frame = result.layers["survey"]
    assert frame["poor_hh_rate_pct"].tolist() == [25.0]
    assert any("computed from poor households / households" in n.en for n in result.notes)
    with pytest.raises(InputError, match="exceed the households"):
        survey("ma_xa,nam,so_ho_ngheo,tong_so_ho\n03124,2020,1300,1200\n")


def test_an_unknown_column_is_named_never_dropped():
    result = import_upload(
        "k.csv", "ma_xa,nam,ty_le_ngheo,ghi_chu_xa\n03124,2020,12,đường sạt lở\n".encode(), layer="survey"
    )
    assert result.layers["survey"]["ghi_chu_xa"].tolist() == ["đường sạt lở"]
    assert any("'ghi_chu_xa'" in n.en and "does not use" in n.en for n in result.notes)


def test_two_columns_meaning_one_indicator_are_refused():
    with pytest.raises(InputError, match="both mean 'poor-household rate"):
        survey("ma_xa,nam,ty_le_ngheo,tl_ho_ngheo\n03124,2020,12,13\n")


def test_a_header_only_table_is_refused():
    with pytest.raises(InputError, match="no data rows"):
        survey("ma_xa,nam,ty_le_ngheo\n")
    with pytest.raises(InputError, match="no data rows"):
        survey("ma_xa,nam,ty_le_ngheo\n,,\n")


def test_years_far_outside_any_survey_are_refused():
    with pytest.raises(InputError, match="outside the allowed range"):
        survey("ma_xa,nam,ty_le_ngheo\n03124,3020,12\n")
    # a year typed with extra zeros, beyond what a whole-number column holds (2**63 and 2**64 are 9.2e18 and
    # 1.8e19): refused the same way
    for year in ("10000000000000000000", "20200000000000000000"):
        with pytest.raises(InputError, match="outside the allowed range") as caught:
            survey(f"ma_xa,nam,ty_le_ngheo\n03124,{year},12\n")
        assert [(p.row, p.column) for p in caught.value.problems] == [(2, "nam")]


# --- fuzzing the survey with mixed-type columns: accepted tables keep every figure in its range
# ----------------------

MIXED = st.one_of(
    st.integers(-500, 5000),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.just(float("inf")),
    st.sampled_from(["chưa có", "-", "48,5", "1.234", "12,5%", "abc", "", "1e300", "=A1", "  7 "]),
)
VALUE_HEADERS = st.sampled_from(
    [
        "ty_le_ho_ngheo",
        "Tỷ lệ hộ nghèo (%)",
        "tong_so_ho",
        "so_ho_ngheo",
        "ty_le_ho_dung_dien",
        "ghi_chu",
        "households",
        "co_dien_luoi",
    ]
)
CODES = REF["gso_code"].tolist()


def _survey_csv(headers, rows) -> bytes:
    lines = [",".join(["ma_xa", "nam", *headers])]
    lines += [",".join([code, str(year), *(f'"{v}"' for v in values)]) for code, year, values in rows]
    return "\n".join(lines).encode()


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_survey_tables_with_mixed_columns():
    counts = {"accepted": 0, "refused": 0}

    @settings(
        max_examples=10 * settings.default.max_examples,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(
        st.integers(1, 3).flatmap(
            lambda n: st.tuples(
                st.lists(VALUE_HEADERS, min_size=n, max_size=n, unique=True),
                st.lists(
                    st.tuples(
                        st.sampled_from(CODES),
                        st.sampled_from([2019, 2020]),
                        st.lists(MIXED, min_size=n, max_size=n),
                    ),
                    min_size=1,
                    max_size=6,
                ),
            )
        )
    )
    def one(table):
        headers, rows = table
        try:
            frame = import_upload("k.csv", _survey_csv(headers, rows), layer="survey").layers["survey"]
        except InputError as exc:
            assert all(p.file == "k.csv" for p in exc.problems)
            counts["refused"] += 1
            return
        counts["accepted"] += 1
        for column, (low, high) in SURVEY_SCHEMA.numbers.items():
            if column not in frame:
                continue
            values = pd.to_numeric(frame[column], errors="raise").dropna()
            assert values.map(math.isfinite).all()
            assert (low is None or (values >= low).all()) and (high is None or (values <= high).all()), column
        assert len(frame) == len({(c, y) for c, y, _ in rows})

    one()
    assert min(counts.values()) >= settings.default.max_examples, counts


# --- what the messages and notes name: rows and columns as the spreadsheet numbers them, counts, sheets
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 1])
def test_an_excel_sheet_of_exactly_the_row_limit_is_read_whole_and_one_more_row_is_refused(
    monkeypatch, extra
):
    """A sheet of the limit's rows (plus its header) is read to its last row, never cut short; one more row
    is refused, never silently dropped.  The limit is lowered to 30 so the sheet stays small (the CSV test
    above checks the real 100 000)."""
    monkeypatch.setattr(geo.tables, "MAX_ROWS", 30)
    rows = [["gso_code", "x"]] + [["03124", i] for i in range(1, 31 + extra)]
    data = xlsx_bytes(rows)
    if extra:
        with pytest.raises(InputError) as caught:
            geo.tables.parse_cells("t.xlsx", data, DEFAULT_LIMITS)
        (problem,) = caught.value.problems
        assert problem.en == "the table has more than 30 rows; split the file." and problem.file == "t.xlsx"
    else:
        raw = geo.tables.parse_cells("t.xlsx", data, DEFAULT_LIMITS)
        assert len(raw.rows) == 30 and raw.rows[-1][:2] == ["03124", 30]


def test_a_headerless_column_is_named_by_its_number_counted_from_one():
    with pytest.raises(InputError) as caught:
        run("bad.csv", csv_bytes("gso_code,year,,x\n03124,2020,5,1\n"))
    (problem,) = caught.value.problems
    assert problem.en == "column 3 has values but no header; give it a name."
    assert problem.vi == "cột thứ 3 có số liệu nhưng không có tên; hãy đặt tên cột."
    assert problem.row == 1


def test_two_columns_meaning_one_indicator_are_named_at_the_header_row():
    with pytest.raises(InputError) as caught:
        survey("Khảo sát hộ nghèo 2020\nma_xa,nam,ty_le_ngheo,tl_ho_ngheo\n03124,2020,12,13\n")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "tl_ho_ngheo")  # the header is the sheet's second row


def test_canonical_headers_are_not_said_to_be_renamed():
    result = import_upload("k.csv", b"ma_xa,nam,poor_hh_rate_pct\n03124,2020,12\n", layer="survey")
    assert result.layers["survey"]["poor_hh_rate_pct"].tolist() == [12.0]
    assert not [n for n in result.notes if "read as" in n.en]


def test_legacy_names_converted_are_counted_per_encoding():
    # "Xã Mường Nhé" typed with a .VnTime font (TCVN3) in two rows: two name cells
    commune = bytes([0x58, 0xB7, 0x20, 0x4D, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4E, 0x68, 0xD0])
    data = b"commune,year\n" + commune + b",2020\n" + commune + b",2019\n"
    result = run("tcvn3.csv", data)
    assert result.frame["gso_code"].tolist() == ["03160", "03160"]
    assert [n.en for n in result.notes if "converted from" in n.en] == [
        "2 name cells converted from TCVN3 (ABC) to Unicode; check the preview."
    ]
    vni = xlsx_bytes(
        [
            ["commune", "district", "year"],
            ["Xaõ Möôøng Nheù", "Huyeän Möôøng Nheù", 2020],
            ["Xaõ Möôøng Nheù", "Huyeän Möôøng Nheù", 2019],
        ]
    )
    notes = run("vni.xlsx", vni).notes
    assert [n.en for n in notes if "converted from" in n.en] == [
        "4 name cells converted from VNI-Windows to Unicode; check the preview."
    ]
    assert [n.vi for n in notes if "bảng mã" in n.vi and "Unicode" in n.vi] == [
        "4 ô tên được chuyển từ bảng mã VNI-Windows sang Unicode; hãy kiểm tra bản xem trước."
    ]


def test_a_code_that_disagrees_with_its_name_in_the_named_district_is_refused():
    """Nà Tòng (Tuần Giáo, 03263) and Na Tông (Điện Biên, 03365) fold alike: the district tells them apart."""
    with pytest.raises(InputError) as caught:
        run(
            "t.csv",
            csv_bytes("gso_code,commune,district\n03124,Nà Tòng,Tuần Giáo\n03365,Nà Tòng,Tuần Giáo\n"),
        )
    assert [(p.row, p.column) for p in caught.value.problems if "another commune" in p.en] == [
        (2, "commune"),
        (3, "commune"),
    ]
    ok = run("t.csv", csv_bytes("gso_code,commune,district\n03263,Nà Tòng,Tuần Giáo\n"))
    assert ok.frame["commune"].tolist() == ["Xã Nà Tòng"]


def test_the_saved_table_leads_with_code_commune_district_code_and_district():
    frame = run("t.csv", csv_bytes("gso_code,year,households\n03263,2020,100\n")).frame
    assert frame.columns.tolist() == [
        "gso_code",
        "commune",
        "district_code",
        "district",
        "year",
        "households",
    ]
    assert frame.iloc[0, :4].tolist() == ["03263", "Xã Nà Tòng", "099", "Huyện Tuần Giáo"]

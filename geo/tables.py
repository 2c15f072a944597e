"""Commune tables (CSV, XLSX): cells read without evaluating formulas, numbers parsed.

Communes are matched by code or name.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from geo.archives import DEFAULT_LIMITS, UploadLimits, check_upload_size, check_zip, is_zip
from geo.encodings import decode_bytes, detect_legacy
from geo.errors import InputError, Problem
from geo.formats import check_content
from geo.messages import msg
from geo.names import CommuneNameIndex, fold_text, normalize_gso_code
from geo.sandbox import run_isolated
from geo.values import answer_text, parse_yes_no
from geo.vocab import Lang

MAX_ROWS = 100_000
MAX_COLUMNS = 300

#: Recognised headers (folded, non-alphanumerics as "_") of the key columns.
CODE_HEADERS = {
    "gso_code",
    "ma_xa",
    "ma",
    "code",
    "commune_gso",
    "commune_code",
    "ma_dvhc",
    "ma_don_vi",
    "ma_xa_gso",
    "ma_tctk",
    "ma_xa_tctk",
}
NAME_HEADERS = {
    "commune",
    "ten_xa",
    "xa",
    "commune_name",
    "ten",
    "name",
    "ten_don_vi",
    "xa_phuong",
    "don_vi",
    "ten_xa_phuong",
    "xa_phuong_thi_tran",
}
DISTRICT_HEADERS = {
    "district",
    "huyen",
    "ten_huyen",
    "district_name",
    "huyen_thi_xa_thanh_pho",
    "huyen_thanh_pho",
}
YEAR_HEADERS = {"year", "nam"}
_PERCENT_HINTS = ("pct", "percent", "ty_le", "ti_le", "rate", "phan_tram")
_NUMBER = re.compile(r"^[+-]?(\d[\d.,\s]*)?\d%?$|^[+-]?\d*[.,]\d+%?$")


def header_key(header: object) -> str:
    """Return the comparison key of a column header (``"Mã xã"`` → ``"ma_xa"``)."""
    return re.sub(r"[^0-9a-z%]+", "_", fold_text(str(header))).strip("_")


@dataclass
class RawTable:
    """Cells of a table as read: a header and text/number rows.

    ``first_row`` is the spreadsheet row of ``rows[0]``.
    """

    header: list[str]
    rows: list[list[object]]
    first_row: int = 2
    notes: list[Problem] = field(default_factory=list)


@dataclass
class TableImport:
    """A commune table ready to save: ``frame`` keyed by ``gso_code``; ``notes`` say what was converted."""

    frame: pd.DataFrame
    notes: list[Problem]


@dataclass(frozen=True)
class TableSchema:
    """The value columns a kind of commune table may hold: canonical names, aliases, kinds, ranges.

    ``numbers`` maps a canonical column to its allowed ``(low, high)`` (``None``: unbounded); ``yes_no`` lists
    the yes/no columns; ``aliases`` maps a canonical column to the header keys (:func:`alias_key`) that also
    mean it; ``titles`` gives each canonical column's name for messages, as a key of the message catalogue.  A
    column in ``numbers`` is always parsed as numbers, whatever mix of cells it holds; a header the schema
    does not know is kept and named in a note.
    """

    numbers: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    yes_no: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def canonical(self, header: str) -> str | None:
        """Return the canonical column ``header`` means, or ``None`` when the schema does not know it."""
        key = alias_key(header)
        for column in (*self.numbers, *self.yes_no):
            if key == alias_key(column) or key in self.aliases.get(column, ()):
                return column
        return None

    def title(self, column: str, lang: Lang) -> str:
        """Return the planner's name of ``column`` in ``lang`` (the column name when none is given)."""
        key = self.titles.get(column)
        return msg(key, lang) if key is not None else column


def alias_key(header: object) -> str:
    """Return :func:`header_key` without percent marks (``"Tỷ lệ hộ nghèo (%)"`` → ``"ty_le_ho_ngheo"``)."""
    key = header_key(header).replace("%", "")
    for suffix in ("_pct", "_percent", "_phan_tram"):
        key = key.removesuffix(suffix)
    return key.strip("_")


#: Cell texts that mean "no figure" in a number column (folded): read as empty, counted in a note.
NO_DATA = {
    "-",
    "--",
    "–",
    "—",
    ".",
    "..",
    "...",
    "n/a",
    "na",
    "nd",
    "khong co",
    "chua co",
    "khong co so lieu",
    "chua co so lieu",
    "ksl",
    "kcsl",
    "k/c",
    "khong ro",
    "chua ro",
}


# --- reading cells
# ---------------------------------------------------------------------------------------------


def _bad_file(name: str, vi: str, en: str) -> InputError:
    return InputError(Problem(vi=vi, en=en, file=name))


def read_cells(name: str, data: bytes, *, limits: UploadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read the cells of a CSV or XLSX upload (first sheet).

    Formulas are read as their text, never evaluated.  The content must match the extension
    (:func:`geo.formats.check_content`); the parse runs in an isolated child process with bounded time and
    memory (:func:`geo.sandbox.run_isolated`).
    """
    check_upload_size(name, len(data), limits=limits)
    lower = name.lower()
    if lower.endswith((".xls",)) and not is_zip(data):
        raise _bad_file(
            name,
            "tệp Excel cũ (.xls) chưa được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx.",
            "old Excel files (.xls) are not supported; open it in Excel and save it as .xlsx.",
        )
    check_content(name, data)
    return run_isolated(
        parse_cells,
        name,
        data,
        limits,
        file=name,
        seconds=limits.max_seconds,
        memory_mib=limits.max_memory_mib,
    )


def parse_cells(name: str, data: bytes, limits: UploadLimits) -> RawTable:
    """Do the work of :func:`read_cells`; runs inside :func:`geo.sandbox.run_isolated`."""
    if name.lower().endswith((".xlsx", ".xlsm")) or is_zip(data):
        return _read_xlsx(name, data, limits)
    return _read_csv(name, data)


def _read_csv(name: str, data: bytes) -> RawTable:
    text, codec = decode_bytes(data)
    notes = []
    if codec != "utf-8":
        notes.append(
            Problem(
                vi=f"tệp không phải UTF-8; đã đọc theo bảng mã {codec}.",
                en=f"the file is not UTF-8; it was read as {codec}.",
                file=name,
            )
        )
    text = text.replace("\x00", "")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        lines = []
        for i, line in enumerate(reader):
            if i > MAX_ROWS:
                raise _bad_file(
                    name,
                    f"bảng có hơn {MAX_ROWS} dòng; hãy chia nhỏ tệp.",
                    f"the table has more than {MAX_ROWS} rows; split the file.",
                )
            lines.append(line)
        lines = _first_columns(name, lines, notes)
    except csv.Error as exc:
        raise _bad_file(
            name,
            f"không đọc được tệp CSV ({exc}); hãy lưu lại dạng CSV UTF-8.",
            f"cannot read the CSV ({exc}); save it again as CSV UTF-8.",
        ) from exc
    return _split_header(name, lines, notes)


#: Largest table of shared texts an XLSX may hold, unpacked (openpyxl keeps it all in memory).
MAX_SHARED_STRINGS_BYTES = 64 * 2**20


def _check_workbook(name: str, data: bytes, limits: UploadLimits) -> None:
    """Refuse a zip that is not an Excel workbook, or whose shared texts are too large to hold.

    Both are refused before the workbook is parsed.
    """
    members = set(check_zip(name, data, limits=limits))
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= members:
        raise _bad_file(
            name,
            "tệp là một tệp nén zip nhưng không phải sổ tính Excel (.xlsx); hãy mở bằng Excel và lưu lại "
            "dạng .xlsx.",
            "the file is a zip archive but not an Excel workbook (.xlsx); open it in Excel and save it as "
            ".xlsx.",
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename == "xl/sharedStrings.xml" and info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise _bad_file(
                    name,
                    f"sổ tính chứa quá nhiều chữ ({info.file_size // 2**20} MiB khi giải nén); hãy chép "
                    f"riêng "
                    "bảng số liệu cấp xã sang một tệp mới rồi nhập lại.",
                    f"the workbook holds too much text ({info.file_size // 2**20} MiB unpacked); copy just "
                    f"the "
                    "commune table into a new file and import that.",
                )


def _read_xlsx(name: str, data: bytes, limits: UploadLimits) -> RawTable:
    _check_workbook(name, data, limits)
    import openpyxl  # only needed for spreadsheets

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure of a user file becomes one message
        raise _bad_file(
            name,
            f"không mở được tệp Excel ({type(exc).__name__}); hãy lưu lại dạng .xlsx.",
            f"cannot open the Excel file ({type(exc).__name__}); save it again as .xlsx.",
        ) from exc
    notes = []
    try:
        sheets = book.worksheets
        if not sheets:
            raise _bad_file(name, "tệp Excel không có trang tính nào.", "the Excel file has no worksheet.")
        if len(sheets) > 1:
            notes.append(
                Problem(
                    vi=f"chỉ đọc trang tính đầu tiên ('{sheets[0].title}').",
                    en=f"only the first worksheet ('{sheets[0].title}') was read.",
                    file=name,
                )
            )
        lines = []
        for i, row in enumerate(
            sheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 12, max_col=MAX_COLUMNS + 1)
        ):
            if i > MAX_ROWS:
                raise _bad_file(
                    name,
                    f"bảng có hơn {MAX_ROWS} dòng; hãy chia nhỏ tệp.",
                    f"the table has more than {MAX_ROWS} rows; split the file.",
                )
            lines.append([_cell_value(v) for v in row])
        lines = _first_columns(name, lines, notes)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _bad_file(
            name,
            f"tệp Excel bị hỏng ({type(exc).__name__}); hãy lưu lại dạng .xlsx.",
            f"the Excel file is damaged ({type(exc).__name__}); save it again as .xlsx.",
        ) from exc
    finally:
        book.close()
    return _split_header(name, lines, notes)


def _cell_value(value: object) -> object:
    """Keep numbers and text; formulas of any kind become their ``=...`` text.

    Dates and other values become text.
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    text = getattr(value, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return text if text.startswith("=") else "=" + text
    return str(value)


def _first_columns(name: str, lines: list, notes: list[Problem]) -> list:
    """Return the first :data:`MAX_COLUMNS` cells of each line.

    A note names the file when a later cell held anything.
    """
    cut = any(any(str(v).strip() for v in line[MAX_COLUMNS:] if v is not None) for line in lines)
    if cut:
        notes.append(
            Problem(
                vi=f"chỉ đọc {MAX_COLUMNS} cột đầu tiên; các cột sau bị bỏ qua.",
                en=f"only the first {MAX_COLUMNS} columns were read; the columns after them were left out.",
                file=name,
            )
        )
    return [list(line[:MAX_COLUMNS]) for line in lines]


def _split_header(name: str, lines: Sequence[Sequence[object]], notes: list[Problem]) -> RawTable:
    """Find the header row (the first of the first 10 non-empty rows naming a code or commune column)."""
    non_empty = [(i, line) for i, line in enumerate(lines) if any(_text(v) for v in line)]
    if not non_empty:
        raise _bad_file(name, "bảng trống; hãy kiểm tra tệp.", "the table is empty; check the file.")
    header_at = non_empty[0][0]
    for i, line in non_empty[:10]:
        keys = {header_key(v) for v in line if _text(v)}
        if keys & (CODE_HEADERS | NAME_HEADERS):
            header_at = i
            break
    header = [_text(v) for v in lines[header_at]]
    body = lines[header_at + 1 :]
    width = max([len(header)] + [len(r) for r in body])
    header += [""] * (width - len(header))
    rows = [list(r) + [None] * (width - len(r)) for r in body]
    return RawTable(header=header, rows=rows, first_row=header_at + 2, notes=notes)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


# --- numbers
# -----------------------------------------------------------------------------------------------------


def number_style(values: list[str]) -> str | None:
    """Return the decimal separator of the values: ``","``, ``"."`` or ``None`` when they do not tell.

    ``","`` is the Vietnamese decimal comma, ``"."`` the decimal point.  A separator followed by 1–2 or 4+
    digits at the end is a decimal separator; both styles in one column is ``"mixed"``.
    """
    comma = point = False
    for v in values:
        v = v.rstrip("%").strip()
        if re.search(r"\d,\d{1,2}$|\d,\d{4,}$|^[+-]?,\d+$|\d{4},\d+$|^[+-]?0,\d+$", v) or re.search(
            r"\.\d{3}.*,\d+$", v
        ):
            comma = True
        if re.search(r"\d\.\d{1,2}$|\d\.\d{4,}$|^[+-]?\.\d+$|\d{4}\.\d+$|^[+-]?0\.\d+$", v) or re.search(
            r",\d{3}.*\.\d+$", v
        ):
            point = True
    if comma and point:
        return "mixed"
    return "," if comma else "." if point else None


def parse_number(text: str, *, decimal: str) -> float | None:
    """Parse ``text`` with the given decimal separator; ``None`` if not a number.

    The other separator is a thousands separator.
    """
    v = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not v or not _NUMBER.match(v + ""):
        return None
    thousands = "." if decimal == "," else ","
    if v.count(decimal) > 1:
        if thousands in v or not re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(decimal) + r"\d{3})+", v):
            return None
        decimal, thousands = thousands, decimal  # 2.360.000 written with thousands separators only
    if thousands in v:
        grouped = r"[+-]?\d{1,3}(" + re.escape(thousands) + r"\d{3})+(" + re.escape(decimal) + r"\d*)?"
        if not re.fullmatch(grouped, v):
            return None
    v = v.replace(thousands, "").replace(decimal, ".")
    try:
        return float(v)
    except ValueError:
        return None


def is_percent_column(header: str) -> bool:
    """Return True when a header names a percentage (``*_pct``, ``%``, ``tỷ lệ``, ``rate``)."""
    key = header_key(header)
    return "%" in header or any(h in key for h in _PERCENT_HINTS)


# --- the commune table
# -------------------------------------------------------------------------------------------


def reference_index(reference: pd.DataFrame) -> CommuneNameIndex:
    """Build the name index of a GSO list with columns ``gso_code, commune, admin_type, district``."""
    return CommuneNameIndex(
        reference["gso_code"].tolist(),
        reference["commune"].tolist(),
        reference["admin_type"].tolist(),
        reference["district"].tolist(),
    )


def import_commune_table(
    name: str,
    data: bytes,
    *,
    reference: pd.DataFrame,
    bool_columns: tuple[str, ...] = (),
    schema: TableSchema | None = None,
    row_keys: tuple[str, ...] | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> TableImport:
    """Read a commune table and key every row by GSO code; raise one :class:`InputError` with every problem.

    Parameters
    ----------
    name, data
        File name (for messages and format) and its bytes.
    reference
        The GSO list of the unit set: ``gso_code, commune, admin_type, district``.
    bool_columns
        Headers whose cells are yes/no answers (có/không, yes/no, true/false, 1/0).
    row_keys
        Folded headers of the columns that, with the commune, identify a row (two rows alike are refused);
        default: the year column.  A programme table passes its programme column.
    """
    raw = read_cells(name, data, limits=limits)
    return key_commune_table(
        name, raw, reference=reference, bool_columns=bool_columns, schema=schema, row_keys=row_keys
    )


def data_rows(raw: RawTable) -> list[tuple[int, list[object]]]:
    """Return ``(spreadsheet row number, cells)`` of every row of ``raw`` holding a value.

    These are the rows imported.
    """
    return [(raw.first_row + i, r) for i, r in enumerate(raw.rows) if any(_text(v) for v in r)]


def key_commune_table(
    name: str,
    raw: RawTable,
    *,
    reference: pd.DataFrame,
    bool_columns: tuple[str, ...] = (),
    schema: TableSchema | None = None,
    row_keys: tuple[str, ...] | None = None,
) -> TableImport:
    """Match the rows of ``raw`` to communes and parse its values (see :func:`import_commune_table`).

    With a ``schema``, headers are renamed to the canonical columns they mean (each renaming said in a note),
    the schema's number columns are parsed as numbers whatever mix of cells they hold (a text cell that is not
    a number is a problem naming its row; the words of :data:`NO_DATA` are read as empty and counted in a
    note) and checked against their range, and headers the schema does not know are kept and named in a note.
    ``row_keys`` are the columns that, with the commune, must be unique (default: the year).
    """
    problems: list[Problem] = []
    notes = list(raw.notes)
    explicit = schema is not None  # without a schema headers are kept as they are and none is called unknown
    schema = schema or TableSchema(yes_no=bool_columns)
    keys = [header_key(h) for h in raw.header]
    columns = _columns(name, raw, keys, problems)
    code_col = next((i for i in columns if keys[i] in CODE_HEADERS), None)
    name_col = next((i for i in columns if keys[i] in NAME_HEADERS), None)
    district_col = next((i for i in columns if keys[i] in DISTRICT_HEADERS), None)
    year_col = next((i for i in columns if keys[i] in YEAR_HEADERS), None)
    if code_col is None and name_col is None:
        raise InputError(
            problems
            + [
                Problem(
                    vi=(
                        "không tìm thấy cột mã xã (gso_code, Mã xã) hay tên xã (commune, Tên xã); hãy đặt "
                        "tên cột ở dòng đầu."
                    ),
                    en="no commune code column (gso_code) or commune name column (commune) was found; name "
                    "the columns in the first row.",
                    file=name,
                )
            ]
        )
    rows = data_rows(raw)
    if not rows:
        raise InputError(
            problems
            + [
                Problem(
                    vi=(
                        "bảng chỉ có dòng tiêu đề, không có dòng số liệu nào; không có gì được lưu. Hãy kiểm "
                        "tra tệp."
                    ),
                    en="the table has a header but no data rows; nothing is saved. Check the file.",
                    file=name,
                )
            ]
        )
    _legacy_names(name, raw, rows, [c for c in (name_col, district_col) if c is not None], notes, problems)
    _formulas(name, raw, rows, columns, problems)
    index = reference_index(reference)
    known = set(reference["gso_code"])
    codes = [
        _row_code(name, raw, rowno, r, KeyColumns(code_col, name_col, district_col), index, known, problems)
        for rowno, r in rows
    ]
    out = pd.DataFrame({"gso_code": pd.Series(codes, dtype=object)})
    value_cols = [i for i in columns if i not in (code_col, name_col, district_col)]
    targets = _value_targets(name, raw, value_cols, year_col, schema if explicit else None, notes, problems)
    for i in value_cols:
        header, target = raw.header[i], targets[i]
        values = [r[i] for _, r in rows]
        if i == year_col:
            out["year"] = _parse_column(name, header, values, rows, problems, integer=True)
            _check_range(name, header, out["year"], rows, (1990, 2100), problems)
        elif target in schema.yes_no or header in bool_columns or keys[i] in bool_columns:
            out[target] = _parse_bool(name, header, values, rows, problems)
        elif target in schema.numbers or is_percent_column(header):
            out[target] = parse_values(
                CellColumn(name, header, values, rows), problems, notes, numeric=True, no_data=True
            )
            if not is_percent_column(header):  # percentages are checked against 0–100 while parsed
                _check_range(
                    name, header, out[target], rows, schema.numbers.get(target, (None, None)), problems
                )
        else:
            out[target] = parse_values(CellColumn(name, header, values, rows), problems, notes)
    if row_keys is None:
        _duplicates(name, raw, rows, codes, out.get("year"), index, problems)
    else:
        key_cols = [i for i in columns if keys[i] in row_keys]
        values = [tuple(_text(r[i]) for i in key_cols) for _, r in rows]
        _duplicates(name, raw, rows, codes, None, index, problems, extra=values)
    if problems:
        raise InputError(problems)
    ref = reference.set_index("gso_code")
    out.insert(1, "commune", out["gso_code"].map(ref["commune"]))
    out.insert(2, "district", out["gso_code"].map(ref["district"]))
    if "district_code" in ref:
        out.insert(2, "district_code", out["gso_code"].map(ref["district_code"]))
    return TableImport(frame=out.reset_index(drop=True), notes=notes)


def _value_targets(
    name: str,
    raw: RawTable,
    value_cols: list[int],
    year_col: int | None,
    schema: TableSchema | None,
    notes: list[Problem],
    problems: list[Problem],
) -> dict[int, str]:
    """Return the column each value header is stored as.

    Notes added to ``notes`` say which headers were renamed and which the tool does not use.
    """
    targets: dict[int, str] = {}
    claimed: dict[str, str] = {}
    renamed, unknown = [], []
    for i in value_cols:
        header = raw.header[i]
        if i == year_col:
            targets[i] = "year"
            continue
        if header in ("gso_code", "commune", "district", "district_code", "year"):
            targets[i] = (
                f"{header}_in_file"  # a second name/code column is kept as data, never overwrites the key
            )
            continue
        if schema is None:
            targets[i] = header
            continue
        canonical = schema.canonical(header)
        if canonical is None:
            targets[i] = header
            unknown.append(header)
            continue
        if canonical in claimed:
            problems.append(
                Problem(
                    vi=f"hai cột cùng chỉ '{schema.title(canonical, 'vi')}': '{claimed[canonical]}' và "
                    f"'{header}'; hãy "
                    "giữ một cột.",
                    en=f"two columns both mean '{schema.title(canonical, 'en')}': '{claimed[canonical]}' and "
                    f"'{header}'; "
                    "keep one.",
                    file=name,
                    row=raw.first_row - 1,
                    column=header,
                )
            )
        claimed[canonical] = header
        targets[i] = canonical
        if header != canonical:
            renamed.append((header, canonical))
    if renamed and schema is not None:
        notes.append(
            Problem(
                vi="cột được hiểu là: "
                + "; ".join(f"'{h}' → {schema.title(c, 'vi')} ({c})" for h, c in renamed)
                + ".",
                en="columns read as: "
                + "; ".join(f"'{h}' → {schema.title(c, 'en')} ({c})" for h, c in renamed)
                + ".",
                file=name,
            )
        )
    if unknown:
        names = ", ".join(f"'{h}'" for h in unknown)
        notes.append(
            Problem(
                vi=f"công cụ không dùng cột {names}: cột được giữ nguyên trong dự án nhưng không phân tích "
                f"nào đọc. Nếu cột "
                "chỉ một chỉ tiêu đã biết, hãy đổi tên (ví dụ 'tỷ lệ hộ nghèo', 'tổng số hộ').",
                en=f"the tool does not use column(s) {names}: they are kept in the project but no analysis "
                f"reads them. If "
                "one means a known indicator, rename it (e.g. 'tỷ lệ hộ nghèo', 'tổng số hộ').",
                file=name,
            )
        )
    return targets


def _check_range(
    name: str,
    header: str,
    values: pd.Series,
    rows: list,
    bounds: tuple[float | None, float | None],
    problems: list[Problem],
) -> None:
    low, high = bounds
    if low is None and high is None:
        return
    for (rowno, _), value in zip(rows, values, strict=True):
        if value != value or value is None or value is pd.NA:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{'' if low is None else _plain(low)}–{'' if high is None else _plain(high)}"
            problems.append(
                Problem(
                    vi=f"giá trị ngoài khoảng cho phép ({span}); hãy kiểm tra số liệu.",
                    en=f"value outside the allowed range ({span}); check the figure.",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_plain(value),
                )
            )


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _columns(name: str, raw: RawTable, keys: list[str], problems: list[Problem]) -> list[int]:
    """Return the indexes of usable columns.

    Headerless columns with values and duplicate headers are problems, added to ``problems``.
    """
    seen: dict[str, int] = {}
    usable = []
    for i, header in enumerate(raw.header):
        if not header:
            if any(_text(r[i]) for r in raw.rows):
                problems.append(
                    Problem(
                        vi=f"cột thứ {i + 1} có số liệu nhưng không có tên; hãy đặt tên cột.",
                        en=f"column {i + 1} has values but no header; give it a name.",
                        file=name,
                        row=raw.first_row - 1,
                    )
                )
            continue
        if keys[i] in seen:
            problems.append(
                Problem(
                    vi="tên cột bị trùng; hãy đổi tên một trong hai cột.",
                    en="duplicate column header; rename one of the two columns.",
                    file=name,
                    row=raw.first_row - 1,
                    column=header,
                )
            )
            continue
        seen[keys[i]] = i
        usable.append(i)
    return usable


def _legacy_names(name, raw, rows, cols, notes, problems) -> None:
    converted = {"tcvn3": 0, "vni": 0}
    for rowno, r in rows:
        for i in cols:
            text = _text(r[i])
            if not text:
                continue
            encoding, fixed = detect_legacy(text)
            if encoding in converted:
                converted[encoding] += 1
                r[i] = fixed
            elif encoding == "unknown":
                problems.append(
                    Problem(
                        vi="chữ không đọc được (bảng mã cũ không nhận ra); hãy chuyển sang Unicode bằng "
                        "Unikey (Ctrl+Shift+F6) rồi nhập lại.",
                        en="unreadable text (unrecognised legacy encoding); convert it to Unicode with the "
                        "Unikey toolkit (Ctrl+Shift+F6) and import again.",
                        file=name,
                        row=rowno,
                        column=raw.header[i],
                        value=text,
                    )
                )
    for encoding, count in converted.items():
        if count:
            label = "TCVN3 (ABC)" if encoding == "tcvn3" else "VNI-Windows"
            notes.append(
                Problem(
                    vi=(
                        f"{count} ô tên được chuyển từ bảng mã {label} sang Unicode; hãy kiểm tra bản xem "
                        f"trước."
                    ),
                    en=f"{count} name cells converted from {label} to Unicode; check the preview.",
                    file=name,
                )
            )


def _formulas(name, raw, rows, columns, problems) -> None:
    for rowno, r in rows:
        for i in columns:
            if isinstance(r[i], str) and r[i].lstrip().startswith("="):
                problems.append(
                    Problem(
                        vi=(
                            "ô chứa công thức; công cụ không bao giờ tính công thức — hãy dán giá trị (Dán "
                            "đặc biệt → Giá trị)."
                        ),
                        en="the cell holds a formula; formulas are never evaluated — paste values instead "
                        "(Paste Special → Values).",
                        file=name,
                        row=rowno,
                        column=raw.header[i],
                        value=r[i].strip(),
                    )
                )
                r[i] = None


class KeyColumns(NamedTuple):
    """Positions of the commune code, commune name and district columns (``None``: not in the table)."""

    code: int | None
    name: int | None
    district: int | None


def _row_code(name, raw, rowno, r, key_columns: KeyColumns, index, known, problems) -> str | None:
    code_col, name_col, district_col = key_columns
    typed_name = _text(r[name_col]) if name_col is not None else ""
    district = _text(r[district_col]) if district_col is not None else ""
    if code_col is not None and _text(r[code_col]):
        value = r[code_col]
        code = normalize_gso_code(value)
        header = raw.header[code_col]
        if code is None:
            problems.append(
                Problem(
                    vi="mã xã không hợp lệ; mã TCTK gồm 5 chữ số (ví dụ 03124).",
                    en="invalid commune code; GSO codes have 5 digits (e.g. 03124).",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_text(value),
                )
            )
            return None
        if code not in known:
            problems.append(
                Problem(
                    vi="mã xã không có trong danh mục TCTK của tỉnh Điện Biên (bộ đơn vị đang chọn); hãy "
                    "kiểm tra mã hoặc chọn đúng bộ đơn vị (trước/sau 2025).",
                    en="commune code not in the GSO list of Điện Biên (chosen unit set); check the code or "
                    "choose the right unit set (before/after 2025).",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_text(value),
                )
            )
            return None
        if typed_name:
            found = index.match(typed_name, district or None)
            if found.status == "matched" and found.code != code:
                problems.append(
                    Problem(
                        vi=f"mã {code} là {index.label[code]}, nhưng tên ghi là xã khác "
                        f"({index.label[found.code]}); "
                        "hãy sửa mã hoặc tên.",
                        en=f"code {code} is {index.label[code]}, but the name is another commune "
                        f"({index.label[found.code]}); correct the code or the name.",
                        file=name,
                        row=rowno,
                        column=raw.header[name_col],
                        value=typed_name,
                    )
                )
                return None
        return code
    if not typed_name:
        problems.append(
            Problem(
                vi="dòng không có mã xã và không có tên xã; hãy điền một trong hai hoặc xóa dòng.",
                en="the row has neither a commune code nor a commune name; fill one or delete the row.",
                file=name,
                row=rowno,
            )
        )
        return None
    found = index.match(typed_name, district or None)
    header = raw.header[name_col]
    if found.status == "matched":
        return found.code
    if found.status == "ambiguous":
        options = "; ".join(index.label[c] for c in found.candidates)
        problems.append(
            Problem(
                vi=f"tên xã trùng ở nhiều huyện ({options}); hãy thêm cột huyện hoặc dùng mã xã.",
                en=(
                    f"the commune name exists in several districts ({options}); add a district column or use "
                    f"the code."
                ),
                file=name,
                row=rowno,
                column=header,
                value=typed_name,
            )
        )
        return None
    hint_vi = ("; gần giống: " + "; ".join(found.suggestions)) if found.suggestions else ""
    hint_en = ("; closest: " + "; ".join(found.suggestions)) if found.suggestions else ""
    problems.append(
        Problem(
            vi=f"không tìm thấy xã này trong danh mục TCTK{hint_vi}. Hãy sửa tên hoặc dùng mã xã.",
            en=f"this commune is not in the GSO list{hint_en}. Correct the name or use the code.",
            file=name,
            row=rowno,
            column=header,
            value=typed_name,
        )
    )
    return None


def _duplicates(name, raw, rows, codes, years, index, problems, *, extra=None) -> None:
    first: dict[tuple, int] = {}
    for pos, ((rowno, _), code) in enumerate(zip(rows, codes, strict=True)):
        if code is None:
            continue
        year = None if years is None else years.iloc[pos]
        key = (code, year if year == year else None, *(fold_text(v) for v in (extra[pos] if extra else ())))
        also = " — " + ", ".join(v for v in extra[pos] if v) if extra and any(extra[pos]) else ""
        if key in first:
            problems.append(
                Problem(
                    vi=f"dòng này và dòng {first[key]} cùng chỉ {index.label[code]}{also}"
                    + (f" năm {int(key[1])}" if key[1] is not None else "")
                    + "; hãy giữ một dòng cho mỗi xã.",
                    en=f"this row and row {first[key]} both refer to {index.label[code]}{also}"
                    + (f" in {int(key[1])}" if key[1] is not None else "")
                    + "; keep one row per commune.",
                    file=name,
                    row=rowno,
                )
            )
        else:
            first[key] = rowno


def _parse_bool(name, header, values, rows, problems) -> pd.Series:
    out = []
    for (rowno, _), v in zip(rows, values, strict=True):
        answer = parse_yes_no(v)
        out.append(answer)
        if answer is None and answer_text(v) != "":
            problems.append(
                Problem(
                    vi="cần trả lời có/không (có, không, yes, no, 1, 0).",
                    en="a yes/no answer is needed (có, không, yes, no, 1, 0).",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_text(v),
                )
            )
    return pd.Series(out, dtype=object)


def _parse_column(name, header, values, rows, problems, *, integer: bool) -> pd.Series:
    out = []
    for (rowno, _), v in zip(rows, values, strict=True):
        number = _to_number(v, ".")
        if number is None and _text(v):
            number = _to_number(v, ",")
        if number is None or (integer and not float(number).is_integer()):
            if _text(v):
                problems.append(
                    Problem(
                        vi="cần một số nguyên (ví dụ năm 2020).",
                        en="a whole number is needed (e.g. 2020).",
                        file=name,
                        row=rowno,
                        column=header,
                        value=_text(v),
                    )
                )
            out.append(float("nan"))
        else:
            out.append(number)
    series = pd.Series(out, dtype="float64")
    # a whole number beyond 2**53 (e.g. a year typed with extra zeros) stays a float: the range checks name it
    fits = series.abs().max() < 2.0**53 if len(series) else True
    return series.astype("Int64") if integer and series.notna().all() and fits else series


def _to_number(value: object, decimal: str) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value == value and abs(value) != float("inf") else None
    return parse_number(_text(value), decimal=decimal)


@dataclass(frozen=True)
class CellColumn:
    """One column of cells as read.

    The file's name, the column's header, its cells, and ``rows`` pairing each cell with its spreadsheet row
    number (``(row number, row cells)``, as :func:`data_rows` gives them).
    """

    file: str
    header: str
    values: list
    rows: list


def parse_values(
    column: CellColumn,
    problems: list[Problem],
    notes: list[Problem],
    *,
    numeric: bool = False,
    default_decimal: str = ",",
    no_data: bool = False,
) -> pd.Series:
    """Parse a value column: numeric when most cells are numbers (the others reported), else kept as text.

    Problems and notes are appended to the lists given. With ``numeric=True`` every non-empty cell must be a
    finite number.  With ``no_data=True`` the words of :data:`NO_DATA` ("-", "chưa có", "n/a" ...) are read as
    empty, and a note counts them.  ``default_decimal`` applies when the column's values do not tell the
    decimal separator (``1.234``).
    """
    name, header, values, rows = column.file, column.header, column.values, column.rows
    if no_data:
        blanked = [v for v in values if isinstance(v, str) and fold_text(v.strip()) in NO_DATA]
        if blanked:
            values = [None if isinstance(v, str) and fold_text(v.strip()) in NO_DATA else v for v in values]
            notes.append(
                Problem(
                    vi=f"{len(blanked)} ô ghi 'không có số liệu' (như '{blanked[0].strip()}') được để trống.",
                    en=f"{len(blanked)} cell(s) saying 'no figure' (such as '{blanked[0].strip()}') were "
                    "left empty.",
                    file=name,
                    column=header,
                )
            )
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    filled = [v for v in values if _text(v)]
    if not filled:
        return pd.Series([float("nan")] * len(values), dtype="float64" if numeric else object)
    style = number_style([v.strip() for v in texts])
    if style == "mixed":
        problems.append(
            Problem(
                vi="cột trộn dấu thập phân phẩy (48,5) và chấm (48.5); hãy dùng một kiểu cho cả cột.",
                en=(
                    "the column mixes decimal commas (48,5) and decimal points (48.5); use one style for the "
                    "whole column."
                ),
                file=name,
                column=header,
            )
        )
        return pd.Series(
            [float("nan") if numeric else None] * len(values), dtype="float64" if numeric else object
        )
    decimal = style or default_decimal
    parsed = [_to_number(v, decimal) for v in values]
    n_numbers = sum(p is not None for p in parsed)
    # numbers in no more than half of the cells: a text column
    if n_numbers * 2 <= len(filled) and not numeric:
        return pd.Series([_text(v) or None for v in values], dtype=object)
    if style == ",":
        notes.append(
            Problem(
                vi="số có dấu phẩy thập phân (kiểu Việt Nam) đã được đọc đúng.",
                en="numbers with Vietnamese decimal commas were read as decimals.",
                file=name,
                column=header,
            )
        )
    percent = is_percent_column(header)
    for (rowno, _), v, p in zip(rows, values, parsed, strict=True):
        if p is None and _text(v):
            problems.append(
                Problem(
                    vi="không phải là số; hãy sửa hoặc để trống.",
                    en="not a number; correct it or leave it empty.",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_text(v),
                )
            )
        elif p is not None and percent and not 0 <= p <= 100:
            problems.append(
                Problem(
                    vi="tỷ lệ phần trăm phải nằm trong khoảng 0–100; hãy kiểm tra số liệu.",
                    en="a percentage must lie between 0 and 100; check the value.",
                    file=name,
                    row=rowno,
                    column=header,
                    value=_text(v),
                )
            )
    return pd.Series([float("nan") if p is None else p for p in parsed], dtype="float64")

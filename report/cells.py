"""Spreadsheet-safe cells: text that a spreadsheet would run as a formula is neutralised in every CSV and XLSX
we write.

The rule (OWASP "CSV injection"): a text cell whose first character is ``=``, ``+``, ``-``, ``@``, tab or
carriage return gets a leading apostrophe — in CSV the character ``'`` itself, in XLSX Excel's own mark for it
(the cell style's ``quotePrefix``: shown as typed, kept as text when edited). Numbers are never touched (−3.5
stays a number). Every XLSX is written by :func:`xlsx_writer`, whose workbook never turns a string into a
formula, a link or a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one after
#: them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: xlsxwriter workbook options: strings stay strings (its defaults turn "=…" into formulas and "http…" into
#: links).
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would read as a formula (see :data:`FORMULA_STARTS`); never for numbers."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise_text(value: object) -> object:
    """Return ``value`` with a leading ``'`` when it is formula-like text; anything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def _is_text_column(series: pd.Series) -> bool:
    return (
        series.dtype == object
        or pd.api.types.is_string_dtype(series)
        or isinstance(series.dtype, pd.CategoricalDtype)
    )


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose formula-like text cells and column names carry the leading ``'``."""
    out = table.copy()
    for column in out.columns:
        if _is_text_column(out[column]):
            out[column] = out[column].astype(object).map(neutralise_text)
    out.columns = [neutralise_text(str(c)) for c in out.columns]
    return out


def csv_text(table: pd.DataFrame, *, note_lines: Iterable[str] = ()) -> str:
    """Return ``table`` as CSV text: formula-like text neutralised, every text cell in double quotes (so a
    spreadsheet splitting on ``;`` or tab cannot start a new cell inside it), numbers bare, missing values
    empty.

    ``note_lines`` follow the table after an empty row, one quoted cell per line (sources, illustrative mark).
    """
    buf = io.StringIO()
    neutralised(table).to_csv(buf, index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    lines = list(note_lines)
    if lines:
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
        buf.write("\n")
        for line in lines:
            writer.writerow([neutralise_text(line)])
    return buf.getvalue()


def xlsx_writer(buffer: io.BytesIO) -> pd.ExcelWriter:
    """Return the pandas ``ExcelWriter`` every workbook is written with (xlsxwriter, :data:`XLSX_OPTIONS`)."""
    return pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": dict(XLSX_OPTIONS)})


class TextCells:
    """Writes the text cells of one xlsxwriter workbook: always as strings, formula-like ones quote-prefixed.

    ``props`` are xlsxwriter format properties (bold, colours...); one format is made per distinct ``props``.
    """

    def __init__(self, book) -> None:
        self.book = book
        self._formats: dict[tuple, object] = {}

    def format(self, props: dict | None = None, *, quoted: bool = False):
        """Return the workbook format of ``props`` (plus the quote prefix when ``quoted``); None when there is
        none."""
        props = {**(props or {}), **({"quote_prefix": True} if quoted else {})}
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(props)
        return self._formats[key]

    def write(self, sheet, row: int, col: int, text: object, props: dict | None = None) -> None:
        """Write ``text`` as a string cell at (``row``, ``col``), quote-prefixed when it is formula-like."""
        text = str(text)
        sheet.write_string(row, col, text, self.format(props, quoted=is_formula_like(text)))


def write_xlsx_table(
    writer: pd.ExcelWriter, table: pd.DataFrame, *, sheet: str, header: dict | None = None
) -> TextCells:
    """Write ``table`` to a new ``sheet`` of ``writer``: header row with the ``header`` format properties,
    numbers as numbers, every text cell a string (formula-like ones quote-prefixed). Returns the workbook's
    :class:`TextCells` for the caller's further text cells."""
    table.to_excel(writer, sheet_name=sheet, index=False)
    cells = TextCells(writer.book)
    ws = writer.sheets[sheet]
    for col, name in enumerate(table.columns):
        cells.write(ws, 0, col, name, header)
        if not _is_text_column(table[name]):
            continue
        for row, value in enumerate(table[name], start=1):
            if is_formula_like(value):
                cells.write(ws, row, col, value)
    return cells

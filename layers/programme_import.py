"""A programme's member list brought by the user: a commune table with a programme column, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.programmes import NO, UNKNOWN, YES
from geo.archives import DEFAULT_LIMITS, UploadLimits
from geo.errors import InputError, Problem
from geo.names import fold_text
from geo.tables import YEAR_HEADERS, RawTable, data_rows, header_key, key_commune_table, read_cells
from layers.imports import admin_reference
from layers.programmes import MEMBERSHIP_COLUMNS, PROGRAMMES, Programme

#: Folded headers of the programme, period and member columns.
PROGRAMME_HEADERS = {
    "programme",
    "program",
    "chuong_trinh",
    "ten_chuong_trinh",
    "du_an",
    "de_an",
    "chinh_sach",
}
PERIOD_HEADERS = {"period", "giai_doan", "thoi_ky", "thoi_gian"}
MEMBER_HEADERS = ("member", "thuoc_chuong_trinh", "thuoc", "trong_danh_sach", "in_programme")
#: Columns of the downloadable template (report/programme_template.py).
TEMPLATE_COLUMNS = ["gso_code", "commune", "district", "programme", "period", "year", "member"]
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—/]|to|den|đến)\s*(\d{4})\s*$", re.IGNORECASE)


@dataclass
class ProgrammeImport:
    """An imported member list, ready to save: membership rows, one row per programme, notes on what was
    read."""

    membership: pd.DataFrame
    programmes: pd.DataFrame
    notes: list[Problem] = field(default_factory=list)


def programme_key(name: str) -> str:
    """Return the comparison key of a programme name: folded, every run of signs as one space."""
    return re.sub(r"[^0-9a-z]+", " ", fold_text(name)).strip()


def resolve_programme(name: str) -> tuple[str, Programme | None]:
    """Return the key a programme name stands for, and the embedded programme when it is one.

    An embedded programme is named by its key or its document, written any way (case, accents, signs: "Quyết
    định 900/QĐ-TTg", "quyet dinh 900 qd ttg", "P135_2017_2020"); any other name is a programme of the user's,
    keyed ``user_`` + its folded words.
    """
    key = programme_key(name)
    for candidate in PROGRAMMES:
        if key in (programme_key(candidate.key), programme_key(candidate.document)):
            return candidate.key, candidate
    return "user_" + key.replace(" ", "_"), None


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _whole_number(value: object) -> int | None:
    try:
        number = float(_text(value).replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _column(keys: list[str], wanted: set[str] | tuple[str, ...]) -> int | None:
    return next((i for i, k in enumerate(keys) if k in wanted), None)


def _period(text: str) -> tuple[int, int] | None:
    match = _PERIOD.match(fold_text(text)) or _PERIOD.match(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    single = _whole_number(text)
    return (single, single) if single is not None else None


def check_programme_rows(name: str, raw: RawTable) -> tuple[list[Problem], dict[str, dict]]:
    """Check the programme, period and year cells of ``raw``; return the problems and what each programme is.

    Programmes are told apart by :func:`programme_key`.  A programme's period is the embedded programme's
    (when the name is an embedded key or document) or the one its rows state.  Problems: no programme column,
    an empty programme cell, a period not written as ``2017-2020`` or ending before it starts, one name given
    two periods (two programmes with one name), a year outside the programme's period.
    """
    keys = [header_key(h) for h in raw.header]
    prog_col, period_col, year_col = (
        _column(keys, PROGRAMME_HEADERS),
        _column(keys, PERIOD_HEADERS),
        _column(keys, YEAR_HEADERS),
    )
    if prog_col is None:
        return [
            Problem(
                vi="không có cột chương trình (programme, Chương trình); hãy dùng tệp mẫu.",
                en="no programme column (programme, Chương trình); use the template.",
                file=name,
            )
        ], {}
    problems: list[Problem] = []
    found: dict[str, dict] = {}
    prog_header = raw.header[prog_col]
    if not data_rows(raw):
        return [
            Problem(
                vi="bảng không có dòng nào dưới dòng tiêu đề; hãy điền danh sách xã.",
                en="the table has no row under its header; fill in the list of communes.",
                file=name,
            )
        ], {}
    for rowno, cells in data_rows(raw):
        text = _text(cells[prog_col])
        if not text:
            problems.append(
                Problem(
                    vi="dòng không ghi tên chương trình; hãy điền tên hoặc xóa dòng.",
                    en="the row names no programme; fill in its name or delete the row.",
                    file=name,
                    row=rowno,
                    column=prog_header,
                )
            )
            continue
        key, embedded = resolve_programme(text)
        entry = found.setdefault(key, {"name": text, "embedded": embedded, "periods": {}, "rows": []})
        entry["rows"].append(rowno)
        period_text = _text(cells[period_col]) if period_col is not None else ""
        if period_text:
            period = _period(period_text)
            if period is None or period[0] > period[1]:
                problems.append(
                    Problem(
                        vi="giai đoạn không đọc được; hãy viết năm đầu–năm cuối, ví dụ 2017-2020.",
                        en="the period cannot be read; write first year–last year, e.g. 2017-2020.",
                        file=name,
                        row=rowno,
                        column=raw.header[period_col],
                        value=period_text,
                    )
                )
            else:
                entry["periods"].setdefault(period, rowno)
    _settle_periods(name, found, prog_header, problems)
    if year_col is not None:
        _years_outside_periods(name, raw, found, (prog_col, period_col, year_col), problems)
    return problems, found


def _settle_periods(name: str, found: dict[str, dict], prog_header: str, problems: list[Problem]) -> None:
    """Give each programme its period (the embedded one first); report a name given two periods."""
    for entry in found.values():
        embedded = entry["embedded"]
        periods = dict(entry["periods"])
        if embedded is not None and embedded.period is not None:
            periods = {embedded.period: None, **periods}
        if len(periods) > 1:
            shown = ", ".join(f"{a}–{b}" for a, b in periods)
            for period, rowno in periods.items():
                if rowno is None or period == next(iter(periods)):
                    continue
                problems.append(
                    Problem(
                        vi=f"tên chương trình '{entry['name']}' được dùng cho hai chương trình (giai đoạn "
                        f"{shown}); hãy đặt "
                        "cho mỗi chương trình một tên riêng, ví dụ kèm giai đoạn.",
                        en=f"the programme name '{entry['name']}' is used for two programmes (periods "
                        f"{shown}); give each "
                        "programme its own name, e.g. with its period.",
                        file=name,
                        row=rowno,
                        column=prog_header,
                        value=entry["name"],
                    )
                )
        entry["period"] = next(iter(periods)) if len(periods) == 1 else None


def _years_outside_periods(
    name: str,
    raw: RawTable,
    found: dict[str, dict],
    columns: tuple[int, int | None, int],
    problems: list[Problem],
) -> None:
    """Report each row whose year lies outside its programme's period (its own, else the programme's)."""
    prog_col, period_col, year_col = columns
    for rowno, cells in data_rows(raw):
        entry = found.get(resolve_programme(_text(cells[prog_col]))[0])
        year = _whole_number(cells[year_col])
        own = (
            _period(_text(cells[period_col])) if period_col is not None and _text(cells[period_col]) else None
        )
        period = own or (entry["period"] if entry is not None else None)
        if year is None or period is None or period[0] > period[1]:
            continue  # a year that is not a whole number is reported by the commune-table reader
        first, last = period
        if not first <= year <= last:
            problems.append(
                Problem(
                    vi=(
                        f"năm {year} nằm ngoài giai đoạn của chương trình ({first}–{last}); hãy sửa năm hoặc "
                        f"giai đoạn."
                    ),
                    en=f"year {year} is outside the programme's period ({first}–{last}); correct the year or "
                    f"the "
                    "period.",
                    file=name,
                    row=rowno,
                    column=raw.header[year_col],
                    value=_text(cells[year_col]),
                )
            )


def key_programme_table(
    name: str, raw: RawTable, *, units: str = "pre2025", complete: bool = True
) -> ProgrammeImport:
    """Turn the cells of a programme table into membership rows; raise one :class:`InputError` with every
    problem.

    Each row names a commune (code, or name and district, matched as in every commune table) and a programme;
    the ``member`` column (có/không) is optional: without it every row is a member, with it a blank cell means
    "not on the list".  With ``complete`` (the list is the programme's whole list) every commune of the unit
    set not marked ``yes`` is ``no``; otherwise ``unknown``.  The count of an embedded programme named on the
    same units is checked against its decision's count (a note).
    """
    problems, found = check_programme_rows(name, raw)
    keys = [header_key(h) for h in raw.header]
    member_col = _column(keys, MEMBER_HEADERS)
    reference = admin_reference(units)
    try:
        table = key_commune_table(
            name, raw, reference=reference, bool_columns=MEMBER_HEADERS, row_keys=tuple(PROGRAMME_HEADERS)
        ).frame
    except InputError as error:
        problems = [*error.problems, *problems]
        table = None
    notes: list[Problem] = []
    prog_col = _column(keys, PROGRAMME_HEADERS)
    rows = data_rows(raw)
    if table is not None and prog_col is not None:
        table["_key"] = [resolve_programme(_text(cells[prog_col]))[0] for _, cells in rows]
        table["_row"] = [rowno for rowno, _ in rows]
        member = (
            table[raw.header[member_col]] if member_col is not None else pd.Series(True, index=table.index)
        )
        table["_member"] = [YES if m is True else NO if m is False else "" for m in member]
        for key, entry in found.items():
            if not (table.loc[table["_key"] == key, "_member"] == YES).any():
                problems.append(
                    Problem(
                        vi=f"không xã nào được đánh dấu thuộc chương trình '{entry['name']}'; hãy ghi 'có' ở "
                        f"cột thành viên "
                        "cho các xã trong danh sách.",
                        en=f"no commune is marked as in the programme '{entry['name']}'; write 'yes' in the "
                        f"member column "
                        "for the communes on the list.",
                        file=name,
                        row=entry["rows"][0],
                        column=raw.header[member_col] if member_col is not None else raw.header[prog_col],
                        value=entry["name"],
                    )
                )
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    frames, summary = [], []
    for prog, entry in found.items():
        embedded: Programme | None = entry["embedded"]
        listed = table[table["_key"] == prog]
        said = dict(zip(listed["gso_code"], listed["_member"], strict=True))
        year = dict(
            zip(listed["gso_code"], listed.get("year", pd.Series(pd.NA, index=listed.index)), strict=True)
        )
        codes = reference["gso_code"]
        member = [said.get(c) or (NO if complete else UNKNOWN) for c in codes]
        frame = pd.DataFrame(
            {
                "programme": prog,
                "gso_code": codes.to_numpy(),
                "member": member,
                "status": "",
                "proposed_status": "",
                "year": pd.array(
                    [
                        year.get(c) if m == YES and pd.notna(year.get(c)) else pd.NA
                        for c, m in zip(codes, member, strict=True)
                    ],
                    dtype="Int64",
                ),
                "basis": ["user_list" if c in said and said[c] else "not_in_user_list" for c in codes],
                "caveats": "" if complete else "user_list_partial",
                "source_url": f"user import: {name}",
            }
        )
        frames.append(frame[MEMBERSHIP_COLUMNS])
        n_yes = int((frame["member"] == YES).sum())
        same_units = embedded is not None and embedded.count_unit == "communes" and units == embedded.units
        expected = embedded.count if same_units else None
        if expected is not None and n_yes != expected:
            notes.append(
                Problem(
                    vi=(
                        f"danh sách '{entry['name']}' có {n_yes} xã, còn {embedded.document} ghi {expected} "
                        f"xã; hãy kiểm tra."
                    ),
                    en=(
                        f"the list '{entry['name']}' has {n_yes} communes, {embedded.document} says "
                        f"{expected}; check it."
                    ),
                    file=name,
                    value=entry["name"],
                )
            )
        period = entry["period"]
        summary.append(
            {
                "programme": prog,
                "name_in_file": entry["name"],
                "embedded": embedded is not None,
                "period_start": period[0] if period else pd.NA,
                "period_end": period[1] if period else pd.NA,
                "n_yes": n_yes,
                "count_in_document": expected,
                "list_complete": complete,
            }
        )
    programmes = pd.DataFrame(summary)
    for column in ("period_start", "period_end", "count_in_document"):
        programmes[column] = programmes[column].astype("Int64")
    return ProgrammeImport(
        membership=pd.concat(frames, ignore_index=True), programmes=programmes, notes=notes
    )


def import_programme_table(
    name: str,
    data: bytes,
    *,
    units: str = "pre2025",
    complete: bool = True,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> ProgrammeImport:
    """Read a CSV/XLSX programme table (parsed in the import sandbox) and check it; nothing is written."""
    return key_programme_table(name, read_cells(name, data, limits=limits), units=units, complete=complete)

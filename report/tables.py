"""Meeting tables (flags, access, indicators) as CSV (UTF-8 with BOM, for Excel) and formatted XLSX."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from geo.errors import InputError, Problem
from geo.i18n import column_title, t
from geo.messages import has, msg
from geo.vocab import SEASONS, Lang
from layers.programmes import (
    caveat_words,
    document_title,
    gap_word,
    list_status,
    member_word,
    programme_names,
    programme_titles,
    source_label,
)
from report.cells import TextCells, csv_text, write_xlsx_table, xlsx_writer
from report.output import check_out_path, write_bytes_atomically

TABLES = ("flags", "access", "indicators")
TABLE_FORMATS = ("csv", "xlsx")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Header cells of every exported workbook.
HEADER_FORMAT = {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#dde7ee", "border": 1}
#: Survey columns of the indicators table, in order, and the message naming each.
_INDICATOR_KEYS = {
    "poor_hh_rate_pct": "poverty_rate",
    "near_poor_hh_rate_pct": "near_poor_rate",
    "households": "households",
    "hh_grid_power_pct": "hh_grid_power_pct",
    "allseason_road_to_centre": "allseason_survey",
    "grid_connected": "grid_survey",
    "health_station_national_standard": "health_standard",
    "schools_national_standard_pct": "schools_standard",
}


def _yes_no(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return t("yes" if bool(value) else "no", lang)


def _id_columns(lang: str) -> list[str]:
    return [t("gso_code", lang), t("commune", lang), t("district", lang)]


def flags_table(flags: pd.DataFrame, *, lang: str = "vi", sources: str = "") -> pd.DataFrame:
    """Return the flags with translated column names, yes/no in the language, distances in km (2 decimals)."""
    table = pd.DataFrame(
        {
            t("gso_code", lang): flags["gso_code"].astype(str),
            t("commune", lang): flags["commune"],
            t("district", lang): flags["district"],
            t("lacks_allseason_road", lang): flags["lacks_allseason_road"].map(lambda v: _yes_no(v, lang)),
            t("lacks_grid", lang): flags["lacks_grid"].map(lambda v: _yes_no(v, lang)),
            t("dist_allseason_km", lang) + " (km)": pd.to_numeric(
                flags["dist_allseason_road_km"], errors="coerce"
            ).round(2),
            t("dist_grid_km", lang) + " (km)": pd.to_numeric(flags["dist_grid_km"], errors="coerce").round(2),
            t("evidence", lang): flags["evidence_en" if lang == "en" else "evidence_vi"],
        }
    )
    if sources:
        table[t("source", lang)] = sources
    return table.reset_index(drop=True)


def indicators_table(
    communes: pd.DataFrame, survey: pd.DataFrame, *, year: int, lang: str = "vi", source: str = ""
) -> pd.DataFrame:
    """Return the survey indicators of every commune (rates rounded, yes/no translated) with their source."""
    keep = [c for c in survey.columns if c not in ("gso_code", "commune", "district")]
    joined = communes[["unit_id", "gso_code", "commune", "district"]].join(survey[keep], on="unit_id")
    table = pd.DataFrame(
        {c: joined[k] for c, k in zip(_id_columns(lang), ("gso_code", "commune", "district"), strict=True)}
    )
    for column, key in _INDICATOR_KEYS.items():
        if column not in joined:
            continue
        name = t(key, lang)
        if column.endswith("_pct"):
            table[f"{name} (%)"] = pd.to_numeric(joined[column], errors="coerce").round(2)
        elif column == "households":
            table[name] = pd.to_numeric(joined[column], errors="coerce").round(0).astype("Int64")
        else:
            table[name] = joined[column].map(lambda v: _yes_no(v, lang))
    table[t("survey_year_inline", lang)] = year
    table[t("source", lang)] = source
    return table.reset_index(drop=True)


def access_table(
    access_communes: pd.DataFrame, *, season: str, lang: str = "vi", source: str = ""
) -> pd.DataFrame:
    """Return the travel times of every commune centre (minutes, 1 decimal) with translated service names."""
    table = pd.DataFrame(
        {
            c: access_communes[k]
            for c, k in zip(_id_columns(lang), ("gso_code", "commune", "district"), strict=True)
        }
    )
    minute_word = t("accm_min_unit", lang)
    for column in access_communes.columns:
        if column.endswith("_min") and not column.startswith("walk"):
            kind = column[: -len("_min")]
            table[f"{t(kind, lang)} ({minute_word})"] = pd.to_numeric(
                access_communes[column], errors="coerce"
            ).round(1)
        elif column.startswith("minutes_to_district"):
            suffix = column.rsplit("_", 1)[-1]
            label = t("to_district_" + suffix, lang) if suffix in SEASONS else t("to_district", lang)
            table[f"{label} ({minute_word})"] = pd.to_numeric(access_communes[column], errors="coerce").round(
                1
            )
    table[t("season", lang)] = t(f"season_{season}", lang)
    table[t("source", lang)] = source
    return table.reset_index(drop=True)


#: The two programme tables (``workflows.programmes.commune_table``, ``summary_table``) and the sheet of each,
#: the same from the page and from ``cli.py programmes``.
PROGRAMME_SHEETS = {"communes": "Xã - Communes", "summary": "Chương trình - Programmes"}
#: Converts a column of a programme table to what a planner reads: (values, lang, catalogue) -> values.
_Convert = Callable[[pd.Series, Lang, pd.DataFrame], pd.Series]


def _codes(value: object) -> list[str]:
    """The codes of a ``;``-joined cell, none when empty or missing."""
    return [c for c in str("" if pd.isna(value) else value).split(";") if c]


def _coded_word(prefix: str, code: object, lang: Lang) -> str:
    """``code`` in words (message ``<prefix><code>``), else as is; empty when missing."""
    text = "" if pd.isna(code) else str(code)
    return msg(prefix + text, lang) if text and has(prefix + text) else text


def _each(word: Callable[[object, Lang, pd.DataFrame], str]) -> _Convert:
    return lambda values, lang, catalogue: values.map(lambda v: word(v, lang, catalogue))


def _rounded(decimals: int) -> _Convert:
    return lambda values, lang, catalogue: pd.to_numeric(values, errors="coerce").round(decimals)


def _as_is(values: pd.Series, lang: Lang, catalogue: pd.DataFrame) -> pd.Series:
    return values


def _text(values: pd.Series, lang: Lang, catalogue: pd.DataFrame) -> pd.Series:
    return values.astype("string")  # GSO codes keep their leading zeros


def _whole(values: pd.Series, lang: Lang, catalogue: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").round(0).astype("Int64")


def _percent_of_share(values: pd.Series, lang: Lang, catalogue: pd.DataFrame) -> pd.Series:
    return (100.0 * pd.to_numeric(values, errors="coerce")).round(1)


_YES_NO = _each(lambda v, lang, _: _yes_no(v, lang))
_NAMES = _each(lambda v, lang, catalogue: programme_names(v, catalogue, lang))
_CAVEATS = _each(lambda v, lang, _: "; ".join(caveat_words(_codes(v), lang)))
#: Column of a programme table -> message of its header, and how its values are written.
_PROGRAMME_COLUMNS: dict[str, tuple[str, _Convert]] = {
    "gso_code": ("gso_code", _text),
    "commune": ("commune", _as_is),
    "district_code": ("col_district_code", _text),
    "district": ("district", _as_is),
    "poor_hh_rate_pct": ("prog_ind_poor_hh_rate_pct", _rounded(2)),
    "lacks_allseason_road": ("prog_ind_lacks_allseason_road", _YES_NO),
    "lacks_grid": ("prog_ind_lacks_grid", _YES_NO),
    "minutes_to_district_centre": ("prog_ind_minutes_to_district_centre", _rounded(1)),
    "minutes_to_health_station": ("prog_ind_minutes_to_health_station", _rounded(1)),
    "rai_share": ("prog_ind_rai_share", _percent_of_share),
    "need_score": ("prog_score", _rounded(2)),
    "need_rank": ("prog_rank", _as_is),
    "need_quintile": ("prog_quintile", _as_is),
    "need_indicators_used": (
        "prog_col_indicators_used",
        _each(lambda v, lang, _: "; ".join(t(f"prog_ind_{k}", lang) for k in _codes(v))),
    ),
    "programmes_judged": ("prog_col_programmes_judged", _NAMES),
    "covered_by": ("prog_covered_by", _NAMES),
    "partly_covered_by": ("prog_col_partly_covered_by", _NAMES),
    "unknown_for": ("prog_unknown_for", _NAMES),
    "gap": ("prog_gap_kind", _each(lambda v, lang, _: gap_word(v, lang))),
    "low_need_covered": ("prog_col_low_need_covered", _YES_NO),
    "poor": ("prog_col_poor", _rounded(1)),
    "poor_basis": ("prog_col_poor_basis", _each(lambda v, lang, _: _coded_word("prog_poor_basis_", v, lang))),
    "population": ("prog_population", _whole),
    "population_year": ("prog_population_year", _as_is),
    "population_year_min": ("prog_col_population_year_min", _as_is),
    "population_year_max": ("prog_col_population_year_max", _as_is),
    "population_complete": ("prog_col_population_complete", _YES_NO),
    "population_years_mixed": ("prog_col_population_years_mixed", _YES_NO),
    "illustrative_inputs": (
        "prog_col_illustrative_inputs",
        _each(lambda v, lang, _: "; ".join(_coded_word("src_", k, lang) for k in _codes(v))),
    ),
    "source": ("source", _each(lambda v, lang, _: source_label(v, lang))),
    "document": ("prog_document", _each(lambda v, lang, _: document_title(v, lang))),
    "document_date": ("prog_date", _as_is),
    "count_in_document": ("prog_count", _as_is),
    "count_unit": ("prog_col_count_unit", _each(lambda v, lang, _: _coded_word("prog_unit_", v, lang))),
    "judged": ("prog_judged", _YES_NO),
    "n_communes": ("prog_col_n_communes", _as_is),
    "n_yes": ("prog_n_yes", _as_is),
    "n_partial": ("prog_n_partial", _as_is),
    "n_no": ("prog_n_no", _as_is),
    "n_unknown": ("prog_n_unknown", _as_is),
    "pct_poor_covered_min": ("prog_col_poor_covered_min", _rounded(1)),
    "pct_poor_covered_max": ("prog_col_poor_covered_max", _rounded(1)),
    "pct_population_covered_min": ("prog_col_people_covered_min", _rounded(1)),
    "pct_population_covered_max": ("prog_col_people_covered_max", _rounded(1)),
    "pct_covered_in_neediest_quintile": ("prog_share_neediest", _rounded(1)),
    "n_covered_in_neediest_quintile": ("prog_in_neediest", _as_is),
    "n_covered_least_needy": ("prog_least_needy", _as_is),
    "poor_total": ("prog_col_poor_total", _whole),
    "population_total": ("prog_col_population_total", _whole),
    "caveats": ("prog_note", _CAVEATS),
    "need_source": ("prog_col_need_source", _as_is),
}
#: Columns whose header says "(%)" (the messages of the need indicators name them without their unit).
_PERCENT_COLUMNS = ("poor_hh_rate_pct", "rai_share")


def programme_table(table: pd.DataFrame, *, catalogue: pd.DataFrame, lang: Lang = "vi") -> pd.DataFrame:
    """Return a programme table as a planner reads it in ``lang``; the page's downloads and ``cli.py
    programmes`` write this.

    ``table`` is ``workflows.programmes.commune_table`` or ``summary_table`` (written to the sheet
    :data:`PROGRAMME_SHEETS` names); ``catalogue`` (``programme``, ``document``) names the programmes. Every
    header comes from the message catalogue, a programme's column headed by the programme's name; membership
    (yes, no, unknown, partial), gaps, caveats, need indicators and list status in words; yes/no columns as
    "có"/"không"; the poverty rate, RAI and coverage shares in % (one decimal; RAI from its 0–1 share); GSO
    codes stay text.
    """
    names = programme_titles(catalogue, lang)
    out: dict[str, pd.Series | list[str]] = {}
    for column in table.columns:
        values = table[column]
        stem, _, suffix = column.rpartition("_")
        if column in names:  # a programme: the membership of each commune
            out[names[column]] = values.map(lambda v: member_word(v, lang))
        elif stem in names and suffix in ("year", "note"):
            header = msg(f"prog_col_programme_{suffix}", lang, programme=names[stem])
            out[header] = _CAVEATS(values, lang, catalogue) if suffix == "note" else values
        elif column == "programme":
            out[t("prog_programme", lang)] = [names.get(k, k) for k in values]
        elif column == "origin":  # with ``listed``: imported, list known, or count only
            listed = table.get("listed", pd.Series(True, index=table.index))
            out[t("prog_list", lang)] = [
                t(list_status(o, k), lang) for o, k in zip(values, listed, strict=True)
            ]
        elif column == "listed" and "origin" in table:
            continue
        elif column in _PROGRAMME_COLUMNS:
            key, convert = _PROGRAMME_COLUMNS[column]
            unit = " (%)" if column in _PERCENT_COLUMNS else ""
            out[t(key, lang) + unit] = convert(values, lang, catalogue)
        else:
            out[column_title(column, lang)] = values
    return pd.DataFrame(out, index=table.index).reset_index(drop=True)


def any_illustrative(sources: Iterable) -> bool:
    """True when any of ``sources`` (:class:`geo.provenance.LayerSource`) is illustrative."""
    return any(getattr(src, "illustrative", False) for src in sources)


def source_text(sources: Iterable, *, lang: Lang | None = None) -> str:
    """Return one line for a table's source column: the illustrative mark when due, then every credit once.

    With ``lang`` the credits and the mark are worded in that language (a project import: file, date, note);
    without, as the provenance holds them, under the two-language mark.
    """
    sources = list(sources)
    credits = sorted({src.credit(lang) for src in sources})
    mark = [t("illustrative_both", lang or "vi")] if any_illustrative(sources) else []
    return " | ".join(mark + credits)


def sources_note(sources: Iterable, *, lang: str = "vi", method: str = "") -> str:
    """Text of a table's sources sheet (XLSX) or final rows (CSV): the illustrative mark when due, the method
    note when given (how the figures were computed), then the credits."""
    sources = list(sources)
    lines = [t("illustrative_both", lang)] if any_illustrative(sources) else []
    lines += [method] if method else []
    return "\n".join(lines + [t("credits", lang) + ":"] + sorted({src.credit(lang) for src in sources}))


def with_sources(table: pd.DataFrame, sources: Iterable, *, lang: Lang = "vi") -> pd.DataFrame:
    """Return ``table`` with its source column (illustrative mark and credits) filled on every row."""
    out = table.copy()
    out[t("source", lang)] = source_text(sources, lang=lang)
    return out


def table_csv_bytes(table: pd.DataFrame, *, note: str = "", bom: bool = True) -> bytes:
    """Return ``table`` as UTF-8 CSV, with a BOM unless ``bom`` is False (Excel then shows Vietnamese
    correctly).

    Text cells are quoted and formula-like text neutralised (:func:`report.cells.csv_text`); missing values
    empty. ``note`` (the illustrative mark and the credits) follows the table after an empty row, one line per
    row.
    """
    text = csv_text(table, note_lines=note.split("\n") if note else ())
    return text.encode("utf-8-sig" if bom else "utf-8")


def download_csv_bytes(
    table: pd.DataFrame, sources: Iterable, *, lang: str = "vi", method: str = ""
) -> bytes:
    """CSV bytes of a page's table for its download button: a source column and final note rows with the
    method note (when given), the credits and, when an input is illustrative, "Dữ liệu minh họa /
    Illustrative data"."""
    sources = list(sources)
    return table_csv_bytes(
        with_sources(table, sources, lang=lang), note=sources_note(sources, lang=lang, method=method)
    )


def download_xlsx_bytes(
    table: pd.DataFrame, sources: Iterable, *, lang: str = "vi", method: str = "", sheet: str = "Bảng"
) -> bytes:
    """XLSX bytes of a page's table for its download button (the file for spreadsheets): the same source
    column as :func:`download_csv_bytes`, and its note on the sources sheet."""
    sources = list(sources)
    return table_xlsx_bytes(
        with_sources(table, sources, lang=lang),
        sheet=sheet,
        title_note=sources_note(sources, lang=lang, method=method),
    )


def table_xlsx_bytes(table: pd.DataFrame, *, sheet: str = "Bảng", title_note: str = "") -> bytes:
    """Return ``table`` as an XLSX workbook: bold wrapped header, frozen header row, column widths,
    autofilter.

    ``title_note`` (e.g. the illustrative-data mark and sources) goes to a second sheet "Nguồn / Sources".
    Text stays text (:mod:`report.cells`): no cell of the workbook is a formula.
    """
    buf = io.BytesIO()
    sheet = sheet[:31] or "Sheet1"
    with xlsx_writer(buf) as writer:
        cells = write_xlsx_table(writer, table, sheet=sheet, header=HEADER_FORMAT)
        ws = writer.sheets[sheet]
        for col, name in enumerate(table.columns):
            # pandas 3 keeps NaN in astype(str)
            values = [str(v) for v in table[name].head(500) if not pd.isna(v)]
            width = min(60, max(8, len(str(name)) * 0.6, *(len(v) for v in values)) if values else 12)
            ws.set_column(col, col, width + 1)
        ws.set_row(0, 45)
        ws.freeze_panes(1, 0)
        if len(table.columns):
            ws.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)
        add_sources_sheet(cells, title_note)
    return buf.getvalue()


def add_sources_sheet(cells: TextCells, note: str) -> None:
    """Add the "Nguồn - Sources" sheet (illustrative mark and credits, one line per row) to the workbook of
    ``cells``."""
    if not note:
        return
    notes = cells.book.add_worksheet("Nguồn - Sources")
    notes.set_column(0, 0, 120)
    for i, line in enumerate(note.split("\n")):
        cells.write(notes, i, 0, line, {"text_wrap": True, "valign": "top"})


def export_table(
    table: pd.DataFrame, out: str | Path, *, fmt: str | None = None, sheet: str = "Bảng", note: str = ""
) -> Path:
    """Write ``table`` to ``out`` as CSV (UTF-8 BOM) or XLSX, atomically; the format comes from ``fmt`` or the
    suffix."""
    fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
    if fmt not in TABLE_FORMATS:
        raise InputError(
            Problem(
                f"định dạng bảng '{fmt}' không hỗ trợ; chọn csv hoặc xlsx.",
                f"table format '{fmt}' is not supported; choose csv or xlsx.",
                column="format",
                value=fmt,
            )
        )
    check_out_path(out, suffixes=(f".{fmt}",))
    data = (
        table_csv_bytes(table, note=note)
        if fmt == "csv"
        else table_xlsx_bytes(table, sheet=sheet, title_note=note)
    )
    return write_bytes_atomically(out, data, suffixes=(f".{fmt}",))

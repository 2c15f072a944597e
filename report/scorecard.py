"""Scorecard exports: the 2020-targets table as CSV/XLSX (coloured statuses) and a printable A4 PDF with the
poverty chart."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath

from analysis.targets import STATUSES, any_illustrative_measure, scorecard_csv_table
from geo.errors import InputError, Problem
from geo.i18n import format_number, layer_name, t
from geo.provenance import LayerSource
from layers import palette
from layers.targets import (
    STANDARD_2011,
    STANDARD_2016,
    STANDARD_2022,
    STANDARD_CHANGES,
    STANDARD_GSO,
    STANDARD_OTHER,
    STANDARDS,
    format_target,
    poverty_chart_frame,
    standard_label,
)
from report.cells import write_xlsx_table, xlsx_writer
from report.layout import MM, RC, clean_text
from report.output import check_out_path, write_bytes_atomically
from report.tables import HEADER_FORMAT, TABLE_FORMATS, add_sources_sheet, table_csv_bytes

PAGE_MM = (210.0, 297.0)
MARGIN_MM = 12.0
#: Source of the targets themselves (the resolution, transcribed in ../shared/data/targets/).
TARGETS_SOURCE = LayerSource(
    "targets",
    "Conclusion 05-KL/TU (2016) of the Điện Biên Provincial Party Committee, targets to 2020",
    "public document",
    "2016",
    False,
)

#: Message key of each level's name in the tables.
_LEVEL_KEYS = {"province": "sc_province", "district": "district", "commune": "commune"}


def status_label(status: str, lang: str = "vi") -> str:
    """Return the planner's name of a scorecard status."""
    return t(f"sc_{status}", lang)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def measured_text(value, lang: str = "vi") -> str:
    """The measured value with up to two decimals in the language's style; empty when there is no data."""
    if _missing(value):
        return ""
    return format_number(float(value), lang, decimals=2)


# --- tables
# ------------------------------------------------------------------------------------------------------


def scorecard_sheet(scorecard: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Return the scorecard for people (XLSX): column names and statuses in ``lang``, measured empty when no
    data."""
    return pd.DataFrame(
        {
            t("sc_indicator_id", lang): scorecard["indicator_id"].astype(str),
            t("indicator", lang): scorecard["indicator_en" if lang == "en" else "indicator_vi"],
            t("sc_level_short", lang): scorecard["level"].map(
                lambda v: t(_LEVEL_KEYS[v], lang) if v in _LEVEL_KEYS else v
            ),
            t("sc_unit_code", lang): scorecard["unit_code"].astype(str),
            t("sc_unit_name", lang): scorecard["unit_name"],
            t("sc_measured", lang): pd.to_numeric(scorecard["measured"], errors="coerce")
            .astype(float)
            .round(2),
            t("target_2020", lang): [
                format_target(c, tv, u, lang)
                for c, tv, u in zip(
                    scorecard["comparator"], scorecard["target"], scorecard["unit"], strict=True
                )
            ],
            t("sc_comparator", lang): scorecard["comparator"],
            t("status", lang): scorecard["status"].map(lambda v: status_label(v, lang)),
            t("sc_source", lang): scorecard["source_en" if lang == "en" else "source_vi"],
        }
    ).reset_index(drop=True)


def credit_lines(sources: Iterable[LayerSource], *, lang: str = "vi") -> list[str]:
    """One credit line per distinct source (the targets document first): the layers it gives, then source,
    licence, vintage and the illustrative mark when due."""
    grouped: dict[str, list[str]] = {}
    for src in (TARGETS_SOURCE, *sources):
        names = grouped.setdefault(src.credit(lang), [])
        if layer_name(src.key, lang) not in names:
            names.append(layer_name(src.key, lang))
    return [f"{', '.join(names)}: {credit}" for credit, names in grouped.items()]


def real_series_lines(poverty_rates: pd.DataFrame, *, lang: str = "vi") -> list[str]:
    """One line per standard and source of the real poverty series: its years and values, then the source."""
    real = poverty_rates[poverty_rates["value"].notna()].sort_values(["standard", "year"])
    lines = []
    for (standard, source), rows in real.groupby(["standard", "source"], sort=False):
        label = standard_label(standard, lang)
        values = "; ".join(
            f"{int(y)}: {format_number(float(v), lang, decimals=2)} %"
            for y, v in zip(rows["year"], rows["value"], strict=True)
        )
        lines.append(f"{label} — {values} — {source}")
    return lines


def sources_note(scorecard: pd.DataFrame, sources: Iterable[LayerSource], *, lang: str = "vi") -> str:
    """Text of the sources sheet: the illustrative mark when due, the status rules and the credits."""
    lines = (
        [t("illustrative_both", lang), t("sc_illustrative_note", lang), ""]
        if any_illustrative_measure(scorecard)
        else []
    )
    lines += [t("sc_rules_plain", lang), "", t("credits", lang) + ":", *credit_lines(sources, lang=lang)]
    return "\n".join(lines)


def scorecard_xlsx_bytes(scorecard: pd.DataFrame, *, lang: str = "vi", note: str = "") -> bytes:
    """Return the scorecard as XLSX: bold wrapped header, frozen header row, autofilter, status cells coloured
    as in the app, measured cells empty when there is no data, and a sources sheet holding ``note``."""
    table = scorecard_sheet(scorecard, lang=lang)
    sheet = t("sc_sheet", lang)[:31]
    buf = io.BytesIO()
    with xlsx_writer(buf) as writer:
        cells = write_xlsx_table(writer, table, sheet=sheet, header=HEADER_FORMAT)
        book, ws = writer.book, writer.sheets[sheet]
        widths = {
            t("indicator", lang): 45,
            t("sc_source", lang): 80,
            t("target_2020", lang): 24,
            t("sc_unit_name", lang): 22,
            t("status", lang): 20,
        }
        number = book.add_format({"num_format": "0.00"})
        for col, name in enumerate(table.columns):
            ws.set_column(
                col,
                col,
                widths.get(name, max(10, min(24, len(str(name)) + 2))),
                number if name == t("sc_measured", lang) else None,
            )
        ws.set_row(0, 32)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)
        status_col = list(table.columns).index(t("status", lang))
        for row, status in enumerate(scorecard["status"], start=1):
            colour = palette.STATUS.get(status, palette.STATUS["no_data"])
            cells.write(ws, row, status_col, status_label(status, lang), {"bg_color": colour, "border": 1})
        add_sources_sheet(cells, note)
    return buf.getvalue()


def render_scorecard_table(scorecard: pd.DataFrame, fmt: str, *, lang: str = "vi", note: str = "") -> bytes:
    """Return the scorecard table as CSV (UTF-8 with BOM, the machine columns, ``note`` in its final rows) or
    XLSX (for people, ``note`` on its sources sheet)."""
    fmt = str(fmt).lower()
    if fmt not in TABLE_FORMATS:
        raise InputError(
            Problem(
                f"định dạng bảng '{fmt}' không hỗ trợ; chọn csv hoặc xlsx.",
                f"table format '{fmt}' is not supported; choose csv or xlsx.",
                column="format",
                value=fmt,
            )
        )
    if fmt == "csv":
        return table_csv_bytes(scorecard_csv_table(scorecard, lang=lang), note=note)
    return scorecard_xlsx_bytes(scorecard, lang=lang, note=note)


def export_scorecard_table(
    scorecard: pd.DataFrame, out: str | Path, *, fmt: str | None = None, lang: str = "vi", note: str = ""
) -> Path:
    """Write the scorecard table to ``out`` (format from ``fmt`` or the suffix), atomically."""
    fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
    check_out_path(out, suffixes=(f".{fmt}",))
    data = render_scorecard_table(scorecard, fmt, lang=lang, note=note)
    return write_bytes_atomically(out, data, suffixes=(f".{fmt}",))


# --- the printable PDF
# -------------------------------------------------------------------------------------------


@dataclass
class ScorecardPdfInfo:
    """What the PDF drew (for tests and messages)."""

    pages: int = 0
    rows: int = 0
    illustrative: bool = False
    credits: list[str] = field(default_factory=list)


_TEXT_PATH = TextToPath()


@lru_cache(maxsize=8192)
def _text_width_mm(text: str, size: float, bold: bool) -> float:
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    width, _, _ = _TEXT_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72 * 25.4


def wrap_to_width(
    text: str, width_mm: float, size: float, *, bold: bool = False, max_lines: int = 12
) -> list[str]:
    """Wrap ``text`` greedily so each line fits ``width_mm`` at ``size`` pt (measured with the font, words
    kept whole unless a single word is too long, e.g. a URL); the last line ends in "…" when cut."""
    text = clean_text(text, 2000)
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _text_width_mm(candidate, size, bold) <= width_mm:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _text_width_mm(current, size, bold) > width_mm and len(current) > 1:
            cut = len(current)
            while cut > 1 and _text_width_mm(current[:cut], size, bold) > width_mm:
                cut = max(1, int(cut * 0.85)) if cut > 12 else cut - 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [lines[max_lines - 1].rstrip()[:-1] + "…"]
    return lines


class _Page:
    """One A4 portrait figure with helpers in millimetres from the top-left corner."""

    def __init__(self) -> None:
        self.fig = Figure(figsize=(PAGE_MM[0] * MM, PAGE_MM[1] * MM))

    def text(self, x_mm: float, y_mm: float, text: str, *, size: float, **kwargs) -> None:
        self.fig.text(
            x_mm / PAGE_MM[0],
            1 - y_mm / PAGE_MM[1],
            text,
            fontsize=size,
            va=kwargs.pop("va", "top"),
            parse_math=False,
            **kwargs,
        )

    def rect(self, x_mm: float, y_mm: float, w_mm: float, h_mm: float, colour: str, **kwargs) -> None:
        self.fig.patches.append(
            Rectangle(
                (x_mm / PAGE_MM[0], 1 - (y_mm + h_mm) / PAGE_MM[1]),
                w_mm / PAGE_MM[0],
                h_mm / PAGE_MM[1],
                transform=self.fig.transFigure,
                facecolor=colour,
                edgecolor=kwargs.pop("edgecolor", "none"),
                zorder=0,
                **kwargs,
            )
        )

    def hline(
        self, x_mm: float, y_mm: float, w_mm: float, colour: str = "#bbbbbb", width: float = 0.4
    ) -> None:
        self.fig.lines.append(
            Line2D(
                [x_mm / PAGE_MM[0], (x_mm + w_mm) / PAGE_MM[0]],
                [1 - y_mm / PAGE_MM[1]] * 2,
                transform=self.fig.transFigure,
                color=colour,
                linewidth=width,
            )
        )

    def lines(
        self,
        x_mm: float,
        y_mm: float,
        lines: list[str],
        *,
        size: float,
        colour: str = "#111111",
        bold: bool = False,
        spacing: float = 1.3,
    ) -> float:
        step = size * 0.3528 * spacing
        for line in lines:
            self.text(x_mm, y_mm, line, size=size, color=colour, fontweight="bold" if bold else "normal")
            y_mm += step
        return y_mm


def _badge(page: _Page, lang: str) -> None:
    page.fig.text(
        1 - MARGIN_MM / PAGE_MM[0],
        1 - MARGIN_MM / PAGE_MM[1],
        t("illustrative_both", lang),
        fontsize=8.5,
        fontweight="bold",
        color="#5c4400",
        ha="right",
        va="top",
        parse_math=False,
        zorder=40,
        bbox={"boxstyle": "round,pad=0.35", "facecolor": "#fff3cd", "edgecolor": "#b8860b", "linewidth": 1.2},
    )


def _footer(page: _Page, lang: str, date_text: str, number: int, total: int) -> None:
    y = PAGE_MM[1] - MARGIN_MM / 2
    page.text(
        MARGIN_MM,
        y,
        f"{t('sc_title', lang)} · {t('printed', lang)}: {date_text}",
        size=6,
        color="#555555",
        va="bottom",
    )
    page.fig.text(
        1 - MARGIN_MM / PAGE_MM[0],
        1 - y / PAGE_MM[1],
        f"{t('page', lang)} {number}/{total}",
        fontsize=6,
        ha="right",
        va="bottom",
        color="#555555",
        parse_math=False,
    )


#: Columns of the PDF table: message key of the heading, width.
_COLUMNS_MM = (
    ("indicator", 50.0),
    ("sc_measured", 16.0),
    ("target_2020", 31.0),
    ("status", 26.0),
    ("sc_source", 63.0),
)
_BODY_PT = 6.8
_HEAD_PT = 7.0


def _row_cells(row: pd.Series, lang: str) -> list[str]:
    return [
        str(row["indicator_en" if lang == "en" else "indicator_vi"]),
        measured_text(row["measured"], lang),
        format_target(str(row["comparator"]), str(row["target"]), str(row["unit"]), lang),
        status_label(str(row["status"]), lang),
        str(row["source_en" if lang == "en" else "source_vi"]),
    ]


def _draw_table_header(page: _Page, y: float, lang: str) -> float:
    width = sum(w for _, w in _COLUMNS_MM)
    wrapped = [wrap_to_width(t(key, lang), w - 2, _HEAD_PT, bold=True) for key, w in _COLUMNS_MM]
    height = max(len(c) for c in wrapped) * _HEAD_PT * 0.3528 * 1.3 + 2.2
    page.rect(MARGIN_MM, y, width, height, "#dde7ee")
    x = MARGIN_MM
    for cell, (_, w) in zip(wrapped, _COLUMNS_MM, strict=True):
        page.lines(x + 1.2, y + 1.1, cell, size=_HEAD_PT, bold=True)
        x += w
    return y + height


def _summary(page: _Page, y: float, scorecard: pd.DataFrame, lang: str) -> float:
    counts = scorecard["status"].value_counts()
    x = MARGIN_MM
    for status in STATUSES:
        label = f"{status_label(status, lang)}: {int(counts.get(status, 0))}"
        w = _text_width_mm(label, 8.0, True) + 6
        page.rect(x, y, w, 6.0, palette.STATUS[status])
        page.text(
            x + 3,
            y + 3.0,
            label,
            size=8.0,
            fontweight="bold",
            va="center",
            color="#ffffff" if status in ("met", "off_track") else "#111111",
        )
        x += w + 3
    return y + 9.0


def build_pages(
    scorecard: pd.DataFrame,
    poverty_rates: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    year: int,
    lang: str = "vi",
    sources: Iterable[LayerSource] = (),
    date: dt.date | None = None,
) -> tuple[list[Figure], ScorecardPdfInfo]:
    """Return the A4 pages of the scorecard PDF and what they show.

    ``scorecard`` is the province scorecard (:func:`analysis.targets.build_scorecard`), ``poverty_rates`` the
    real provincial series with its ``standard`` column
    (:func:`layers.targets.load_provincial_poverty_rates`), ``targets`` the targets table (for the poverty
    target path), ``sources`` the provenance of the layers measured.
    """
    if scorecard.empty:
        raise InputError(Problem(t("sc_no_rows", "vi"), t("sc_no_rows", "en")))
    sources = list(sources)
    info = ScorecardPdfInfo(
        rows=len(scorecard),
        illustrative=any_illustrative_measure(scorecard),
        credits=credit_lines(sources, lang=lang),
    )
    today = date or dt.date.today()
    date_text = today.strftime("%d/%m/%Y") if lang == "vi" else today.isoformat()
    bottom = PAGE_MM[1] - MARGIN_MM - 4
    width = PAGE_MM[0] - 2 * MARGIN_MM
    pages: list[_Page] = []

    def new_page(first: bool) -> tuple[_Page, float]:
        page = _Page()
        pages.append(page)
        if info.illustrative:
            _badge(page, lang)
        if first:
            y = page.lines(
                MARGIN_MM,
                MARGIN_MM,
                wrap_to_width(t("sc_title", lang), width - 62, 15, bold=True),
                size=15,
                bold=True,
                spacing=1.25,
            )
            y = (
                page.lines(
                    MARGIN_MM,
                    y + 1,
                    [f"{t('sc_subtitle', lang).format(year=year)} · {t('printed', lang)}: {date_text}"],
                    size=9,
                    colour="#333333",
                )
                + 2
            )
        else:
            room = width - (
                _text_width_mm(t("illustrative_both", lang), 8.5, True) + 8 if info.illustrative else 0
            )
            y = (
                page.lines(
                    MARGIN_MM,
                    MARGIN_MM,
                    wrap_to_width(
                        f"{t('sc_title', lang)} {t('sc_continued', lang)}", room, 9, bold=True, max_lines=2
                    ),
                    size=9,
                    colour="#333333",
                    bold=True,
                )
                + 4
            )
        return page, y

    page, y = new_page(True)
    y = _summary(page, y, scorecard, lang)
    y = (
        page.lines(
            MARGIN_MM, y, wrap_to_width(t("sc_rules_plain", lang), width, 6.8), size=6.8, colour="#333333"
        )
        + 2
    )
    y = _draw_table_header(page, y, lang)
    line_h = _BODY_PT * 0.3528 * 1.3
    for _, row in scorecard.iterrows():
        cells = _row_cells(row, lang)
        wrapped = [
            wrap_to_width(text, w - 2.4, _BODY_PT) for text, (_, w) in zip(cells, _COLUMNS_MM, strict=True)
        ]
        height = max(len(c) for c in wrapped) * line_h + 2.0
        if y + height > bottom:
            page, y = new_page(False)
            y = _draw_table_header(page, y, lang)
        x = MARGIN_MM
        for cell, (key, w) in zip(wrapped, _COLUMNS_MM, strict=True):
            if key == "status":
                page.rect(
                    x + 0.3, y + 0.3, w - 0.6, height - 0.6, palette.STATUS.get(str(row["status"]), "#ffffff")
                )
            colour = "#555555" if (key == "sc_source" and row["status"] == "no_data") else "#111111"
            if key == "status" and row["status"] in ("met", "off_track"):
                colour = "#ffffff"
            page.lines(
                x + 1.2,
                y + 1.0,
                cell,
                size=_BODY_PT,
                colour=colour,
                bold=(key == "status" or (key == "measured")),
            )
            x += w
        y += height
        page.hline(MARGIN_MM, y, width)

    # The chart of the real series by standard against the target path, its note, the sources and credits.
    chart_h = 112.0
    if y + 6 + chart_h > bottom:
        page, y = new_page(False)
    else:
        y += 6
    _draw_chart(page, y, chart_h, poverty_rates, targets, lang)
    y += chart_h + 2
    y = (
        page.lines(
            MARGIN_MM,
            y,
            wrap_to_width(t("sc_chart_note_print", lang), width, 7.0),
            size=7.0,
            colour="#333333",
        )
        + 3
    )
    blocks = [
        ([t("sc_real_sources", lang)], True),
        *[
            (wrap_to_width(line, width, 5.8, max_lines=3), False)
            for line in real_series_lines(poverty_rates, lang=lang)
        ],
    ]
    if info.illustrative:
        blocks.append(([""], False))
        blocks.append((wrap_to_width(t("sc_illustrative_note", lang), width, 6.2, bold=True), True))
    blocks.append(([t("credits", lang) + ":"], True))
    blocks += [(wrap_to_width(line, width, 5.8, max_lines=3), False) for line in info.credits]
    for lines, bold in blocks:
        size = 6.2 if bold else 5.8
        if y + len(lines) * size * 0.3528 * 1.3 > bottom:
            page, y = new_page(False)
        y = page.lines(MARGIN_MM, y, lines, size=size, colour="#222222", bold=bold)

    info.pages = len(pages)
    for number, page in enumerate(pages, start=1):
        _footer(page, lang, date_text, number, len(pages))
    return [p.fig for p in pages], info


_SERIES_STYLE = {  # standard -> (colour, marker, line style)
    STANDARD_GSO: ("#8c8c8c", "s", (0, (1, 1.5))),
    STANDARD_2011: ("#6a51a3", "o", "-"),
    STANDARD_2016: ("#2166ac", "o", "-"),
    STANDARD_2022: ("#1b7837", "o", "-"),
    STANDARD_OTHER: ("#bf812d", "o", "-"),
}


def _draw_chart(
    page: _Page, y_mm: float, h_mm: float, poverty_rates: pd.DataFrame, targets: pd.DataFrame, lang: str
) -> None:
    """Draw the real provincial series (one line per poverty standard) and the target path of
    ``poverty_rate``."""
    target = targets.set_index("indicator_id").loc["poverty_rate"]
    frame = poverty_chart_frame(
        poverty_rates,
        baseline_value=float(target["baseline_value"]),
        baseline_year=int(target["baseline_year"]),
        target_value=float(target["target_value"]),
        target_year=int(target["target_year"]),
        lang=lang,
    )
    left, right = MARGIN_MM + 14, MARGIN_MM + 2
    axes_top, axes_h = y_mm + 8, h_mm - 34  # title above, x label and legend below
    ax = page.fig.add_axes(
        [
            left / PAGE_MM[0],
            1 - (axes_top + axes_h) / PAGE_MM[1],
            (PAGE_MM[0] - left - right) / PAGE_MM[0],
            axes_h / PAGE_MM[1],
        ]
    )
    page.text(MARGIN_MM, y_mm, t("sc_chart_title", lang), size=10, fontweight="bold")
    by_label = {standard_label(key, lang): key for key in STANDARDS}
    for label, series in frame[frame["kind"] == "real"].groupby("series", sort=False):
        colour, marker, style = _SERIES_STYLE[by_label.get(label, STANDARD_OTHER)]
        series = series.sort_values("year")
        ax.plot(
            series["year"],
            series["value"],
            color=colour,
            marker=marker,
            linestyle=style,
            linewidth=1.6,
            markersize=3.6,
            label=label,
            zorder=3,
        )
        if by_label.get(label) != STANDARD_GSO:
            for x, v in zip(series["year"], series["value"], strict=True):
                ax.annotate(
                    format_number(float(v), lang, decimals=2),
                    (x, v),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=5.8,
                    color=colour,
                    annotation_clip=False,
                    zorder=6,
                    bbox={
                        "boxstyle": "round,pad=0.12",
                        "facecolor": "white",
                        "edgecolor": "none",
                        "alpha": 0.85,
                    },
                )
    path = frame[frame["kind"] == "target"].sort_values("year")
    ax.plot(
        path["year"],
        path["value"],
        color="#d73027",
        linestyle=(0, (5, 3)),
        linewidth=1.5,
        label=str(path["series"].iloc[0]),
        zorder=2,
    )
    end = path.iloc[-1]
    ax.plot(
        [end["year"]], [end["value"]], marker="*", color="#d73027", markersize=8, linestyle="none", zorder=4
    )
    ax.annotate(
        f"{t('sc_target_point', lang)}: < {format_number(float(end['value']), lang, decimals=0)} %",
        (end["year"], end["value"]),
        textcoords="offset points",
        xytext=(6, -10),
        fontsize=6.2,
        color="#d73027",
    )
    years = frame["year"]
    x0, x1 = int(years.min()) - 1, int(years.max()) + 1
    ax.set_xlim(x0, x1)
    ymax = float(frame["value"].max())
    ax.set_ylim(0, math.ceil((ymax + 8) / 10) * 10)
    for year, standard in STANDARD_CHANGES.items():
        if x0 < year < x1:
            ax.axvline(year - 0.5, color="#777777", linestyle=(0, (2, 2)), linewidth=0.8, zorder=1)
            ax.text(
                year - 0.4,
                0.985,
                f"{t('sc_standard_change', lang)}: {standard.replace('-', '–')}",
                transform=ax.get_xaxis_transform(),
                fontsize=5.8,
                color="#555555",
                va="top",
                ha="left",
            )
    ax.set_xticks(range(x0 + 1, x1, 2))
    ax.tick_params(labelsize=6.5)
    ax.set_xlabel(t("sc_year", lang), fontsize=7)
    ax.set_ylabel(t("sc_rate", lang), fontsize=7)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=6.4, frameon=False)


def render_scorecard_pdf(
    scorecard: pd.DataFrame,
    poverty_rates: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    year: int,
    lang: str = "vi",
    sources: Iterable[LayerSource] = (),
    date: dt.date | None = None,
) -> tuple[bytes, ScorecardPdfInfo]:
    """Return the scorecard PDF (A4 portrait, DejaVu Sans embedded as TrueType) and what it shows."""
    buf = io.BytesIO()
    with matplotlib.rc_context(RC):
        figures, info = build_pages(
            scorecard, poverty_rates, targets, year=year, lang=lang, sources=sources, date=date
        )
        with PdfPages(
            buf, metadata={"Title": t("sc_title", lang), "Creator": "Điện Biên coverage tool"}
        ) as pdf:
            for fig in figures:
                pdf.savefig(fig)
    return buf.getvalue(), info


def export_scorecard_pdf(
    scorecard: pd.DataFrame,
    poverty_rates: pd.DataFrame,
    targets: pd.DataFrame,
    out: str | Path,
    *,
    year: int,
    lang: str = "vi",
    sources: Iterable[LayerSource] = (),
    date: dt.date | None = None,
) -> ScorecardPdfInfo:
    """Write the scorecard PDF to ``out``, atomically; return what it shows."""
    check_out_path(out, suffixes=(".pdf",))
    data, info = render_scorecard_pdf(
        scorecard, poverty_rates, targets, year=year, lang=lang, sources=sources, date=date
    )
    write_bytes_atomically(out, data, suffixes=(".pdf",))
    return info


__all__ = [
    "export_scorecard_pdf",
    "export_scorecard_table",
    "render_scorecard_pdf",
    "render_scorecard_table",
    "scorecard_sheet",
    "scorecard_xlsx_bytes",
    "sources_note",
]

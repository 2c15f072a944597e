"""Commune fact sheets: one A4 page per commune (map with neighbours, flags, targets, travel times,
sources)."""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from analysis.targets import meets_target
from geo.errors import InputError, Problem
from geo.i18n import format_number, format_percent, layer_name, t
from geo.messages import msg
from geo.names import normalize_gso_code
from geo.provenance import LayerSource
from geo.vocab import SEASONS
from layers import palette
from layers.boundaries import MAP_BACKGROUND
from layers.registry import SOURCES
from layers.targets import format_target, load_targets
from report.draw import (
    LEGEND_MIN_PT,
    draw_layers,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
    fit_view,
    label_items,
    place_labels,
    project_bundle,
)
from report.layout import CREDIT_PT, MM, RC, clean_text
from report.mapdata import MapBundle
from report.output import check_out_path, write_bytes_atomically

PAGE_MM = (210.0, 297.0)
#: Commune indicator -> (target id in the targets CSV, survey/flag column, kind).  ``kind`` "pct" compares the
#: value, "yes" compares 100 (yes) or 0 (no) with a share-of-communes target.
TARGET_ROWS = (
    ("poverty_rate", "poor_hh_rate_pct", "pct"),
    ("households_electricity", "hh_grid_power_pct", "pct"),
    ("schools_national_standard", "schools_national_standard_pct", "pct"),
    ("commune_allseason_road", "has_allseason_road", "yes"),
    ("commune_grid", "has_grid", "yes"),
    ("commune_health_criteria", "health_station_national_standard", "yes"),
)
#: Services shown in the travel-time table, in order.
ACCESS_SERVICES = (
    "health_tram_y_te",
    "health_benh_vien_huyen",
    "school_tieu_hoc",
    "school_thcs",
    "school_thpt",
)


@dataclass
class AccessInfo:
    """Travel times per commune by season (``{service}_min`` and ``minutes_to_district_{season}`` columns)."""

    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    sources: Mapping[str, LayerSource] = field(default_factory=dict)


def select_units(bundle: MapBundle, *, commune: str | None = None, district: str | None = None) -> list[str]:
    """Return the ``unit_id`` of the communes to print: one GSO commune code, or every commune of a district.

    Codes are accepted with or without their leading zeros (``3127`` is ``03127``, ``96`` is ``096``), as
    everywhere else in the app; anything that is not a code is refused naming the value.
    """
    communes = bundle.data.communes
    units = bundle.request.units
    if commune is not None and str(commune).strip():
        raw = str(commune).strip()
        code = normalize_gso_code(raw)
        if code is None:
            raise InputError(
                Problem(
                    f"'{raw}' không phải mã xã: mã xã của TCTK là số có tối đa 5 chữ số (ví dụ 03127 hoặc "
                    "3127); tên xã không dùng được ở đây.",
                    f"'{raw}' is not a commune code: a GSO commune code is a number of up to 5 digits "
                    "(e.g. 03127 or 3127); a commune name does not work here.",
                    column="commune",
                    value=raw,
                )
            )
        hit = communes[(communes["gso_code"].astype(str) == code) | (communes["unit_id"].astype(str) == code)]
        if hit.empty:
            raise InputError(
                Problem(
                    f"mã xã {code} không có trong bộ đơn vị '{units}'; hãy kiểm tra mã (5 chữ số "
                    "của TCTK) và bộ đơn vị (trước/sau sáp nhập 2025).",
                    f"commune code {code} is not in unit set '{units}'; check the code (5-digit "
                    "GSO) and the unit set (before/after the 2025 merger).",
                    column="commune",
                    value=code,
                )
            )
        return list(hit["unit_id"])
    raw = str(district if district is not None else "").strip()
    known = ", ".join(sorted(communes["district_code"].astype(str).unique()))
    code = normalize_gso_code(raw, digits=3) if raw else None
    if raw and code is None:
        raise InputError(
            Problem(
                f"'{raw}' không phải mã huyện: mã huyện của TCTK là số có tối đa 3 chữ số; mã huyện có: "
                f"{known}.",
                f"'{raw}' is not a district code: a GSO district code is a number of up to 3 digits; known "
                f"district codes: {known}.",
                column="district",
                value=raw,
            )
        )
    hit = communes[communes["district_code"].astype(str) == code] if code else communes.iloc[0:0]
    if hit.empty:
        raise InputError(
            Problem(
                f"huyện {code or '(trống)'} không có xã nào trong bộ đơn vị '{units}'; mã huyện có: {known}.",
                f"district {code or '(empty)'} has no communes in unit set '{units}'; known district codes: "
                f"{known}.",
                column="district",
                value=code or raw,
            )
        )
    return list(hit.sort_values(["commune", "unit_id"])["unit_id"])


def _value_text(value, kind: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return t("no_data", lang)
    if kind == "yes":
        return t("yes" if bool(value) else "no", lang)
    return format_percent(float(value), lang, decimals=1)


def target_rows(row: pd.Series, targets: pd.DataFrame, lang: str) -> list[tuple[str, str, str, str]]:
    """Rows (indicator, commune value, 2020 target, status) of the commune against the province's targets."""
    out = []
    by_id = targets.set_index("indicator_id")
    values = dict(row)
    values["has_allseason_road"] = (
        None if pd.isna(row.get("lacks_allseason_road")) else not bool(row["lacks_allseason_road"])
    )
    values["has_grid"] = None if pd.isna(row.get("lacks_grid")) else not bool(row["lacks_grid"])
    for target_id, column, kind in TARGET_ROWS:
        if target_id not in by_id.index:
            continue
        target = by_id.loc[target_id]
        value = values.get(column)
        missing = value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
        measured = (
            None
            if missing
            else (100.0 if (kind == "yes" and bool(value)) else 0.0 if kind == "yes" else float(value))
        )
        ok = (
            None
            if measured is None
            else meets_target(measured, str(target["comparator"]), target["target_value"])
        )
        status = t("status_no_data" if ok is None else "status_meets" if ok else "status_misses", lang)
        name = str(target["indicator_en" if lang == "en" else "indicator_vi"])
        wanted = format_target(str(target["comparator"]), target["target_value"], str(target["unit"]), lang)
        out.append((name, _value_text(value, kind, lang), wanted, status))
    return out


def access_rows(
    unit_id: str, access: AccessInfo | None, lang: str, *, row: pd.Series | None = None
) -> list[tuple[str, str, str]]:
    """Rows (destination, dry-season minutes, rainy-season minutes); empty when there is no access data.

    Without the access analysis, the route to the district centre of the flag run (``row``) is used when
    present.
    """
    rows = []
    per_season = {}
    for season, table in access.tables.items() if access is not None else ():
        hit = table[table["unit_id"].astype(str) == str(unit_id)]
        per_season[season] = hit.iloc[0] if len(hit) else None
    if not per_season and row is not None and "minutes_to_district_dry" in row:
        per_season = {"dry": row, "rainy": row}
    columns = [f"{k}_min" for k in ACCESS_SERVICES] + ["minutes_to_district"]
    for column in columns:
        label = t(column[:-4], lang) if column.endswith("_min") else t("to_district", lang)
        cells = []
        for season in SEASONS:
            record = per_season.get(season)
            value = None
            if record is not None:
                keys = (
                    [column]
                    if column.endswith("_min")
                    else [f"minutes_to_district_{season}", "minutes_to_district_centre"]
                )
                value = next((record.get(k) for k in keys if k in record.index), None)
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                cells.append("—" if value is None else t("expx_unreachable", lang))
            else:
                cells.append(f"{format_number(float(value), lang, decimals=0)} {t('accm_min_unit', lang)}")
        if any(c != "—" for c in cells):
            rows.append((label, *cells))
    return rows


@dataclass(frozen=True)
class _TextStyle:
    """How a block of text is written: font size (pt), a bold first line, colour, wrap width and line
    limit."""

    size: float
    bold_first: bool = False
    colour: str = "#111111"
    width_chars: int = 110
    max_lines: int = 40


#: The flags with their evidence; a note standing for missing data; the sources at the foot of the page.
_FLAGS_TEXT = _TextStyle(size=7.5, bold_first=True, width_chars=120, max_lines=9)
_NOTE_TEXT = _TextStyle(size=6.8, colour="#555555")
_CREDIT_TEXT = _TextStyle(size=CREDIT_PT, bold_first=True, colour="#333333", width_chars=150, max_lines=14)


def _text_block(fig: Figure, x_mm: float, y_mm: float, lines: list[str], style: _TextStyle) -> float:
    """Write wrapped ``lines`` downward from (x, y) mm (from the top); return the y below the block."""
    line_h = style.size * 0.3528 * 1.35
    count = 0
    for i, line in enumerate(lines):
        for j, part in enumerate(textwrap.wrap(line, width=style.width_chars) or [""]):
            if count >= style.max_lines:
                return y_mm
            fig.text(
                x_mm / PAGE_MM[0],
                1 - y_mm / PAGE_MM[1],
                ("    " if j else "") + part,
                fontsize=style.size,
                fontweight="bold" if (style.bold_first and i == 0) else "normal",
                color=style.colour,
                va="top",
                parse_math=False,
            )
            y_mm += line_h
            count += 1
    return y_mm


def _table(
    fig: Figure,
    x_mm: float,
    y_mm: float,
    widths_mm: list[float],
    header: list[str],
    rows: list[tuple],
    *,
    size: float,
) -> float:
    line_h = size * 0.3528 * 1.5
    y = y_mm
    for r, row in enumerate([tuple(header), *rows]):
        x = x_mm
        wrapped = [
            textwrap.wrap(str(cell), width=max(6, int(w / (size * 0.3528 * 0.55)))) or [""]
            for cell, w in zip(row, widths_mm, strict=False)
        ]
        height = max(len(w) for w in wrapped) * line_h
        if r == 0:
            fig.patches.append(
                matplotlib.patches.Rectangle(
                    (x_mm / PAGE_MM[0], 1 - (y + height + 0.6) / PAGE_MM[1]),
                    sum(widths_mm) / PAGE_MM[0],
                    (height + 0.6) / PAGE_MM[1],
                    transform=fig.transFigure,
                    facecolor="#dde7ee",
                    edgecolor="none",
                    zorder=0,
                )
            )
        for cell_lines, w in zip(wrapped, widths_mm, strict=False):
            for k, part in enumerate(cell_lines):
                fig.text(
                    (x + 1) / PAGE_MM[0],
                    1 - (y + 0.4 + k * line_h) / PAGE_MM[1],
                    part,
                    fontsize=size,
                    fontweight="bold" if r == 0 else "normal",
                    va="top",
                    parse_math=False,
                )
            x += w
        y += height + 0.8
        fig.lines.append(
            matplotlib.lines.Line2D(
                [x_mm / PAGE_MM[0], (x_mm + sum(widths_mm)) / PAGE_MM[0]],
                [1 - y / PAGE_MM[1]] * 2,
                transform=fig.transFigure,
                color="#bbbbbb",
                linewidth=0.4,
            )
        )
    return y


def build_page(
    bundle: MapBundle,
    proj,
    unit_id: str,
    *,
    targets: pd.DataFrame,
    access: AccessInfo | None,
    page: int,
    pages: int,
    date: dt.date | None = None,
) -> Figure:
    """Return the fact-sheet figure (A4 portrait) of one commune."""
    lang = bundle.request.lang
    communes = bundle.data.communes
    row = communes[communes["unit_id"] == unit_id].iloc[0]
    pw, ph = PAGE_MM
    fig = Figure(figsize=(pw * MM, ph * MM))
    margin = 12.0
    # Header.
    fig.text(
        margin / pw,
        1 - margin / ph,
        clean_text(str(row["commune"]), 80),
        fontsize=17,
        fontweight="bold",
        va="top",
        parse_math=False,
    )
    sub = (
        f"{row['district']} · {t('gso_code', lang)} {row['gso_code']} · "
        f"{msg('expx_units_set_' + bundle.request.units, lang)} · {t('survey_year_inline', lang)} "
        f"{bundle.request.year}"
    )
    fig.text(
        margin / pw, 1 - (margin + 8.5) / ph, sub, fontsize=8.5, color="#333333", va="top", parse_math=False
    )
    fig.text(
        1 - margin / pw,
        1 - margin / ph,
        t("factsheet_title", lang),
        fontsize=8.5,
        ha="right",
        va="top",
        color="#555555",
        parse_math=False,
    )
    # Map of the commune and its neighbours, legend beside it.
    map_box = (margin, ph - margin - 17 - 100, 122.0, 100.0)
    ax = fig.add_axes([map_box[0] / pw, map_box[1] / ph, map_box[2] / pw, map_box[3] / ph])
    communes_proj = proj.get("communes")
    target_geom = communes_proj.loc[communes_proj["unit_id"] == unit_id].geometry
    neighbours = communes_proj[communes_proj.geometry.intersects(target_geom.union_all().buffer(50))]
    view = fit_view(tuple(neighbours.total_bounds), map_box[2], map_box[3], margin=0.02)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor(MAP_BACKGROUND)
    entries = draw_layers(ax, bundle, proj, view, scale=0.9)
    target_geom.plot(ax=ax, facecolor=palette.SELECTION, alpha=0.18, edgecolor="none", zorder=1.2)
    target_geom.boundary.plot(ax=ax, color=palette.SELECTION_EDGE, linewidth=2.2, zorder=9)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(t("neighbours", lang), fontsize=8, loc="left", pad=3, fontweight="bold")
    draw_scale_bar(ax, view, frame_width_mm=map_box[2], lang=lang, scale=0.9)
    draw_north_arrow(ax, view, scale=0.9)
    if bundle.any_illustrative():
        ax.text(
            0.012,
            0.985,
            t("illustrative_both", lang),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8,
            fontweight="bold",
            color=palette.ILLUSTRATIVE_TEXT,
            zorder=40,
            parse_math=False,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": palette.ILLUSTRATIVE_FILL,
                "edgecolor": palette.ILLUSTRATIVE_EDGE,
                "linewidth": 1.1,
            },
        )
    legend_box = (margin + map_box[2] + 4, map_box[1], pw - 2 * margin - map_box[2] - 4, map_box[3])
    legend_ax = fig.add_axes([legend_box[0] / pw, legend_box[1] / ph, legend_box[2] / pw, legend_box[3] / ph])
    draw_legend(
        legend_ax,
        entries,
        width_mm=legend_box[2],
        height_mm=legend_box[3],
        font_pt=LEGEND_MIN_PT,
        title=t("legend", lang),
    )
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    avoid = [p.get_window_extent(renderer) for p in ax.patches if p.get_zorder() == 20]
    avoid += [
        a.get_bbox_patch().get_window_extent(renderer) for a in ax.texts if a.get_bbox_patch() is not None
    ]
    boxes = [(e.x0, e.y0, e.x1, e.y1) for e in avoid] + _symbol_boxes(ax, proj.get("commune_centres"), view)
    place_labels(
        ax, label_items(bundle, _Only(proj, neighbours), view, scale=1.0, highlight=unit_id), avoid=boxes
    )

    # Flags with evidence.
    y = ph - map_box[1] + 6
    flags = []
    if bool(row.get("lacks_allseason_road", False)):
        flags.append(t("lacks_allseason_road", lang))
    if bool(row.get("lacks_grid", False)):
        flags.append(t("lacks_grid", lang))
    evidence = str(row.get("evidence_en" if lang == "en" else "evidence_vi", "") or "")
    lines = [t("flags_section", lang), (", ".join(flags)) if flags else t("no_flags", lang)]
    lines += [f"{t('evidence', lang)}: {part.strip()}" for part in evidence.split(";") if part.strip()][:6]
    y = _text_block(fig, margin, y, lines, _FLAGS_TEXT) + 2

    # Indicators against the targets.
    fig.text(
        margin / pw,
        1 - y / ph,
        t("targets_section", lang),
        fontsize=7.5,
        fontweight="bold",
        va="top",
        parse_math=False,
    )
    y += 4.5
    y = (
        _table(
            fig,
            margin,
            y,
            [78, 30, 52, 26],
            [t("indicator", lang), t("value", lang), t("target_2020", lang), t("status", lang)],
            target_rows(row, targets, lang),
            size=6.5,
        )
        + 3
    )

    # Travel times.
    fig.text(
        margin / pw,
        1 - y / ph,
        t("access_section", lang),
        fontsize=7.5,
        fontweight="bold",
        va="top",
        parse_math=False,
    )
    y += 4.5
    rows = access_rows(unit_id, access, lang, row=row)
    if rows:
        y = (
            _table(
                fig,
                margin,
                y,
                [86, 50, 50],
                ["", t("season_dry", lang), t("season_rainy", lang)],
                rows,
                size=6.5,
            )
            + 3
        )
    else:
        y = _text_block(fig, margin, y, [t("access_no_data", lang)], _NOTE_TEXT) + 2

    # Sources and footer.
    sources = {src.key: src for src in bundle.shown_sources()}
    sources["targets"] = LayerSource(
        "targets", "Kết luận 05-KL/TU (2016), Tỉnh ủy Điện Biên", "public document", "2016", False
    )
    if access is not None:
        sources.update({k: v for k, v in access.sources.items()})
    credit = [f"{layer_name(src.key, lang)}: {src.credit(lang)}" for src in sources.values()]
    footer_lines = [t("sources_section", lang), *credit]
    _text_block(fig, margin, max(y, ph - margin - 5 - 3.1 * (len(credit) + 2)), footer_lines, _CREDIT_TEXT)
    today = date or dt.date.today()
    date_text = today.strftime("%d/%m/%Y") if lang == "vi" else today.isoformat()
    fig.text(
        margin / pw,
        margin / 2 / ph,
        f"{t('printed', lang)}: {date_text} · {t('crs_note', lang)}",
        fontsize=CREDIT_PT,
        color="#555555",
        parse_math=False,
    )
    fig.text(
        1 - margin / pw,
        margin / 2 / ph,
        f"{t('page', lang)} {page}/{pages}",
        fontsize=CREDIT_PT,
        ha="right",
        color="#555555",
        parse_math=False,
    )
    return fig


#: Half the size (points) of the box a label keeps clear around each UBND star (the star's icon at the sheet's
#: scale).
_STAR_HALF_PT = 4.0


def _symbol_boxes(ax, points, view) -> list[tuple[float, float, float, float]]:
    """Display-space boxes of the point symbols of ``points`` in ``view``: labels are placed beside them,
    never over them (the commune's own UBND star stays visible next to its name)."""
    if points is None or points.empty:
        return []
    half = _STAR_HALF_PT * ax.figure.dpi / 72
    geoms = points.geometry[~points.geometry.is_empty]
    inside = geoms[(geoms.x >= view[0]) & (geoms.x <= view[2]) & (geoms.y >= view[1]) & (geoms.y <= view[3])]
    return (
        [
            (x - half, y - half, x + half, y + half)
            for x, y in ax.transData.transform(list(zip(inside.x, inside.y, strict=True)))
        ]
        if len(inside)
        else []
    )


class _Only:
    """A view of projected frames where the communes are only ``communes`` (labels of the neighbours)."""

    def __init__(self, proj, communes):
        self._proj, self._communes = proj, communes

    def get(self, key):
        if key == "communes":
            return self._communes
        if key == "districts":
            return None
        return self._proj.get(key)


def factsheet_title(bundle: MapBundle, unit_ids: list[str]) -> str:
    """Title of the fact-sheet PDF (its metadata, shown by readers and search): the commune's name, or the
    district's when the PDF holds several communes."""
    lang, communes = bundle.request.lang, bundle.data.communes
    chosen = communes[communes["unit_id"].isin(unit_ids)]
    if len(unit_ids) == 1 and len(chosen):
        return msg("expx_factsheet_title", lang, commune=clean_text(str(chosen["commune"].iloc[0]), 80))
    districts = sorted(set(chosen["district"].astype(str)))
    return msg("expx_factsheets_title", lang, district=", ".join(districts) if districts else "")


def render_factsheets(
    bundle: MapBundle,
    unit_ids: list[str],
    *,
    access: AccessInfo | None = None,
    targets: pd.DataFrame | None = None,
    date: dt.date | None = None,
) -> bytes:
    """Return one PDF with a page per commune of ``unit_ids``."""
    if not unit_ids:
        raise InputError(Problem("không có xã nào để in.", "there is no commune to print."))
    targets = load_targets() if targets is None else targets
    proj = project_bundle(bundle)
    buf = io.BytesIO()
    with (
        matplotlib.rc_context(RC),
        PdfPages(
            buf, metadata={"Title": factsheet_title(bundle, unit_ids), "Creator": "Điện Biên coverage tool"}
        ) as pdf,
    ):
        for i, unit in enumerate(unit_ids, start=1):
            fig = build_page(
                bundle, proj, unit, targets=targets, access=access, page=i, pages=len(unit_ids), date=date
            )
            pdf.savefig(fig)
    return buf.getvalue()


def export_factsheets(
    bundle: MapBundle,
    unit_ids: list[str],
    out: str | Path,
    *,
    access: AccessInfo | None = None,
    targets: pd.DataFrame | None = None,
    date: dt.date | None = None,
) -> Path:
    """Write one page per commune of ``unit_ids`` into one PDF at ``out``, atomically."""
    check_out_path(out, suffixes=(".pdf",))
    data = render_factsheets(bundle, unit_ids, access=access, targets=targets, date=date)
    return write_bytes_atomically(out, data, suffixes=(".pdf",))


__all__ = [
    "AccessInfo",
    "SOURCES",
    "export_factsheets",
    "render_factsheets",
    "select_units",
    "target_rows",
    "access_rows",
]

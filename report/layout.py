"""Print layout of the map (A4/A3, portrait/landscape, PDF/PNG): title, map, legend, scale, north, inset,
credits."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from geo.errors import InputError, Problem
from geo.i18n import t
from geo.messages import msg
from layers import palette
from layers.boundaries import MAP_BACKGROUND, PROVINCE_PAINT
from report.draw import (
    LEGEND_MIN_PT,
    ScaleBar,
    draw_layers,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
    fit_view,
    label_items,
    place_labels,
    project_bundle,
)
from report.mapdata import MapBundle
from report.output import check_out_path, write_bytes_atomically

PAPERS_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = ("portrait", "landscape")
FORMATS = ("pdf", "png")
DPI_RANGE = (50, 600)
TITLE_MAX_CHARS = 160
SUBTITLE_MAX_CHARS = 240
MM = 1 / 25.4
#: Credits text on A4 (points; A3 scales it by √2): at least 6 pt, readable when printed.
CREDIT_PT = 6.0
#: matplotlib settings of every export: DejaVu Sans (covers Vietnamese) embedded as TrueType (Type 42) in
#: PDFs.
RC = {
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "pdf.compression": 6,
    "path.simplify": True,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class PrintSettings:
    """Paper, orientation, resolution and the editable title/subtitle of a print layout."""

    paper: str = "A4"
    orientation: str = "landscape"
    dpi: int = 150
    title: str = ""
    subtitle: str | None = None
    date: dt.date | None = None


@dataclass
class LayoutInfo:
    """What a layout drew (for tests and messages): texts, scale bar, labels placed/dropped, the view."""

    title_lines: list[str] = field(default_factory=list)
    legend_labels: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    illustrative: bool = False
    scale_bar: ScaleBar | None = None
    labels_placed: int = 0
    labels_dropped: int = 0
    view: tuple[float, float, float, float] | None = None
    north_deg: float = 0.0


def check_settings(settings: PrintSettings) -> PrintSettings:
    """Return ``settings`` when usable; raise :class:`InputError` naming the wrong choice."""
    if settings.paper not in PAPERS_MM:
        raise InputError(
            Problem(
                f"khổ giấy '{settings.paper}' không hỗ trợ; chọn A4 hoặc A3.",
                f"paper '{settings.paper}' is not supported; choose A4 or A3.",
                column="paper",
                value=str(settings.paper),
            )
        )
    if settings.orientation not in ORIENTATIONS:
        raise InputError(
            Problem(
                f"hướng giấy '{settings.orientation}' không hợp lệ; chọn portrait (dọc) hoặc landscape "
                f"(ngang).",
                f"orientation '{settings.orientation}' is not valid; choose portrait or landscape.",
                column="orientation",
                value=str(settings.orientation),
            )
        )
    if not isinstance(settings.dpi, int) or not DPI_RANGE[0] <= settings.dpi <= DPI_RANGE[1]:
        raise InputError(
            Problem(
                f"độ phân giải {settings.dpi} dpi ngoài khoảng {DPI_RANGE[0]}–{DPI_RANGE[1]}; thường dùng "
                f"150 hoặc 300.",
                f"resolution {settings.dpi} dpi is outside {DPI_RANGE[0]}–{DPI_RANGE[1]}; 150 or 300 are "
                f"usual.",
                column="dpi",
                value=str(settings.dpi),
            )
        )
    return settings


def clean_text(text: str | None, max_chars: int) -> str:
    """Return ``text`` as plain one-paragraph text: NFC, no control characters, collapsed spaces, cut at
    ``max_chars`` with "…".

    Markup such as ``<b>`` is kept as literal characters (a print layout shows text, never interprets it).
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", str(text)))
    text = " ".join(text.split())
    if len(text) > max_chars:
        cut = text[: max_chars - 1]
        if " " in cut[max_chars // 2 :]:
            cut = cut[: cut.rfind(" ")]
        text = cut.rstrip(" ,.;:-") + "…"
    return text


def wrap_lines(text: str, width_chars: int, max_lines: int) -> list[str]:
    """Wrap ``text`` to at most ``max_lines`` lines of about ``width_chars``; the last line ends in "…" when
    cut."""
    if not text:
        return []
    lines = textwrap.wrap(text, width=max(10, width_chars), break_long_words=True, break_on_hyphens=False)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = lines[: max_lines - 1] + [last[: max(1, len(last) - 1)].rstrip() + "…"]
    return lines


def _chars_per_line(width_mm: float, font_pt: float) -> int:
    return int(width_mm / (font_pt * 0.3528 * 0.55))


def default_subtitle(bundle: MapBundle) -> str:
    """Subtitle when the user gives none: the extent, its number of communes (of the unit set) and the survey
    year."""
    lang, req = bundle.request.lang, bundle.request
    if req.district:
        names = bundle.data.districts["district"]
        where = str(names.iloc[0]) if len(names) else req.district
        units = msg(f"expx_units_district_{req.units}", lang, n=len(bundle.data.communes))
    else:
        where, units = t("whole_province", lang), t("print_units_" + req.units, lang)
    return f"{where} · {units} · {t('survey_year_inline', lang)} {req.year}"


def credit_lines(bundle: MapBundle) -> list[str]:
    """One line per layer source shown: name, source, licence, vintage and the illustrative mark."""
    lang = bundle.request.lang
    return [f"{t('layer_' + src.key, lang)}: {src.credit(lang)}" for src in bundle.shown_sources()]


def build_layout(bundle: MapBundle, settings: PrintSettings) -> tuple[Figure, LayoutInfo]:
    """Compose the print layout of ``bundle`` on a figure the size of the paper; return it and what was
    drawn."""
    check_settings(settings)
    lang = bundle.request.lang
    pw, ph = PAPERS_MM[settings.paper]
    if settings.orientation == "landscape":
        pw, ph = ph, pw
    k = 1.0 if settings.paper == "A4" else math.sqrt(2)  # A3 scales every size by √2
    info = LayoutInfo()
    # The figure keeps matplotlib's base canvas while layers are added (geopandas asks for a redraw after
    # every plot, which the base canvas skips); the Agg canvas is attached only to measure labels. Size
    # rounded to whole pixels, so a PNG is exactly the paper at the dpi (A4 at 150 dpi = 1240 × 1754).
    fig = Figure(
        figsize=(round(pw * MM * settings.dpi) / settings.dpi, round(ph * MM * settings.dpi) / settings.dpi),
        dpi=settings.dpi,
    )
    margin = 9.0 * k

    def box(x_mm, y_mm, w_mm, h_mm):  # from bottom-left, in mm -> figure fraction
        return [x_mm / pw, y_mm / ph, w_mm / pw, h_mm / ph]

    # Title block.
    title_pt, sub_pt = 15.0 * k, 9.0 * k
    title = clean_text(settings.title, TITLE_MAX_CHARS) or t("app_title", lang)
    subtitle = clean_text(
        settings.subtitle if settings.subtitle is not None else default_subtitle(bundle), SUBTITLE_MAX_CHARS
    )
    width = pw - 2 * margin
    title_lines = wrap_lines(title, _chars_per_line(width, title_pt), 2)
    sub_lines = wrap_lines(subtitle, _chars_per_line(width, sub_pt), 2)
    info.title_lines = title_lines
    y = ph - margin
    for line in title_lines:
        y -= title_pt * 0.3528 * 1.25
        fig.text(
            margin / pw, y / ph, line, fontsize=title_pt, fontweight="bold", va="bottom", parse_math=False
        )
    for line in sub_lines:
        y -= sub_pt * 0.3528 * 1.35
        fig.text(margin / pw, y / ph, line, fontsize=sub_pt, color="#333333", va="bottom", parse_math=False)
    top = y - 3 * k

    # Footer: date + CRS, illustrative mark, credits.
    credit_pt = CREDIT_PT * k
    credits = credit_lines(bundle)
    info.credits = credits
    info.illustrative = bundle.any_illustrative()
    credit_wrapped: list[str] = []
    for line in [f"{t('credits', lang)}:"] + credits:
        credit_wrapped += wrap_lines(line, _chars_per_line(width, credit_pt), 3)
    line_h = credit_pt * 0.3528 * 1.3
    footer_h = (len(credit_wrapped) + 1.6) * line_h + 2 * k
    fy = margin + footer_h
    today = settings.date or dt.date.today()
    date_text = today.strftime("%d/%m/%Y") if lang == "vi" else today.isoformat()
    fig.text(
        margin / pw,
        (fy - line_h) / ph,
        f"{t('printed', lang)}: {date_text} · {t('crs_note', lang)}",
        fontsize=credit_pt * 1.1,
        va="bottom",
        parse_math=False,
    )
    for i, line in enumerate(credit_wrapped):
        fig.text(
            margin / pw,
            (fy - (i + 2.3) * line_h) / ph,
            line,
            fontsize=credit_pt,
            color="#333333",
            va="bottom",
            parse_math=False,
        )
    bottom = fy + 2 * k

    # Body: map frame and a panel (legend + inset), beside the map in landscape, below it in portrait.
    body_h = top - bottom
    if settings.orientation == "landscape":
        panel_w = min(78.0 * k, width * 0.3)
        map_box = (margin, bottom, width - panel_w - 4 * k, body_h)
        inset_h = min(panel_w * 0.85, body_h * 0.33)
        inset_box = (pw - margin - panel_w, top - inset_h, panel_w, inset_h)
        legend_box = (pw - margin - panel_w, bottom, panel_w, body_h - inset_h - 5 * k)
    else:
        panel_h = body_h * 0.27
        map_box = (margin, bottom + panel_h + 4 * k, width, body_h - panel_h - 4 * k)
        inset_w = min(panel_h * 1.05, width * 0.3)
        inset_box = (pw - margin - inset_w, bottom, inset_w, panel_h - 5 * k)
        legend_box = (margin, bottom, width - inset_w - 5 * k, panel_h)

    proj = project_bundle(bundle)
    bounds_proj = tuple(proj.get("communes").total_bounds)
    view = fit_view(bounds_proj, map_box[2], map_box[3])
    info.view = view
    ax = fig.add_axes(box(*map_box))
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor(MAP_BACKGROUND)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
    entries = draw_layers(ax, bundle, proj, view, scale=k)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_xlabel("")
    ax.set_ylabel("")
    scale_bar = info.scale_bar = draw_scale_bar(ax, view, frame_width_mm=map_box[2], lang=lang, scale=k)
    info.north_deg = draw_north_arrow(ax, view, scale=k)
    # Legend and inset.
    legend_ax = fig.add_axes(box(*legend_box))
    draw_legend(
        legend_ax,
        entries,
        width_mm=legend_box[2],
        height_mm=legend_box[3],
        font_pt=7.5 * k,
        title=t("legend", lang),
        min_pt=LEGEND_MIN_PT * k,
    )
    info.legend_labels = [e.label for e in entries]
    inset_ax = fig.add_axes(box(*inset_box))
    draw_inset(inset_ax, proj, view, title=t("inset_title", lang), scale=k)
    FigureCanvasAgg(fig)
    avoid = []
    renderer = fig.canvas.get_renderer()
    if info.illustrative:
        badge = ax.text(
            0.012,
            0.985,
            t("illustrative_both", lang),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8.5 * k,
            fontweight="bold",
            color=palette.ILLUSTRATIVE_TEXT,
            zorder=40,
            parse_math=False,
            bbox={
                "boxstyle": "round,pad=0.35",
                "facecolor": palette.ILLUSTRATIVE_FILL,
                "edgecolor": palette.ILLUSTRATIVE_EDGE,
                "linewidth": 1.2,
            },
        )
        ext = badge.get_window_extent(renderer).expanded(1.1, 1.3)
        avoid.append((ext.x0, ext.y0, ext.x1, ext.y1))
    ext = scale_bar.background.get_window_extent(renderer)  # labels keep off the scale bar
    avoid.append((ext.x0, ext.y0, ext.x1, ext.y1))
    frame = ax.get_window_extent(renderer)
    north = (frame.x1 - 0.09 * frame.width, frame.y1 - 0.16 * frame.height, frame.x1, frame.y1)
    avoid.append(north)
    info.labels_placed, info.labels_dropped = place_labels(
        ax, label_items(bundle, proj, view, scale=k), avoid=avoid
    )

    return fig, info


def draw_inset(ax, proj, view, *, title: str, scale: float = 1.0) -> None:
    """Draw the province and its districts with a frame (:data:`layers.palette.EXTENT`) around the printed
    extent."""
    province, districts = proj.get("province"), proj.get("districts_all")
    if districts is None:
        districts = proj.get("districts")
    province.plot(
        ax=ax, facecolor=PROVINCE_PAINT.fill, edgecolor=PROVINCE_PAINT.colour, linewidth=0.8 * scale
    )
    if districts is not None and not districts.empty:
        districts.boundary.plot(ax=ax, color=palette.CONTEXT_LINE, linewidth=0.35 * scale)
    minx, miny, maxx, maxy = province.total_bounds
    pad = 0.05 * max(maxx - minx, maxy - miny)
    x0, y0 = min(minx, view[0]) - pad, min(miny, view[1]) - pad
    x1, y1 = max(maxx, view[2]) + pad, max(maxy, view[3]) + pad
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.add_patch(
        Rectangle(
            (view[0], view[1]),
            view[2] - view[0],
            view[3] - view[1],
            facecolor=palette.EXTENT,
            alpha=0.12,
            edgecolor=palette.EXTENT,
            linewidth=1.3 * scale,
            zorder=5,
        )
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_facecolor(MAP_BACKGROUND)
    ax.set_title(title, fontsize=6.5 * scale, pad=2, loc="left", fontweight="bold")


def render_layout(bundle: MapBundle, settings: PrintSettings, fmt: str) -> tuple[bytes, LayoutInfo]:
    """Return the layout as PDF or PNG bytes (fonts embedded as TrueType) and what was drawn."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(
            Problem(
                f"định dạng '{fmt}' không hỗ trợ cho bản in; chọn pdf hoặc png.",
                f"format '{fmt}' is not supported for print layouts; choose pdf or png.",
                column="format",
                value=fmt,
            )
        )
    with matplotlib.rc_context(RC):
        fig, info = build_layout(bundle, settings)
        buf = io.BytesIO()
        metadata = (
            {"Title": " ".join(info.title_lines), "Creator": "Điện Biên coverage tool"}
            if fmt == "pdf"
            else None
        )
        fig.savefig(buf, format=fmt, dpi=settings.dpi, metadata=metadata)
    return buf.getvalue(), info


def export_layout(
    bundle: MapBundle, settings: PrintSettings, out: str | Path, fmt: str | None = None
) -> LayoutInfo:
    """Write the layout to ``out`` (format from ``fmt`` or the file suffix), atomically; return what was
    drawn."""
    fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
    check_out_path(out, suffixes=(f".{fmt}",))
    data, info = render_layout(bundle, settings, fmt)
    write_bytes_atomically(out, data, suffixes=(f".{fmt}",))
    return info

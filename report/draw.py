"""Drawing the map layers and the cartographic furniture (scale bar, north arrow, labels, legend) with
matplotlib."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.patches import Rectangle
from pyproj import Geod, Transformer

from geo.crs import DISPLAY_EPSG, METRIC_EPSG
from geo.i18n import format_number, t
from layers.boundaries import CONTEXT_PAINT, PROVINCE_PAINT
from layers.mapdata import cut_to_area, in_view
from layers.registry import DATA_LAYERS, styled_layers
from layers.spec import SHAPE_POLYGONS, Icon, LegendItem, MapContext, MapLayer, Paint, Part, values_of
from report.mapdata import MapBundle

_GEOD = Geod(ellps="WGS84")
_TO_LONLAT = Transformer.from_crs(METRIC_EPSG, DISPLAY_EPSG, always_xy=True)
_TO_METRIC = Transformer.from_crs(DISPLAY_EPSG, METRIC_EPSG, always_xy=True)
#: matplotlib marker of each icon shape (layers.spec.Icon).
_MARKERS = {
    "circle": "o",
    "square": "s",
    "triangle": "^",
    "diamond": "D",
    "cross": "P",
    "hospital": "H",
    "star": "*",
}
#: The one dash of every dashed line on paper.
_DASH = (0, (3.0, 2.0))
#: Line unit on paper: a screen width of 1 px is drawn 0.45 pt wide (× the layout's scale).
_LINE_UNIT = 0.45


@dataclass
class LegendEntry:
    """One legend row: ``kind`` is header, patch, line, marker or note."""

    kind: str
    label: str
    colour: str = "#000000"
    edge: str = "#555555"
    width: float = 1.0
    dashed: bool = False
    marker: object = "o"
    size: float = 5.0
    hatch: str | None = None


@dataclass
class Projected:
    """The bundle's frames in the metric CRS (name ``*_proj``), ready to draw."""

    frames: dict[str, gpd.GeoDataFrame | None] = field(default_factory=dict)

    def get(self, key: str) -> gpd.GeoDataFrame | None:
        return self.frames.get(key)


def project_bundle(bundle: MapBundle) -> Projected:
    """Reproject every frame of the bundle to the metric CRS once; a district's map keeps its own features
    only."""
    data = bundle.data
    keys = ("communes", "districts", "province", *data.frames)
    out = {key: None if (frame := data.frame(key)) is None else frame.to_crs(METRIC_EPSG) for key in keys}
    out["districts_all"] = None if bundle.all_districts is None else bundle.all_districts.to_crs(METRIC_EPSG)
    if bundle.request.district and out["communes"] is not None and not out["communes"].empty:
        # A district map shows the district's own roads, lines and facilities, not those of its neighbours.
        area = out["communes"].geometry.union_all().buffer(300)
        for key in data.frames:
            layer = DATA_LAYERS[key]
            if layer.clip != "never":
                out[key] = cut_to_area(out[key], area, points=layer.geometry == "point")
    return Projected(out)


def draw_layers(
    ax: Axes,
    bundle: MapBundle,
    proj: Projected,
    view: tuple[float, float, float, float],
    *,
    scale: float = 1.0,
) -> list[LegendEntry]:
    """Draw every visible layer of ``bundle`` on ``ax`` (metric CRS); return the legend entries, section by
    section.

    A visible layer without features in ``view`` keeps its legend section with a "no features" note.
    """
    ctx = MapContext(lang=bundle.request.lang, classification=bundle.classification, year=bundle.request.year)
    lw = _LINE_UNIT * scale
    province = proj.get("province")
    if province is not None and not province.empty:
        province.plot(ax=ax, facecolor=PROVINCE_PAINT.fill, edgecolor="none", zorder=0)
    context = proj.get("districts_all")
    if bundle.request.district and context is not None and not context.empty:
        context.plot(
            ax=ax,
            facecolor=CONTEXT_PAINT.fill,
            edgecolor=CONTEXT_PAINT.colour,
            linewidth=CONTEXT_PAINT.width * lw,
            zorder=0.5,
        )
    legend: list[LegendEntry] = []
    for layer in styled_layers(bundle.visible):
        if layer.key in bundle.visible:
            legend += _draw_layer(ax, layer, proj, view, ctx, scale=scale)
    if province is not None and not province.empty:
        province.boundary.plot(
            ax=ax, color=PROVINCE_PAINT.colour, linewidth=PROVINCE_PAINT.width * lw, zorder=7
        )
    return legend


def _draw_layer(
    ax: Axes,
    layer: MapLayer,
    proj: Projected,
    view: tuple[float, float, float, float],
    ctx: MapContext,
    *,
    scale: float,
) -> list[LegendEntry]:
    """Draw the parts of ``layer`` that have features in ``view``; return its legend section."""
    if not layer.can_draw(proj.get(layer.parts[0].frame), ctx):
        return []
    header = layer.header_text(ctx)
    legend = [] if header is None else [LegendEntry("header", header)]
    for i, part in enumerate(layer.parts):
        frame = proj.get(part.frame)
        if part.frame in DATA_LAYERS and DATA_LAYERS[part.frame].clip != "never":
            frame = in_view(frame, view)
        if frame is None or frame.empty:
            if i == 0:
                legend.append(LegendEntry("note", t("no_features", ctx.lang)))
            continue
        _draw_part(ax, part, part.prepared(frame, ctx), scale=scale)
        legend += [_legend_entry(item, ctx.lang) for item in part.legend_items(ctx)]
    return legend


def _draw_part(ax: Axes, part: Part, frame: gpd.GeoDataFrame, *, scale: float) -> None:
    if frame.empty:
        return
    if part.geometry == "point":
        for value, icon in part.icons():
            subset = frame if value is None else frame[frame[part.icon.column] == value]
            if not subset.empty:
                _markers(ax, subset, icon, scale, part.zorder)
    elif part.geometry == "line":
        _draw_lines(ax, frame, part.paint.on_paper, part.zorder, _LINE_UNIT * scale)
    else:
        _draw_polygons(ax, frame, part.paint.on_paper, part.zorder, _LINE_UNIT * scale)


def _by_style(frame: gpd.GeoDataFrame, *values) -> list[tuple[tuple, gpd.GeoDataFrame]]:
    """The rows of ``frame`` grouped by the style ``values`` read for them, in order of first appearance."""
    rows: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(values_of(v, frame) for v in values), strict=True)):
        rows.setdefault(key, []).append(i)
    return [(key, frame.iloc[index]) for key, index in rows.items()]


def _draw_lines(ax: Axes, frame: gpd.GeoDataFrame, paint: Paint, zorder: float, lw: float) -> None:
    alpha = {"alpha": paint.opacity} if paint.opacity < 1 else {}
    for (colour, width, dash), part in _by_style(frame, paint.colour, paint.width, paint.dash):
        part.plot(
            ax=ax,
            color=colour,
            linewidth=width * lw,
            linestyle=_DASH if dash else "-",
            zorder=zorder,
            **alpha,
        )


def _draw_polygons(ax: Axes, frame: gpd.GeoDataFrame, paint: Paint, zorder: float, lw: float) -> None:
    """The fill (no edge: outlines are drawn on their own, above it), then the outline where it has a
    width."""
    filled = paint.fill is not None and paint.fill_opacity > 0
    if filled:
        frame.plot(
            ax=ax,
            color=values_of(paint.fill, frame),
            edgecolor="none",
            alpha=paint.fill_opacity,
            zorder=zorder,
        )
    if paint.colour is None:
        return
    if paint.hatch is not None:  # hatching in the outline colour, no fill
        for (colour, hatch), part in _by_style(frame, paint.colour, paint.hatch):
            part.plot(ax=ax, facecolor="none", edgecolor=colour, hatch=hatch, linewidth=0, zorder=zorder)
    for (colour, width), part in _by_style(frame, paint.colour, paint.width):
        if width > 0:
            part.boundary.plot(
                ax=ax, color=colour, linewidth=width * lw, zorder=zorder + 0.1 if filled else zorder
            )


def _legend_entry(item: LegendItem, lang: str) -> LegendEntry:
    label = item.text(lang)
    if item.kind == "line":
        return LegendEntry("line", label, colour=item.colour, width=item.width, dashed=item.dashed)
    if item.kind == "outline":
        return LegendEntry("patch", label, colour="#ffffff", edge=item.colour, width=1.6, hatch=item.hatch)
    if item.kind == "icon":
        icon = item.icon
        return LegendEntry(
            "marker",
            label,
            colour=icon.fill,
            edge="#222222",
            marker=_marker(icon.shape),
            size=icon.size * 0.45,
        )
    return LegendEntry("patch", label, colour=item.colour)


def _marker(shape: str):
    """The matplotlib marker of an icon shape: a named marker, or a path of the shape's polygons (y
    flipped)."""
    if shape not in SHAPE_POLYGONS:
        return _MARKERS.get(shape, "o")
    from matplotlib.path import Path

    rings = [[(x - 0.5, 0.5 - y) for x, y in ring] for ring in SHAPE_POLYGONS[shape]]
    return Path.make_compound_path(*(Path([*ring, ring[0]], closed=True) for ring in rings))


def _markers(ax: Axes, frame: gpd.GeoDataFrame, icon: Icon, scale: float, zorder: float) -> None:
    pts = frame.geometry[~frame.geometry.is_empty]
    polygon = icon.shape in SHAPE_POLYGONS
    ax.scatter(
        pts.x,
        pts.y,
        s=(icon.size * (0.6 if polygon else 0.42) * scale) ** 2,
        marker=_marker(icon.shape),
        c=icon.fill,
        edgecolors="#ffffff" if polygon else "#222222",
        linewidths=(0.5 if polygon else 0.3) * scale,
        zorder=zorder,
    )


# --- extent, scale bar, north arrow
# ---------------------------------------------------------------------------------


def fit_view(
    bounds_proj: tuple[float, float, float, float],
    box_w: float,
    box_h: float,
    *,
    margin: float = 0.04,
    min_size_m: float = 2000.0,
) -> tuple[float, float, float, float]:
    """Return limits around ``bounds_proj`` (metres) with the aspect of a ``box_w`` × ``box_h`` frame (any
    unit)."""
    minx, miny, maxx, maxy = bounds_proj
    width, height = max(maxx - minx, min_size_m), max(maxy - miny, min_size_m)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width, height = width * (1 + 2 * margin), height * (1 + 2 * margin)
    aspect = box_w / box_h
    if width / height > aspect:
        height = width / aspect
    else:
        width = height * aspect
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def ground_distance_m(x0: float, y0: float, x1: float, y1: float) -> float:
    """Geodesic distance in metres on the WGS84 ellipsoid between two points given in the metric CRS."""
    lon0, lat0 = _TO_LONLAT.transform(x0, y0)
    lon1, lat1 = _TO_LONLAT.transform(x1, y1)
    return float(_GEOD.inv(lon0, lat0, lon1, lat1)[2])


def nice_length(value: float) -> float:
    """Return the largest 1/2/5 × 10^n not above ``value``."""
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (5, 2, 1):
        if step * exponent <= value:
            return step * exponent
    return exponent


@dataclass(frozen=True)
class ScaleBar:
    """Where the bar was drawn (metric CRS), the ground length it stands for and its white background
    patch."""

    x0: float
    x1: float
    y: float
    ground_m: float
    ratio: float
    background: Rectangle = field(compare=False, repr=False)


def draw_scale_bar(
    ax: Axes, view: tuple[float, float, float, float], *, frame_width_mm: float, lang: str, scale: float = 1.0
) -> ScaleBar:
    """Draw a scale bar whose drawn length is exactly a round ground distance at its own latitude; return
    it."""
    minx, miny, maxx, maxy = view
    width = maxx - minx
    x0, y = minx + 0.04 * width, miny + 0.05 * (maxy - miny)
    probe = width / 5
    k = probe / ground_distance_m(x0, y, x0 + probe, y)  # map metres per ground metre at this latitude
    ground = nice_length(width / 4.5 / k)
    length = ground * k
    length *= ground / ground_distance_m(x0, y, x0 + length, y)  # one correction step: exact to < 1e-6
    n = 4 if ground / 1000 >= 4 or ground < 1000 else 2
    seg = length / n
    h = (maxy - miny) * 0.008 * scale
    background = ax.add_patch(
        Rectangle(
            (x0 - 0.012 * width, y - 3.2 * h),
            length + 0.05 * width,
            9.2 * h,
            facecolor="white",
            alpha=0.82,
            edgecolor="none",
            zorder=20,
        )
    )
    for i in range(n):
        ax.add_patch(
            Rectangle(
                (x0 + i * seg, y),
                seg,
                h,
                facecolor="black" if i % 2 == 0 else "white",
                edgecolor="black",
                linewidth=0.5,
                zorder=21,
            )
        )
    unit_km = ground >= 1000
    for i in (0, n // 2, n):
        value = ground * i / n / (1000 if unit_km else 1)
        text = format_number(value, lang, decimals=0 if float(value).is_integer() else 1)
        if i == n:
            text += " km" if unit_km else " m"
        ax.text(
            x0 + i * seg,
            y + 1.8 * h,
            text,
            ha="center",
            va="bottom",
            fontsize=5.5 * scale,
            zorder=22,
            parse_math=False,
        )
    ground_width = ground_distance_m(minx, (miny + maxy) / 2, maxx, (miny + maxy) / 2)
    ratio = ground_width * 1000 / frame_width_mm
    shown = 10 ** max(2, math.floor(math.log10(ratio)) - 1)
    ax.text(
        x0,
        y - 1.2 * h,
        f"{t('scale', lang)} 1:{format_number(round(ratio / shown) * shown, lang)}",
        ha="left",
        va="top",
        fontsize=5.5 * scale,
        zorder=22,
        parse_math=False,
    )
    return ScaleBar(x0, x0 + length, y, ground, ratio, background)


def true_north_angle_deg(x: float, y: float) -> float:
    """Angle (degrees, counter-clockwise from grid up) of true north at a point of the metric CRS."""
    lon, lat = _TO_LONLAT.transform(x, y)
    x1, y1 = _TO_METRIC.transform(lon, lat + 0.01)
    return math.degrees(math.atan2(-(x1 - x), y1 - y))


def draw_north_arrow(ax: Axes, view: tuple[float, float, float, float], *, scale: float = 1.0) -> float:
    """Draw a north arrow (pointing to true north) at the top right of the map; return its angle."""
    minx, miny, maxx, maxy = view
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    angle = true_north_angle_deg(cx, cy)
    # Work in axes fraction, corrected for the frame's aspect so the arrow is not distorted.
    bbox = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    aspect = (bbox.width * fig_w) / (bbox.height * fig_h)
    size = 0.045 * scale / max(aspect, 1.0) if aspect > 1 else 0.045 * scale
    ox, oy = 0.95, 0.90
    theta = math.radians(angle)

    def pt(dx, dy):
        rx = dx * math.cos(theta) - dy * math.sin(theta)
        ry = dx * math.sin(theta) + dy * math.cos(theta)
        return ox + rx / aspect * (1 if aspect >= 1 else 1), oy + ry

    tip, left, right, tail = (
        pt(0, size),
        pt(-size * 0.38, -size * 0.55),
        pt(size * 0.38, -size * 0.55),
        pt(0, -size * 0.25),
    )
    ax.add_patch(
        PolygonPatch(
            [tip, left, tail],
            closed=True,
            facecolor="black",
            edgecolor="black",
            linewidth=0.5,
            transform=ax.transAxes,
            zorder=22,
        )
    )
    ax.add_patch(
        PolygonPatch(
            [tip, right, tail],
            closed=True,
            facecolor="white",
            edgecolor="black",
            linewidth=0.5,
            transform=ax.transAxes,
            zorder=22,
        )
    )
    nx, ny = pt(0, size * 1.45)
    ax.text(
        nx,
        ny,
        "N",
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=8 * scale,
        fontweight="bold",
        zorder=22,
        parse_math=False,
    )
    return angle


# --- labels
# ---------------------------------------------------------------------------------------------------------


def short_commune_name(name: str) -> str:
    """Commune label without the leading "Xã " (wards and towns keep "P." / "TT.")."""
    name = str(name)
    for prefix, short in (("Xã ", ""), ("Phường ", "P. "), ("Thị trấn ", "TT. ")):
        if name.startswith(prefix):
            return short + name[len(prefix) :]
    return name


def place_labels(
    ax: Axes, items: list[tuple[float, float, str, dict]], *, avoid: list | None = None
) -> tuple[int, int]:
    """Place labels greedily in the given order; a label is kept only where its box hits no placed box.

    ``items`` are (x, y, text, text kwargs) in data coordinates; candidates are the point itself, then above,
    below, right and left of it.  ``avoid`` holds display-space boxes (x0, y0, x1, y1) already taken.  Returns
    (placed, dropped).

    A label is real text (searchable and selectable in a PDF, its font embedded); its halo (``path_effects``
    in the kwargs) is a second, outline-only copy drawn just beneath it, since text drawn with path effects
    becomes shapes.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken = np.array(avoid or [], dtype=float).reshape(-1, 4)
    placed = dropped = 0
    pad = 1.5
    for x, y, text, kwargs in items:
        kwargs = dict(kwargs)
        halo = kwargs.pop("path_effects", None)
        artist = ax.text(x, y, text, ha="center", va="center", parse_math=False, clip_on=True, **kwargs)
        ext = artist.get_window_extent(renderer)
        w, h = ext.width + pad, ext.height + pad
        px, py = ax.transData.transform((x, y))
        ok = False
        for dx, dy in ((0, 0), (0, h * 0.9), (0, -h * 0.9), (w * 0.6, 0), (-w * 0.6, 0)):
            cx, cy = px + dx, py + dy
            box = np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
            if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                continue
            if len(taken) and np.any(
                (taken[:, 0] < box[2])
                & (taken[:, 2] > box[0])
                & (taken[:, 1] < box[3])
                & (taken[:, 3] > box[1])
            ):
                continue
            artist.set_position(ax.transData.inverted().transform((cx, cy)))
            if halo:
                ax.text(
                    *artist.get_position(),
                    text,
                    ha="center",
                    va="center",
                    parse_math=False,
                    clip_on=True,
                    path_effects=halo,
                    **{**kwargs, "zorder": artist.get_zorder() - 0.01},
                )
            taken = np.vstack([taken, box])
            ok = True
            break
        if ok:
            placed += 1
        else:
            artist.remove()
            dropped += 1
    return placed, dropped


def label_items(
    bundle: MapBundle, proj: Projected, view, *, scale: float = 1.0, highlight: str | None = None
) -> list[tuple[float, float, str, dict]]:
    """District names first (when shown), then communes by decreasing area, as label candidates."""
    items = []
    minx, miny, maxx, maxy = view
    halo = {"path_effects": _halo(scale)}
    districts = proj.get("districts")
    if "districts" in bundle.visible and districts is not None and len(districts) > 1:
        for _, row in districts.iterrows():
            p = row.geometry.representative_point()
            items.append(
                (
                    p.x,
                    p.y,
                    str(row["district"]).upper(),
                    {"fontsize": 6.5 * scale, "fontweight": "bold", "color": "#222222", "zorder": 31, **halo},
                )
            )
    communes = proj.get("communes")
    if communes is not None and not communes.empty:
        order = communes.geometry.area.sort_values(ascending=False).index
        if highlight is not None:
            order = [i for i in order if communes.at[i, "unit_id"] == highlight] + [
                i for i in order if communes.at[i, "unit_id"] != highlight
            ]
        for i in order:
            geom = communes.at[i, "geometry"]
            if geom is None or geom.is_empty:
                continue
            p = geom.representative_point()
            if not (minx <= p.x <= maxx and miny <= p.y <= maxy):
                continue
            main = communes.at[i, "unit_id"] == highlight
            items.append(
                (
                    p.x,
                    p.y,
                    short_commune_name(communes.at[i, "commune"]),
                    {
                        "fontsize": (7.5 if main else 4.8) * scale,
                        "fontweight": "bold" if main else "normal",
                        "color": "#111111" if main else "#333333",
                        "zorder": 30,
                        **halo,
                    },
                )
            )
    return items


def _halo(scale: float):
    from matplotlib import patheffects

    # the outline only: see place_labels
    return [patheffects.Stroke(linewidth=1.6 * scale, foreground="white")]


# --- legend
# ---------------------------------------------------------------------------------------------------------

#: Smallest legend text on paper (points): readable when printed (ISO/QGIS practice; issue 15 asks at least 7
#: pt).
LEGEND_MIN_PT = 7.0


def _legend_slots(
    rows: list[LegendEntry], width_mm: float, height_mm: float, size: float, *, wrap: bool
) -> tuple[float, float, list[tuple[int, int, list[str]]]] | None:
    """Columns for ``rows`` at ``size`` pt: (column width, row height, (column, row, lines) per entry), in as
    few columns as hold them; labels wrapped to the column when ``wrap`` (else a label wider than its
    column does not fit).  None when nothing fits."""
    row_h = size * 0.3528 * 1.45
    per_col = max(1, int((height_mm - 1) // row_h))
    char_mm = size * 0.3528 * 0.56
    for n_cols in range(1, 9):
        col_w = width_mm / n_cols
        placed, col, row = [], 0, 0
        for entry in rows:
            chars = max(
                6,
                int(
                    (col_w - (0 if entry.kind in ("title", "header") else 8))
                    / (char_mm * (1.15 if entry.kind == "title" else 1.0))
                ),
            )
            if not wrap and len(entry.label) > chars:
                break
            lines = textwrap.wrap(entry.label, chars, break_on_hyphens=False) or [""]
            if row + len(lines) > per_col:
                col, row = col + 1, 0
            if col >= n_cols or len(lines) > per_col:
                break
            placed.append((col, row, lines))
            row += len(lines)
        else:
            return col_w, row_h, placed
    return None


def draw_legend(
    ax: Axes,
    entries: list[LegendEntry],
    *,
    width_mm: float,
    height_mm: float,
    font_pt: float,
    title: str,
    min_pt: float = LEGEND_MIN_PT,
) -> float:
    """Draw ``entries`` in columns inside ``ax`` (axis units = mm); shrink the font until they fit, never
    below ``min_pt`` (then long labels wrap onto a second line); return the size used."""
    ax.set_xlim(0, width_mm)
    ax.set_ylim(0, height_mm)
    ax.set_axis_off()
    rows = [LegendEntry("title", title), *entries]
    size = font_pt
    while (
        slots := _legend_slots(rows, width_mm, height_mm, size, wrap=False)
    ) is None and size - 0.25 >= min_pt:
        size -= 0.25
    slots = slots or _legend_slots(rows, width_mm, height_mm, size, wrap=True)
    if slots is None:  # more entries than the panel holds even wrapped: one column per 8th, the rest clipped
        row_h = size * 0.3528 * 1.45
        per_col = max(1, int((height_mm - 1) // row_h))
        slots = (width_mm / 8, row_h, [(*divmod(i, per_col), [e.label]) for i, e in enumerate(rows)])
    col_w, row_h, placed = slots
    for entry, (col, row, lines) in zip(rows, placed, strict=False):
        x, y = col * col_w, height_mm - (row + 0.5) * row_h
        label = "\n".join(lines)
        if entry.kind in ("title", "header"):
            ax.text(
                x,
                y,
                label,
                fontsize=size * (1.15 if entry.kind == "title" else 1.0),
                fontweight="bold",
                va="top",
                ha="left",
                parse_math=False,
                clip_on=False,
                linespacing=1.25,
                transform=_top_of_row(ax, row_h),
            )
            continue
        if entry.kind == "note":
            ax.text(
                x + 1,
                y,
                label,
                fontsize=size,
                style="italic",
                color="#555555",
                va="top",
                parse_math=False,
                linespacing=1.25,
                transform=_top_of_row(ax, row_h),
            )
            continue
        sw, sh = 5.0, row_h * 0.62
        if entry.kind == "patch":
            ax.add_patch(
                Rectangle(
                    (x + 1, y - sh / 2),
                    sw,
                    sh,
                    facecolor=entry.colour,
                    edgecolor=entry.edge,
                    linewidth=entry.width if entry.edge != "#555555" else 0.4,
                    hatch=entry.hatch,
                )
            )
        elif entry.kind == "line":
            ax.add_line(
                Line2D(
                    [x + 1, x + 1 + sw],
                    [y, y],
                    color=entry.colour,
                    linewidth=entry.width,
                    linestyle=_DASH if entry.dashed else "-",
                )
            )
        elif entry.kind == "marker":
            ax.add_line(
                Line2D(
                    [x + 1 + sw / 2],
                    [y],
                    marker=entry.marker,
                    markersize=entry.size,
                    markerfacecolor=entry.colour,
                    markeredgecolor=entry.edge,
                    markeredgewidth=0.4,
                    linestyle="none",
                )
            )
        ax.text(
            x + 2.5 + sw,
            y,
            label,
            fontsize=size,
            va="top",
            ha="left",
            parse_math=False,
            linespacing=1.25,
            transform=_top_of_row(ax, row_h),
        )
    return size


def _top_of_row(ax: Axes, row_h: float):
    """Transform that puts a ``va="top"`` text given at a row's centre on that row's top (its first line
    centred on the row, as a one-line label with ``va="center"`` would be; further lines go to the rows
    below)."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transData + ScaledTranslation(0, row_h * 0.4 / 25.4, ax.figure.dpi_scale_trans)

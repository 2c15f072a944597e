"""Drawing the map layers and the cartographic furniture (scale bar, north arrow, labels, legend) with matplotlib."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.patches import Rectangle
from pyproj import Geod, Transformer

from geo.crs import DISPLAY_EPSG, METRIC_EPSG
from geo.i18n import format_number, format_percent, t
from layers.facilities import HEALTH_KINDS, ICONS, SCHOOL_LEVELS
from layers.mapview import FLAG_COLOURS, NO_DATA_COLOUR, POVERTY_PALETTE, ZONE_COLOURS
from layers.power import VOLTAGE_STYLES, voltage_key
from layers.roads import CLASS_WEIGHTS, SURFACE_COLOURS, SURFACES
from report.mapdata import MapBundle
from report.strings import s

_GEOD = Geod(ellps="WGS84")
_TO_LONLAT = Transformer.from_crs(METRIC_EPSG, DISPLAY_EPSG, always_xy=True)
_TO_METRIC = Transformer.from_crs(DISPLAY_EPSG, METRIC_EPSG, always_xy=True)
#: matplotlib marker of each icon shape of layers.facilities.ICONS.
_MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D", "cross": "P", "hospital": "H", "star": "*"}
_DASH = (0, (3.0, 2.0))


@dataclass
class LegendEntry:
    """One legend row: ``kind`` is header, patch, line, marker or note."""

    kind: str
    label: str
    colour: str = "#000000"
    edge: str = "#555555"
    width: float = 1.0
    dashed: bool = False
    marker: str = "o"
    size: float = 5.0


@dataclass
class Projected:
    """The bundle's frames in the metric CRS (name ``*_proj``), ready to draw."""

    frames: dict[str, gpd.GeoDataFrame | None] = field(default_factory=dict)

    def get(self, key: str) -> gpd.GeoDataFrame | None:
        return self.frames.get(key)


def project_bundle(bundle: MapBundle) -> Projected:
    """Reproject every frame of the bundle to the metric CRS once."""
    data = bundle.data
    out = {}
    for key in ("communes", "districts", "province", "roads", "main_roads", "power_lines", "substations", "grid_mv",
                "schools", "health", "centres", "zones"):
        frame = getattr(data, key)
        out[key] = None if frame is None else frame.to_crs(METRIC_EPSG)
    out["districts_all"] = None if bundle.all_districts is None else bundle.all_districts.to_crs(METRIC_EPSG)
    if bundle.request.district and out["communes"] is not None and not out["communes"].empty:
        # A district map shows the district's own roads, lines and facilities, not those of its neighbours.
        area = out["communes"].geometry.union_all().buffer(300)
        for key in ("roads", "main_roads", "power_lines", "substations", "grid_mv", "schools", "health", "centres"):
            frame = out[key]
            if frame is None or frame.empty:
                continue
            if frame.geom_type.isin(["Point", "MultiPoint"]).all():
                out[key] = frame[frame.intersects(area)]
            else:
                out[key] = gpd.clip(frame, area)
    return Projected(out)


def palette(k: int) -> tuple[str, ...]:
    """Return the poverty palette for ``k`` classes (same colours as the app)."""
    if k <= 0:
        return ()
    idx = np.linspace(0, len(POVERTY_PALETTE) - 1, k).round().astype(int)
    return tuple(POVERTY_PALETTE[i] for i in idx)


def _in_view(frame: gpd.GeoDataFrame | None, view: tuple[float, float, float, float]) -> gpd.GeoDataFrame | None:
    if frame is None or frame.empty:
        return frame
    minx, miny, maxx, maxy = view
    return frame.cx[minx:maxx, miny:maxy]


def draw_layers(ax: Axes, bundle: MapBundle, proj: Projected, view: tuple[float, float, float, float], *,
                scale: float = 1.0) -> list[LegendEntry]:
    """Draw every visible layer of ``bundle`` on ``ax`` (metric CRS); return the legend entries, section by section.

    A visible layer without features in ``view`` keeps its legend section with a "no features" note.
    """
    lang, visible = bundle.request.lang, bundle.visible
    legend: list[LegendEntry] = []
    lw = 0.45 * scale
    province = proj.get("province")
    if province is not None and not province.empty:
        province.plot(ax=ax, facecolor="#fbf8ef", edgecolor="none", zorder=0)
    context = proj.get("districts_all")
    if bundle.request.district and context is not None and not context.empty:
        context.plot(ax=ax, facecolor="#eeeeee", edgecolor="#9a9a9a", linewidth=1.2 * lw, zorder=0.5)
    communes = proj.get("communes")

    def empty_note(frame) -> bool:
        if frame is None or frame.empty:
            legend.append(LegendEntry("note", s("no_features", lang)))
            return True
        return False

    if "poverty" in visible:
        cls = bundle.classification
        colours = palette(cls.k)
        classes = cls.classes.reindex(communes.index).fillna(-1).astype(int)
        fill = [colours[c] if c >= 0 else NO_DATA_COLOUR for c in classes]
        communes.plot(ax=ax, color=fill, edgecolor="none", alpha=0.8, zorder=1)
        legend.append(LegendEntry("header", f"{t('poverty_rate', lang)} {bundle.request.year} ({t(cls.scheme, lang)})"))
        for i, (low, high) in enumerate(cls.ranges()):
            legend.append(LegendEntry("patch", f"{format_number(low, lang, decimals=1)} – {format_percent(high, lang, decimals=1)}",
                                      colour=colours[i]))
        legend.append(LegendEntry("patch", t("no_data", lang), colour=NO_DATA_COLOUR))
    if "zones" in visible:
        zones = proj.get("zones")
        legend.append(LegendEntry("header", t("layer_zones", lang)))
        if not empty_note(zones):
            zones.plot(ax=ax, color=[ZONE_COLOURS.get(z, "#cccccc") for z in zones["zone_2026_2030"]], alpha=0.45,
                       edgecolor="none", zorder=1.5)
            legend += [LegendEntry("patch", t(f"zone_{z}", lang), colour=c) for z, c in ZONE_COLOURS.items()]
    if "communes" in visible:
        communes.boundary.plot(ax=ax, color="#555555", linewidth=0.8 * lw, zorder=2)
        legend.append(LegendEntry("line", t("layer_communes", lang), colour="#555555", width=0.8))
    if "districts" in visible:
        districts = proj.get("districts")
        if districts is not None and not districts.empty:
            districts.boundary.plot(ax=ax, color="#202020", linewidth=2.6 * lw, zorder=3)
        legend.append(LegendEntry("line", t("layer_districts", lang), colour="#202020", width=2.0))
    if "roads" in visible:
        roads = _in_view(proj.get("roads"), view)
        legend.append(LegendEntry("header", t("layer_roads", lang)))
        if not empty_note(roads):
            for (surface, all_season, road_class), part in roads.groupby(["surface", "all_season", "road_class"]):
                part.plot(ax=ax, color=SURFACE_COLOURS.get(surface, "#888888"),
                          linewidth=CLASS_WEIGHTS.get(road_class, 1.5) * lw * 0.9,
                          linestyle="-" if all_season else _DASH, zorder=4)
            legend += [LegendEntry("line", t(f"surface_{x}", lang), colour=SURFACE_COLOURS[x], width=1.6) for x in SURFACES]
            legend.append(LegendEntry("line", t("not_allseason", lang), colour="#555555", width=1.2, dashed=True))
    if "main_roads" in visible:
        main = _in_view(proj.get("main_roads"), view)
        legend.append(LegendEntry("header", t("layer_main_roads", lang)))
        if not empty_note(main):
            main.plot(ax=ax, color="#e6550d", linewidth=3 * lw, alpha=0.7, zorder=4.5)
            legend.append(LegendEntry("line", t("layer_main_roads", lang), colour="#e6550d", width=2.0))
    if "power" in visible:
        lines = _in_view(proj.get("power_lines"), view)
        subs = _in_view(proj.get("substations"), view)
        legend.append(LegendEntry("header", t("layer_power", lang)))
        if not empty_note(lines):
            keys = lines["voltage_kv"].map(voltage_key)
            for key in ("voltage_500", "voltage_110", "voltage_unknown"):
                part = lines[keys == key]
                if not part.empty:
                    style = VOLTAGE_STYLES[key]
                    part.plot(ax=ax, color=style["color"], linewidth=style["weight"] * lw, zorder=5)
                legend.append(LegendEntry("line", t(key, lang), colour=VOLTAGE_STYLES[key]["color"],
                                          width=VOLTAGE_STYLES[key]["weight"] * 0.6))
        if subs is not None and not subs.empty:
            _markers(ax, subs, "substation", scale)
            legend.append(_marker_entry("substation", t("substation", lang)))
    if "grid_mv" in visible:
        mv = _in_view(proj.get("grid_mv"), view)
        legend.append(LegendEntry("header", t("layer_grid_mv", lang)))
        if not empty_note(mv):
            keys = mv["voltage_kv"].map(voltage_key)
            for key in ("voltage_35", "voltage_22"):
                part = mv[keys == key]
                if not part.empty:
                    part.plot(ax=ax, color=VOLTAGE_STYLES[key]["color"], linewidth=VOLTAGE_STYLES[key]["weight"] * lw,
                              linestyle=_DASH, zorder=5)
                legend.append(LegendEntry("line", t(key, lang), colour=VOLTAGE_STYLES[key]["color"], width=1.2, dashed=True))
    if "flags" in visible and communes is not None and "lacks_allseason_road" in communes:
        road = communes["lacks_allseason_road"].fillna(False).astype(bool)
        grid = communes["lacks_grid"].fillna(False).astype(bool)
        kind = np.where(road & grid, "flag_both", np.where(road, "flag_road", np.where(grid, "flag_grid", "")))
        legend.append(LegendEntry("header", t("layer_flags", lang)))
        for key, colour in FLAG_COLOURS.items():
            part = communes[kind == key]
            if not part.empty:
                part.plot(ax=ax, facecolor=colour, alpha=0.12, edgecolor="none", zorder=6)
                part.boundary.plot(ax=ax, color=colour, linewidth=2.2 * lw, zorder=6.1)
            legend.append(LegendEntry("patch", t(key, lang), colour="#ffffff", edge=colour, width=1.6))
    for key, frame_key, column, kinds, prefix in (("schools", "schools", "level", SCHOOL_LEVELS, "school"),
                                                  ("health", "health", "kind", HEALTH_KINDS, "health")):
        if key not in visible:
            continue
        frame = _in_view(proj.get(frame_key), view)
        legend.append(LegendEntry("header", t(f"layer_{key}", lang)))
        if empty_note(frame):
            continue
        for kind in kinds:
            part = frame[frame[column] == kind]
            if not part.empty:
                _markers(ax, part, f"{prefix}_{kind}", scale)
            legend.append(_marker_entry(f"{prefix}_{kind}", t(f"{prefix}_{kind}", lang)))
    if "centres" in visible:
        centres = _in_view(proj.get("centres"), view)
        legend.append(LegendEntry("header", t("layer_centres", lang)))
        if not empty_note(centres):
            _markers(ax, centres, "commune_centre", scale)
            legend.append(_marker_entry("commune_centre", t("layer_centres", lang)))
    if province is not None and not province.empty:
        province.boundary.plot(ax=ax, color="#000000", linewidth=3 * lw, zorder=7)
    return legend


def _marker_entry(icon_key: str, label: str) -> LegendEntry:
    shape, fill, size = ICONS[icon_key]
    return LegendEntry("marker", label, colour=fill, edge="#222222", marker=_MARKERS.get(shape, "o"), size=size * 0.45)


def _markers(ax: Axes, frame: gpd.GeoDataFrame, icon_key: str, scale: float) -> None:
    shape, fill, size = ICONS[icon_key]
    pts = frame.geometry[~frame.geometry.is_empty]
    ax.scatter(pts.x, pts.y, s=(size * 0.42 * scale) ** 2, marker=_MARKERS.get(shape, "o"), c=fill, edgecolors="#222222",
               linewidths=0.3 * scale, zorder=8)


# --- extent, scale bar, north arrow ---------------------------------------------------------------------------------

def fit_view(bounds_proj: tuple[float, float, float, float], box_w: float, box_h: float, *, margin: float = 0.04,
             min_size_m: float = 2000.0) -> tuple[float, float, float, float]:
    """Return limits around ``bounds_proj`` (metres) with the aspect of a ``box_w`` × ``box_h`` frame (any unit)."""
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
    """Where the bar was drawn (metric CRS) and the ground length it stands for."""

    x0: float
    x1: float
    y: float
    ground_m: float
    ratio: float


def draw_scale_bar(ax: Axes, view: tuple[float, float, float, float], *, frame_width_mm: float, lang: str,
                   scale: float = 1.0) -> ScaleBar:
    """Draw a scale bar whose drawn length is exactly a round ground distance at its own latitude; return it."""
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
    ax.add_patch(Rectangle((x0 - 0.012 * width, y - 3.2 * h), length + 0.05 * width, 9.2 * h, facecolor="white",
                           alpha=0.82, edgecolor="none", zorder=20))
    for i in range(n):
        ax.add_patch(Rectangle((x0 + i * seg, y), seg, h, facecolor="black" if i % 2 == 0 else "white",
                               edgecolor="black", linewidth=0.5, zorder=21))
    unit_km = ground >= 1000
    for i in (0, n // 2, n):
        value = ground * i / n / (1000 if unit_km else 1)
        text = format_number(value, lang, decimals=0 if float(value).is_integer() else 1)
        if i == n:
            text += " km" if unit_km else " m"
        ax.text(x0 + i * seg, y + 1.8 * h, text, ha="center", va="bottom", fontsize=5.5 * scale, zorder=22,
                parse_math=False)
    ground_width = ground_distance_m(minx, (miny + maxy) / 2, maxx, (miny + maxy) / 2)
    ratio = ground_width * 1000 / frame_width_mm
    shown = 10 ** max(2, math.floor(math.log10(ratio)) - 1)
    ax.text(x0, y - 1.2 * h, f"{s('scale', lang)} 1:{format_number(round(ratio / shown) * shown, lang)}", ha="left",
            va="top", fontsize=5.5 * scale, zorder=22, parse_math=False)
    return ScaleBar(x0, x0 + length, y, ground, ratio)


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

    tip, left, right, tail = pt(0, size), pt(-size * 0.38, -size * 0.55), pt(size * 0.38, -size * 0.55), pt(0, -size * 0.25)
    ax.add_patch(PolygonPatch([tip, left, tail], closed=True, facecolor="black", edgecolor="black", linewidth=0.5,
                              transform=ax.transAxes, zorder=22))
    ax.add_patch(PolygonPatch([tip, right, tail], closed=True, facecolor="white", edgecolor="black", linewidth=0.5,
                              transform=ax.transAxes, zorder=22))
    nx, ny = pt(0, size * 1.45)
    ax.text(nx, ny, "N", transform=ax.transAxes, ha="center", va="center", fontsize=8 * scale, fontweight="bold",
            zorder=22, parse_math=False)
    return angle


# --- labels ---------------------------------------------------------------------------------------------------------

def short_commune_name(name: str) -> str:
    """Commune label without the leading "Xã " (wards and towns keep "P." / "TT.")."""
    name = str(name)
    for prefix, short in (("Xã ", ""), ("Phường ", "P. "), ("Thị trấn ", "TT. ")):
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


def place_labels(ax: Axes, items: list[tuple[float, float, str, dict]], *, avoid: list | None = None) -> tuple[int, int]:
    """Place labels greedily in the given order; a label is kept only where its box hits no placed box.

    ``items`` are (x, y, text, text kwargs) in data coordinates; candidates are the point itself, then above, below,
    right and left of it.  ``avoid`` holds display-space boxes (x0, y0, x1, y1) already taken.  Returns (placed, dropped).
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken = np.array(avoid or [], dtype=float).reshape(-1, 4)
    placed = dropped = 0
    pad = 1.5
    for x, y, text, kwargs in items:
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
            if len(taken) and np.any((taken[:, 0] < box[2]) & (taken[:, 2] > box[0]) &
                                     (taken[:, 1] < box[3]) & (taken[:, 3] > box[1])):
                continue
            artist.set_position(ax.transData.inverted().transform((cx, cy)))
            taken = np.vstack([taken, box])
            ok = True
            break
        if ok:
            placed += 1
        else:
            artist.remove()
            dropped += 1
    return placed, dropped


def label_items(bundle: MapBundle, proj: Projected, view, *, scale: float = 1.0,
                highlight: str | None = None) -> list[tuple[float, float, str, dict]]:
    """District names first (when shown), then communes by decreasing area, as label candidates."""
    items = []
    minx, miny, maxx, maxy = view
    halo = {"path_effects": _halo(scale)}
    districts = proj.get("districts")
    if "districts" in bundle.visible and districts is not None and len(districts) > 1:
        for _, row in districts.iterrows():
            p = row.geometry.representative_point()
            items.append((p.x, p.y, str(row["district"]).upper(), {"fontsize": 6.5 * scale, "fontweight": "bold",
                                                                   "color": "#222222", "zorder": 31, **halo}))
    communes = proj.get("communes")
    if communes is not None and not communes.empty:
        order = communes.geometry.area.sort_values(ascending=False).index
        if highlight is not None:
            order = [i for i in order if communes.at[i, "unit_id"] == highlight] + \
                    [i for i in order if communes.at[i, "unit_id"] != highlight]
        for i in order:
            geom = communes.at[i, "geometry"]
            if geom is None or geom.is_empty:
                continue
            p = geom.representative_point()
            if not (minx <= p.x <= maxx and miny <= p.y <= maxy):
                continue
            main = communes.at[i, "unit_id"] == highlight
            items.append((p.x, p.y, short_commune_name(communes.at[i, "commune"]),
                          {"fontsize": (7.5 if main else 4.8) * scale, "fontweight": "bold" if main else "normal",
                           "color": "#111111" if main else "#333333", "zorder": 30, **halo}))
    return items


def _halo(scale: float):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=1.6 * scale, foreground="white")]


# --- legend ---------------------------------------------------------------------------------------------------------

def draw_legend(ax: Axes, entries: list[LegendEntry], *, width_mm: float, height_mm: float, font_pt: float,
                title: str) -> float:
    """Draw ``entries`` in columns inside ``ax`` (axis units = mm); shrink the font until they fit; return the size used."""
    ax.set_xlim(0, width_mm)
    ax.set_ylim(0, height_mm)
    ax.set_axis_off()
    rows = [LegendEntry("title", title), *entries]
    size = font_pt
    while True:
        row_h = size * 0.3528 * 1.45
        per_col = max(1, int((height_mm - 1) // row_h))
        longest = max((len(e.label) for e in rows), default=10)
        col_w = 8 + longest * size * 0.3528 * 0.56
        n_cols = math.ceil(len(rows) / per_col)
        if (n_cols * col_w <= width_mm and n_cols * per_col >= len(rows)) or size <= 4.0:
            break
        size -= 0.25
    n_cols = max(1, math.ceil(len(rows) / per_col))
    col_w = width_mm / n_cols
    for i, entry in enumerate(rows):
        col, row = divmod(i, per_col)
        x, y = col * col_w, height_mm - (row + 0.5) * row_h
        if entry.kind in ("title", "header"):
            ax.text(x, y, entry.label, fontsize=size * (1.15 if entry.kind == "title" else 1.0), fontweight="bold",
                    va="center", ha="left", parse_math=False, clip_on=False)
            continue
        if entry.kind == "note":
            ax.text(x + 1, y, entry.label, fontsize=size * 0.95, style="italic", color="#555555", va="center",
                    parse_math=False)
            continue
        sw, sh = 5.0, row_h * 0.62
        if entry.kind == "patch":
            ax.add_patch(Rectangle((x + 1, y - sh / 2), sw, sh, facecolor=entry.colour, edgecolor=entry.edge,
                                   linewidth=entry.width if entry.edge != "#555555" else 0.4))
        elif entry.kind == "line":
            ax.add_line(Line2D([x + 1, x + 1 + sw], [y, y], color=entry.colour, linewidth=entry.width,
                               linestyle=_DASH if entry.dashed else "-"))
        elif entry.kind == "marker":
            ax.add_line(Line2D([x + 1 + sw / 2], [y], marker=entry.marker, markersize=entry.size,
                               markerfacecolor=entry.colour, markeredgecolor=entry.edge, markeredgewidth=0.4,
                               linestyle="none"))
        ax.text(x + 2.5 + sw, y, entry.label, fontsize=size, va="center", ha="left", parse_math=False)
    return size

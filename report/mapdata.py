"""Assemble what an exported map shows (frames, classes, visible layers) the same way the app's map page does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from analysis.classify import SCHEMES, Classification, classify_values
from analysis.flags import FlagThresholds
from geo.errors import InputError, Problem
from layers import boundaries
from layers.catalog import SOURCES, LayerSource
from layers.mapview import MapData

#: Layers the caller loads (``workflows.inputs.load_layer``) and passes to :func:`assemble_map`.
MAP_LAYERS = ("roads", "main_roads", "power_lines", "power_substations", "grid_mv", "schools", "health", "commune_centres")
#: Switchable layers an export may show, in drawing order (keys of layers.mapview).
LAYER_KEYS = ("poverty", "communes", "zones", "districts", "roads", "main_roads", "power", "grid_mv", "schools", "health",
              "centres", "flags")
#: Layers shown when the user does not choose (the app's map page default plus the outlines).
DEFAULT_VISIBLE = ("poverty", "communes", "districts", "flags", "roads", "power", "zones")
#: Provenance key(s) of each layer key (a layer may draw several sources).
LAYER_SOURCES: dict[str, tuple[str, ...]] = {
    "poverty": ("survey",), "flags": ("survey", "commune_centres", "roads", "grid_mv", "power_lines"),
    "districts": ("districts",), "roads": ("roads",), "main_roads": ("main_roads",),
    "power": ("power_lines", "power_substations"), "grid_mv": ("grid_mv",), "schools": ("schools",),
    "health": ("health",), "centres": ("commune_centres",), "zones": ("zones",),
}
_SURVEY_COLUMNS = ["poor_hh_rate_pct", "near_poor_hh_rate_pct", "households", "hh_grid_power_pct",
                   "allseason_road_to_centre", "grid_connected", "health_station_national_standard",
                   "schools_national_standard_pct"]
_FLAG_COLUMNS = ["lacks_allseason_road", "lacks_grid", "evidence_vi", "evidence_en", "dist_allseason_road_km",
                 "dist_grid_km", "centre_source", "minutes_to_district_dry", "minutes_to_district_rainy"]


@dataclass(frozen=True)
class MapRequest:
    """The sidebar choices an export reproduces: units, year, district filter, classes, thresholds, visible layers."""

    units: str = "pre2025"
    year: int = 2020
    district: str | None = None
    lang: str = "vi"
    scheme: str = "quantiles"
    k: int = 5
    thresholds: FlagThresholds = FlagThresholds()
    visible: tuple[str, ...] = DEFAULT_VISIBLE
    project: str | None = None


@dataclass
class MapBundle:
    """Everything an exported map draws: the app's :class:`MapData`, the classes, the flag run and the sources."""

    request: MapRequest
    data: MapData
    classification: Classification
    run: Any
    visible: tuple[str, ...]
    bounds: tuple[float, float, float, float]
    sources: dict[str, LayerSource] = field(default_factory=dict)
    all_districts: gpd.GeoDataFrame | None = None

    def shown_sources(self) -> list[LayerSource]:
        """Provenance of every layer shown (boundaries first), without repeats."""
        keys = [f"communes_{self.request.units}", "province"]
        for key in self.visible:
            keys += LAYER_SOURCES.get(key, ())
        out: dict[str, LayerSource] = {}
        for key in keys:
            src = self.sources.get(key) or SOURCES.get(key)
            if src is not None and src.key not in out:
                out[src.key] = src
        return list(out.values())

    def any_illustrative(self) -> bool:
        """True when any layer shown is illustrative (the mark is then due)."""
        return any(src.illustrative for src in self.shown_sources())


def check_visible(visible: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Return the layer keys in drawing order; raise :class:`InputError` naming an unknown key."""
    unknown = [v for v in visible if v not in LAYER_KEYS]
    if unknown:
        raise InputError(Problem(f"lớp '{unknown[0]}' không tồn tại; chọn trong: {', '.join(LAYER_KEYS)}.",
                                 f"layer '{unknown[0]}' does not exist; choose from: {', '.join(LAYER_KEYS)}.",
                                 column="layers", value=unknown[0]))
    return tuple(k for k in LAYER_KEYS if k in visible)


def _clip(frame: gpd.GeoDataFrame | None, bounds) -> gpd.GeoDataFrame | None:
    if frame is None:
        return None
    minx, miny, maxx, maxy = bounds
    return frame.cx[minx:maxx, miny:maxy]


def assemble_map(request: MapRequest, run: Any, layers: Mapping[str, tuple[gpd.GeoDataFrame, LayerSource]]) -> MapBundle:
    """Join the frames of the map for ``request``, as ``ui/page_map.py`` does for the screen.

    ``run`` is the ``workflows.flags.FlagRun`` of the request's units, year and thresholds (``flags``, ``survey``, ``sources``);
    ``layers`` maps every key of :data:`MAP_LAYERS` to (frame, provenance) as ``workflows.inputs.load_layer`` returns them.
    """
    boundaries.check_units(request.units)
    if request.scheme not in SCHEMES:
        raise InputError(Problem(f"cách phân lớp '{request.scheme}' không tồn tại; chọn {', '.join(SCHEMES)}.",
                                 f"classification '{request.scheme}' does not exist; choose {', '.join(SCHEMES)}.",
                                 column="scheme", value=request.scheme))
    visible = check_visible(request.visible)
    communes = boundaries.load_communes(request.units, display=True)
    districts = all_districts = boundaries.load_districts(display=True)
    survey = run.survey
    communes = communes.join(survey[[c for c in _SURVEY_COLUMNS if c in survey]], on="unit_id")
    flags = run.flags.set_index("unit_id")
    communes = communes.join(flags[[c for c in _FLAG_COLUMNS if c in flags]], on="unit_id")
    if request.district:
        code = str(request.district)
        if code not in set(districts["district_code"]) and code not in set(communes["district_code"]):
            raise InputError(Problem(f"mã huyện {code} không có trong dữ liệu; dùng một trong: "
                                     f"{', '.join(sorted(districts['district_code']))}.",
                                     f"district code {code} is not in the data; use one of: "
                                     f"{', '.join(sorted(districts['district_code']))}.", column="district", value=code))
        communes = communes[communes["district_code"] == code]
        if communes.empty:
            raise InputError(Problem(f"huyện {code} không có xã nào trong bộ đơn vị '{request.units}'; hãy chọn huyện khác "
                                     "hoặc bộ đơn vị khác.",
                                     f"district {code} has no communes in unit set '{request.units}'; choose another district "
                                     "or unit set.", column="district", value=code))
        districts = districts[districts["district_code"] == code]
    bounds = tuple(float(b) for b in communes.total_bounds)
    classification = classify_values(communes["poor_hh_rate_pct"], scheme=request.scheme, k=request.k)
    frames, sources = {}, dict(run.sources)
    for key in MAP_LAYERS:
        frames[key], sources[key] = layers[key]
    zones = communes[["commune", "zone_2026_2030", "geometry"]] if request.units == "2025" else None
    if zones is not None and request.district:
        zones = zones.iloc[0:0]
    data = MapData(
        communes=communes, districts=districts, province=boundaries.load_province(display=True),
        roads=_clip(frames["roads"], bounds), main_roads=frames["main_roads"], power_lines=frames["power_lines"],
        substations=frames["power_substations"], grid_mv=_clip(frames["grid_mv"], bounds),
        schools=_clip(frames["schools"], bounds), health=_clip(frames["health"], bounds),
        centres=_clip(frames["commune_centres"], bounds), zones=zones, sources=sources)
    if zones is None:
        visible = tuple(k for k in visible if k != "zones")
    return MapBundle(request=request, data=data, classification=classification, run=run, visible=visible,
                     bounds=bounds, sources=sources, all_districts=all_districts)

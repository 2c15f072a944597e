"""What an export reproduces (the sidebar choices) and what it draws, assembled as the app's map page
assembles it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from analysis.classify import SCHEMES, Classification, classify_values
from analysis.flags import FlagThresholds
from geo.errors import InputError, Problem
from geo.provenance import LayerSource
from geo.vocab import Lang, Units
from layers import boundaries
from layers.mapdata import Loader, MapData
from layers.mapdata import assemble_map as assemble_map_data
from layers.registry import DEFAULT_VISIBLE, LAYER_KEYS, SOURCES, map_layer


@dataclass(frozen=True)
class MapRequest:
    """The sidebar choices an export reproduces: units, year, district filter, classes, thresholds, visible
    layers."""

    units: Units = "pre2025"
    year: int = 2020
    district: str | None = None
    lang: Lang = "vi"
    scheme: str = "quantiles"
    k: int = 5
    thresholds: FlagThresholds = FlagThresholds()
    visible: tuple[str, ...] = DEFAULT_VISIBLE
    project: str | None = None


@dataclass
class MapBundle:
    """Everything an exported map draws: the app's :class:`MapData`, the classes, the flag run and the
    sources."""

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
            keys += map_layer(key).source_keys(self.request.units)
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
        raise InputError(
            Problem(
                f"lớp '{unknown[0]}' không tồn tại; chọn trong: {', '.join(LAYER_KEYS)}.",
                f"layer '{unknown[0]}' does not exist; choose from: {', '.join(LAYER_KEYS)}.",
                column="layers",
                value=unknown[0],
            )
        )
    return tuple(k for k in LAYER_KEYS if k in visible)


def assemble_map(request: MapRequest, run: Any, load: Loader) -> MapBundle:
    """Check ``request`` and join the frames of its map with :func:`layers.mapdata.assemble_map`, as the map
    page does.

    ``run`` is the ``workflows.flags.FlagRun`` of the request's units, year and thresholds (``flags``,
    ``survey``, ``sources``); ``load`` returns a layer and its provenance by key, as
    ``workflows.inputs.load_layer`` does.
    """
    boundaries.check_units(request.units)
    if request.scheme not in SCHEMES:
        raise InputError(
            Problem(
                f"cách phân lớp '{request.scheme}' không tồn tại; chọn {', '.join(SCHEMES)}.",
                f"classification '{request.scheme}' does not exist; choose {', '.join(SCHEMES)}.",
                column="scheme",
                value=request.scheme,
            )
        )
    visible = check_visible(request.visible)
    communes = boundaries.load_communes(request.units, display=True)
    all_districts = boundaries.load_districts(display=True)
    if request.district:
        code = str(request.district)
        if code not in set(all_districts["district_code"]) and code not in set(communes["district_code"]):
            raise InputError(
                Problem(
                    f"mã huyện {code} không có trong dữ liệu; dùng một trong: "
                    f"{', '.join(sorted(all_districts['district_code']))}.",
                    f"district code {code} is not in the data; use one of: "
                    f"{', '.join(sorted(all_districts['district_code']))}.",
                    column="district",
                    value=code,
                )
            )
        if not (communes["district_code"] == code).any():
            raise InputError(
                Problem(
                    f"huyện {code} không có xã nào trong bộ đơn vị '{request.units}'; hãy chọn huyện khác "
                    "hoặc bộ đơn vị khác.",
                    f"district {code} has no communes in unit set '{request.units}'; choose another district "
                    "or unit set.",
                    column="district",
                    value=code,
                )
            )
    data = assemble_map_data(
        communes,
        all_districts,
        boundaries.load_province(display=True),
        load=load,
        survey=run.survey,
        flags=run.flags,
        sources=run.sources,
        district=str(request.district) if request.district else None,
    )
    classification = classify_values(data.communes["poor_hh_rate_pct"], scheme=request.scheme, k=request.k)
    if data.frame("zones") is None:
        visible = tuple(k for k in visible if k != "zones")
    return MapBundle(
        request=request,
        data=data,
        classification=classification,
        run=run,
        visible=visible,
        bounds=tuple(float(b) for b in data.communes.total_bounds),
        sources=data.sources,
        all_districts=all_districts,
    )

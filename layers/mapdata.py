"""What a map shows, assembled once for the screen and for print: communes with survey and flags, every layer
cut."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.provenance import LayerSource
from layers.flags import FLAG_COLUMNS
from layers.indicators import SURVEY_COLUMNS
from layers.registry import DATA_LAYERS, MAP_FRAMES, SOURCES

#: Loads one data layer: (frame, provenance), or ``(None, None)`` when it could not be read.
Loader = Callable[[str], tuple[gpd.GeoDataFrame | None, LayerSource | None]]


@dataclass
class MapData:
    """Frames a map draws (EPSG:4326).  ``communes`` carries the attributes shown in tooltips and the
    choropleth."""

    communes: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    province: gpd.GeoDataFrame
    frames: dict[str, gpd.GeoDataFrame | None] = field(default_factory=dict)
    """Every other layer by data-layer key (``roads``, ``power_substations``, ``zones`` ...); absent or
    ``None``: not loaded."""
    sources: dict[str, LayerSource] = field(default_factory=dict)
    """Provenance by layer key (``roads``, ``survey``, ``commune_centres`` ...), as
    ``workflows.inputs.load_layer`` returns it: a project's layers bring their own credit and illustrative
    flag; keys not given fall back to the embedded ones."""

    @property
    def units(self) -> str:
        """The unit set of the communes: ``2025`` (they list their predecessors) or ``pre2025``."""
        return "2025" if "predecessor_gso_codes" in self.communes.columns else "pre2025"

    def frame(self, key: str) -> gpd.GeoDataFrame | None:
        """The frame of ``key``: ``communes``, ``districts``, ``province`` or a data-layer key."""
        if key in ("communes", "districts", "province"):
            return getattr(self, key)
        return self.frames.get(key)

    def source(self, key: str) -> LayerSource | None:
        """Provenance of ``key``: the map's own (a project's layer), else the embedded layer's."""
        return self.sources.get(key) or SOURCES.get(key)


def in_view(
    frame: gpd.GeoDataFrame | None, bounds: tuple[float, float, float, float]
) -> gpd.GeoDataFrame | None:
    """The features of ``frame`` whose bounding box meets ``bounds`` (minx, miny, maxx, maxy in the frame's
    CRS)."""
    if frame is None or frame.empty:
        return frame
    minx, miny, maxx, maxy = bounds
    return frame.cx[minx:maxx, miny:maxy]


def cut_to_area(
    frame: gpd.GeoDataFrame | None, area: shapely.Geometry, *, points: bool
) -> gpd.GeoDataFrame | None:
    """``frame`` inside ``area``: points that fall in it, lines and polygons cut at its edge."""
    if frame is None or frame.empty:
        return frame
    return frame[frame.intersects(area)] if points else gpd.clip(frame, area)


def with_indicators(
    communes: gpd.GeoDataFrame, *, survey: pd.DataFrame | None = None, flags: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """The communes joined (on ``unit_id``) with their survey figures and flag-run results, when given.

    Without a survey the poverty rate is "no data" everywhere (the map then shows the boundaries and says
    why).
    """
    if survey is None:
        communes = communes.assign(poor_hh_rate_pct=np.nan)
    else:
        communes = communes.join(survey[[c for c in SURVEY_COLUMNS if c in survey]], on="unit_id")
    if flags is not None:
        flags = flags.set_index("unit_id")
        communes = communes.join(flags[[c for c in FLAG_COLUMNS if c in flags]], on="unit_id")
    return communes


def assemble_map(
    communes: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    province: gpd.GeoDataFrame,
    *,
    load: Loader,
    survey: pd.DataFrame | None = None,
    flags: pd.DataFrame | None = None,
    sources: Mapping[str, LayerSource] | None = None,
    district: str | None = None,
) -> MapData:
    """Join the frames of a map: the one assembly of the app's map page and of every export.

    Parameters
    ----------
    communes, districts, province
        The (display-simplified) boundaries, EPSG:4326, of the unit set shown.
    load
        Returns a data layer and its provenance by key (embedded, or the project's); called for every key of
        :data:`layers.registry.MAP_FRAMES`.  ``(None, None)``: the layer could not be read and is left out.
    survey, flags
        The flag run's survey (indexed by ``unit_id``) and flags; joined on the communes.
    sources
        Provenance of the flag run's inputs (survey, boundaries ...).
    district
        GSO district code: keep its communes and district only.

    Notes
    -----
    Layers whose clip rule is ``extent`` keep the features whose bounding box meets that of the communes
    shown; zones I/II/III are drawn from the 2025 communes' ``zone_2026_2030`` (none on a district's map:
    districts were abolished with the 2025 units).
    """
    communes = with_indicators(communes, survey=survey, flags=flags)
    if district:
        communes = communes[communes["district_code"] == district]
        districts = districts[districts["district_code"] == district]
    bounds = tuple(float(b) for b in communes.total_bounds)
    frames: dict[str, gpd.GeoDataFrame | None] = {}
    found = dict(sources or {})
    for key in MAP_FRAMES:
        frame, source = load(key)
        frames[key] = in_view(frame, bounds) if DATA_LAYERS[key].clip == "extent" else frame
        if source is not None:
            found[key] = source
    if "zone_2026_2030" in communes:
        frames["zones"] = communes.iloc[0:0] if district else communes
        frames["zones"] = frames["zones"][["commune", "zone_2026_2030", "geometry"]]
    return MapData(communes=communes, districts=districts, province=province, frames=frames, sources=found)

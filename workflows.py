"""Load the layers a task needs (embedded data, or the user's project where it has them) and run the analyses.

Shared by ``app.py`` and ``cli.py`` so both give the same numbers.  Imports point downwards only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analysis.centres import centres_for_units
from analysis.flags import FlagThresholds, flag_communes
from layers import boundaries, facilities, indicators, power, roads
from layers.catalog import SOURCES, LayerSource

#: Embedded loader of every layer a user may replace through a project file.
EMBEDDED_LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "roads": roads.load_roads,
    "main_roads": roads.load_main_roads,
    "power_lines": power.load_power_lines,
    "power_substations": power.load_substations,
    "grid_mv": power.load_grid_mv,
    "schools": facilities.load_schools,
    "health": facilities.load_health,
    "commune_centres": facilities.load_commune_centres,
    "villages": facilities.load_villages,
    "survey": indicators.load_survey,
}


def project_layer(project: str | None, key: str) -> tuple[pd.DataFrame, LayerSource] | None:
    """Return the user's current version of layer ``key`` from a project GeoPackage, or ``None``.

    Hook for the project file (imports issue): the embedded data stays read-only, a user layer replaces its
    embedded counterpart everywhere.
    """
    if not project:
        return None
    from geo.project import read_current_layer  # imported lazily: optional until a project is used

    return read_current_layer(project, key)


def load_layer(key: str, *, project: str | None = None) -> tuple[pd.DataFrame, LayerSource]:
    """Return layer ``key`` and its provenance: the project's version when there is one, else the embedded one."""
    found = project_layer(project, key)
    if found is not None:
        return found
    return EMBEDDED_LOADERS[key](), SOURCES[key]


@dataclass
class FlagRun:
    """Everything a flag computation used and produced, with the provenance of each input."""

    units: str
    year: int
    communes: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    flags: pd.DataFrame
    survey: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)


def run_flags(
    units: str = "pre2025",
    *,
    year: int = 2020,
    thresholds: FlagThresholds = FlagThresholds(),
    project: str | None = None,
) -> FlagRun:
    """Load the inputs of the flag rules for a unit set and survey year, and flag every commune."""
    communes = boundaries.load_communes(units)
    road_frame, road_src = load_layer("roads", project=project)
    hv, hv_src = load_layer("power_lines", project=project)
    mv, mv_src = load_layer("grid_mv", project=project)
    centres_pre, centre_src = load_layer("commune_centres", project=project)
    survey_all, survey_src = load_layer("survey", project=project)
    survey = indicators.survey_for_units(survey_all, communes, year=year)
    centres = centres_for_units(communes, centres_pre)
    flags = flag_communes(communes, centres, road_frame, power.combine_grid(hv, mv), survey, thresholds=thresholds)
    return FlagRun(
        units=units, year=year, communes=communes, centres=centres, flags=flags, survey=survey,
        sources={"roads": road_src, "power_lines": hv_src, "grid_mv": mv_src, "commune_centres": centre_src,
                 "survey": survey_src, f"communes_{units}": SOURCES[f"communes_{units}"]},
    )

"""The layers a task reads, with their provenance.

Each is the user's project version where it has one, else the embedded one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analysis.centres import centres_for_units
from geo.project import read_current_layer
from geo.provenance import LayerSource
from geo.vocab import Units
from layers import boundaries
from layers.registry import SOURCES, load_embedded
from workflows.checks import check_layers_have_crs

#: Layers of the flag and access analyses besides the survey (loaded by :func:`load_inputs`).
ANALYSIS_LAYERS = (
    "roads",
    "power_lines",
    "grid_mv",
    "power_substations",
    "commune_centres",
    "district_centres",
    "schools",
    "health",
    "villages",
)

#: Grids a project may hold for the access analysis (``geo.rasters.RasterLayer``).
PROJECT_RASTERS = ("dem", "population")


def project_layer(project: str | None, key: str) -> tuple[pd.DataFrame, LayerSource] | None:
    """Return the user's current version of layer ``key`` from a project GeoPackage, or ``None``.

    The embedded data stays read-only; a user layer replaces its embedded counterpart everywhere.
    """
    if not project:
        return None
    return read_current_layer(project, key)


def load_layer(key: str, *, project: str | None = None) -> tuple[pd.DataFrame, LayerSource]:
    """Return layer ``key`` and its provenance.

    The layer is the project's version when there is one, else the embedded one.
    """
    found = project_layer(project, key)
    if found is not None:
        return found
    return load_embedded(key)


def load_survey(
    units: Units = "pre2025", *, project: str | None = None
) -> tuple[pd.DataFrame, LayerSource, str]:
    """Return the commune survey the analyses of ``units`` read, its provenance, and the units it is keyed by.

    For the 2025 units a project's ``survey_2025`` (a table imported with ``--units 2025``) is used as it is;
    without one, the pre-2025 survey (the project's or the embedded one) is returned, to be aggregated to the
    2025 communes by :func:`layers.indicators.survey_for_units`.
    """
    if units == "2025":
        found = project_layer(project, "survey_2025")
        if found is not None:
            return found[0], found[1], "2025"
    frame, source = load_layer("survey", project=project)
    return frame, source, "pre2025"


@dataclass
class AnalysisInputs:
    """Every layer the flag and access analyses read, loaded once, with provenance.

    Each layer is the embedded one or the project's.  ``centres`` holds one point per unit (UBND point or
    representative point, said in ``centre_source``).
    """

    units: Units
    communes: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    layers: dict[str, pd.DataFrame]
    sources: dict[str, LayerSource]
    rasters: dict = field(default_factory=dict)
    """Optional grids from the project (``geo.rasters.RasterLayer``): ``"dem"`` and ``"population"``."""
    survey_units: str = "pre2025"
    """Communes ``layers["survey"]`` is keyed by: ``"2025"`` when it is the project's ``survey_2025``."""


def load_inputs(units: Units = "pre2025", *, project: str | None = None) -> AnalysisInputs:
    """Load the unit polygons, their centres and every layer of the flag and access analyses."""
    communes = boundaries.load_communes(units)
    layers, sources = {}, {}
    for key in ANALYSIS_LAYERS:
        layers[key], sources[key] = load_layer(key, project=project)
    layers["survey"], sources["survey"], survey_units = load_survey(units, project=project)
    layers["province"] = boundaries.load_province()
    sources[f"communes_{units}"] = SOURCES[f"communes_{units}"]
    check_layers_have_crs(layers)
    centres = centres_for_units(communes, layers["commune_centres"])
    rasters = {}
    for key in PROJECT_RASTERS:
        found = project_layer(project, key)
        if found is not None:
            rasters[key], sources[key] = found
    return AnalysisInputs(
        units=units,
        communes=communes,
        centres=centres,
        layers=layers,
        sources=sources,
        rasters=rasters,
        survey_units=survey_units,
    )

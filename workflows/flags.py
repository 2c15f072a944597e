"""The all-season-road and grid flags of every commune (the network rule set).

The flags come with the provenance of each input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analysis import access as acc
from analysis.flags import FlagThresholds, flag_communes
from analysis.network import RoadNetwork, build_network
from analysis.power_access import grid_distances_km
from geo.errors import Problem
from geo.provenance import LayerSource
from geo.vocab import SEASONS, Units
from layers import indicators, power
from layers.flags import with_evidence
from workflows.checks import check_survey_year
from workflows.inputs import AnalysisInputs, load_inputs
from workflows.measures import centre_xy, district_centre_xy


@dataclass
class FlagRun:
    """Everything a flag computation used and produced, with the provenance of each input."""

    units: Units
    year: int
    communes: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    flags: pd.DataFrame
    survey: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    """What was repaired or assumed in the inputs (dropped duplicate roads, closed gaps, reprojection ...)."""


def road_measures(
    network: RoadNetwork,
    communes: pd.DataFrame,
    centres: gpd.GeoDataFrame,
    district_xy: dict[str, tuple[float, float]],
    *,
    dem: acc.Dem | None = None,
) -> pd.DataFrame:
    """Return, per commune, the all-season distances and the best route to the district centre by season.

    Rows in ``communes`` order.
    """
    _, xy = centre_xy(communes, centres)
    district = communes["district_code"].astype(str).to_numpy()
    out = acc.allseason_connection(network, xy, district, district_xy)
    for season in SEASONS:
        route = acc.district_centre_access(network, xy, district, district_xy, season=season, dem=dem)
        out[f"minutes_to_district_{season}"] = route["minutes"].to_numpy()
        out[f"network_km_to_district_{season}"] = route["network_km"].to_numpy()
        if season == "dry":
            out["snap_m"] = route["snap_m"].to_numpy()
            out["route_all_season"] = route["route_all_season"].to_numpy()
            for column in ("weakest_segment", "weakest_class", "weakest_surface"):
                out[column] = route[column].to_numpy()
    return out


def analyse_flags(
    inputs: AnalysisInputs, *, year: int = 2020, thresholds: FlagThresholds = FlagThresholds()
) -> FlagRun:
    """Flag every commune (network rule set) from loaded inputs.

    The flags carry their evidence in both languages.
    """
    check_survey_year(year)
    communes, centres, layers = inputs.communes, inputs.centres, inputs.layers
    survey = indicators.survey_for_units(
        layers["survey"], communes, year=year, survey_units=inputs.survey_units
    )
    network = build_network(layers["roads"])
    road = road_measures(network, communes, centres, district_centre_xy(layers["district_centres"]))
    ordered, _ = centre_xy(communes, centres)
    grid = grid_distances_km(
        gpd.GeoSeries(ordered.geometry.to_numpy(), crs=centres.crs),
        power.combine_grid(layers["power_lines"], layers["grid_mv"]),
        layers["power_substations"],
    )
    flags = with_evidence(flag_communes(communes, centres, road, grid, survey, thresholds=thresholds))
    keys = (
        "roads",
        "power_lines",
        "grid_mv",
        "power_substations",
        "commune_centres",
        "district_centres",
        "survey",
        f"communes_{inputs.units}",
    )
    return FlagRun(
        units=inputs.units,
        year=year,
        communes=communes,
        centres=centres,
        flags=flags,
        survey=survey,
        sources={k: inputs.sources[k] for k in keys},
        notes=list(network.notes),
    )


def run_flags(
    units: Units = "pre2025",
    *,
    year: int = 2020,
    thresholds: FlagThresholds = FlagThresholds(),
    project: str | None = None,
) -> FlagRun:
    """Load the inputs of the flag rules and flag every commune (network rule set).

    The inputs are those of a unit set and survey year.
    """
    return analyse_flags(load_inputs(units, project=project), year=year, thresholds=thresholds)

"""Flag rules (network rule set): all-season road access and national-grid power.

Also which source decided each flag, and the disagreements between the sources.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import InputError, Problem
from geo.i18n import format_threshold


@dataclass(frozen=True)
class FlagThresholds:
    """Every threshold of the flag rules, in one place (shown and adjustable in the app)."""

    road_km: float = 0.5
    """A centre farther than this from an all-season road joined to its district centre (by a path of
    all-season segments) lacks all-season access: the tolerance for a UBND point that is not exactly on its
    road."""
    grid_km: float = 3.0
    """A centre farther than this from any grid line (HV or MV) lacks grid power."""
    grid_household_pct: float = 50.0
    """A commune whose surveyed share of households with grid power is below this lacks grid power."""

    def __post_init__(self) -> None:
        problems = []
        for name, low, high in (
            ("road_km", 0.0, 100.0),
            ("grid_km", 0.0, 100.0),
            ("grid_household_pct", 0.0, 100.0),
        ):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not np.isfinite(value) or not low <= value <= high:
                problems.append(
                    Problem(
                        vi=(
                            f"ngưỡng phải là một số từ {format_threshold(low, 'vi')} đến "
                            f"{format_threshold(high, 'vi')}."
                        ),
                        en=(
                            f"the threshold must be a number from {format_threshold(low, 'en')} to "
                            f"{format_threshold(high, 'en')}."
                        ),
                        column=name,
                        value=str(value),
                    )
                )
        if problems:
            raise InputError(problems)


#: What the map finds near a commune centre (``road_map_finding``), decided by :func:`flag_communes`:
#: ``no_allseason_road`` (none in the data), ``joined_within`` (one joined to the district centre within
#: ``road_km``), ``unjoined_within`` (the nearest all-season segment is within ``road_km`` but joined to no
#: path to the district centre), ``joined_beyond`` (the nearest joined one is farther), ``none_joined`` (no
#: all-season road is joined).
ROAD_FINDINGS = ("no_allseason_road", "joined_within", "unjoined_within", "joined_beyond", "none_joined")

#: The decision columns :func:`flag_communes` adds to the measures, in order.
_DECISIONS = [
    "allseason_access_survey",
    "allseason_access_map",
    "road_map_finding",
    "lacks_allseason_road",
    "road_decided_by",
    "road_disagreement",
    "grid_access_survey",
    "grid_access_map",
    "grid_household_low",
    "lacks_grid",
    "grid_decided_by",
    "grid_disagreement",
]


def _answer(value) -> bool | None:
    if value is True or value is np.True_:
        return True
    if value is False or value is np.False_:
        return False
    return None


def _decided_by(lacks: bool, survey_no: bool, map_no: bool, survey_known: bool, map_known: bool) -> str:
    if lacks:
        return "survey+map" if survey_no and map_no else ("survey" if survey_no else "map")
    known = [name for name, ok in (("survey", survey_known), ("map", map_known)) if ok]
    return "+".join(known) if known else "none"


def flag_communes(
    communes: pd.DataFrame,
    centres: gpd.GeoDataFrame,
    road_access: pd.DataFrame,
    grid_access: pd.DataFrame,
    survey: pd.DataFrame,
    *,
    thresholds: FlagThresholds = FlagThresholds(),
) -> pd.DataFrame:
    """Flag communes lacking an all-season road to the district centre or national-grid power.

    The result also says what decided each flag.

    Parameters
    ----------
    communes
        Units with ``unit_id, gso_code, commune, district_code, district``.
    centres
        One point per unit (``unit_id``, ``centre_source``), see :func:`analysis.centres.centres_for_units`.
    road_access
        Per unit (same order as ``communes``): ``dist_allseason_m`` and ``dist_connected_m`` from
        :func:`analysis.access.allseason_connection`, optionally route columns (``minutes_dry`` ...). NaN =
        unknown.
    grid_access
        Per unit (same order): ``dist_grid_km`` and the other columns of
        :func:`analysis.power_access.grid_distances_km`.
    survey
        Survey answers indexed by ``unit_id`` (``allseason_road_to_centre``, ``grid_connected``,
        ``hh_grid_power_pct``).
    thresholds
        The rule thresholds.

    Returns
    -------
    DataFrame
        One row per unit with the measures and the survey answers, then the decisions: each source's answer
        (``allseason_access_survey`` / ``allseason_access_map``, ``grid_access_survey`` / ``grid_access_map``:
        True, False or None when it says nothing), what the map found near the centre (``road_map_finding``,
        one of :data:`ROAD_FINDINGS`), whether the share of households on the grid is below its threshold
        (``grid_household_low``), the flags ``lacks_allseason_road`` / ``lacks_grid``, which source decided
        each (``road_decided_by`` / ``grid_decided_by``: survey, map, survey+map, none), whether the survey
        and the map disagree (``road_disagreement`` / ``grid_disagreement``), and the thresholds applied
        (``threshold_road_km``, ``threshold_grid_km``, ``threshold_grid_household_pct``).  No words:
        :func:`layers.flags.with_evidence` writes the evidence and the disagreement from these.
    """
    base = communes[["unit_id", "gso_code", "commune", "district_code", "district"]].reset_index(drop=True)
    centres = centres.set_index("unit_id").reindex(base["unit_id"])
    base["centre_source"] = centres["centre_source"].to_numpy()
    road = road_access.reset_index(drop=True)
    grid = grid_access.reset_index(drop=True)
    base["dist_allseason_road_km"] = road["dist_allseason_m"].to_numpy(float) / 1000.0
    base["dist_connected_allseason_km"] = road["dist_connected_m"].to_numpy(float) / 1000.0
    for column in road.columns:
        if column not in ("dist_allseason_m", "dist_connected_m"):
            base[column] = road[column].to_numpy()
    for column in grid.columns:
        base[column] = grid[column].to_numpy()
    answers = survey.reindex(base["unit_id"])
    base["survey_allseason_road"] = answers["allseason_road_to_centre"].to_numpy() if len(answers) else []
    base["survey_grid"] = answers["grid_connected"].to_numpy() if len(answers) else []
    base["hh_grid_power_pct"] = answers["hh_grid_power_pct"].astype(float).to_numpy() if len(answers) else []

    judged = pd.DataFrame(
        [_judge(base.iloc[i], thresholds) for i in range(len(base))], index=base.index, columns=_DECISIONS
    )
    out = pd.concat([base, judged], axis=1)
    for column in (
        "lacks_allseason_road",
        "lacks_grid",
        "road_disagreement",
        "grid_disagreement",
        "grid_household_low",
    ):
        out[column] = out[column].astype(bool)
    out["threshold_road_km"] = float(thresholds.road_km)
    out["threshold_grid_km"] = float(thresholds.grid_km)
    out["threshold_grid_household_pct"] = float(thresholds.grid_household_pct)
    return out


def _road_finding(map_road: bool | None, d_any: float, d_conn: float, road_km: float) -> str:
    """Return what the map finds near the centre (one of :data:`ROAD_FINDINGS`)."""
    if map_road is None:
        return "no_allseason_road"
    if map_road:
        return "joined_within"
    if np.isfinite(d_any) and d_any <= road_km:
        return "unjoined_within"
    return "joined_beyond" if np.isfinite(d_conn) else "none_joined"


def _disagree(survey: bool | None, mapped: bool | None) -> bool:
    return survey is not None and mapped is not None and survey != mapped


def _judge(row: pd.Series, t: FlagThresholds) -> list:
    """Return the decisions of one commune, in the order of ``_DECISIONS``."""
    d_any, d_conn = row["dist_allseason_road_km"], row["dist_connected_allseason_km"]
    d_grid, pct = row["dist_grid_km"], row["hh_grid_power_pct"]
    s_road, s_grid = _answer(row["survey_allseason_road"]), _answer(row["survey_grid"])
    road_known = bool(np.isfinite(d_any)) or bool(np.isfinite(d_conn))
    map_road = bool(np.isfinite(d_conn) and d_conn <= t.road_km) if road_known else None
    grid_known = bool(np.isfinite(d_grid))
    map_grid = bool(d_grid <= t.grid_km) if grid_known else None
    pct_low = bool(np.isfinite(pct) and pct < t.grid_household_pct)

    lacks_road = map_road is False or s_road is False
    lacks_grid = map_grid is False or s_grid is False or pct_low
    road_by = _decided_by(
        lacks_road, s_road is False, map_road is False, s_road is not None, map_road is not None
    )
    grid_by = _decided_by(
        lacks_grid,
        s_grid is False or pct_low,
        map_grid is False,
        s_grid is not None or bool(np.isfinite(pct)),
        map_grid is not None,
    )
    return [
        s_road,
        map_road,
        _road_finding(map_road, d_any, d_conn, t.road_km),
        lacks_road,
        road_by,
        _disagree(s_road, map_road),
        s_grid,
        map_grid,
        pct_low,
        lacks_grid,
        grid_by,
        _disagree(s_grid, map_grid),
    ]


def count_flags_by_district(flags: pd.DataFrame) -> pd.DataFrame:
    """Return the commune counts per district.

    The number of communes, of communes lacking an all-season road, lacking grid, lacking either.
    """
    grouped = flags.groupby(["district_code", "district"], dropna=False)
    out = pd.DataFrame(
        {
            "n_communes": grouped["unit_id"].nunique(),
            "n_lacks_allseason_road": grouped["lacks_allseason_road"].sum(),
            "n_lacks_grid": grouped["lacks_grid"].sum(),
            "n_lacks_either": grouped.apply(
                lambda g: int((g["lacks_allseason_road"] | g["lacks_grid"]).sum()), include_groups=False
            ),
        }
    ).reset_index()
    return out.sort_values("district_code").reset_index(drop=True)

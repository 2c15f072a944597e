"""Scenarios kept in the project GeoPackage: one layer ``scenario_<name>`` each.

Scenarios are saved, listed, read, and deleted by marking.  A scenario is saved as a new version of its layer
through :mod:`geo.project` (atomic, under the project's lock); the baseline layers are never written.
Deleting saves a marker version (one row ``part = "deleted"``): nothing is erased, the scenario no longer
lists, and :func:`geo.project.restore_version` brings an earlier version back.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import InputError, Problem
from geo.project import list_versions, read_current_layer, read_metadata, save_layer

PREFIX = "scenario_"
#: ``source_file`` of a scenario version in ``project_layers``: says whether it is a save or a deletion
#: marker.
SAVED = "scenario:saved"
DELETED = "scenario:deleted"


def scenario_key(name: str) -> str:
    """Return the layer key of scenario ``name`` (``scenario_<name>``)."""
    return PREFIX + name


def list_scenarios(project: str | Path) -> pd.DataFrame:
    """Return the scenarios of the project that are not deleted.

    Columns: ``name, version, saved_at, note, n_features``.
    """
    meta = read_metadata(project)
    rows = meta[meta["key"].str.startswith(PREFIX) & (meta["current"] == 1) & (meta["source_file"] == SAVED)]
    out = pd.DataFrame(
        {
            "name": rows["key"].str[len(PREFIX) :],
            "version": rows["version"],
            "saved_at": rows["imported_at"],
            "note": rows["note"],
            "n_features": rows["n_features"],
        }
    )
    return out.sort_values("name").reset_index(drop=True)


def _missing(project: Path, name: str) -> InputError:
    return InputError(
        Problem(
            vi=f"dự án không có kịch bản '{name}' (hoặc kịch bản đã bị xóa).",
            en=f"the project has no scenario '{name}' (or it was deleted).",
            file=project.name,
            column="name",
            value=name,
        )
    )


def save_scenario(
    project: str | Path, name: str, frame: gpd.GeoDataFrame, *, note: str = "", illustrative: bool = False
) -> int:
    """Save a new scenario; refuse a name the project already lists.  Returns the layer version written."""
    project = Path(project)
    if project.exists() and name in set(list_scenarios(project)["name"]):
        raise InputError(
            Problem(
                vi=f"kịch bản '{name}' đã có trong dự án; hãy chọn tên khác (kịch bản cũ không bị thay đổi).",
                en=f"scenario '{name}' already exists in the project; choose another name (the existing one "
                f"is left as it "
                "is).",
                file=project.name,
                column="name",
                value=name,
            )
        )
    return save_layer(
        project,
        scenario_key(name),
        frame,
        source_file=SAVED,
        note=note,
        source=f"scenario {name}",
        licence="project data",
        vintage="planned (not built)",
        illustrative=illustrative,
    )


def read_scenario(project: str | Path, name: str) -> gpd.GeoDataFrame:
    """Return the saved frame of scenario ``name`` (its current version)."""
    project = Path(project)
    found = read_current_layer(project, scenario_key(name))
    versions = list_versions(project, scenario_key(name)) if found is not None else None
    if (
        found is None
        or versions is None
        or versions.loc[versions["current"] == 1, "source_file"].iloc[0] != SAVED
    ):
        raise _missing(project, name)
    return found[0]


def delete_scenario(project: str | Path, name: str) -> int:
    """Mark scenario ``name`` deleted by saving a marker version; earlier versions stay in the file."""
    project = Path(project)
    if name not in set(list_scenarios(project)["name"]):
        raise _missing(project, name)
    marker = gpd.GeoDataFrame({"part": ["deleted"]}, geometry=gpd.GeoSeries([None], crs=4326), crs=4326)
    return save_layer(
        project,
        scenario_key(name),
        marker,
        source_file=DELETED,
        note="deleted",
        source=f"scenario {name}",
        licence="project data",
        vintage="deleted",
    )

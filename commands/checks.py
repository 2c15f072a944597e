"""Checks shared by the sub-commands: survey year, project file (each a clear InputError, exit 2)."""

from __future__ import annotations

from geo.errors import InputError, Problem
from geo.project_folder import resolve_project
from layers.indicators import SURVEY_YEARS


def check_year(year: int) -> int:
    """Return ``year`` when the commune survey covers it (2015–2020), else raise :class:`InputError`."""
    if year not in SURVEY_YEARS:
        raise InputError(Problem(vi=f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                                 en=f"year {year} is outside the survey years 2015–2020; choose one of them.",
                                 column="--year", value=str(year)))
    return year


def check_project(project: str | None, *, writing: bool = False) -> str | None:
    """Return the project file ``--project`` names, checked, or ``None`` without one; else raise :class:`InputError`.

    ``project`` is a project name in the projects folder or a path to a ``.gpkg`` (``geo.project_folder``); the
    embedded data and GeoPackages this tool did not make as projects are refused; unless ``writing`` it must exist.
    """
    if not project:
        return None
    return str(resolve_project(project, writing=writing))

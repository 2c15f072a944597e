"""Checks of the choices a user makes: one clear InputError each.

The choices: unit set, survey year, level, season, project ...

The one home of these checks: the workflows call them at their entry and the fronts (``app.py``, ``cli.py``)
call the same functions, so a value is refused with the same words wherever it comes from.  Checked elsewhere,
because code below workflows/ needs them: the unit set by :func:`layers.boundaries.check_units` (it guards the
loader's file read, and ``report.mapdata`` calls it too); files where they are read (``geo/``: formats,
archives, project files and names); an export's own settings (paper, layers, output file) beside its renderer
in ``report/``; flag thresholds by :class:`analysis.flags.FlagThresholds` itself, so that no unchecked
instance exists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import InputError, Problem
from geo.project_folder import resolve_project
from geo.vocab import LEVELS, SEASONS, SURVEY_YEARS, Level, Season
from report.tables import TABLES

#: Longest time threshold of the population summaries: a day.
MAX_WITHIN_MIN = 24 * 60


def check_survey_year(year: int) -> int:
    """Return ``year`` when the commune survey covers it (2015–2020), else raise :class:`InputError`.

    The error names the range.
    """
    if year not in SURVEY_YEARS:
        raise InputError(
            Problem(
                vi=f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                en=f"year {year} is outside the survey years 2015–2020; choose one of them.",
                column="year",
                value=str(year),
            )
        )
    return year


def check_level(level: Level) -> str:
    """Return ``level`` when the scorecard knows it, else raise :class:`InputError` naming the choices."""
    if level not in LEVELS:
        raise InputError(
            Problem(
                vi=f"cấp '{level}' không hợp lệ; chọn province (tỉnh), district (huyện) hoặc commune (xã).",
                en=f"level '{level}' is not valid; choose province, district or commune.",
                column="level",
                value=level,
            )
        )
    return level


def check_season(season: Season) -> str:
    """Return ``season`` when it is ``dry`` or ``rainy``, else raise :class:`InputError`."""
    if season not in SEASONS:
        raise InputError(
            Problem(
                vi=f"mùa '{season}' không tồn tại; chọn 'dry' (mùa khô) hoặc 'rainy' (mùa mưa).",
                en=f"season '{season}' does not exist; choose 'dry' or 'rainy'.",
                column="season",
                value=season,
            )
        )
    return season


def check_within_min(within_min: float) -> float:
    """Return the time threshold of the population summaries when it is above 0 and at most a day.

    A day is 1,440 minutes.
    """
    if not (
        isinstance(within_min, int | float)
        and not math.isnan(within_min)
        and 0 < within_min <= MAX_WITHIN_MIN
    ):
        raise InputError(
            Problem(
                vi="ngưỡng thời gian phải từ 0 đến 1.440 phút.",
                en="the time threshold must be 0 to 1,440 minutes.",
                column="within_min",
                value=str(within_min),
            )
        )
    return within_min


def check_table(what: str) -> str:
    """Return ``what`` when it names a commune table of the exports, else raise :class:`InputError`."""
    if what not in TABLES:
        raise InputError(
            Problem(
                vi=f"bảng '{what}' không có; chọn flags, access, indicators hoặc scorecard.",
                en=f"table '{what}' does not exist; choose flags, access, indicators or scorecard.",
                column="what",
                value=str(what),
            )
        )
    return what


def check_scorecard_district(level: Level, district: str | None) -> str | None:
    """Return ``district`` when the scorecard of ``level`` can be cut to it.

    Never at province level: one row each.
    """
    if district and level == "province":
        raise InputError(
            Problem(
                vi=(
                    "--district chỉ dùng với --level district hoặc commune (cấp tỉnh chỉ có một dòng mỗi chỉ "
                    "tiêu)."
                ),
                en=(
                    "--district works only with --level district or commune (the province has one row per "
                    "indicator)."
                ),
                column="district",
                value=str(district),
            )
        )
    return district


def check_project(project: str | None, *, writing: bool = False) -> str | None:
    """Return the project file ``project`` names, checked, or ``None`` without one.

    Else raise :class:`InputError`.  ``project`` is a project name in the projects folder or a path to a
    ``.gpkg`` (``geo.project_folder``); the embedded data and GeoPackages this tool did not make as projects
    are refused; unless ``writing`` it must exist.
    """
    if not project:
        return None
    return str(resolve_project(project, writing=writing))


def check_layers_have_crs(layers: Mapping[str, pd.DataFrame]) -> None:
    """Raise :class:`InputError` naming every map layer of ``layers`` that has no coordinate system."""
    missing = [
        key for key, frame in layers.items() if isinstance(frame, gpd.GeoDataFrame) and frame.crs is None
    ]
    if missing:
        raise InputError(
            [
                Problem(
                    vi=(
                        f"lớp {key} không có hệ tọa độ; hãy gán hệ tọa độ (ví dụ EPSG:4326 hoặc VN-2000 "
                        f"EPSG:9205) rồi nạp lại."
                    ),
                    en=(
                        f"layer {key} has no coordinate system; set one (e.g. EPSG:4326 or VN-2000 "
                        f"EPSG:9205) and load it again."
                    ),
                    column="geometry",
                    value=key,
                )
                for key in missing
            ]
        )


def check_not_the_project(file: str | Path, project: str | Path) -> None:
    """Raise :class:`InputError` when the file to import is the project file itself."""
    if Path(file).resolve() == Path(project).resolve():
        raise InputError(
            Problem(
                vi="không thể nhập chính tệp dự án vào nó.",
                en="cannot import the project into itself.",
                file=str(project),
            )
        )

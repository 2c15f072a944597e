"""Checks shared by the sub-commands: survey year, project file (each a clear InputError, exit 2)."""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError, Problem
from layers.indicators import SURVEY_YEARS


def check_year(year: int) -> int:
    """Return ``year`` when the commune survey covers it (2015–2020), else raise :class:`InputError`."""
    if year not in SURVEY_YEARS:
        raise InputError(Problem(vi=f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                                 en=f"year {year} is outside the survey years 2015–2020; choose one of them.",
                                 column="--year", value=str(year)))
    return year


def check_project(project: str | None) -> str | None:
    """Return ``project`` when it is absent or an existing file, else raise :class:`InputError` naming it."""
    if project and not Path(project).is_file():
        raise InputError(Problem(
            vi="không tìm thấy tệp dự án; hãy kiểm tra đường dẫn, hoặc tạo dự án bằng lệnh 'import'.",
            en="project file not found; check the path, or create the project with the 'import' command.",
            file=str(project), column="--project"))
    return project

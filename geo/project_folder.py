"""The projects folder: where project GeoPackages live, and the names a browser may give them.

The app never takes a path from the browser: it lists the projects of one folder, set by the server
(``DIENBIEN_PROJECTS_DIR``, default ``~/DienBien/projects``), and a new project gets a checked name, never a
path. On the command line, ``--project`` takes either such a name or a path to a ``.gpkg`` (its user owns the
shell); both are then held to the rules of :func:`geo.project.check_project_file` (never the embedded data,
never someone else's GeoPackage).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from geo.errors import InputError, Problem
from geo.io import is_embedded, list_files
from geo.project import check_project_file

#: Environment variable naming the projects folder (the app's and the command line's).
PROJECTS_DIR_ENV = "DIENBIEN_PROJECTS_DIR"
#: Name proposed when the folder holds no project yet.
DEFAULT_PROJECT_NAME = "du_an"
#: Longest project name, in characters (a Vietnamese letter takes up to 3 bytes: file names stay far below 255
#: bytes).
MAX_NAME_CHARS = 60
SUFFIX = ".gpkg"
#: Names Windows keeps for devices: a project copied to a Windows PC for QGIS must still open there.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_SEPARATORS = re.compile(r"[\s.]+")


def projects_dir() -> Path:
    """Return the projects folder: ``$DIENBIEN_PROJECTS_DIR``, else ``~/DienBien/projects``.

    The path is absolute; the folder is not created.  Raises :class:`InputError` when it is set inside the
    embedded data folder ``data/``.
    """
    raw = os.environ.get(PROJECTS_DIR_ENV, "").strip()
    folder = (Path(raw).expanduser() if raw else Path.home() / "DienBien" / "projects").resolve()
    if is_embedded(folder):
        raise InputError(
            Problem(
                vi=f"thư mục dự án ({PROJECTS_DIR_ENV}) không được nằm trong thư mục dữ liệu có sẵn data/; "
                f"hãy đặt thư mục "
                "khác.",
                en=f"the projects folder ({PROJECTS_DIR_ENV}) may not lie inside the embedded data folder "
                f"data/; "
                "set another folder.",
                file=str(folder),
            )
        )
    return folder


def _allowed(ch: str) -> bool:
    """Letters of the Latin alphabet (Vietnamese ones included), the digits 0-9, '_' and '-'."""
    if ch in "_-" or ("0" <= ch <= "9"):
        return True
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def _suggestion(name: str) -> str:
    """Return a name that follows the rules, made from ``name``.

    Spaces and dots become '_', other characters go.
    """
    text = _SEPARATORS.sub("_", unicodedata.normalize("NFC", name.strip()).removesuffix(SUFFIX))
    text = "".join(ch for ch in text if _allowed(ch)).lstrip("_-")[:MAX_NAME_CHARS]
    return text if text and text.casefold() not in RESERVED_NAMES else DEFAULT_PROJECT_NAME


def check_project_name(name: str) -> str:
    """Return ``name`` (Unicode NFC) when it can name a project, else raise :class:`InputError`.

    The error lists every problem.  Rules: 1-60 characters; letters (Vietnamese letters allowed), digits 0-9,
    '_' and '-' only, so no path separator, dot, space or control character; starts with a letter or a digit;
    not a Windows device name (CON, NUL, COM1 ...). The tool adds ``.gpkg``.
    """
    text = unicodedata.normalize("NFC", name)
    problems = []
    hint_vi, hint_en = f"Ví dụ: '{_suggestion(name)}'.", f"For example: '{_suggestion(name)}'."
    if not text:
        problems.append(Problem(vi="hãy đặt tên cho dự án mới.", en="give the new project a name."))
    if len(text) > MAX_NAME_CHARS:
        problems.append(
            Problem(
                vi=f"tên dự án dài {len(text)} ký tự, tối đa {MAX_NAME_CHARS}.",
                en=f"the project name has {len(text)} characters, at most {MAX_NAME_CHARS}.",
                value=text,
            )
        )
    bad = sorted({ch for ch in text if not _allowed(ch)})
    if bad:
        visible = [ch.isprintable() and not (ch.isspace() or unicodedata.combining(ch)) for ch in bad]
        shown = " ".join(repr(ch) if ok else f"U+{ord(ch):04X}" for ch, ok in zip(bad, visible, strict=True))
        problems.append(
            Problem(
                vi=f"tên dự án chỉ gồm chữ cái (có dấu tiếng Việt), chữ số, '_' và '-'; không dùng {shown} "
                f"(không cần thêm .gpkg, không có đường dẫn). {hint_vi}",
                en=f"a project name holds only letters (Vietnamese included), digits, '_' and '-'; not "
                f"{shown} (.gpkg is added by the tool; no path). {hint_en}",
                value=text,
            )
        )
    elif text and not (text[0].isalpha() or text[0].isdigit()):
        problems.append(
            Problem(
                vi=f"tên dự án phải bắt đầu bằng chữ cái hoặc chữ số. {hint_vi}",
                en=f"a project name must start with a letter or a digit. {hint_en}",
                value=text,
            )
        )
    if text.casefold() in RESERVED_NAMES:
        problems.append(
            Problem(
                vi=f"'{text}' là tên dành riêng của Windows; hãy chọn tên khác.",
                en=f"'{text}' is a name Windows reserves; choose another.",
                value=text,
            )
        )
    if problems:
        raise InputError(problems)
    return text


def check_new_project_name(name: str, *, existing: list[str]) -> str:
    """Return the checked ``name`` for a new project.

    A name that differs from an existing project's only by case is refused.
    """
    text = check_project_name(name)
    for other in existing:
        if other.casefold() == text.casefold():
            raise InputError(
                Problem(
                    vi=f"đã có dự án '{other}'; hãy chọn nó trong danh sách hoặc đặt tên khác.",
                    en=f"a project '{other}' already exists; choose it in the list or another name.",
                    value=text,
                )
            )
    return text


def list_projects() -> list[str]:
    """Return the names of the projects in the projects folder (``NAME.gpkg`` with a valid name), sorted."""
    names = []
    for file_name in list_files(projects_dir(), suffix=SUFFIX):
        stem = file_name[: -len(SUFFIX)]
        try:
            if check_project_name(stem) == stem:
                names.append(stem)
        except InputError:
            continue  # a working copy (.name.xxx.tmp.gpkg) or a file this tool did not name: not offered
    return sorted(set(names), key=lambda n: (n.casefold(), n))


def project_path(name: str) -> Path:
    """Return the GeoPackage of project ``name`` in the projects folder.

    The name is checked; the file may not exist.
    """
    return projects_dir() / f"{check_project_name(name)}{SUFFIX}"


def resolve_project(value: str, *, writing: bool) -> Path:
    """Return the project file ``--project VALUE`` means.

    It is a name in the projects folder, or a path to a ``.gpkg``.  A value without a folder separator and
    without ``.gpkg`` is a project name; anything else is a path.  Either is then checked by
    :func:`geo.project.check_project_file` (``writing`` for ``import``).
    """
    is_name = "/" not in value and os.sep not in value and not value.lower().endswith(SUFFIX)
    return check_project_file(project_path(value) if is_name else Path(value), writing=writing)

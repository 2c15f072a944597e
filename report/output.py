"""Writing export files safely: only the path the user named, atomically (temp file beside it, then
rename)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from geo.errors import InputError, Problem
from geo.io import check_name_length, check_write_target, write_problem
from geo.names import fold_text


def check_out_path(out: str | os.PathLike, *, suffixes: tuple[str, ...] = ()) -> Path:
    """Return ``out`` as a writable file path; raise :class:`InputError` for a folder, a missing folder or a
    wrong suffix.

    The user named ``out``, so an existing *file* there is replaced (unless it is read-only: see
    :func:`geo.io.check_write_target`); nothing else on disk is ever touched.
    """
    if out is None or not str(out).strip():
        raise InputError(
            Problem(
                "chưa có tên tệp cần ghi; hãy cho đường dẫn tệp (--out).",
                "no output file given; name the file to write (--out).",
            )
        )
    path = check_name_length(out)
    if path.is_dir():
        raise InputError(
            Problem(
                "đây là một thư mục; hãy cho tên tệp cần ghi.",
                "is a folder; give the name of the file to write.",
                file=str(path),
            )
        )
    if not path.parent.is_dir():
        raise InputError(
            Problem(
                "thư mục chứa tệp không tồn tại; hãy tạo thư mục trước.",
                "the folder for this file does not exist; create it first.",
                file=str(path),
            )
        )
    if path.exists() and not path.is_file():
        raise InputError(
            Problem(
                "đường dẫn này không phải là tệp thường; hãy chọn tên khác.",
                "this path is not a regular file; choose another name.",
                file=str(path),
            )
        )
    if suffixes and path.suffix.lower() not in suffixes:
        raise InputError(
            Problem(
                f"đuôi tệp phải là {' hoặc '.join(suffixes)}.",
                f"the file name must end in {' or '.join(suffixes)}.",
                file=str(path),
                value=path.suffix or "(none)",
            )
        )
    return path


def write_atomically(
    out: str | os.PathLike, write: Callable[[Path], None], *, suffixes: tuple[str, ...] = ()
) -> Path:
    """Call ``write(tmp_path)`` on a fresh temporary file beside ``out``, then rename it onto ``out``.

    A failure leaves ``out`` as it was (no half-written file) and removes the temporary file.
    """
    path = check_write_target(check_out_path(out, suffixes=suffixes))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        write(Path(tmp))
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a folder without write permission, a name the file system refuses
        raise write_problem(path, exc) from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _default_mode() -> int:
    """Permissions of a new file under the current umask (mkstemp alone would give 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomically(out: str | os.PathLike, data: bytes, *, suffixes: tuple[str, ...] = ()) -> Path:
    """Write ``data`` to ``out`` atomically (see :func:`write_atomically`)."""
    return write_atomically(out, lambda tmp: tmp.write_bytes(data), suffixes=suffixes)


#: A scorecard's level in a file name.
LEVEL_WORDS = {"province": "cap_tinh", "district": "cap_huyen", "commune": "cap_xa"}
#: A season in a file name.
SEASON_WORDS = {"dry": "mua_kho", "rainy": "mua_mua"}


def export_file_name(
    what: str,
    ext: str,
    *,
    place: str | None = None,
    units: str | None = None,
    year: int | None = None,
    stamp: str | None = None,
) -> str:
    """Name a downloaded file by what is in it: ``ban_do_muong_nhe_130xa_2020_2026-12-01.pdf``.

    ``what`` is the kind of content (ASCII, e.g. ``ban_do``), ``place`` the district's (or commune's) name,
    folded to ASCII without diacritics (``tinh`` when None: the whole province), ``units`` the unit set
    (``pre2025`` gives ``130xa``, ``2025`` gives ``45xa``), ``year`` the survey year, ``stamp`` the day it was
    made.
    """
    parts = [what, fold_text(place).replace(" ", "_") if place else "tinh"]
    if units is not None:
        parts.append({"pre2025": "130xa", "2025": "45xa"}.get(units, units))
    parts += [str(p) for p in (year, stamp) if p is not None]
    name = "_".join(p for p in parts if p)
    return f"{re.sub(r'[^0-9A-Za-z_.-]+', '_', name)}.{ext}"

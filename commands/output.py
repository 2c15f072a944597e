"""Writing command outputs safely: refuse directories, write aside then rename, booleans as true/false."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from geo.errors import InputError, Problem


def check_out_path(out: str | Path) -> Path:
    """Return ``out`` as a path whose folder exists and which is not a folder; raise :class:`InputError` otherwise."""
    path = Path(out)
    if path.is_dir():
        raise InputError(Problem(vi="đây là một thư mục; hãy cho tên tệp cần ghi.",
                                 en="is a folder; give the name of the file to write.", file=str(path)))
    if not path.parent.exists():
        raise InputError(Problem(vi="thư mục chứa tệp không tồn tại; hãy tạo thư mục trước.",
                                 en="the folder for this file does not exist; create it first.", file=str(path)))
    return path


def write_csv(table: pd.DataFrame, out: str | Path, *, bom: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV atomically; booleans become ``true``/``false``, missing values stay empty."""
    path = check_out_path(out)
    frame = table.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = frame[column].map({True: "true", False: "false"})
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path

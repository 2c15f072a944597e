"""The user's project GeoPackage: imported layers kept in versions with their provenance.

The project is saved atomically under a lock.

Also the rule of which files may be projects (:func:`check_project_file`), shared by the app and the command
line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataFileError, InputError, Problem
from geo.io import (
    check_write_target,
    copy_file,
    exclusive_lock,
    is_embedded,
    list_layers,
    read_attribute_table,
    read_gpkg_raster,
    read_lock_holder,
    remove_file,
    remove_leftover_copies,
    replace_file,
    working_copy_path,
    write_gpkg_layer,
    write_gpkg_raster,
    write_problem,
)
from geo.provenance import LayerSource
from geo.rasters import RasterLayer
from geo.values import parse_yes_no

#: Attribute table holding one row per stored layer version (opens in QGIS as a plain table).
META_TABLE = "project_layers"
META_COLUMNS = (
    "key",
    "version",
    "table_name",
    "current",
    "source_file",
    "source_sha256",
    "imported_at",
    "note",
    "source",
    "licence",
    "vintage",
    "illustrative",
    "n_features",
    "crs",
    "yes_no_columns",
    "storage",
)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class DerivedLayer:
    """A layer computed at save time, under the project's lock, from the project's current version of its key.

    ``build(current, provenance)`` receives that version and its provenance (``None`` and ``None`` when the
    project has none) and returns ``(frame, illustrative, source)`` for the new version.  Two saves that
    derive from the same key one after the other therefore each see the other's result: an update never
    overwrites a concurrent one.
    """

    build: Callable[[pd.DataFrame | None, LayerSource | None], tuple[pd.DataFrame, bool, str]]


@dataclass(frozen=True)
class NewLayer:
    """One layer to add to a project, with what its provenance record needs.

    ``frame`` may be derived at save time.
    """

    key: str
    frame: pd.DataFrame | RasterLayer | DerivedLayer
    source_file: str
    note: str = ""
    source: str = ""
    licence: str = "as declared by the user"
    vintage: str = "unknown"
    source_sha256: str = ""
    illustrative: bool = False


def sha256_of(data: bytes) -> str:
    """Return the hex SHA-256 of the imported file's bytes (kept in the provenance record)."""
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _empty_meta() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c: pd.Series(
                dtype="int64" if c in ("version", "current", "illustrative", "n_features") else object
            )
            for c in META_COLUMNS
        }
    )


def read_metadata(project: str | Path) -> pd.DataFrame:
    """Return the provenance table of a project (empty when the file or the table does not exist yet)."""
    project = Path(project)
    if not project.exists() or META_TABLE not in list_layers(project):
        return _empty_meta()
    meta = read_attribute_table(project, layer=META_TABLE)
    for column in META_COLUMNS:
        if column not in meta.columns:  # a project written by an older version of the tool
            meta[column] = 0 if column in ("version", "current", "illustrative", "n_features") else ""
    for column in ("version", "current", "illustrative", "n_features"):
        meta[column] = meta[column].astype("int64")
    for column in META_COLUMNS:
        if column not in ("version", "current", "illustrative", "n_features"):
            meta[column] = meta[column].astype(object).where(meta[column].notna(), "")
    return meta[list(META_COLUMNS)]


def list_versions(project: str | Path, key: str | None = None) -> pd.DataFrame:
    """Return the stored versions (of ``key``, or of every layer), newest first, with their provenance."""
    meta = read_metadata(project)
    if key is not None:
        meta = meta[meta["key"] == key]
    return meta.sort_values(["key", "version"], ascending=[True, False]).reset_index(drop=True)


def yes_no_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns holding only yes/no answers (True/False, possibly missing)."""
    found = []
    for column in frame.columns:
        series = frame[column]
        if series.dtype == bool or str(series.dtype) == "boolean":
            found.append(str(column))
        elif series.dtype == object:
            kinds = {type(v) for v in series if v is not None and v == v}
            if kinds and kinds <= {bool, np.bool_}:
                found.append(str(column))
    return found


def _storable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy GDAL can store: text column names, yes/no answers as GeoPackage BOOLEAN (1/0/NULL).

    The yes/no columns are also listed in the metadata, so files written as 1.0/0.0 decimals by earlier
    versions read the same.
    """
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for column in yes_no_columns(out):
        out[column] = (
            out[column]
            .map(lambda v: None if v is None or v != v or v is pd.NA else bool(v))
            .astype("boolean")
        )
    return out


#: How long a save waits for another save of the same project to finish before telling the user to retry.
LOCK_WAIT_S = 30.0


def lock_path(project: str | Path) -> Path:
    """Return the lock file of ``project`` (beside it; exists only while a save holds it)."""
    project = Path(project)
    return project.with_name(f".{project.name}.lock")


def is_project(path: str | Path) -> bool:
    """Return True when ``path`` is a GeoPackage this tool made as a project (it holds ``project_layers``).

    Raises :class:`DataFileError` naming the file when it exists but cannot be read as a GeoPackage.
    """
    path = Path(path)
    return path.is_file() and META_TABLE in list_layers(path)


def check_project_file(project: str | Path, *, writing: bool) -> Path:
    """Return ``project`` resolved (links followed) when this tool may use it as a project, else raise.

    The rules, the same for the app and the command line: a project is a ``.gpkg`` outside the embedded data
    folder (``data/``); an existing file must be a regular file holding this tool's table ``project_layers``
    (so a GeoPackage made by someone else, or by QGIS, is never written into); when ``writing``, a missing
    file is created by the first save, otherwise it must exist.
    """
    given = Path(project)
    path = given.expanduser().resolve()
    problems = []
    if path.suffix.lower() != ".gpkg":
        problems.append(
            Problem(
                vi="tệp dự án phải có đuôi .gpkg.", en="the project file must end in .gpkg.", file=str(given)
            )
        )
    if is_embedded(path):
        problems.append(
            Problem(
                vi="đây là dữ liệu có sẵn của công cụ (thư mục data/), chỉ đọc, không bao giờ là dự án; hãy "
                "chọn tệp dự án khác.",
                en="this is the tool's embedded data (folder data/), read-only and never a project; choose "
                "another project file.",
                file=str(given),
            )
        )
    if problems:
        raise InputError(problems)
    if path.exists() and not path.is_file():
        raise InputError(
            Problem(
                vi="không phải là một tệp thường; hãy chọn tệp dự án khác.",
                en="is not a regular file; choose another project file.",
                file=str(given),
            )
        )
    if path.exists() and not is_project(path):
        raise InputError(
            Problem(
                vi=f"tệp GeoPackage này không phải là dự án của công cụ (không có bảng {META_TABLE}); công "
                f"cụ chỉ ghi vào "
                "dự án do nó tạo. Hãy chọn tên tệp mới hoặc một dự án có sẵn.",
                en=f"this GeoPackage is not a project of this tool (it has no table {META_TABLE}); the tool "
                f"writes only "
                "into projects it created. Choose a new file name or an existing project.",
                file=str(given),
            )
        )
    if not writing and not path.exists():
        raise InputError(
            Problem(
                vi="không tìm thấy tệp dự án; hãy kiểm tra đường dẫn, hoặc tạo dự án bằng lệnh 'import'.",
                en="project file not found; check the path, or create the project with the 'import' command.",
                file=str(given),
            )
        )
    return path


def _busy(project: Path, waited_s: float) -> InputError:
    holder = read_lock_holder(lock_path(project))
    who_vi = who_en = ""
    if holder:
        who_vi = (
            f" (tiến trình {holder.get('pid')} trên máy {holder.get('host')}, từ {holder.get('since')} UTC)"
        )
        who_en = (
            f" (process {holder.get('pid')} on host {holder.get('host')}, since {holder.get('since')} UTC)"
        )
    return InputError(
        Problem(
            vi=f"dự án đang được lưu bởi một thao tác khác{who_vi}; đã chờ {waited_s:.0f} giây. Không có gì "
            f"được "
            "ghi; hãy thử lại sau ít phút.",
            en=f"the project is being saved by another operation{who_en}; waited {waited_s:.0f} s. Nothing "
            f"was "
            "written; try again in a few minutes.",
            file=project.name,
        )
    )


def _atomic_update(project: Path, change, *, wait_s: float = LOCK_WAIT_S):
    """Hold the project's lock, let ``change(meta, tmp_path)`` write a copy, rename it over.

    ``meta`` is the project's provenance table, read under the lock.  The whole read-modify-write runs under
    the lock, so two saves at once each get their own version; a second save waits up to ``wait_s`` seconds,
    then is told to retry.  Working copies left by killed saves are removed first.  If anything fails the copy
    is removed and the project stays exactly as it was.  Returns what ``change`` returns.
    """
    project = check_write_target(check_project_file(project, writing=True))
    try:
        project.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(lock_path(project), wait_s=wait_s) as locked:
            if not locked:
                raise _busy(project, wait_s)
            # again, now that no one else writes it
            check_write_target(check_project_file(project, writing=True))
            remove_leftover_copies(project)
            meta = read_metadata(project)
            tmp = working_copy_path(project)
            try:
                if project.exists():
                    copy_file(project, tmp)
                result = change(meta, tmp)
                replace_file(tmp, project)
            finally:
                remove_file(tmp)
    except OSError as exc:  # a full disk, a folder without write permission: the project stays as it was
        if isinstance(exc, DataFileError):
            raise
        raise write_problem(project, exc) from exc
    return result


def save_layers(
    project: str | Path, layers: list[NewLayer], *, now: str | None = None, wait_s: float = LOCK_WAIT_S
) -> dict[str, int]:
    """Add each layer as a new current version of its key, all in one atomic save; return the version numbers.

    Version numbers are taken from the project as it is when the save's lock is held (see ``_atomic_update``).
    """
    project = Path(project)
    for item in layers:
        if not _KEY.match(item.key):
            raise InputError(
                Problem(
                    vi=f"tên lớp '{item.key}' không hợp lệ.",
                    en=f"invalid layer name '{item.key}'.",
                    value=item.key,
                )
            )
    stamp = now or _now()

    def change(meta: pd.DataFrame, tmp: Path) -> dict[str, int]:
        items = [_resolve(item, meta, tmp) for item in layers]
        versions: dict[str, int] = {}
        rows: list[dict[str, Any]] = []
        for item, frame in items:
            previous = meta.loc[meta["key"] == item.key, "version"]
            version = max(int(previous.max()) if len(previous) else 0, versions.get(item.key, 0)) + 1
            versions[item.key] = version
            if isinstance(frame, RasterLayer):
                raster, crs = True, frame.crs
            else:
                raster, crs = (
                    False,
                    frame.crs.to_string() if isinstance(frame, gpd.GeoDataFrame) and frame.crs else "",
                )
            rows.append(
                {
                    "key": item.key,
                    "version": version,
                    "table_name": f"{item.key}_v{version:03d}",
                    "current": 1,
                    "source_file": Path(item.source_file).name,
                    "source_sha256": item.source_sha256,
                    "imported_at": stamp,
                    "note": item.note,
                    "source": item.source or f"user import: {Path(item.source_file).name}",
                    "licence": item.licence,
                    "vintage": item.vintage,
                    "illustrative": int(item.illustrative),
                    "n_features": len(frame),
                    "crs": crs,
                    "yes_no_columns": ""
                    if isinstance(frame, RasterLayer)
                    else ";".join(yes_no_columns(frame)),
                    "storage": "raster" if raster else "vector" if crs else "table",
                }
            )
        new_meta = meta.copy()
        for item, _ in items:
            new_meta.loc[new_meta["key"] == item.key, "current"] = 0
        new_meta = (
            pd.concat([new_meta, pd.DataFrame(rows)], ignore_index=True)
            if len(new_meta)
            else pd.DataFrame(rows)
        )
        # a later layer of the same key in one call is the current one
        for key in versions:
            mask = new_meta["key"] == key
            new_meta.loc[mask, "current"] = (new_meta.loc[mask, "version"] == versions[key]).astype(int)
        for (_, frame), row in zip(items, rows, strict=True):
            if isinstance(frame, RasterLayer):
                write_gpkg_raster(tmp, row["table_name"], frame.array, frame.transform, frame.crs)
            else:
                write_gpkg_layer(tmp, row["table_name"], _storable(frame))
        write_gpkg_layer(
            tmp,
            META_TABLE,
            new_meta[list(META_COLUMNS)].astype(
                {"version": "int64", "current": "int64", "illustrative": "int64", "n_features": "int64"}
            ),
        )
        return versions

    return _atomic_update(project, change, wait_s=wait_s)


def _resolve(item: NewLayer, meta: pd.DataFrame, tmp: Path) -> tuple[NewLayer, pd.DataFrame | RasterLayer]:
    """Return ``item`` and its frame.

    A derived frame is built from the current version of its key in ``tmp`` (under the lock).
    """
    if not isinstance(item.frame, DerivedLayer):
        return item, item.frame
    hit = meta[(meta["key"] == item.key) & (meta["current"] == 1)]
    current, provenance = (
        (None, None) if hit.empty else _read_version(tmp, meta, item.key, int(hit.iloc[0]["version"]))
    )
    frame, illustrative, source = item.frame.build(current, provenance)
    return replace(item, frame=frame, illustrative=illustrative, source=source), frame


def save_layer(
    project: str | Path,
    key: str,
    frame: pd.DataFrame,
    *,
    source_file: str,
    note: str = "",
    wait_s: float = LOCK_WAIT_S,
    **provenance,
) -> int:
    """Add ``frame`` as the new current version of layer ``key``; return its version number."""
    return save_layers(project, [NewLayer(key, frame, source_file, note, **provenance)], wait_s=wait_s)[key]


def _no_version(project: Path, key: str, version: int) -> Problem:
    return Problem(
        vi=f"dự án không có phiên bản {version} của lớp '{key}'.",
        en=f"the project has no version {version} of layer '{key}'.",
        file=project.name,
        value=str(version),
    )


def restore_version(project: str | Path, key: str, version: int, *, wait_s: float = LOCK_WAIT_S) -> None:
    """Make an earlier version of ``key`` the current one again.

    The change is atomic, under the lock; no version is deleted.
    """
    project = Path(project)

    def change(meta: pd.DataFrame, tmp: Path) -> None:
        mask = meta["key"] == key
        if not (mask & (meta["version"] == int(version))).any():
            raise InputError(_no_version(project, key, version))
        meta.loc[mask, "current"] = (meta.loc[mask, "version"] == int(version)).astype(int)
        write_gpkg_layer(tmp, META_TABLE, meta)

    if not project.exists():
        raise InputError(_no_version(project, key, version))
    _atomic_update(project, change, wait_s=wait_s)


def _provenance(row: pd.Series) -> LayerSource:
    return LayerSource(
        key=row["key"],
        source=row["source"],
        licence=row["licence"],
        vintage=row["vintage"],
        illustrative=bool(row["illustrative"]),
        source_file=row["source_file"],
        imported_at=row["imported_at"],
        note=row["note"],
        version=int(row["version"]),
    )


def read_layer_version(
    project: str | Path, key: str, version: int
) -> tuple[pd.DataFrame | RasterLayer, LayerSource]:
    """Return one stored version of ``key`` and its provenance."""
    project = Path(project)
    return _read_version(project, read_metadata(project), key, version)


def _read_version(
    project: Path, meta: pd.DataFrame, key: str, version: int
) -> tuple[pd.DataFrame | RasterLayer, LayerSource]:
    hit = meta[(meta["key"] == key) & (meta["version"] == int(version))]
    if hit.empty:
        raise DataFileError(_no_version(project, key, version))
    row = hit.iloc[0]
    table = row["table_name"]
    from geo.io import read_vector

    if row["storage"] == "raster":
        array, transform, crs = read_gpkg_raster(project, table)
        return RasterLayer(kind=key, array=array, transform=transform, crs=crs), _provenance(row)
    if row["crs"]:
        frame: pd.DataFrame = read_vector(project, layer=table)
    else:
        frame = read_attribute_table(project, layer=table)
    for column in filter(None, str(row["yes_no_columns"]).split(";")):
        if column in frame.columns:
            frame[column] = pd.Series(
                [parse_yes_no(v) for v in frame[column]], index=frame.index, dtype=object
            )
    return frame, _provenance(row)


def read_current_layer(
    project_path: str | Path, key: str
) -> tuple[pd.DataFrame | RasterLayer, LayerSource] | None:
    """Return the current version of layer ``key`` in the project and its provenance, or ``None`` when absent.

    The hook of ``workflows.inputs.project_layer``: a user layer replaces its embedded counterpart everywhere.
    """
    project = Path(project_path)
    if not project.exists():
        return None
    meta = read_metadata(project)
    hit = meta[(meta["key"] == key) & (meta["current"] == 1)]
    if hit.empty:
        return None
    return read_layer_version(project, key, int(hit.iloc[0]["version"]))

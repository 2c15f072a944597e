"""The user's project GeoPackage: imported layers kept in versions with their provenance, saved atomically."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataFileError, InputError, Problem
from geo.io import (
    copy_file,
    exclusive_lock,
    list_layers,
    read_attribute_table,
    read_gpkg_raster,
    remove_file,
    replace_file,
    write_gpkg_layer,
    write_gpkg_raster,
)
from geo.rasters import RasterLayer

#: Attribute table holding one row per stored layer version (opens in QGIS as a plain table).
META_TABLE = "project_layers"
META_COLUMNS = ("key", "version", "table_name", "current", "source_file", "source_sha256", "imported_at", "note",
                "source", "licence", "vintage", "illustrative", "n_features", "crs", "yes_no_columns", "storage")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class LayerProvenance:
    """Provenance of a project layer; has the fields and ``credit()`` of :class:`layers.catalog.LayerSource`.

    ``geo`` may not import ``layers``, so this class mirrors ``LayerSource`` (key, source, licence, vintage,
    illustrative) and adds what the import recorded.
    """

    key: str
    source: str
    licence: str
    vintage: str
    illustrative: bool
    source_file: str = ""
    imported_at: str = ""
    note: str = ""
    version: int = 0

    def credit(self) -> str:
        """Short credit line: source, licence, vintage, and the illustrative mark when due."""
        mark = " — DỮ LIỆU MINH HỌA / ILLUSTRATIVE" if self.illustrative else ""
        return f"{self.source}; {self.licence}; {self.vintage}{mark}"


@dataclass(frozen=True)
class NewLayer:
    """One layer to add to a project, with what its provenance record needs."""

    key: str
    frame: pd.DataFrame | RasterLayer
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
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("version", "current", "illustrative", "n_features")
                                      else object) for c in META_COLUMNS})


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
    """Return a copy GDAL can store: text column names, yes/no answers as 1/0/empty (listed in the metadata)."""
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for column in yes_no_columns(out):
        out[column] = out[column].map(lambda v: None if v is None or v != v or v is pd.NA else int(bool(v))
                                      ).astype("float64")
    return out


def _yes_no(value: object) -> bool | None:
    if value is None or value is pd.NA or value != value:
        return None
    return bool(value)


def _atomic_update(project: Path, write) -> None:
    """Copy the project aside, let ``write(tmp_path)`` change the copy, then rename it over the project.

    If anything fails the copy is removed and the project stays exactly as it was.
    """
    project.parent.mkdir(parents=True, exist_ok=True)
    tmp = project.with_name(f".{project.name}.{uuid.uuid4().hex[:8]}.tmp.gpkg")
    with exclusive_lock(project.with_name(f".{project.name}.lock")) as locked:
        if not locked:
            raise InputError(Problem(
                vi="dự án đang được lưu bởi một thao tác khác; hãy thử lại sau ít phút.",
                en="the project is being saved by another operation; try again in a few minutes.", file=project.name))
        try:
            if project.exists():
                copy_file(project, tmp)
            write(tmp)
            replace_file(tmp, project)
        finally:
            remove_file(tmp)


def save_layers(project: str | Path, layers: list[NewLayer], *, now: str | None = None) -> dict[str, int]:
    """Add each layer as a new current version of its key, all in one atomic save; return the version numbers."""
    project = Path(project)
    for item in layers:
        if not _KEY.match(item.key):
            raise InputError(Problem(vi=f"tên lớp '{item.key}' không hợp lệ.", en=f"invalid layer name '{item.key}'.",
                                     value=item.key))
    meta = read_metadata(project)
    stamp = now or _now()
    versions: dict[str, int] = {}
    rows = []
    for item in layers:
        previous = meta.loc[meta["key"] == item.key, "version"]
        version = max(int(previous.max()) if len(previous) else 0, versions.get(item.key, 0)) + 1
        versions[item.key] = version
        raster = isinstance(item.frame, RasterLayer)
        if raster:
            crs = item.frame.crs
        else:
            crs = item.frame.crs.to_string() if isinstance(item.frame, gpd.GeoDataFrame) and item.frame.crs else ""
        rows.append({"key": item.key, "version": version, "table_name": f"{item.key}_v{version:03d}", "current": 1,
                     "source_file": Path(item.source_file).name, "source_sha256": item.source_sha256,
                     "imported_at": stamp, "note": item.note, "source": item.source or f"user import: {Path(item.source_file).name}",
                     "licence": item.licence, "vintage": item.vintage, "illustrative": int(item.illustrative),
                     "n_features": len(item.frame), "crs": crs,
                     "yes_no_columns": "" if raster else ";".join(yes_no_columns(item.frame)),
                     "storage": "raster" if raster else "vector" if crs else "table"})
    new_meta = meta.copy()
    for item in layers:
        new_meta.loc[new_meta["key"] == item.key, "current"] = 0
    new_meta = pd.concat([new_meta, pd.DataFrame(rows)], ignore_index=True) if len(new_meta) else pd.DataFrame(rows)
    # a later layer of the same key in one call is the current one
    for key in versions:
        mask = new_meta["key"] == key
        new_meta.loc[mask, "current"] = (new_meta.loc[mask, "version"] == versions[key]).astype(int)

    def write(tmp: Path) -> None:
        for item, row in zip(layers, rows, strict=True):
            if isinstance(item.frame, RasterLayer):
                write_gpkg_raster(tmp, row["table_name"], item.frame.array, item.frame.transform, item.frame.crs)
            else:
                write_gpkg_layer(tmp, row["table_name"], _storable(item.frame))
        write_gpkg_layer(tmp, META_TABLE, new_meta[list(META_COLUMNS)].astype(
            {"version": "int64", "current": "int64", "illustrative": "int64", "n_features": "int64"}))

    _atomic_update(project, write)
    return versions


def save_layer(project: str | Path, key: str, frame: pd.DataFrame, *, source_file: str, note: str = "",
               **provenance) -> int:
    """Add ``frame`` as the new current version of layer ``key``; return its version number."""
    return save_layers(project, [NewLayer(key, frame, source_file, note, **provenance)])[key]


def restore_version(project: str | Path, key: str, version: int) -> None:
    """Make an earlier version of ``key`` the current one again (atomic; no version is deleted)."""
    project = Path(project)
    meta = read_metadata(project)
    mask = meta["key"] == key
    if not (mask & (meta["version"] == int(version))).any():
        raise InputError(Problem(vi=f"dự án không có phiên bản {version} của lớp '{key}'.",
                                 en=f"the project has no version {version} of layer '{key}'.",
                                 file=project.name, value=str(version)))
    meta.loc[mask, "current"] = (meta.loc[mask, "version"] == int(version)).astype(int)
    _atomic_update(project, lambda tmp: write_gpkg_layer(tmp, META_TABLE, meta))


def _provenance(row: pd.Series) -> LayerProvenance:
    note = f"; {row['note']}" if row["note"] else ""
    return LayerProvenance(
        key=row["key"], source=f"{row['source']} (file {row['source_file']}, imported {row['imported_at']}{note})",
        licence=row["licence"], vintage=row["vintage"], illustrative=bool(row["illustrative"]),
        source_file=row["source_file"], imported_at=row["imported_at"], note=row["note"], version=int(row["version"]))


def read_layer_version(project: str | Path, key: str, version: int
                       ) -> tuple[pd.DataFrame | RasterLayer, LayerProvenance]:
    """Return one stored version of ``key`` and its provenance."""
    project = Path(project)
    meta = read_metadata(project)
    hit = meta[(meta["key"] == key) & (meta["version"] == int(version))]
    if hit.empty:
        raise DataFileError(Problem(vi=f"dự án không có phiên bản {version} của lớp '{key}'.",
                                    en=f"the project has no version {version} of layer '{key}'.", file=project.name))
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
            frame[column] = pd.Series([_yes_no(v) for v in frame[column]], index=frame.index, dtype=object)
    return frame, _provenance(row)


def read_current_layer(project_path: str | Path, key: str
                       ) -> tuple[pd.DataFrame | RasterLayer, LayerProvenance] | None:
    """Return the current version of layer ``key`` in the project and its provenance, or ``None`` when absent.

    The hook of ``workflows.project_layer``: a user layer replaces its embedded counterpart everywhere.
    """
    project = Path(project_path)
    if not project.exists():
        return None
    meta = read_metadata(project)
    hit = meta[(meta["key"] == key) & (meta["current"] == 1)]
    if hit.empty:
        return None
    return read_layer_version(project, key, int(hit.iloc[0]["version"]))


def project_is_writable(project: str | Path) -> bool:
    """True when the project's folder accepts new files (the atomic save writes beside the project)."""
    folder = Path(project).resolve().parent
    return folder.is_dir() and os.access(folder, os.W_OK)

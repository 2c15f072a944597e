"""Files in and out: every read and write of embedded and project data goes through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.errors import DataFileError, Problem

#: Root of the embedded data shipped with the repository.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _missing(path: Path, detail: str) -> DataFileError:
    return DataFileError(
        Problem(
            vi=f"không đọc được ({detail}). Hãy khôi phục tệp từ kho mã (git checkout -- {path.name}) "
            "hoặc chạy lại lệnh cài đặt.",
            en=f"cannot be read ({detail}). Restore it from the repository (git checkout -- {path.name}) "
            "or re-run the set-up command.",
            file=str(path),
        )
    )


def read_vector(path: str | Path, *, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read one vector layer; raise :class:`DataFileError` naming the file when it is missing or corrupt."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, "tệp không tồn tại / file does not exist")
    try:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc
    if frame.crs is None:
        raise DataFileError(
            Problem(
                vi="không có hệ tọa độ (CRS). Hãy gán CRS cho tệp rồi thử lại.",
                en="has no coordinate reference system (CRS). Assign one and try again.",
                file=str(path),
                column=layer,
            )
        )
    return frame


def list_layers(path: str | Path) -> list[str]:
    """Return the layer names of a GeoPackage (empty list when the file is missing)."""
    path = Path(path)
    if not path.exists():
        return []
    return [str(name) for name, _ in pyogrio.list_layers(path)]


def read_table(path: str | Path, *, dtype: dict | None = None) -> pd.DataFrame:
    """Read a UTF-8 CSV; raise :class:`DataFileError` naming the file when it is missing or unreadable."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, "tệp không tồn tại / file does not exist")
    try:
        return pd.read_csv(path, dtype=dtype, encoding="utf-8", keep_default_na=True)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def write_gpkg_layers(path: str | Path, layers: dict[str, gpd.GeoDataFrame | pd.DataFrame]) -> None:
    """Write several layers into one GeoPackage atomically (write aside, then rename).

    Non-spatial frames are written as attribute tables.  The previous file, if any,
    stays intact until the new one is complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp.gpkg", dir=path.parent)
    os.close(fd)
    os.unlink(tmp_name)
    try:
        for name, frame in layers.items():
            if isinstance(frame, gpd.GeoDataFrame):
                frame.to_file(tmp_name, layer=name, driver="GPKG", engine="pyogrio")
            else:
                pyogrio.write_dataframe(frame, tmp_name, layer=name, driver="GPKG")
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def read_attribute_table(path: str | Path, *, layer: str) -> pd.DataFrame:
    """Read a non-spatial table stored in a GeoPackage."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, "tệp không tồn tại / file does not exist")
    try:
        return pyogrio.read_dataframe(path, layer=layer, read_geometry=False)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc

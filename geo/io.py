"""Files in and out: every read and write of embedded and project data goes through here."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.errors import DataFileError, InputError, Problem
from geo.i18n import format_number
from geo.vocab import Lang

#: Root of the embedded data shipped with the repository.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


_NOT_FOUND = ("tệp không tồn tại", "file does not exist")


def _missing(path: Path, detail: str | tuple[str, str]) -> DataFileError:
    """Error for an embedded or project data file that is missing or unreadable."""
    vi, en = detail if isinstance(detail, tuple) else (detail, detail)
    if is_embedded(path):
        hint_vi = f"Hãy khôi phục tệp từ kho mã (git checkout -- {path.name}) hoặc chạy lại lệnh cài đặt."
        hint_en = (
            f"Restore it from the repository (git checkout -- {path.name}) or re-run the set-up command."
        )
    else:
        hint_vi = "Hãy kiểm tra đường dẫn và tệp (có thể tệp bị hỏng hoặc không phải định dạng này)."
        hint_en = "Check the path and the file (it may be damaged or not of this format)."
    return DataFileError(
        Problem(
            vi=f"không đọc được ({vi}). {hint_vi}", en=f"cannot be read ({en}). {hint_en}", file=str(path)
        )
    )


def is_embedded(path: str | Path) -> bool:
    """Return True when ``path`` (links followed) lies in the embedded, read-only data folder ``data/``."""
    try:
        Path(path).resolve().relative_to(DATA_DIR)
    except ValueError:
        return False
    return True


def read_vector(path: str | Path, *, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read one vector layer; raise :class:`DataFileError` naming the file when it is missing or corrupt."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, _NOT_FOUND)
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
    try:
        return [str(name) for name, _ in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def read_table(path: str | Path, *, dtype: dict | None = None) -> pd.DataFrame:
    """Read a UTF-8 CSV; raise :class:`DataFileError` naming the file when it is missing or unreadable."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, _NOT_FOUND)
    try:
        return pd.read_csv(path, dtype=dtype, encoding="utf-8", keep_default_na=True)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def write_gpkg_layers(path: str | Path, layers: dict[str, gpd.GeoDataFrame | pd.DataFrame]) -> None:
    """Write several layers into one GeoPackage atomically (write aside, then rename).

    Non-spatial frames are written as attribute tables.  The previous file, if any,
    stays intact until the new one is complete.  The file is a GeoPackage :data:`GPKG_VERSION`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp.gpkg", dir=path.parent)
    os.close(fd)
    os.unlink(tmp_name)
    try:
        for name, frame in layers.items():
            if isinstance(frame, gpd.GeoDataFrame):
                frame.to_file(
                    tmp_name, layer=name, driver="GPKG", engine="pyogrio", **_new_gpkg_options(tmp_name)
                )
            else:
                pyogrio.write_dataframe(
                    frame, tmp_name, layer=name, driver="GPKG", **_new_gpkg_options(tmp_name)
                )
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def read_attribute_table(path: str | Path, *, layer: str) -> pd.DataFrame:
    """Read a non-spatial table stored in a GeoPackage."""
    path = Path(path)
    if not path.exists():
        raise _missing(path, _NOT_FOUND)
    try:
        return pyogrio.read_dataframe(path, layer=layer, read_geometry=False)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise _missing(path, f"{type(exc).__name__}: {str(exc)[:200]}") from exc


# --- user imports and the project file
# ---------------------------------------------------------------------------

#: Sibling files that travel with a Shapefile or a MapInfo table.
_SIDECARS = {
    ".shp": (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"),
    ".tab": (".dat", ".map", ".id", ".ind"),
}


def _mb(size: int, lang: Lang) -> str:
    """Size in MiB (2^20 bytes, as geo.archives counts them) in the language's number format."""
    return format_number(size / 2**20, lang, decimals=1)


def read_upload(path: str | Path, *, max_bytes: int) -> tuple[str, bytes]:
    """Read a user's file as ``(file name, bytes)`` without modifying it; refuse files over ``max_bytes``.

    A ``.shp`` or ``.tab`` is returned as an in-memory zip holding it and its sibling files (``.dbf``,
    ``.prj``, ``.cpg`` ...), so every importer receives one self-contained upload, as from the browser.
    """
    import io as _io
    import zipfile

    from geo.errors import UnsafeInputError

    path = Path(path)
    if not path.is_file():
        raise _missing(path, _NOT_FOUND)
    members = [path]
    for ext in _SIDECARS.get(path.suffix.lower(), ()):
        for candidate in (path.with_suffix(ext), path.with_suffix(ext.upper())):
            if candidate.is_file():
                members.append(candidate)
                break
    total = sum(p.stat().st_size for p in members)
    if total > max_bytes:
        raise UnsafeInputError(
            Problem(
                vi=(
                    f"tệp quá lớn ({_mb(total, 'vi')} MiB, giới hạn {_mb(max_bytes, 'vi')} MiB); hãy cắt "
                    f"theo ranh giới tỉnh trước."
                ),
                en=(
                    f"file too large ({_mb(total, 'en')} MiB, limit {_mb(max_bytes, 'en')} MiB); clip it to "
                    f"the province first."
                ),
                file=path.name,
            )
        )
    if len(members) == 1:
        return path.name, path.read_bytes()
    buffer = _io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for member in members:
            bundle.writestr(member.name, member.read_bytes())
    return path.name + ".zip", buffer.getvalue()


@contextmanager
def temporary_copy(name: str, data: bytes) -> Iterator[Path]:
    """Yield the path of a private temporary copy of ``data`` named like ``name``.

    The copy is for GDAL, osmium and rasterio.
    """
    with tempfile.TemporaryDirectory(prefix="dbimport.") as folder:
        target = Path(folder) / safe_file_name(name)
        target.write_bytes(data)
        yield target


@contextmanager
def temporary_folder(files: dict[str, bytes]) -> Iterator[Path]:
    """Yield a private temporary folder holding ``files`` (name → bytes).

    The names are reduced to safe plain file names.  The folder and everything in it are removed when the
    block ends, also when a reader in a child process was killed.  Two names that reduce to the same safe name
    raise ``ValueError``.
    """
    with tempfile.TemporaryDirectory(prefix="dbimport.") as folder:
        for name, data in files.items():
            target = Path(folder) / safe_file_name(name)
            if target.exists():
                raise ValueError(f"two members reduce to the same file name {target.name!r}")
            target.write_bytes(data)
        yield Path(folder)


def safe_file_name(name: str) -> str:
    """Return ``name``'s last part reduced to letters, digits, ``.``, ``_`` and ``-``.

    The result has at most 120 characters.
    """
    base = Path(name.replace("\\", "/")).name
    return (
        "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in base)[-120:]
        or "upload"
    )


def _plain_path(path: str | Path) -> str:
    """Refuse GDAL's virtual file systems and connection strings: a reader only opens plain local files."""
    text = str(path)
    if text.lower().startswith("/vsi") or "://" in text or not Path(text).is_absolute():
        raise ValueError(f"not a plain local file path: {text!r}")
    return text


def read_vector_raw(
    path: str | Path, *, layer: str | None = None, encoding: str | None = None
) -> gpd.GeoDataFrame:
    """Read one layer of a plain local vector file (no ``/vsi*`` path, no URL); errors pass to the caller."""
    return gpd.read_file(_plain_path(path), layer=layer, engine="pyogrio", encoding=encoding)


def list_vector_layers(path: str | Path) -> list[str]:
    """Return the layer names of a plain local vector file; errors pass to the caller."""
    return [str(name) for name, _ in pyogrio.list_layers(_plain_path(path))]


def sqlite_schema(path: str | Path) -> list[tuple[str, str, str]]:
    """Return ``(type, name, sql)`` of every table, view, index and trigger of an SQLite file.

    The file is opened read-only, immutable, with the schema untrusted (no function in a view or trigger
    runs); reading the schema runs none of the file's queries.
    """
    import sqlite3

    uri = f"file:{_plain_path(path)}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    try:
        connection.execute("PRAGMA trusted_schema=OFF")
        rows = connection.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
    finally:
        connection.close()
    return [(str(t), str(n), str(q)) for t, n, q in rows]


def copy_file(source: str | Path, target: str | Path) -> None:
    """Copy ``source`` to ``target`` byte for byte (the source is never modified)."""
    shutil.copyfile(source, target)


def replace_file(source: str | Path, target: str | Path) -> None:
    """Atomically move ``source`` over ``target`` (same folder: ``os.replace``)."""
    os.replace(source, target)


def remove_file(path: str | Path) -> None:
    """Remove ``path`` if it exists."""
    if os.path.exists(path):
        os.unlink(path)


#: GeoPackage version of a new project file: 1.2 is read by every GIS in use (QGIS 3.x, ArcGIS 10.x, GDAL >=
#: 2.2).
GPKG_VERSION = "1.2"


def _new_gpkg_options(path: str | Path) -> dict[str, str]:
    """Return the creation options of a GeoPackage written by this tool.

    They set the version, once, when the file is created.
    """
    return {} if Path(path).exists() else {"VERSION": GPKG_VERSION}


def _as_os_error(exc: Exception) -> OSError:
    """Turn a GDAL write failure into the ``OSError`` it stands for.

    SQLite says "disk is full", "readonly" ...
    """
    text = str(exc).lower()
    code = (
        errno.ENOSPC
        if "full" in text
        else errno.EROFS
        if "readonly" in text or "read-only" in text
        else errno.EIO
    )
    return OSError(code, str(exc)[:200])


def write_gpkg_layer(path: str | Path, name: str, frame: gpd.GeoDataFrame | pd.DataFrame) -> None:
    """Write (or overwrite) one layer of a GeoPackage in place; callers make it atomic by writing a copy.

    A GDAL failure is raised as ``OSError`` (``ENOSPC`` for a full disk), like any other write failure.
    """
    try:
        if isinstance(frame, gpd.GeoDataFrame):
            frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio", **_new_gpkg_options(path))
        else:
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", **_new_gpkg_options(path))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
        raise _as_os_error(exc) from exc


def write_gpkg_raster(path: str | Path, name: str, array, transform, crs: str) -> None:
    """Add a single-band float32 grid to a GeoPackage as raster table ``name`` (tiled gridded coverage)."""
    import warnings

    import rasterio
    import rasterio.errors

    height, width = array.shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)  # affine's "*" inside rasterio
        try:
            with rasterio.open(
                path,
                "w",
                driver="GPKG",
                width=width,
                height=height,
                count=1,
                dtype="float32",
                crs=crs,
                transform=transform,
                RASTER_TABLE=name,
                APPEND_SUBDATASET="YES",
                TILE_FORMAT="TIFF",
                **_new_gpkg_options(path),
            ) as dst:
                dst.write(array.astype("float32"), 1)
        except rasterio.errors.RasterioError as exc:
            raise _as_os_error(exc) from exc


def write_geotiff(
    path: str | Path,
    array,
    transform,
    crs: str,
    *,
    nodata: float = float("nan"),
    tags: dict[str, str] | None = None,
) -> None:
    """Write a single-band float32 GeoTIFF (deflate, tiled) with ``nodata`` and dataset ``tags``.

    The tags carry the provenance.
    """
    import warnings

    import rasterio
    import rasterio.errors

    height, width = array.shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)  # affine's "*" inside rasterio
        try:
            with rasterio.open(
                path,
                "w",
                driver="GTiff",
                width=width,
                height=height,
                count=1,
                dtype="float32",
                crs=crs,
                transform=transform,
                nodata=nodata,
                compress="deflate",
                tiled=True,
                blockxsize=256,
                blockysize=256,
            ) as dst:
                dst.write(array.astype("float32"), 1)
                if tags:
                    dst.update_tags(**tags)
        except rasterio.errors.RasterioError as exc:
            raise _as_os_error(exc) from exc


def read_gpkg_raster(path: str | Path, name: str):
    """Return ``(array, transform, crs)`` of raster table ``name`` of a GeoPackage (float32, NaN kept)."""
    import warnings

    import rasterio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        with rasterio.open(path, table=name) as src:
            return src.read(1), src.transform, src.crs.to_string()


def list_files(folder: str | Path, *, suffix: str) -> list[str]:
    """Return the names of the regular files in ``folder`` ending in ``suffix``.

    There are none when the folder is missing.
    """
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.name.endswith(suffix) and e.is_file())
    except (FileNotFoundError, NotADirectoryError):
        return []


def working_copy_path(target: str | Path) -> Path:
    """Return a fresh path beside ``target`` for a working copy.

    It is in the same folder, so the final rename is atomic.
    """
    target = Path(target)
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}")


def remove_leftover_copies(target: str | Path) -> list[str]:
    """Remove the working copies of ``target`` (and their SQLite journals) left by saves that were killed.

    Call it only while holding ``target``'s lock: then no live save has a copy open.  Returns the names
    removed.
    """
    target = Path(target)
    pattern = re.compile(
        re.escape(f".{target.name}.")
        + r"[0-9a-f]{8}\.tmp"
        + re.escape(target.suffix)
        + r"(-journal|-wal|-shm)?"
    )
    removed = []
    with os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(entry.name)
    return sorted(removed)


def read_lock_holder(path: str | Path) -> dict:
    """Return what the holder of lock file ``path`` wrote about itself (pid, host, since), or ``{}``."""
    try:
        holder = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


@contextmanager
def exclusive_lock(path: str | Path, *, wait_s: float = 30.0, poll_s: float = 0.05) -> Iterator[bool]:
    """Hold lock file ``path`` while the block runs; wait up to ``wait_s`` s, then yield ``False``.

    When it yields ``False`` it holds nothing.

    The lock is the operating system's (``flock``) on the open file, not the file's existence: it ends with
    its process, so a lock file left by a killed process is taken over at once, and a reused PID or an old
    file never blocks anyone.  The holder writes its PID, host and start time (UTC) into the file, for the
    message a waiting user gets.  The file is removed on release; a waiter that locked a file just removed
    starts again.
    """
    import fcntl
    import socket
    import time

    path = Path(path)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:
            # left by a killed save of another user: locking needs no write access to the file
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue  # removed in between by its holder: create it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(poll_s)  # polling interval of a bounded wait
            continue
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is not None and (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
            break
        os.close(fd)  # the previous holder removed this file while we waited for it: lock the new one
    try:
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }
        # who holds it, for the message a waiting user gets (not on a read-only leftover)
        with suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(holder).encode("utf-8"))
        yield True
    finally:
        with suppress(FileNotFoundError):
            # still locked here: a waiter that opened this file notices it is gone and retries
            os.unlink(path)
        os.close(fd)


def read_asset_text(path: str | Path) -> str:
    """Read a front-end asset shipped with an installed package (Leaflet's JS/CSS) as UTF-8 text."""
    return Path(path).read_text(encoding="utf-8")


def read_asset_bytes(path: str | Path) -> bytes:
    """Read a binary front-end asset shipped with an installed package (Leaflet's images)."""
    return Path(path).read_bytes()


def write_vector(
    frame: gpd.GeoDataFrame,
    path: str | Path,
    *,
    driver: str,
    layer: str | None = None,
    append: bool = False,
    encoding: str | None = None,
) -> None:
    """Write one vector layer with pyogrio (Shapefile, KML ...).

    Callers write into a temporary folder or file first.
    """
    options = {"encoding": encoding} if encoding else {}
    frame.to_file(path, driver=driver, layer=layer, engine="pyogrio", append=append, **options)


# --- writing: errors from the disk said as problems
# --------------------------------------------------------------

#: Longest file name (bytes, UTF-8) a written file may have: 255 on common file systems, less the room the
#: atomic save needs for its working copy beside the file (".NAME.xxxxxxxx.tmp").
MAX_NAME_BYTES = 255 - 24


def check_name_length(path: str | Path) -> Path:
    """Return ``path`` when its file name fits :data:`MAX_NAME_BYTES`; else raise :class:`InputError`.

    The error says that the file name is too long.
    """
    path = Path(path)
    size = len(path.name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        raise InputError(
            Problem(
                vi=f"tên tệp quá dài ({size} byte, tối đa {MAX_NAME_BYTES}); hãy đặt tên ngắn hơn.",
                en=(
                    f"the file name is too long ({size} bytes, at most {MAX_NAME_BYTES}); choose a shorter "
                    f"name."
                ),
                file=path.name[:60] + "…",
            )
        )
    return path


def check_write_target(path: str | Path) -> Path:
    """Return ``path`` when a file may be written there; raise :class:`InputError` naming it otherwise.

    Refused: a name longer than :data:`MAX_NAME_BYTES` bytes, and an existing file marked read-only (no write
    permission for its owner: the user protected it, so it is never replaced, even by a user who could).
    """
    path = check_name_length(path)
    if path.is_file() and not path.stat().st_mode & stat.S_IWUSR:
        raise InputError(
            Problem(
                vi="tệp đang được đặt chỉ đọc nên không bị ghi đè; hãy chọn tên khác hoặc bỏ chế độ chỉ đọc.",
                en=(
                    "the file is marked read-only, so it is not replaced; choose another name or make it "
                    "writable."
                ),
                file=str(path),
            )
        )
    return path


def write_problem(path: str | Path, exc: OSError) -> DataFileError:
    """Return the :class:`DataFileError` a planner reads when writing ``path`` failed with ``exc``.

    For instance, the disk was full.
    """
    reasons: dict[int | None, tuple[str, str]] = {
        errno.ENOSPC: (
            "ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc ghi vào ổ khác.",
            "the disk is full; free some space or write to another disk.",
        ),
        errno.EDQUOT: (
            "đã hết hạn mức dung lượng của bạn trên ổ đĩa; hãy xóa bớt tệp hoặc ghi vào ổ khác.",
            "your disk quota is used up; delete some files or write to another disk.",
        ),
        errno.EACCES: (
            "không có quyền ghi vào thư mục này; hãy chọn thư mục khác.",
            "no permission to write in this folder; choose another folder.",
        ),
        errno.EPERM: (
            "không có quyền ghi vào thư mục này; hãy chọn thư mục khác.",
            "no permission to write in this folder; choose another folder.",
        ),
        errno.EROFS: (
            "ổ đĩa này chỉ đọc; hãy ghi vào ổ khác.",
            "this disk is read-only; write to another disk.",
        ),
        errno.ENAMETOOLONG: (
            "tên tệp hoặc đường dẫn quá dài; hãy đặt tên ngắn hơn.",
            "the file name or path is too long; choose a shorter name.",
        ),
    }
    detail = exc.strerror or str(exc) or type(exc).__name__
    vi, en = reasons.get(exc.errno, (f"không ghi được tệp ({detail}).", f"cannot write the file ({detail})."))
    return DataFileError(
        Problem(vi=vi + " Không có gì bị thay đổi.", en=en + " Nothing was changed.", file=str(path))
    )

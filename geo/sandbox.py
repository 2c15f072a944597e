"""Run the parse of an untrusted upload in a child process.

The child has allowed GDAL drivers only, no network, and bounded time and memory.

Every reader of a user's file (tables, vectors, rasters, OSM extracts) calls :func:`run_isolated`.  The child
is forked from a small server process of ours that has already imported the readers (started once with
``python -c``, so nothing of the caller's ``__main__`` runs in it), a call costs milliseconds, and the child:

- keeps only the GDAL drivers the file's kind allows (every other driver of every GDAL library loaded in the
  process is deregistered, so a GDAL virtual file (VRT) or a database disguised under an allowed extension
  cannot be opened);
- has no network: it is moved into a new, empty network namespace when the kernel allows it, and GDAL's and
  PROJ's HTTP access is pointed at a closed local port and switched off in any case;
- may use at most ``UploadLimits.max_memory_mib`` of memory above what it holds at start (``RLIMIT_AS``);
- is killed (SIGKILL, which a C library cannot ignore) when it runs longer than ``UploadLimits.max_seconds``.

The parent then raises an :class:`~geo.errors.InputError` that names the file and says which bound was met.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import resource
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

from geo.errors import AppError, InputError, Problem
from geo.i18n import format_number

#: Modules imported once by the fork server, so each child starts with the readers already loaded.
PRELOAD = (
    "pyogrio",
    "rasterio",
    "geopandas",
    "openpyxl",
    "osmium",
    "geo.vectors",
    "geo.rasters",
    "geo.tables",
    "geo.osm",
    "geo.formats",
)
#: A local port nobody listens on: HTTP requests GDAL might still try end there.
_DEAD_PROXY = "127.0.0.1:9"
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_ROOT = str(Path(__file__).resolve().parent.parent)


class _ForkServer:
    """A helper process (``python -c``) that preloads :data:`PRELOAD` and forks one child per request.

    It listens on a Unix socket in a private folder (mode 0700) with a random key, and exits when this process
    closes its standard input (i.e. when this process ends).
    """

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="dbsandbox.")
        self.address = os.path.join(self.folder, "socket")
        self.key = secrets.token_bytes(32)
        boot = f"import sys; sys.path.insert(0, {_ROOT!r}); from geo.sandbox import serve; serve()"
        self.process = subprocess.Popen(
            [sys.executable, "-c", boot],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=_ROOT,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{self.address}\t{self.key.hex()}\n".encode())
        self.process.stdin.flush()
        ready = self.process.stdout.readline()
        if ready.strip() != b"ready":
            raise RuntimeError("the import sandbox did not start")
        atexit.register(self.stop)

    def stop(self) -> None:
        """Close the server's input (it then exits), wait for it, and remove its folder."""
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def connect(self) -> Connection:
        return Client(self.address, family="AF_UNIX", authkey=self.key)


_lock = threading.Lock()
_server: tuple[int, _ForkServer] | None = None


def _fork_server() -> _ForkServer:
    global _server
    with _lock:
        if _server is None or _server[0] != os.getpid() or not _server[1].alive():
            _server = (os.getpid(), _ForkServer())
        return _server[1]


def serve() -> None:
    """Run the main loop of the fork server (started by :class:`_ForkServer` in its own Python process)."""
    address, key_hex = sys.stdin.buffer.readline().decode().rstrip("\n").split("\t")
    key = bytes.fromhex(key_hex)
    for module in PRELOAD:
        __import__(module)
    for (
        path
    ) in _loaded_gdal_libraries():  # register every driver once here; each child then only removes some
        ctypes.CDLL(path, mode=os.RTLD_NOLOAD).GDALAllRegister()
    _warm_up()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = Listener(address, family="AF_UNIX", authkey=key)
    os.chmod(address, 0o600)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    # A private attribute typeshed does not list: the socket, to wait on it and on stdin together.
    raw = listener._listener._socket  # type: ignore[attr-defined]  # noqa: SLF001
    while True:
        readable, _, _ = select.select([raw, sys.stdin], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            break  # the app closed our stdin: it has ended
        if raw in readable:
            try:
                conn = listener.accept()
            except (OSError, EOFError, AuthenticationError):
                continue
            if os.fork() == 0:
                listener.close()
                _run_request(conn)
                os._exit(0)
            conn.close()
    listener.close()


# --- inside the child
# ---------------------------------------------------------------------------------------------

_rasterio_env: Any = None


def registered_drivers() -> list[str]:
    """Return the short names of the GDAL drivers registered in every GDAL library loaded in this process."""
    names: list[str] = []
    for path in _loaded_gdal_libraries():
        lib = ctypes.CDLL(path, mode=os.RTLD_NOLOAD)
        lib.GDALGetDriver.restype = ctypes.c_void_p
        lib.GDALGetDriver.argtypes = [ctypes.c_int]
        lib.GDALGetDriverShortName.restype = ctypes.c_char_p
        lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
        names += [
            lib.GDALGetDriverShortName(lib.GDALGetDriver(i)).decode() for i in range(lib.GDALGetDriverCount())
        ]
    return names


def allow_internal_vrt() -> None:
    """Register GDAL's raster VRT driver again, for rasterio's own in-memory work.

    ``rasterio.warp.calculate_default_transform`` builds an in-memory VRT of its own; call this only after the
    user's bytes are in an array and their dataset is closed, so that no user content can reach the VRT
    driver.
    """
    for path in _loaded_gdal_libraries():
        lib = ctypes.CDLL(path, mode=os.RTLD_NOLOAD)
        lib.GDALGetDriverByName.restype = ctypes.c_void_p
        lib.GDALGetDriverByName.argtypes = [ctypes.c_char_p]
        if not lib.GDALGetDriverByName(b"VRT"):
            lib.GDALRegister_VRT()


def _loaded_gdal_libraries() -> list[str]:
    paths: list[str] = []
    with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
        for line in maps:
            path = line.rsplit(" ", 1)[-1].strip()
            if "/libgdal" in path and path not in paths:
                paths.append(path)
    return paths


def keep_only_drivers(allowed: tuple[str, ...]) -> list[str]:
    """Deregister every GDAL driver whose short name is not in ``allowed``, in every GDAL library loaded.

    pyogrio and rasterio each bundle their own GDAL; both are treated.  Returns the drivers still registered.
    Call only in a disposable child process: the change lasts for the life of the process.
    """
    import pyogrio  # noqa: F401 - loads pyogrio's GDAL, so that it is found below
    import rasterio

    global _rasterio_env
    if _rasterio_env is None:
        # rasterio re-registers every driver whenever an outermost environment starts: start one now, for the
        # life of this process, so that every later open is nested in it and nothing is registered again
        _rasterio_env = rasterio.Env()
        _rasterio_env.__enter__()
    kept: list[str] = []
    for path in _loaded_gdal_libraries():
        lib = ctypes.CDLL(path, mode=os.RTLD_NOLOAD)
        lib.GDALGetDriverCount.restype = ctypes.c_int
        if lib.GDALGetDriverCount() == 0:
            # rasterio registers lazily: register now, so that nothing is registered later
            lib.GDALAllRegister()
        lib.GDALGetDriver.restype = ctypes.c_void_p
        lib.GDALGetDriver.argtypes = [ctypes.c_int]
        lib.GDALGetDriverShortName.restype = ctypes.c_char_p
        lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
        lib.GDALDeregisterDriver.argtypes = [ctypes.c_void_p]
        lib.CPLSetConfigOption.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        drivers = [lib.GDALGetDriver(i) for i in range(lib.GDALGetDriverCount())]
        for driver in drivers:
            name = lib.GDALGetDriverShortName(driver).decode()
            if name in allowed:
                kept.append(name)
            else:
                lib.GDALDeregisterDriver(driver)
        for key, value in _GDAL_OFFLINE.items():
            lib.CPLSetConfigOption(key.encode(), value.encode())
    return kept


#: GDAL configuration that keeps a reader off the network and away from sibling files it was not given.
_GDAL_OFFLINE = {
    "GDAL_HTTP_PROXY": _DEAD_PROXY,
    "GDAL_HTTPS_PROXY": _DEAD_PROXY,
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".none-allowed",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "OSR_USE_NON_DEPRECATED": "NO",
    "PROJ_NETWORK": "OFF",
}


def _leave_the_network() -> bool:
    """Move this process into a new network namespace with no interface but a down loopback.

    Return True on success.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(ctypes.c_int(flags)) == 0:
            return True
    return False


def _warm_up() -> None:
    """Open PROJ's database once in the server, so that no child pays for it.

    GDAL itself is not used here: datasets opened in this process before a fork leave children with a GDAL
    state that rasterio cannot use ("Unknown GDAL Error").
    """
    import pyproj

    for source, target in ((4326, 32648), (9205, 4326), (32648, 4326)):
        pyproj.Transformer.from_crs(source, target, always_xy=True)


def _vm_size() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _run_request(conn: Connection) -> None:
    conn.send(os.getpid())
    try:
        sys.path[:] = conn.recv()  # the caller's import path, so that its function can be found by name
        func, args, kwargs, drivers, memory_bytes = conn.recv()
        os.environ.update(
            {
                "http_proxy": _DEAD_PROXY,
                "https_proxy": _DEAD_PROXY,
                "HTTP_PROXY": _DEAD_PROXY,
                "HTTPS_PROXY": _DEAD_PROXY,
                "no_proxy": "",
                "NO_PROXY": "",
                "PROJ_NETWORK": "OFF",
            }
        )
        _leave_the_network()
        keep_only_drivers(drivers)
        limit = _vm_size() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        result = ("ok", func(*args, **kwargs))
    except AppError as exc:
        result = ("error", exc)
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        result = ("crash", f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
        conn.send(("crash", f"{type(exc).__name__}: {str(exc)[:300]}"))
    finally:
        conn.close()


# --- in the parent
# ------------------------------------------------------------------------------------------------


def _too_long(file: str, seconds: float) -> InputError:
    vi_s, en_s = format_number(seconds, "vi"), format_number(seconds, "en")
    return InputError(
        Problem(
            vi=f"đọc tệp mất quá {vi_s} giây nên đã dừng (tệp quá phức tạp hoặc chứa truy vấn không dừng); "
            f"không có gì "
            "được ghi. Hãy cắt tệp theo ranh giới tỉnh, chia nhỏ, hoặc xuất lại dạng đơn giản (QGIS: Lưu đối "
            "tượng thành...).",
            en=f"reading the file took more than {en_s} s and was stopped (the file is too complex or holds "
            f"a query that "
            "does not end); nothing was written. Clip it to the province, split it, or export it again in a "
            "plain form (QGIS: Save Features As...).",
            file=file,
        )
    )


def _too_big(file: str, mib: float) -> InputError:
    vi_m, en_m = format_number(mib, "vi"), format_number(mib, "en")
    return InputError(
        Problem(
            vi=f"đọc tệp cần hơn {vi_m} MiB bộ nhớ nên đã dừng; không có gì được ghi. Hãy cắt tệp theo ranh "
            f"giới tỉnh "
            "hoặc chia nhỏ.",
            en=f"reading the file needs more than {en_m} MiB of memory and was stopped; nothing was written. "
            f"Clip it to "
            "the province or split it.",
            file=file,
        )
    )


def _died(file: str, mib: float) -> InputError:
    vi_m, en_m = format_number(mib, "vi"), format_number(mib, "en")
    return InputError(
        Problem(
            vi=f"trình đọc dừng đột ngột khi đọc tệp (tệp bị hỏng, hoặc cần hơn {vi_m} MiB bộ nhớ); không có "
            f"gì được "
            "ghi. Hãy mở thử tệp bằng QGIS và xuất lại, hoặc cắt theo ranh giới tỉnh.",
            en=f"the reader stopped abruptly on this file (the file is damaged, or needs more than {en_m} "
            f"MiB of memory); "
            "nothing was written. Open it in QGIS and export it again, or clip it to the province.",
            file=file,
        )
    )


def _unreadable(file: str, detail: str) -> InputError:
    return InputError(
        Problem(
            vi=f"không đọc được tệp ({detail}); hãy mở thử bằng QGIS hoặc Excel và lưu lại.",
            en=f"cannot read the file ({detail}); open it in QGIS or Excel and save it again.",
            file=file,
        )
    )


def run_isolated(
    func: Callable[..., Any],
    *args: Any,
    file: str,
    drivers: tuple[str, ...] = (),
    seconds: float,
    memory_mib: float,
    **kwargs: Any,
) -> Any:
    """Return ``func(*args, **kwargs)`` computed in an isolated child process (see the module docstring).

    Parameters
    ----------
    func
        A module-level function (it is called by name in the child); its result must be picklable.
    file
        The user's file name, for messages.
    drivers
        GDAL driver short names the child keeps (e.g. ``("GPKG",)``); none for readers that do not use GDAL.
    seconds, memory_mib
        Wall-clock limit and the memory the parse may take beyond the child's start.

    Raises
    ------
    InputError
        The child raised one (passed on as it is), ran out of time or memory, or crashed.
    """
    conn = _fork_server().connect()
    pid = None
    try:
        if conn.poll(30):
            pid = conn.recv()
        conn.send(list(sys.path))
        conn.send((func, args, kwargs, tuple(drivers), int(memory_mib * 2**20)))
        if pid is None or not conn.poll(seconds):
            raise _too_long(file, seconds)
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            raise _died(file, memory_mib) from None  # the child ended without a word (C-level abort or crash)
    finally:
        conn.close()
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)  # a no-op when it has ended; ends a reader stuck in C code
            except ProcessLookupError:
                pass
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    if status == "memory":
        raise _too_big(file, memory_mib)
    if "MemoryError" in str(payload) or "std::bad_alloc" in str(payload) or "Cannot allocate" in str(payload):
        raise _too_big(file, memory_mib)
    raise _unreadable(file, str(payload))

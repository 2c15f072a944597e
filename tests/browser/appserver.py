"""Start the real Streamlit app on a free localhost port and wait (by polling, not sleeping) until it
answers."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_PREFIXES = (
    "http://localhost",
    "http://127.0.0.1",
    "ws://localhost",
    "ws://127.0.0.1",
    "data:",
    "blob:",
    "about:",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _streamlit_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
    ]


@contextlib.contextmanager
def running_app(
    timeout_s: float = 90.0,
    *,
    command: Callable[[int], list[str]] = _streamlit_command,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Run the app (``command(port)``, default ``streamlit run app.py``) on a free port; yield its URL once
    /_stcore/health answers "ok".  ``env`` is added to this process's environment."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = subprocess.Popen(command(port), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError("the app exited early:\n" + log.read())
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the app did not answer on {url} within {timeout_s} s")
            time.sleep(0.1)  # polling interval, not a wait for readiness
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def is_local(url: str) -> bool:
    """True for requests that stay on this machine."""
    return url.startswith(LOCAL_PREFIXES)


def loaded_map_frame(page, timeout_s: float = 90.0):
    """The page's streamlit-folium map frame once its document has loaded (the iframe element can be in the
    page while its frame is still about:blank)."""
    page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while (
        not (frames := [f for f in page.frames if "streamlit_folium" in f.url])
        and time.monotonic() < deadline
    ):
        page.wait_for_timeout(250)
    assert frames, f"no map frame loaded within {timeout_s:.0f} s"
    return frames[0]

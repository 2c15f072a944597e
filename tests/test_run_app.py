"""`./run app`: started exactly as a user starts it, the app listens on this machine only unless told
otherwise."""

from __future__ import annotations

import hashlib
import socket
import struct
import sys
from pathlib import Path

import pytest

from tests.browser.appserver import ROOT, running_app

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from Linux /proc"
)


def _sandbox(tmp_path: Path) -> Path:
    """The repository seen through links, with a ``.venv`` that is this interpreter and the requirements stamp
    set: ``./run``'s set-up then has nothing to install, and the rest of the script runs as written."""
    box = tmp_path / "repo"
    box.mkdir()
    for entry in ROOT.iterdir():
        if entry.name != ".venv":
            (box / entry.name).symlink_to(entry)
    python = box / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    stamp = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    (box / ".venv" / ".requirements.sha").write_text(stamp + "\n", encoding="utf-8")
    return box


def _listening(port: int) -> set[str]:
    """Addresses with a TCP socket listening on ``port`` (from /proc/net/tcp and tcp6; no psutil, no ss)."""
    found = set()
    for table, family, words in (
        ("/proc/net/tcp", socket.AF_INET, 1),
        ("/proc/net/tcp6", socket.AF_INET6, 4),
    ):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, local_port = local.split(":")
            if state == "0A" and int(local_port, 16) == port:  # 0A = LISTEN
                raw = b"".join(struct.pack("=I", int(address[i : i + 8], 16)) for i in range(0, 8 * words, 8))
                found.add(socket.inet_ntop(family, raw))
    return found


def _accepts(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize(
    ("args", "listening", "from_another_address"),
    [
        ((), {"127.0.0.1"}, False),  # the default: this machine only
        (("--server.address", "0.0.0.0"), {"0.0.0.0"}, True),  # the documented way to serve a team
    ],
)
def test_run_app_listens_on_this_machine_only_by_default(tmp_path, args, listening, from_another_address):
    box = _sandbox(tmp_path)
    with running_app(
        command=lambda port: ["env", f"PORT={port}", "bash", str(box / "run"), "app", *args],
        cwd=box,
        env={"PYTHON": sys.executable},
    ) as url:
        port = int(url.rsplit(":", 1)[1])
        assert _listening(port) == listening
        # 127.0.0.2 is this machine too, but not the address 127.0.0.1: only a socket bound to every address
        # answers
        assert _accepts("127.0.0.1", port)
        assert _accepts("127.0.0.2", port) is from_another_address

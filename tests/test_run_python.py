"""`./run`'s choice of interpreter: Python 3.11 or newer, the newest found, seen through a PATH of stand-in
pythons."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.appserver import ROOT

BASH = shutil.which("bash")


def _fake_python(folder: Path, name: str, version: int | None) -> Path:
    """A stand-in interpreter that answers ``./run``'s probe with ``version`` (major*100+minor), or fails as a
    pyenv shim for an interpreter that is not installed does (``None``)."""
    path = folder / name
    body = (
        f"echo {version}" if version is not None else f"echo 'pyenv: {name}: command not found' >&2; exit 127"
    )
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _run_python(tmp_path: Path, pythons: dict[str, int | None], env: dict[str, str] | None = None):
    """``bash run python`` with only the stand-ins (and ``dirname``, which ``./run`` calls first) on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, version in pythons.items():
        _fake_python(folder, name, version)
    (folder / "dirname").symlink_to(shutil.which("dirname"))
    return subprocess.run(
        [BASH, str(ROOT / "run"), "python"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(folder), **(env or {})},
    )


@pytest.mark.parametrize(
    ("pythons", "chosen"),
    [
        # the newest
        (
            {"python3.11": 311, "python3.12": 312, "python3.13": 313, "python3": 312},
            "python3.13 3.13",
        ),
        ({"python3": 312}, "python3 3.12"),  # Ubuntu 24.04: only python3
        ({"python3": 313}, "python3 3.13"),  # Debian 13
        ({"python3.11": 311}, "python3.11 3.11"),
        ({"python3.14": 314, "python3": 311}, "python3.14 3.14"),  # newer than any tested: accepted
        # a pyenv shim without its version is passed over
        (
            {"python3.13": None, "python3.12": 312},
            "python3.12 3.12",
        ),
        ({"python3.9": 309, "python3": 312}, "python3 3.12"),
    ],
)
def test_the_newest_python_311_or_later_is_chosen(tmp_path, pythons, chosen):
    result = _run_python(tmp_path, pythons)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == chosen


@pytest.mark.parametrize(
    "pythons", [{"python3": 310}, {"python3.10": 310, "python3": 310}, {"python3.13": None}, {}]
)
def test_no_python_311_or_later_is_refused_with_what_to_do(tmp_path, pythons):
    result = _run_python(tmp_path, pythons)
    assert result.returncode != 0 and result.stdout == ""
    assert "3.11 or newer" in result.stderr and "PYTHON=" in result.stderr


def test_python_named_by_the_user_wins_when_it_is_recent_enough(tmp_path):
    chosen = _fake_python(tmp_path, "my-python", 312)
    result = _run_python(tmp_path, {"python3.13": 313}, env={"PYTHON": str(chosen)})
    assert result.returncode == 0 and result.stdout.strip() == f"{chosen} 3.12"
    old = _fake_python(tmp_path, "old-python", 310)
    result = subprocess.run(
        [BASH, str(ROOT / "run"), "python"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(tmp_path / "bin"), "PYTHON": str(old)},
    )
    assert result.returncode != 0 and str(old) in result.stderr and "3.11 or newer" in result.stderr


def test_this_interpreter_passes_the_probe(tmp_path):
    """The probe itself works on a real interpreter (sys, venv and ensurepip importable)."""
    import sys

    result = subprocess.run(
        [BASH, str(ROOT / "run"), "python"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [sys.executable, f"{sys.version_info[0]}.{sys.version_info[1]}"]

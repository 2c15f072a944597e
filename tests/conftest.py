"""Shared fixtures: every test runs with its own projects folder, never the user's ~/DienBien/projects."""

from __future__ import annotations

import pytest

from geo.project_folder import PROJECTS_DIR_ENV


@pytest.fixture(autouse=True, scope="session")
def _session_projects_folder(tmp_path_factory):
    """The projects folder of the whole session (the browser tests' app server inherits it too)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PROJECTS_DIR_ENV, str(tmp_path_factory.mktemp("projects")))
        yield


@pytest.fixture()
def projects_dir(tmp_path, monkeypatch):
    """An empty projects folder (not created yet) for one test, set the way a server sets it."""
    folder = tmp_path / "du_an_cua_toi"
    monkeypatch.setenv(PROJECTS_DIR_ENV, str(folder))
    return folder

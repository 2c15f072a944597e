"""Shared fixtures: a projects folder of the test's own, and the analyses and map bundles many test modules
read.

The computed fixtures are session-scoped (one computation per xdist worker) and must not be changed by a test.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from geo.project_folder import PROJECTS_DIR_ENV
from report.mapdata import MapBundle, MapRequest
from workflows.exports import load_bundle
from workflows.flags import FlagRun, run_flags
from workflows.inputs import AnalysisInputs, load_inputs

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (default "ci"): "ci" runs each property test 100 times
# and each importer fuzz test 1,000 times (they ask for 10 x the profile's count); "dev" runs a tenth of that,
# for a quick run while editing and for the mutation runs of bench/mutation.py.  No deadline: the machine is
# shared.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=10, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


@pytest.fixture(scope="session")
def map_bundles():
    """``map_bundles(request)``: the map bundle an export of ``request`` draws (embedded data), built once per
    request."""
    built: dict[MapRequest, MapBundle] = {}

    def load(request: MapRequest = MapRequest()) -> MapBundle:
        if request not in built:
            built[request] = load_bundle(request)
        return built[request]

    return load


@pytest.fixture(scope="module")
def bundle(request, map_bundles) -> MapBundle:
    """The map bundle of the test module's ``BUNDLE_REQUEST`` (default ``MapRequest()``: the province, default
    layers)."""
    return map_bundles(getattr(request.module, "BUNDLE_REQUEST", MapRequest()))


@pytest.fixture(scope="session")
def flag_run() -> FlagRun:
    """The flags of the pre-2025 communes in 2020 with the default thresholds (embedded data)."""
    return run_flags("pre2025", year=2020)


@pytest.fixture(scope="session")
def analysis_inputs() -> AnalysisInputs:
    """Every layer of the flag and access analyses for the pre-2025 communes (embedded data)."""
    return load_inputs("pre2025")


@pytest.fixture()
def readers_in_process(monkeypatch):
    """Run the file readers in this process instead of the sandbox's child process.

    The per-importer fuzz tests exercise the parsing and checking logic (1,000 inputs each); forking a
    sandboxed child for each would triple the suite's time.  The sandbox itself (drivers, network, time and
    memory bounds) is tested in ``test_import_safety.py``, whose cross-format fuzz test runs every input
    sandboxed.
    """
    import geo.osm
    import geo.rasters
    import geo.tables
    import geo.vectors

    def inline(func, *args, file, drivers=(), seconds, memory_mib, **kwargs):
        return func(*args, **kwargs)

    for module in (geo.vectors, geo.rasters, geo.tables, geo.osm):
        monkeypatch.setattr(module, "run_isolated", inline)

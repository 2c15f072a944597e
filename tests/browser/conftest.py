"""Fixtures for real-browser tests: the running app and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, running_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module: Playwright's sync API must be closed before another module starts its
    own."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./run test, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

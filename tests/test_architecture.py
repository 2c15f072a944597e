"""House rules that a scan can check: imports point downwards; streamlit and folium stay in their rooms."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers", "analysis", "report")
# What each room may import from the project.
ALLOWED = {
    "geo": {"geo"},
    "analysis": {"geo", "analysis"},
    "layers": {"geo", "layers", "analysis"},
    "report": {"geo", "layers", "analysis", "report"},
}
PROJECT = {"geo", "layers", "analysis", "report", "ui", "commands", "workflows", "app", "cli"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).glob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_downwards(package):
    for path in _modules(package):
        project_imports = _imports(path) & PROJECT
        assert project_imports <= ALLOWED[package], f"{path.relative_to(ROOT)} imports {project_imports}"


def test_only_the_front_imports_streamlit():
    for package in (*PACKAGES, "commands"):
        for path in _modules(package):
            assert "streamlit" not in _imports(path), path
    assert "streamlit" not in _imports(ROOT / "cli.py")
    assert "streamlit" not in _imports(ROOT / "workflows.py")


def test_the_app_does_not_depend_on_the_cli_commands():
    """ui/ and workflows.py (shared by app and CLI) never import commands/: what both need lives in workflows."""
    for path in [*_modules("ui"), ROOT / "workflows.py", ROOT / "app.py"]:
        assert "commands" not in _imports(path), f"{path.relative_to(ROOT)} imports commands"


def test_only_layers_and_report_import_folium():
    for package in ("geo", "analysis", "commands", "ui"):
        for path in _modules(package):
            assert not {"folium", "branca"} & _imports(path), path


def test_every_module_says_its_job_in_one_line():
    for package in (*PACKAGES, "commands", "ui"):
        for path in _modules(package):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc, f"{path.relative_to(ROOT)} has no module docstring"

"""House rules that a scan can check: imports point downwards; streamlit and folium stay in their rooms; the
app's cached loaders and session-state keys each live in one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers", "analysis", "report", "workflows")
# What each room may import from the project: only rooms below it (workflows -> report, analysis, layers ->
# geo).
ALLOWED = {
    "geo": {"geo"},
    "analysis": {"geo", "analysis"},
    "layers": {"geo", "layers", "analysis"},
    "report": {"geo", "layers", "analysis", "report"},
    "workflows": {"geo", "layers", "analysis", "report", "workflows"},
}
PROJECT = {"geo", "layers", "analysis", "report", "ui", "commands", "workflows", "app", "cli"}
#: The Streamlit front: the only code that imports streamlit.
FRONT = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(_tree(path)):
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


def test_the_app_does_not_depend_on_the_cli_commands():
    """ui/ and workflows/ (shared by app and CLI) never import commands/: what both need lives in
    workflows."""
    for path in [*FRONT, *_modules("workflows")]:
        assert "commands" not in _imports(path), f"{path.relative_to(ROOT)} imports commands"


def test_only_the_web_map_renderers_import_folium():
    """folium and branca are imported directly only by layers/ and report/ (the web-map renderers and the HTML
    export); the rooms above and below them never do, though workflows/ reaches folium through report/ for the
    HTML export, and ui/ shows maps with streamlit_folium."""
    for package in ("geo", "analysis", "workflows", "commands", "ui"):
        for path in _modules(package):
            assert not {"folium", "branca"} & _imports(path), path
    for path in (ROOT / "app.py", ROOT / "cli.py"):
        assert not {"folium", "branca"} & _imports(path), path


def test_workflows_import_at_module_level():
    """Every import of workflows/ is at the top of its module: nothing reaches sideways from inside a
    function."""
    for path in _modules("workflows"):
        for function in ast.walk(_tree(path)):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                nested = [n for n in ast.walk(function) if isinstance(n, ast.Import | ast.ImportFrom)]
                assert not nested, (
                    f"{path.relative_to(ROOT)}:{nested[0].lineno} imports inside {function.name}"
                )


def test_every_cached_loader_lives_in_ui_cache():
    """st.cache_data and st.cache_resource (decorating a loader, or clearing) appear only in ui/cache.py."""
    for path in FRONT:
        if path != ROOT / "ui" / "cache.py":
            uses = [
                node.lineno
                for node in ast.walk(_tree(path))
                if isinstance(node, ast.Attribute) and node.attr in ("cache_data", "cache_resource")
            ]
            assert not uses, f"{path.relative_to(ROOT)} caches at lines {uses}"


def _spelled_keys(path: Path) -> list[str]:
    """Session-state keys written as text in ``path``: ``key="..."`` and
    ``st.session_state["..."]``/``.get("...")``."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "key" and isinstance(keyword.value, ast.Constant | ast.JoinedStr):
                    found.append(f"line {node.lineno}: key={ast.unparse(keyword.value)}")
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "session_state"
                and node.args
                and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
            ):
                found.append(f"line {node.lineno}: session_state.{func.attr}({ast.unparse(node.args[0])})")
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "session_state"
            and isinstance(node.slice, ast.Constant | ast.JoinedStr)
        ):
            found.append(f"line {node.lineno}: session_state[{ast.unparse(node.slice)}]")
    return found


def test_session_state_keys_are_named_in_ui_state():
    """Pages name every session-state key through ui/state.py: no page spells another page's key (or its
    own)."""
    for path in FRONT:
        if path != ROOT / "ui" / "state.py":
            assert not _spelled_keys(path), f"{path.relative_to(ROOT)}: {_spelled_keys(path)}"


def test_every_module_says_its_job_in_one_line():
    for package in (*PACKAGES, "commands", "ui"):
        for path in _modules(package):
            doc = ast.get_docstring(_tree(path))
            assert doc, f"{path.relative_to(ROOT)} has no module docstring"

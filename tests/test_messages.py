"""The one message catalogue: one key, one text; one Vietnamese text, one English text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import messages
from geo.messages import MESSAGES, DuplicateMessage, merge, msg

ROOT = Path(__file__).resolve().parents[1]


def test_a_key_defined_in_two_domains_is_refused():
    with pytest.raises(DuplicateMessage, match="'title'.*'a'.*'b'"):
        merge({"a": {"title": ("Tiêu đề", "Title")}, "b": {"title": ("Tên", "Name")}})


def test_every_domain_module_is_merged_and_every_message_is_a_pair():
    for domain in messages.DOMAINS:
        table = __import__(f"geo.messages.{domain}", fromlist=["MESSAGES"]).MESSAGES
        for key in table:
            assert MESSAGES[key] == table[key]
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key


def test_msg_picks_the_language_and_fills_fields():
    key = next(k for k, (vi, en) in MESSAGES.items() if vi != en and "{" not in vi)
    assert msg(key) == MESSAGES[key][0]
    assert msg(key, "en") == MESSAGES[key][1]
    assert msg("no such key", "en") == "no such key"
    templated = next(k for k, (vi, _) in MESSAGES.items() if "{rows}" in vi)
    assert "12" in msg(
        templated, "vi", rows=12, removed=3, updated=1, added=2, columns="x", kept=0, years="2020"
    )


def test_one_vietnamese_text_has_one_english_text():
    english: dict[str, set[str]] = {}
    for vi, en in MESSAGES.values():
        english.setdefault(vi, set()).add(en)
    assert {vi: ens for vi, ens in english.items() if len(ens) > 1} == {}


def test_the_domain_tables_are_the_only_vi_en_tables():
    """No module outside geo/messages keeps its own ``key -> (vi, en)`` table or lookup of one."""
    table = re.compile(r"^[A-Z_]*STRINGS\s*(:[^=]*)?=\s*\{", re.M)
    offenders = [
        str(path.relative_to(ROOT)) for path in _sources() if table.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


#: Calls that look a message up by a literal key: msg("k"), t("k"), ctx.t("k"), translate("k"), and the
#: scorecard page's tr(ctx, "k") (message ``sc_k``); page titles ``PAGE = {"title": "k"``.
LOOKUPS = re.compile(r"""(?<![\w])(?:msg|t|translate|ctx\.t|self\.t)\(\s*(['"])([a-z][a-z0-9_]*)\1""")
SCORECARD_PAGE = re.compile(r"""(?<![\w.])tr\(ctx,\s*(['"])([a-z][a-z0-9_]*)\1""")
PAGE_TITLE = re.compile(r"""PAGE\s*=\s*\{\s*"title":\s*"([a-z0-9_]+)\"""")


def _sources() -> list[Path]:
    folders = ("analysis", "commands", "geo", "layers", "report", "ui", "workflows")
    return sorted([ROOT / "app.py", ROOT / "cli.py", *(p for f in folders for p in (ROOT / f).rglob("*.py"))])


def test_every_key_the_code_looks_up_is_in_the_catalogue():
    used: dict[str, str] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for match in LOOKUPS.finditer(text):
            used.setdefault(match.group(2), path.name)
        for match in SCORECARD_PAGE.finditer(text):
            used.setdefault("sc_" + match.group(2), path.name)
        for match in PAGE_TITLE.finditer(text):
            used.setdefault(match.group(1), path.name)
    assert len(used) > 100  # the scan finds the lookups (a broken pattern would find none and pass)
    # a literal ending in "_" is the prefix of a key built at run time ("layer_" + key): some message must
    # start so
    missing = {
        key: where
        for key, where in used.items()
        if not (any(k.startswith(key) for k in MESSAGES) if key.endswith("_") else messages.has(key))
    }
    assert missing == {}


def test_every_select_box_shows_its_placeholder_from_the_catalogue():
    """Streamlit's own placeholder ("Choose an option", "Choose options") is English in the Vietnamese
    interface: every select box and multiselect of the pages sets ``placeholder=`` to the catalogue's
    "choose_placeholder"."""
    import ast

    calls, missing = 0, []
    for path in sorted((ROOT / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
            ):
                calls += 1
                given = {k.arg: ast.unparse(k.value) for k in node.keywords}
                if "choose_placeholder" not in given.get("placeholder", ""):
                    missing.append(f"{path.name}:{node.lineno}")
    assert calls >= 15  # the scan finds the select boxes
    assert missing == []

"""Text from files shown as text on the pages (ui/text.py): Streamlit's Markdown gets no syntax from data — no
image is fetched, no link made, no HTML, format, icon or control character; the import page's notes go
through it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st_
from streamlit.testing.v1 import AppTest

from geo.text import printable
from ui.text import WORD_JOINER, escape_markdown

PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: Hostile column headers: a remote image, a link, HTML, Streamlit directives, maths, a terminal colour, bidi
#: override.
HEADERS = [
    "![x](http://127.0.0.1:9/img.png)",
    "[link](http://evil.example/)",
    "<img src=x onerror=alert(1)>",
    ":red[đỏ] :material/warning: **đậm**",
    "$x^2$ www.evil.example a@evil.example",
    "\x1b[31mred\u202e",
]


def read_back(body: str) -> str:
    """What CommonMark shows for ``body`` when every ASCII punctuation character in it is escaped: the
    characters after their backslash; asserts that no punctuation character is left unescaped (so none can
    be syntax)."""
    shown, i = [], 0
    body = body.replace("  \n", "\n")
    while i < len(body):
        char = body[i]
        if char == "\\":
            assert i + 1 < len(body) and body[i + 1] in PUNCTUATION, f"bare backslash in {body!r}"
            shown.append(body[i + 1])
            i += 2
            continue
        assert char not in PUNCTUATION, f"unescaped {char!r} at {i} in {body!r}"
        shown.append(char)
        i += 1
    return "".join(shown).replace(WORD_JOINER, "")


def assert_literal(body: str, text: str) -> None:
    """``body`` shows exactly ``text`` (control characters as escapes) and holds nothing Markdown or GFM would
    act on."""
    indented = re.sub(r"(?m)^[ \t]+", lambda m: "\u00a0" * len(m.group()), printable(text))  # no code block
    assert read_back(body) == indented.replace(WORD_JOINER, "")  # the joiners added are invisible
    lowered = body.lower()
    # bare-URL autolinks
    assert "://" not in lowered.replace("\\", "") and "www." not in lowered.replace("\\", "")
    assert not re.search(r"@\\?[\w-]", body)  # e-mail autolinks
    assert "\n    " not in body and not body.startswith("    ")  # no indented code block


@settings(max_examples=3 * settings.default.max_examples)
@given(st_.text(alphabet=st_.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_any_text_is_shown_literally(text):
    assert_literal(escape_markdown(text), text)


def test_examples_and_missing_values():
    for text in [*HEADERS, "RD-0219 (đường xã, Đất)", "dòng 1\ndòng 2", "    thụt lề", "\\", "a  \nb"]:
        assert_literal(escape_markdown(text), text)
    assert escape_markdown(None) == "" and escape_markdown(float("nan")) == ""
    assert escape_markdown(48.14) == "48\\.14"


def _import_page(project: str) -> None:
    import streamlit as st

    from ui import page_import
    from ui.context import PageContext

    st.session_state.setdefault("project_path", project)
    page_import.render(PageContext(lang="en", project=project))


def test_import_page_notes_show_hostile_headers_and_file_name_as_text(tmp_path):
    """Each header gets a note ("numbers with Vietnamese decimal commas were read") naming it, shown in
    st.info."""
    header = ";".join(["gso_code", "year", *HEADERS])
    name = "khảo sát ![i](javascript:alert(1)) <b>.csv"  # a browser sends no folder in the name
    data = f"{header}\n03124;2020;{';'.join(['1,5'] * len(HEADERS))}\n".encode()
    at = AppTest.from_function(_import_page, args=(str(tmp_path / "p.gpkg"),), default_timeout=60)
    at.run()
    at.file_uploader(key="import_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    infos = [info.value for info in at.info]
    bodies = [body for body in infos if "decimal commas" in body]
    assert len(bodies) == len(HEADERS)
    # the note naming the columns no analysis reads
    unused = [body for body in infos if "does not use" in body]
    assert len(unused) == 1 and "\x1b" not in unused[0] and "\u202e" not in unused[0]
    for body, hostile in zip(bodies, HEADERS, strict=True):
        expected = (
            f"file {name}, column {hostile}: numbers with Vietnamese decimal commas were read as decimals."
        )
        assert_literal(body, expected)
        assert "\x1b" not in body and "\u202e" not in body
    assert not (tmp_path / "p.gpkg").exists()  # a preview writes nothing

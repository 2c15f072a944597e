"""Text from files on the terminal (geo/text.py): escape sequences, carriage returns and bidi overrides are
shown as escapes, never obeyed — in every problem, note and value the CLI prints."""

from __future__ import annotations

import re

import pytest

from cli import main
from geo.errors import InputError, Problem
from geo.text import listing, printable, quoted

#: What a terminal or a text renderer would obey: C0 (but newline and tab), DEL, C1, bidi
#: embeddings/overrides/isolates.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RED = "\x1b[31m"


def test_control_characters_are_shown_as_escapes_and_text_is_kept():
    assert printable(f"{RED}đỏ\x1b[0m") == "\\x1b[31mđỏ\\x1b[0m"
    assert printable("a\rb\x07c\x7fd\x9b2Je") == "a\\x0db\\x07c\\x7fd\\x9b2Je"  # CR, BEL, DEL, C1 CSI
    assert printable("abc\u202edef\u2066g\u2069") == "abc\\u202edef\\u2066g\\u2069"
    assert printable("Xã Mường Nhé\n\tdòng 2 — 48,14 %") == "Xã Mường Nhé\n\tdòng 2 — 48,14 %"
    assert printable(printable(RED)) == printable(RED)  # nothing left to escape


def test_problem_render_never_carries_a_control_character():
    problem = Problem(
        vi=f"cột {RED}x không rõ",
        en=f"column {RED}x unknown",
        file="a\u202etxt.csv",
        row=2,
        column=f"{RED}x\rY",
        value="\x1b]0;title\x07",
    )
    for lang in ("vi", "en"):
        text = problem.render(lang)
        assert not OBEYED.search(text), repr(text)
        assert "\\x1b[31mx\\x0dY" in text and "a\\u202etxt.csv" in text
    assert not OBEYED.search(str(InputError(problem)))


def _csv(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_cli_import_note_with_an_escape_in_a_header(tmp_path, capsys):
    """A note naming a column (decimal commas read) shows the header's escape as text."""
    source = _csv(tmp_path, "khao_sat.csv", f"gso_code;year;{RED}ty le\n03124;2020;48,14\n")
    assert main(["--lang", "en", "import", str(source), "--project", str(tmp_path / "p.gpkg")]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err + captured.out
    assert "column \\x1b[31mty le: numbers with Vietnamese decimal commas" in captured.err


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        (
            f"bad{RED}.csv",
            f"gso_code,year,{RED}x,{RED}X\n03124,2020,1,2\n",
            "column \\x1b[31mX: duplicate column header",
        ),
        (
            "bad\u202ecsv.txt.csv",
            "gso_code,year,poor_hh_rate_pct\n03124,2020,5\n03127,2020,6\n03130,2020,\x1b[2J\x1b[Hxx\n",
            "value '\\x1b[2J\\x1b[Hxx': not a number",
        ),
    ],
)
def test_cli_refusal_with_escapes_in_file_name_header_and_value(tmp_path, capsys, name, text, shown):
    source = _csv(tmp_path, name, text)
    assert main(["--lang", "en", "import", str(source), "--project", str(tmp_path / "p.gpkg")]) == 2
    err = capsys.readouterr().err
    assert err and not OBEYED.search(err), repr(err)
    assert printable(name) in err and shown in err, err


def test_a_long_list_shows_its_first_ten_names_and_says_how_many_more():
    names = [f"lop_{i}" for i in range(13)]
    shown = "lop_0, lop_1, lop_2, lop_3, lop_4, lop_5, lop_6, lop_7, lop_8, lop_9"
    assert listing(names, "en") == shown + " … and 3 more"
    assert listing(names, "vi") == shown + " … và 3 mục khác"
    assert listing(names[:11], "en") == shown + " … and 1 more"
    assert listing(names[:10], "en") == shown  # ten: none left out
    assert listing(["a.shp"], "vi") == "a.shp" and listing([], "en") == ""


def test_a_quoted_error_text_keeps_160_characters():
    assert quoted("x" * 160) == "x" * 160
    assert quoted("y" * 161) == "y" * 159 + "…"
    assert quoted("lỗi") == "lỗi"

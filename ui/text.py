"""Text from files and projects shown as text on a page: no Markdown, HTML, link, image, icon or control character."""

from __future__ import annotations

import re

from geo.text import printable

#: Every ASCII punctuation character: CommonMark shows a backslash-escaped one as itself, never as syntax.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: Where GitHub-flavoured Markdown would still turn plain text into a link after parsing: ``http://``, ``www.`` and
#: e-mail addresses (escapes do not stop it); an invisible word joiner there breaks the pattern, not the text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"
#: Spaces or tabs opening a line (four would start a code block, where escapes show): no-break spaces instead.
_INDENT = re.compile(r"^[ \t]+")


def escape_markdown(text: object) -> str:
    """Return ``text`` so that ``st.markdown``, ``st.info``/``warning``/``error``/``success``, ``st.caption`` and
    ``st.table`` cells show it literally: a header ``![x](http://…)`` stays those characters (no image is fetched,
    no link is made), ``<b>``, ``**``, ``:red[…]``, ``$…$`` stay as typed, control characters and bidi overrides show
    as escapes (:func:`geo.text.printable`) and line breaks stay line breaks.

    Use it for every value that comes from a user's file or project (names, headers, notes, problems, paths).
    A missing value (None, NaN) is empty.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = _AUTOLINK.sub(WORD_JOINER, printable(text))
    lines = (_INDENT.sub(lambda m: "\u00a0" * len(m.group()), line) for line in text.split("\n"))
    return "  \n".join(_PUNCTUATION.sub(r"\\\1", line) for line in lines)

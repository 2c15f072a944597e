"""Text from files and projects shown as text on a page: no Markdown, HTML, link, image, icon or control
character."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from geo.archives import DEFAULT_LIMITS, format_mib
from geo.text import printable

if TYPE_CHECKING:
    from ui.context import PageContext

#: Every ASCII punctuation character: CommonMark shows a backslash-escaped one as itself, never as syntax.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: Where GitHub-flavoured Markdown would still turn plain text into a link after parsing: ``http://``,
#: ``www.`` and e-mail addresses (escapes do not stop it); an invisible word joiner there breaks the pattern,
#: not the text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"
#: Spaces or tabs opening a line (four would start a code block, where escapes show): no-break spaces instead.
_INDENT = re.compile(r"^[ \t]+")


def escape_markdown(text: object) -> str:
    """Return ``text`` so that ``st.markdown``, ``st.info``/``warning``/``error``/``success``, ``st.caption``
    and ``st.table`` cells show it literally: a header ``![x](http://…)`` stays those characters (no image
    is fetched, no link is made), ``<b>``, ``**``, ``:red[…]``, ``$…$`` stay as typed, control characters
    and bidi overrides show as escapes (:func:`geo.text.printable`) and line breaks stay line breaks.

    Use it for every value that comes from a user's file or project (names, headers, notes, problems, paths).
    A missing value (None, NaN) is empty.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = _AUTOLINK.sub(WORD_JOINER, printable(text))
    lines = (_INDENT.sub(lambda m: "\u00a0" * len(m.group()), line) for line in text.split("\n"))
    return "  \n".join(_PUNCTUATION.sub(r"\\\1", line) for line in lines)


def uploader_style(ctx: PageContext, types: Iterable[str]) -> str:
    """CSS that replaces the upload widget's own English ("Upload", "200MB per file • CSV, ...") by the page's
    language: Streamlit has no translation of it, so its text is hidden and ours drawn in its place
    (``types``: the file types the widget accepts, as its ``type=``)."""
    button = json.dumps(ctx.t("upload_button"), ensure_ascii=False)
    limit = json.dumps(
        ctx.t("upload_limit").format(
            limit=format_mib(DEFAULT_LIMITS.max_upload_bytes, ctx.lang),
            types=", ".join(t.upper() for t in types),
        ),
        ensure_ascii=False,
    )
    button_css = (
        '[data-testid="stFileUploaderDropzone"] > span > button[data-testid="stBaseButton-secondary"]'
    )
    return (
        f"<style>{button_css} {{font-size: 0 !important;}}{button_css}::after {{content: {button}; "
        f"font-size: 0.875rem; line-height: 1.6;}}{button_css} * {{display: none !important;}}"
        f'[data-testid="stFileUploaderDropzoneInstructions"] * {{display: none !important;}}'
        f'[data-testid="stFileUploaderDropzoneInstructions"]::after {{content: {limit}; font-size: 0.8rem;'
        f" color: rgba(49, 51, 63, 0.6);}}</style>"
    )

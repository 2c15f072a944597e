"""Text from files made safe to show: control characters and bidi overrides become visible escapes."""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings/overrides (U+202A–U+202E) and
#: isolates (U+2066–U+2069): a terminal would obey them (colours, cursor moves, a rewritten line) and a
#: browser would reorder text.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    r"""Return ``text`` as a string whose control characters are shown, not obeyed.

    Every character of :data:`UNSAFE_CHARACTERS` becomes its Python escape (ESC → ``\x1b``, CR → ``\x0d``,
    U+202E → ``\u202e``); newline and tab stay; everything else, Vietnamese included, is unchanged.
    """
    return UNSAFE_CHARACTERS.sub(_escape, str(text))

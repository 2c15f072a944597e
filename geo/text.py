"""Text made safe and short to show: control characters shown as escapes, long lists and quotes cut."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.messages import msg
from geo.vocab import Lang

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


#: How many items (names, warnings) a message lists before it says how many more there are.
LISTED = 10
#: How many characters of a library's own error text a message quotes.
QUOTED = 160


def listing(items: Sequence[object], lang: Lang) -> str:
    """Return the first :data:`LISTED` items joined by ", ", then "… and N more" when some are left out.

    Examples
    --------
    >>> listing(["a.shp", "b.kml"], "en")
    'a.shp, b.kml'
    >>> listing([f"l{i}" for i in range(13)], "en")
    'l0, l1, l2, l3, l4, l5, l6, l7, l8, l9 … and 3 more'
    """
    shown = ", ".join(str(item) for item in items[:LISTED])
    left = len(items) - LISTED
    return f"{shown} {msg('txt_and_more', lang, n=left)}" if left > 0 else shown


def quoted(text: str) -> str:
    """Return ``text`` cut to :data:`QUOTED` characters, the last of them "…" when it was longer."""
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"

"""The one message catalogue: every string a user sees, ``key -> (vi, en)``.

Each domain keeps its messages in a module of this package (``app``, ``exports``, ``scorecard`` ...), as a
dict named ``MESSAGES``; they are merged here once, and a key defined by two modules is an error at import
(one key, one text).  A new page or feature adds its own module and names it in :data:`DOMAINS`.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType

from geo.vocab import Lang

DEFAULT_LANG: Lang = "vi"

#: The modules of this package that hold messages, in the order they are merged.
DOMAINS = (
    "app",
    "exports",
    "scorecard",
    "provenance",
    "columns",
    "access",
    "importing",
    "exporting",
    "flagging",
    "resettlement",
    "exports_extra",
    "programmes",
    "names",
    "access_map",
    "scorecard_levels",
    "map",
    "text",
)


class DuplicateMessage(ValueError):
    """Two domain modules define the same key."""


def merge(tables: dict[str, dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """Merge ``{domain: {key: (vi, en)}}`` into one table.

    A key in two domains raises :class:`DuplicateMessage`.
    """
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for domain, table in tables.items():
        for key, pair in table.items():
            if key in merged:
                raise DuplicateMessage(f"message {key!r} is defined in both {owner[key]!r} and {domain!r}")
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise TypeError(f"message {key!r} in {domain!r} is not a (vi, en) pair of strings")
            merged[key] = pair
            owner[key] = domain
    return merged


def _load() -> dict[str, tuple[str, str]]:
    return merge({d: importlib.import_module(f"{__name__}.{d}").MESSAGES for d in DOMAINS})


#: Every message, read-only.
MESSAGES = MappingProxyType(_load())


def has(key: str) -> bool:
    """Whether ``key`` is a message of the catalogue."""
    return key in MESSAGES


def msg(key: str, lang: Lang = DEFAULT_LANG, /, **fields: object) -> str:
    """Return message ``key`` in ``lang`` (``"vi"`` unless ``"en"``), with ``{fields}`` filled in when given.

    An unknown key is returned as is, so a missing message shows up on screen instead of failing the page.
    """
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**fields) if fields else text

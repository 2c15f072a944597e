"""Vietnamese place names and GSO administrative codes: folding, prefixes, code normalisation."""

from __future__ import annotations

import re
import unicodedata

# Administrative prefixes, longest first, in folded (ASCII, lower-case) form.
_PREFIXES = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "phuong",
    "huyen",
    "tinh",
    "xa",
    "tp.",
    "tp",
    "tt.",
    "tt",
    "tx.",
    "tx",
    "h.",
    "x.",
    "p.",
)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z. ]+")


def fold_text(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, single-spaced.

    Composed and decomposed Unicode, and old vs new tone-mark placement
    (Hoà / Hòa), fold to the same string: ``fold_text("Mường Nhé") == "muong nhe"``.
    """
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()


def strip_admin_prefix(folded: str) -> str:
    """Remove a leading administrative prefix (xã, X., thị trấn, TT, phường, P. ...) from folded text."""
    for prefix in _PREFIXES:
        if folded.startswith(prefix + " ") or (prefix.endswith(".") and folded.startswith(prefix)):
            rest = folded[len(prefix):].strip()
            if rest:
                return rest
    return folded


def name_key(name: str) -> str:
    """Return the comparison key of an administrative name: folded, prefix removed, punctuation dropped."""
    folded = strip_admin_prefix(fold_text(name))
    folded = _NON_WORD.sub(" ", folded).replace(".", " ")
    return _SPACES.sub(" ", folded).strip()


def normalize_gso_code(value: object, *, digits: int = 5) -> str | None:
    """Return a GSO code zero-padded to ``digits`` digits, or ``None`` when ``value`` is not a code.

    Integers and floats without leading zeros are accepted (``3124`` and ``3124.0`` give ``"03124"``).
    """
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer():  # NaN or fractional
            return None
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > digits:
        return None
    return text.zfill(digits)


def matches_query(name: str, query: str) -> bool:
    """True when every word of ``query`` (diacritics optional) starts a word of ``name``, in order-free fashion."""
    name_words = fold_text(name).split()
    return all(any(w.startswith(q) for w in name_words) for q in fold_text(query).split())

"""Vietnamese place names and GSO administrative codes: folding, prefixes, code normalisation."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
            rest = folded[len(prefix) :].strip()
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
    """Return True when every word of ``query`` (diacritics optional) starts a word of ``name``, any order."""
    return not fold_text(query).split() or find_name([name], query) is not None


_SHORT_TYPES = (("thanh pho ", "TP "), ("thi xa ", "TX "), ("thi tran ", "TT "), ("huyen ", ""))


def short_admin_name(name: str) -> str:
    """Return a district or commune name as a map label writes it.

    "Huyện Mường Nhé" -> "Mường Nhé", "Thành phố Điện Biên Phủ" -> "TP Điện Biên Phủ",
    "Thị Xã Mường Lay" -> "TX Mường Lay".
    """
    text = _SPACES.sub(" ", str(name)).strip()
    folded = fold_text(text)
    for kind, short in _SHORT_TYPES:
        if folded.startswith(kind) and len(folded) > len(kind):
            return short + text[len(kind) :].strip()
    return text


# --- one name, several spellings
# ------------------------------------------------------------------------------------


def spelling_key(name: str) -> str:
    """Return the key of a name given without its administrative type: folded, punctuation dropped.

    Nothing is stripped (``spelling_key("Xá Tổng") == "xa tong"``, where :func:`official_key` would take "Xá"
    for the prefix Xã).
    """
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold_text(name))).strip()


def spelling_groups(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Return ``key -> every key of the same name`` from ``(name, variant)`` pairs.

    The names are given without their administrative type; keys are as :func:`spelling_key` gives them.

    A name and its variant are one name both ways: ``spelling_groups([("Phu Luông", "Pu Luông")])`` maps both
    ``"phu luong"`` and ``"pu luong"`` to ``("phu luong", "pu luong")``.
    """
    groups: dict[str, set[str]] = {}
    for name, variant in pairs:
        keys = {spelling_key(name), spelling_key(variant)} - {""}
        merged = set(keys).union(*(groups.get(k, set()) for k in keys))
        for key in merged:
            groups[key] = merged
    return {key: tuple(sorted(group)) for key, group in groups.items()}


def spellings(name: str, groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Return ``name`` folded, then folded with each other known spelling of it.

    Its administrative prefix is kept.

    ``spellings("Xã Pu Luông", groups) == ("xa pu luong", "xa phu luong")`` when the groups know Phu/Pu Luông.
    """
    folded = fold_text(name)
    base = official_key(name)
    found = [folded]
    for other in groups.get(base, ()):
        candidate = folded[: len(folded) - len(base)] + other if base and folded.endswith(base) else other
        if candidate not in found:
            found.append(candidate)
    return tuple(found)


def find_name(
    names: Sequence[str], query: str, *, groups: Mapping[str, tuple[str, ...]] | None = None
) -> str | None:
    """Return the first of ``names`` that ``query`` finds, or ``None``.

    A name is found when every word of the query (diacritics optional) starts a word of the name or of one of
    its known spellings (``groups``, from :func:`spelling_groups`): "phu luong" finds "Xã Pu Luông" when
    Phu/Pu Luông are one name. ``names`` are the names of one place (official, census spelling, former names
    ...), best first.
    """
    words = fold_text(query).split()
    if not words:
        return None
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        for spelled in spellings(name, groups or {}):
            name_words = spelled.split()
            if all(any(w.startswith(q) for w in name_words) for q in words):
                return name
    return None


# --- matching user-typed commune names against a reference list
# -------------------------------------------------

_PUNCT = re.compile(r"[^0-9a-z ]+")


def name_keys(name: str) -> tuple[str, ...]:
    """Return the comparison keys of a typed name: administrative prefix removed, then kept.

    Both are needed because some names start like a prefix ("Xá Tổng", "Xa Dung" fold to "xa ..."):
    ``name_keys("Xã Xá Tổng") == ("xa tong", "xa xa tong")`` and
    ``name_keys("Xá Tổng") == ("tong", "xa tong")``.
    """
    folded = fold_text(name)
    keys = []
    for candidate in (strip_admin_prefix(folded), folded):
        key = _SPACES.sub(" ", _PUNCT.sub(" ", candidate.replace(".", ". "))).strip()
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def official_key(name: str, admin_type: str | None = None) -> str:
    """Return the key of an official name, removing exactly its known type.

    For example ``"Xã Xá Tổng"``, ``"Xã"`` → ``"xa tong"``.
    """
    folded = fold_text(name)
    if admin_type:
        kind = fold_text(admin_type)
        if folded.startswith(kind + " "):
            folded = folded[len(kind) + 1 :]
    else:
        folded = strip_admin_prefix(folded)
    return _SPACES.sub(" ", _PUNCT.sub(" ", folded)).strip()


@dataclass(frozen=True)
class NameMatch:
    """Outcome of matching one typed name.

    ``status`` is ``"matched"`` (``code`` set), ``"ambiguous"`` (``candidates`` are the codes it could be) or
    ``"unmatched"`` (``suggestions`` are the closest official names, best first).
    """

    status: str
    code: str | None = None
    candidates: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()


class CommuneNameIndex:
    """Look-up of official commune names (optionally within a district) by their folded keys.

    Parameters
    ----------
    codes, names, types, districts
        Parallel sequences from a GSO list: commune code, official name, type (Xã/Phường/Thị trấn) and
        district name.
    """

    def __init__(
        self,
        codes: Sequence[str],
        names: Sequence[str],
        types: Sequence[str | None],
        districts: Sequence[str | None],
    ):
        self.label: dict[str, str] = {}
        self._by_key: dict[str, list[str]] = {}
        self._district_of: dict[str, str] = {}
        self._district_keys: set[str] = set()
        for code, name, kind, district in zip(codes, names, types, districts, strict=True):
            key = official_key(name, kind)
            self._by_key.setdefault(key, []).append(code)
            dkey = name_key(district) if district else ""
            self._district_of[code] = dkey
            self._district_keys.add(dkey)
            self.label[code] = f"{name} ({district})" if district else str(name)

    def match(self, name: str, district: str | None = None) -> NameMatch:
        """Match one typed commune name, restricted to ``district`` when it is given and known."""
        dkey = name_key(district) if district and str(district).strip() else ""
        if dkey and dkey not in self._district_keys:
            dkey = ""  # an unknown district name does not block a unique commune name
        found: list[str] = []
        for key in name_keys(name):
            codes = [c for c in self._by_key.get(key, []) if not dkey or self._district_of[c] == dkey]
            if codes:
                found = codes
                break
        if len(found) == 1:
            return NameMatch("matched", code=found[0])
        if len(found) > 1:
            return NameMatch("ambiguous", candidates=tuple(found))
        return NameMatch("unmatched", suggestions=self.suggest(name))

    def suggest(self, name: str, *, n: int = 3) -> tuple[str, ...]:
        """Return up to ``n`` official names closest to ``name`` (difflib ratio on folded keys)."""
        keys = name_keys(name)
        if not keys:
            return ()
        close = difflib.get_close_matches(keys[0], list(self._by_key), n=n, cutoff=0.5)
        return tuple(self.label[code] for key in close for code in self._by_key[key])[:n]

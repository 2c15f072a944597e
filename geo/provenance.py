"""The provenance every layer carries (source, licence, vintage, illustrative).

Layers are embedded, or imported into a project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.i18n import format_datetime
from geo.messages import MESSAGES, has, msg
from geo.vocab import Lang


@dataclass(frozen=True)
class LayerSource:
    """Provenance of one layer, carried to every map, table and export that shows it.

    An embedded layer fills the first five fields; a layer read from the user's project also records its
    import (``source_file``, ``imported_at``, ``note``, ``version``).
    """

    key: str
    source: str
    licence: str
    vintage: str
    illustrative: bool
    source_file: str = ""
    imported_at: str = ""
    note: str = ""
    version: int = 0

    def credit(self, lang: Lang | None = None) -> str:
        """Short credit line: source, licence, vintage, and the illustrative mark when due.

        With ``lang``, each part the catalogue knows (:mod:`geo.messages.provenance`) is in that language;
        without, the texts as the provenance holds them.
        """
        mark = " — DỮ LIỆU MINH HỌA / ILLUSTRATIVE" if self.illustrative else ""
        parts: tuple[str, ...] = (self.licence, self.vintage)
        if lang is not None:
            parts = tuple(provenance_text(part, lang) for part in parts)
        return "; ".join((self.source_text(lang), *parts)) + mark

    def source_text(self, lang: Lang | None = None) -> str:
        """Return the source and, for a layer of the user's project, the import that brought it in.

        The import: file, date and time of the import (local time, :func:`geo.i18n.format_datetime`) and the
        user's note, worded in ``lang``.

        Without ``lang``, the source as the provenance holds it and the import worded in English.
        """
        text = self.source if lang is None else provenance_text(self.source, lang)
        if not self.source_file:
            return text
        words: Lang = lang or "en"
        return (
            text
            + " "
            + msg(
                "imported_from_file",
                words,
                file=self.source_file,
                when=format_datetime(self.imported_at, words),
                note=f"; {self.note}" if self.note else "",
            )
        )


#: English provenance text -> its message key (geo/messages/provenance.py).
_PROVENANCE_KEYS = {en: key for key, (_, en) in MESSAGES.items() if key.startswith("prov_")}


def provenance_text(text: str, lang: Lang) -> str:
    """Return a provenance text (source, licence, vintage) in ``lang`` when the catalogue has it.

    Else the text is returned as it is.
    """
    key = _PROVENANCE_KEYS.get(text)
    if key is None:
        return text
    vi, en = MESSAGES[key]
    return en if lang == "en" else vi


def illustrative_note(sources: Iterable[LayerSource], lang: Lang) -> str | None:
    """Name the illustrative layers among ``sources`` (by their ``src_<key>`` names).

    ``None`` when all are real.  Built from each layer's own provenance, so a project's real survey is never
    called illustrative.
    """
    names = dict.fromkeys(
        msg(f"src_{src.key}", lang) if has(f"src_{src.key}") else src.key
        for src in sources
        if src.illustrative
    )
    return msg("illustrative_inputs", lang, layers=", ".join(names)) if names else None

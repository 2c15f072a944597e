"""The provenance every layer carries (source, licence, vintage, illustrative), embedded or imported into a project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayerSource:
    """Provenance of one layer, carried to every map, table and export that shows it.

    An embedded layer fills the first five fields; a layer read from the user's project also records its import
    (``source_file``, ``imported_at``, ``note``, ``version``).
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

    def credit(self) -> str:
        """Short credit line: source, licence, vintage, and the illustrative mark when due."""
        mark = " — DỮ LIỆU MINH HỌA / ILLUSTRATIVE" if self.illustrative else ""
        return f"{self.source}; {self.licence}; {self.vintage}{mark}"

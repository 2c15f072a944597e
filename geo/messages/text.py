"""Messages of the text helpers (geo/text.py): the end of a list cut short."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "txt_and_more": ("… và {n} mục khác", "… and {n} more"),
}

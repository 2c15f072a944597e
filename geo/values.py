"""Yes/no answers typed in cells: the one vocabulary every importer and loader reads (``parse_yes_no``)."""

from __future__ import annotations

import re

import pandas as pd

from geo.names import fold_text

#: Answers read as yes / no, compared without diacritics, case or extra spaces ("CÓ", "Co", "có" are one
#: answer). Numbers 1 and 0 (also 1.0 and 0.0, and spreadsheet TRUE/FALSE cells) are answers too.
YES_WORDS = ("có", "yes", "y", "true", "x", "đạt", "1")
NO_WORDS = ("không", "no", "n", "false", "chưa", "chưa đạt", "không đạt", "0")
_YES = frozenset(fold_text(word) for word in YES_WORDS)
_NO = frozenset(fold_text(word) for word in NO_WORDS)
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+(\.0*)?$")


def answer_text(value: object) -> str:
    """Return a cell as the folded text its answer is looked up by.

    A blank cell gives ``""``; whole numbers are written as ``"1"``/``"0"``.

    Parameters
    ----------
    value
        A cell as read: text, a number, a boolean, or a missing value (``None``, NaN, ``pd.NA``).

    Returns
    -------
    str
        Lower-case text without diacritics and with single spaces (``_`` counts as a space); a number that is
        not whole gives ``"?"`` (never an answer).
    """
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        if value != value:
            return ""
        return str(int(value)) if float(value).is_integer() else "?"
    text = " ".join(fold_text(str(value)).replace("_", " ").split())
    if _WHOLE_NUMBER.match(text):
        return str(int(float(text)))
    return text


def parse_yes_no(value: object) -> bool | None:
    """Return ``True`` for a yes, ``False`` for a no, ``None`` for a blank cell or anything else.

    A caller that must refuse a cell that is neither blank nor an answer tells the two apart with
    ``answer_text(value) == ""``.

    Parameters
    ----------
    value
        A cell as read (see :func:`answer_text`).

    Returns
    -------
    bool or None
        The answer, per :data:`YES_WORDS` and :data:`NO_WORDS`.
    """
    text = answer_text(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None

"""Visible strings in Vietnamese (default) and English, and Vietnamese number formatting."""

from __future__ import annotations

import math

from geo.messages import DEFAULT_LANG, LANGS, msg

__all__ = ["DEFAULT_LANG", "LANGS", "format_km", "format_number", "format_percent", "t"]


def t(key: str, lang: str = DEFAULT_LANG) -> str:
    """Return the visible string ``key`` in ``lang`` (an unknown key is returned as is)."""
    return msg(key, lang)


def format_number(value: float | int | None, lang: str = DEFAULT_LANG, *, decimals: int = 0) -> str:
    """Format a number the way each language writes it: Vietnamese ``127.667`` and ``48,14``; English ``127,667``, ``48.14``.

    ``None`` and NaN give an empty string (never a made-up number).
    """
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return ""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")


def format_percent(value: float | None, lang: str = DEFAULT_LANG, *, decimals: int = 2) -> str:
    """Format a percentage: ``48,14 %`` in Vietnamese, ``48.14%`` in English; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    if not text:
        return ""
    return f"{text} %" if lang == "vi" else f"{text}%"


def format_km(value: float | None, lang: str = DEFAULT_LANG, *, decimals: int = 1) -> str:
    """Format a distance in kilometres with the unit; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    return f"{text} km" if text else ""

"""Visible strings in Vietnamese (default) and English, and Vietnamese number formatting."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from geo.messages import DEFAULT_LANG, has, msg
from geo.vocab import Lang

__all__ = [
    "DEFAULT_LANG",
    "column_title",
    "format_datetime",
    "format_km",
    "format_number",
    "format_percent",
    "format_threshold",
    "t",
]


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """Return the visible string ``key`` in ``lang`` (an unknown key is returned as is)."""
    return msg(key, lang)


def column_title(column: str, lang: Lang = DEFAULT_LANG) -> str:
    """Return the name a planner reads for data column ``column``, else the column as is.

    The name is message ``col_<column>``.
    """
    key = f"col_{column}"
    return msg(key, lang) if has(key) else str(column)


def layer_name(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """Return the name of data layer ``key`` (message ``layer_<key>``), else the key as is."""
    name = f"layer_{key}"
    return msg(name, lang) if has(name) else key


def format_number(value: float | int | None, lang: Lang = DEFAULT_LANG, *, decimals: int = 0) -> str:
    """Format a number the way each language writes it.

    Vietnamese ``127.667`` and ``48,14``; English ``127,667``, ``48.14``.  ``None`` and NaN give an empty
    string (never a made-up number).
    """
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return ""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")


def format_percent(value: float | None, lang: Lang = DEFAULT_LANG, *, decimals: int = 2) -> str:
    """Format a percentage: ``48,14 %`` in Vietnamese, ``48.14%`` in English; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    if not text:
        return ""
    return f"{text} %" if lang == "vi" else f"{text}%"


def format_threshold(value: float, lang: Lang = DEFAULT_LANG) -> str:
    """Format a threshold as a planner typed it.

    It has no trailing zeros (``0.5``, ``3``), and the decimal comma in Vietnamese.
    """
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "vi" else text


def format_km(value: float | None, lang: Lang = DEFAULT_LANG, *, decimals: int = 1) -> str:
    """Format a distance in kilometres with the unit; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    return f"{text} km" if text else ""


#: The province's time zone: dates and times are shown in it, whatever the server's zone.
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def format_datetime(stamp: str | None, lang: Lang = DEFAULT_LANG) -> str:
    """Format an ISO 8601 time stamp (as the project stores it, in UTC) in local time (Asia/Ho_Chi_Minh).

    ``01/12/2026 09:30`` in Vietnamese, ``2026-12-01 09:30`` in English.  A stamp without a zone is taken as
    UTC; an empty or unreadable one is returned as it is.
    """
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone(LOCAL_ZONE)
    return local.strftime("%Y-%m-%d %H:%M" if lang == "en" else "%d/%m/%Y %H:%M")

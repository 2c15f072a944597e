"""What every page receives from app.py: the language and the shared choices of the sidebar."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.flags import FlagThresholds
from geo.messages import msg


@dataclass(frozen=True)
class PageContext:
    """Shared choices: language, unit set (``pre2025``/``2025``), survey year, project file, flag thresholds.

    ``project`` is the file of the project chosen by name on the Import page, worked out by app.py on the
    server.
    """

    lang: str = "vi"
    units: str = "pre2025"
    year: int = 2020
    project: str | None = None
    thresholds: FlagThresholds = field(default_factory=FlagThresholds)

    def t(self, key: str, **fields: object) -> str:
        """Translate ``key`` into the page language, with ``{fields}`` filled in when given."""
        return msg(key, self.lang, **fields)

    def yes_no(self, value: object) -> str:
        """An answer as the page shows it: "có" / "không" (yes / no), "không có số liệu" when unknown."""
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return self.t("no_data")
        return self.t("yes") if bool(value) else self.t("no")

"""The downloadable template of a programme member list: every commune of a unit set, ready to tick."""

from __future__ import annotations

import pandas as pd

from layers.imports import admin_reference
from layers.programme_import import TEMPLATE_COLUMNS
from layers.programmes import PROGRAMMES
from report.cells import csv_text


def programme_template_table(*, units: str = "pre2025", programme: str = "p135_2017_2020") -> pd.DataFrame:
    """Return the template rows: every commune of ``units`` with ``programme`` and its period filled in.

    The user writes ``có`` in ``member`` for the communes on the list (and the year they entered, if known);
    rows left blank are not on the list (:func:`layers.programme_import.import_programme_table`).
    """
    reference = admin_reference(units)
    chosen = next((p for p in PROGRAMMES if p.key == programme), None)
    period = f"{chosen.period[0]}-{chosen.period[1]}" if chosen is not None and chosen.period else ""
    table = pd.DataFrame(
        {
            "gso_code": reference["gso_code"],
            "commune": reference["commune"],
            "district": reference["district"],
            "programme": programme,
            "period": period,
            "year": "",
            "member": "",
        }
    )
    return table[TEMPLATE_COLUMNS]


def programme_template_csv(*, units: str = "pre2025", programme: str = "p135_2017_2020") -> bytes:
    """Return :func:`programme_template_table` as CSV bytes (UTF-8 with a byte-order mark, so Excel shows the
    names)."""
    return csv_text(programme_template_table(units=units, programme=programme)).encode("utf-8-sig")

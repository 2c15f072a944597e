"""Update a commune survey with a partial table.

The communes and columns it gives change, everything else stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.values import parse_yes_no

#: Columns that identify a row or describe it; every other column is a value.
KEY_COLUMNS = ("gso_code", "year")
DESCRIPTIVE_COLUMNS = ("commune", "district", "district_code", "provenance", "unit_id")


@dataclass(frozen=True)
class SurveyUpdate:
    """The survey after an import, and what the import changed in it (said to the user before saving).

    ``rows_*`` count (commune, year) rows; ``cells_updated`` counts values that changed; ``columns_updated``
    lists the columns with at least one changed value, ``columns_added`` those new to the survey.
    """

    frame: pd.DataFrame
    rows_updated: int
    rows_added: int
    rows_unchanged: int
    rows_removed: int
    cells_updated: int
    columns_updated: tuple[str, ...]
    columns_added: tuple[str, ...]
    replaced: bool

    @property
    def changes_anything(self) -> bool:
        """True when saving would change the survey."""
        return bool(self.rows_updated or self.rows_added or self.rows_removed or self.columns_added)


def value_columns(frame: pd.DataFrame) -> list[str]:
    """Return the value columns of a survey frame (not its keys, names or provenance)."""
    return [c for c in frame.columns if c not in KEY_COLUMNS and c not in DESCRIPTIVE_COLUMNS]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _same(a: object, b: object) -> bool:
    if _missing(a) and _missing(b):
        return True
    if _missing(a) or _missing(b):
        return False
    # answers: 1, "có" and True are one yes
    if isinstance(a, bool | np.bool_) or isinstance(b, bool | np.bool_):
        answer = parse_yes_no(a)
        return answer is not None and answer == parse_yes_no(b)
    if isinstance(a, int | float | np.number) and isinstance(b, int | float | np.number):
        return bool(np.isclose(float(a), float(b), rtol=0, atol=1e-9))
    return a == b


def _provenance(updated: list[str], source: str, previous: str) -> str:
    """Return the provenance of a row whose ``updated`` columns now come from ``source``.

    The rest comes from ``previous``.
    """
    if not previous:
        return source
    return f"{', '.join(updated)}: {source}; other columns: {previous}"


def update_survey(
    base: pd.DataFrame, incoming: pd.DataFrame, *, source: str, replace: bool = False
) -> SurveyUpdate:
    """Return ``base`` updated with ``incoming``, keyed by (``gso_code``, ``year``).

    Rules (stated in the README):

    1. A value that ``incoming`` gives (not empty) replaces the value of the same commune, year and column; an
       empty cell in ``incoming`` never erases a value.
    2. Communes, years and columns that ``incoming`` does not give are kept as they are, with their
    provenance.
    3. A (commune, year) row new to ``base`` is added; a column new to ``base`` is added (empty for other
    rows).
    4. The ``provenance`` of a changed row names the changed columns and ``source``, then the row's earlier
       provenance for the other columns.
    5. With ``replace=True`` the result is ``incoming`` alone (every row of ``base`` not in it is removed),
       which the user asks for explicitly.
    """
    columns = value_columns(incoming)
    if replace or base is None or base.empty:
        frame = incoming.copy()
        frame["provenance"] = source
        existing = (
            set() if base is None or base.empty else set(zip(base["gso_code"], base["year"], strict=True))
        )
        new_keys = set(zip(frame["gso_code"], frame["year"], strict=True))
        return SurveyUpdate(
            frame=frame.reset_index(drop=True),
            rows_updated=len(new_keys & existing),
            rows_added=len(new_keys - existing),
            rows_unchanged=0,
            rows_removed=len(existing - new_keys),
            cells_updated=int(frame[columns].notna().sum().sum()),
            columns_updated=tuple(columns),
            columns_added=(),
            replaced=True,
        )
    frame = base.copy().reset_index(drop=True)
    added_columns = tuple(c for c in columns if c not in frame.columns)
    for column in added_columns:
        frame[column] = pd.Series(
            [None] * len(frame), dtype=incoming[column].dtype if incoming[column].dtype == float else object
        )
    for (
        column
    ) in columns:  # whole-number columns take the table's decimals (households are counts stored as floats)
        if column in base.columns and pd.api.types.is_integer_dtype(frame[column]):
            frame[column] = frame[column].astype("float64")
    position = {key: i for i, key in enumerate(zip(frame["gso_code"], frame["year"], strict=True))}
    changed_columns: set[str] = set()
    rows_updated = cells_updated = 0
    new_rows = []
    for _, row in incoming.iterrows():
        key = (row["gso_code"], row["year"])
        given = [c for c in columns if not _missing(row[c])]
        if key not in position:
            new_rows.append(
                {
                    **{c: row[c] for c in incoming.columns if c in (*KEY_COLUMNS, *DESCRIPTIVE_COLUMNS)},
                    **{c: row[c] for c in given},
                    "provenance": source,
                }
            )
            changed_columns.update(given)
            cells_updated += len(given)
            continue
        i = position[key]
        updated = [c for c in given if not _same(frame.at[i, c], row[c])]
        if not updated:
            continue
        for column in updated:
            try:
                frame.at[i, column] = row[column]
            except (TypeError, ValueError):
                # a text where the column held numbers: it keeps both kinds of value
                frame[column] = frame[column].astype(object)
                frame.at[i, column] = row[column]
        previous = frame.at[i, "provenance"] if "provenance" in frame.columns else ""
        frame.at[i, "provenance"] = _provenance(updated, source, "" if _missing(previous) else str(previous))
        changed_columns.update(updated)
        rows_updated += 1
        cells_updated += len(updated)
    if new_rows:
        frame = pd.concat([frame, pd.DataFrame(new_rows)], ignore_index=True)
    return SurveyUpdate(
        frame=frame,
        rows_updated=rows_updated,
        rows_added=len(new_rows),
        rows_unchanged=len(position) - rows_updated,
        rows_removed=0,
        cells_updated=cells_updated,
        columns_updated=tuple(c for c in columns if c in changed_columns),
        columns_added=added_columns,
        replaced=False,
    )

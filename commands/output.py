"""Writing command outputs: CSV through report.tables (named file only, atomic); terminal text through
geo.text."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from geo.text import printable
from report.output import write_bytes_atomically
from report.tables import table_csv_bytes


def write_csv(table: pd.DataFrame, out: str | Path, *, bom: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV atomically; booleans become ``true``/``false``, missing values stay empty,
    text cells are quoted and formula-like text neutralised (:func:`report.tables.table_csv_bytes`)."""
    frame = table.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = frame[column].map({True: "true", False: "false"})
    return write_bytes_atomically(out, table_csv_bytes(frame, bom=bom))


def say(text: object, *, err: bool = False) -> None:
    """Print one message or value line to stdout (or stderr): control characters from file data are shown as
    escapes (``\\x1b``), never sent to the terminal (:func:`geo.text.printable`)."""
    print(printable(text), file=sys.stderr if err else sys.stdout)

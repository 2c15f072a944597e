"""Writing command outputs: CSV with booleans as true/false, through report.output (named file only, atomic)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from report.output import check_out_path, write_atomically

__all__ = ["check_out_path", "write_csv"]


def write_csv(table: pd.DataFrame, out: str | Path, *, bom: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV atomically; booleans become ``true``/``false``, missing values stay empty."""
    frame = table.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = frame[column].map({True: "true", False: "false"})
    return write_atomically(
        out, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8"))

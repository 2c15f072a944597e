"""Choropleth classes for a numeric column: quantiles, natural breaks (Fisher-Jenks) or fixed bands.

The classes are computed by mapclassify.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

SCHEMES = ("quantiles", "natural_breaks", "fixed_bands")
#: Fixed bands of the poor-household rate (%), matching the province's own milestones (33 % target, 48.14 %
#: baseline).
FIXED_POVERTY_BANDS = (10.0, 20.0, 33.0, 48.14, 60.0, 100.0)


@dataclass(frozen=True)
class Classification:
    """Upper bounds of each class, the class of every value (-1 = no data) and the scheme used."""

    scheme: str
    upper_bounds: tuple[float, ...]
    lower_bound: float
    classes: pd.Series

    @property
    def k(self) -> int:
        return len(self.upper_bounds)

    def ranges(self) -> list[tuple[float, float]]:
        """Return (low, high) of every class, in order (empty when there was no data)."""
        if not self.upper_bounds:
            return []
        lows = (self.lower_bound, *self.upper_bounds[:-1])
        return list(zip(lows, self.upper_bounds, strict=True))


def classify_values(
    values: pd.Series,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    bands: tuple[float, ...] = FIXED_POVERTY_BANDS,
) -> Classification:
    """Classify ``values`` (NaN = no data, class -1) with one of :data:`SCHEMES`.

    ``k`` is capped by the number of distinct values; ``bands`` are the upper bounds for ``fixed_bands``.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; choose one of {SCHEMES}")
    data = pd.to_numeric(values, errors="coerce").astype(float)
    known = data.dropna()
    classes = pd.Series(-1, index=values.index, dtype="int64")
    if known.empty:
        return Classification(scheme, (), 0.0, classes)
    distinct = int(known.nunique())
    if scheme == "fixed_bands":
        upper = [b for b in bands if b < known.max()] + [max(float(known.max()), bands[-1])]
        classifier = mapclassify.UserDefined(known.values, bins=upper)
    elif distinct <= 1:
        classifier = mapclassify.UserDefined(known.values, bins=[float(known.max())])
    else:
        with warnings.catch_warnings():
            # mapclassify warns that numba (an optional speed-up) is absent, and lowers k itself when ties
            # leave too few distinct quantiles; both are handled: the legend shows the classes actually made.
            warnings.filterwarnings("ignore", message="Numba not installed")
            warnings.filterwarnings("ignore", message="Not enough unique values")
            if scheme == "quantiles":
                classifier = mapclassify.Quantiles(known.values, k=min(k, distinct))
            else:
                classifier = mapclassify.FisherJenks(known.values, k=min(k, distinct))
    classes.loc[known.index] = np.asarray(classifier.yb, dtype="int64")
    upper_bounds = tuple(float(b) for b in classifier.bins)
    lower = min(float(known.min()), 0.0) if scheme == "fixed_bands" else float(known.min())
    return Classification(scheme, upper_bounds, lower, classes)

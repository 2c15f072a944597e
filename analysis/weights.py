"""Checks of the user's weights and limits.

Every weight a number ≥ 0, not all 0; every limit a number in range.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, TypeGuard

from geo.errors import InputError, Problem


def _is_number(value: object) -> TypeGuard[float]:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def weight_problems(weights: dict[str, object]) -> list[Problem]:
    """Return a problem for each weight that is not a number of 0 or more, or one when they are all 0."""
    problems = [
        Problem(
            vi="trọng số phải là một số không âm (0 = bỏ tiêu chí này).",
            en="a weight must be a number of 0 or more (0 = leave this criterion out).",
            column=f"weight {name}",
            value=str(value),
        )
        for name, value in weights.items()
        if not _is_number(value) or value < 0
    ]
    if not problems and not any(_is_number(value) and value > 0 for value in weights.values()):
        problems.append(
            Problem(
                vi="mọi trọng số đều bằng 0: hãy cho ít nhất một tiêu chí trọng số lớn hơn 0.",
                en="every weight is 0: give at least one criterion a weight above 0.",
                column="weights",
                value="0",
            )
        )
    return problems


def limit_problems(limits: dict[str, object], *, zero_ok: bool = False) -> list[Problem]:
    """Return a problem for each limit that is not a number above 0 (or of 0 or more with ``zero_ok``)."""
    rule_vi, rule_en = ("từ 0 trở lên", "of 0 or more") if zero_ok else ("lớn hơn 0", "above 0")
    return [
        Problem(
            vi=f"phải là một số {rule_vi}.", en=f"must be a number {rule_en}.", column=name, value=str(value)
        )
        for name, value in limits.items()
        if not _is_number(value) or value < 0 or (value == 0 and not zero_ok)
    ]


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`InputError` with every problem, when there is one."""
    if problems:
        raise InputError(problems)


class CriterionWeights:
    """Base of the frozen dataclasses of criterion weights (suitability, village need).

    Each field a weight, checked by :func:`weight_problems` when created, read back as
    ``{criterion: weight}``.
    """

    def _values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        raise_if_any(weight_problems(self._values()))

    def as_dict(self) -> dict[str, float]:
        return {name: float(value) for name, value in self._values().items()}

"""The project's exceptions: one base class, leaves that also inherit the matching builtin."""

from __future__ import annotations

from dataclasses import dataclass

from geo.text import printable
from geo.vocab import Lang


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, said so a planner can act on it.

    ``vi`` and ``en`` are complete sentences (what is wrong and what to do);
    ``file``, ``row``, ``column`` and ``value`` locate it.  ``row`` is the
    1-based row as a spreadsheet program shows it (header = row 1) or the
    feature number for vector files.
    """

    vi: str
    en: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def render(self, lang: Lang = "vi") -> str:
        r"""Return the problem as one line in ``lang`` ("vi" or "en").

        Text from a file (names, headers, values) never carries a working control character: escapes, carriage
        returns and bidi overrides are shown as ``\x1b``, ``\x0d``, ``\u202e`` (:func:`geo.text.printable`).
        """
        where = []
        if self.file:
            where.append(("tệp " if lang == "vi" else "file ") + self.file)
        if self.row is not None:
            where.append(("dòng " if lang == "vi" else "row ") + str(self.row))
        if self.column:
            where.append(("cột " if lang == "vi" else "column ") + self.column)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            where.append(("giá trị " if lang == "vi" else "value ") + repr(shown))
        text = self.vi if lang == "vi" else self.en
        return printable((", ".join(where) + ": " + text) if where else text)


class AppError(Exception):
    """Base of every error this project raises on purpose.

    Carries one or more :class:`Problem`; ``str(error)`` is the English text,
    :meth:`render` gives either language.
    """

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "vi") -> str:
        """Return every problem, one per line, in ``lang``."""
        return "\n".join(p.render(lang) for p in self.problems)

    def __reduce__(self):
        """Pickle with the problems (errors cross from the import sandbox's child process to the app)."""
        return (self.__class__, (self.problems,))


class InputError(ValueError, AppError):
    """A file or value the user brought is wrong (encoding, CRS, geometry, codes...)."""

    def __init__(self, problems: Problem | list[Problem]):
        AppError.__init__(self, problems)


class DataFileError(OSError, AppError):
    """An embedded or project data file is missing or unreadable, or a file cannot be written.

    For instance, the disk is full.
    """

    def __init__(self, problems: Problem | list[Problem]):
        AppError.__init__(self, problems)


class UnknownCommuneError(KeyError, AppError):
    """A commune code or name that the loaded data does not know."""

    def __init__(self, problems: Problem | list[Problem]):
        AppError.__init__(self, problems)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.render("en")


class UnsafeInputError(InputError):
    """An input refused for safety (zip escaping its folder, zip bomb, link, oversize)."""

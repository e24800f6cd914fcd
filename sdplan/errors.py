"""Errors that say exactly what is wrong, in Chinese or English.

A :class:`DataError` carries every :class:`Problem` found in a table at once, so a person
fixing a file sees all of them together, each with file, row, column, the bad value and
what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import t


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of a table.

    ``row`` is the line number a person sees in a spreadsheet (the header is line 1),
    or ``None`` when the problem concerns the whole file or a whole column.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    expected_zh: str
    expected_en: str

    def message(self, lang: str = "zh") -> str:
        """Return a one-line description of the problem in ``lang`` ("zh" or "en")."""
        if lang == "en":
            where = [self.file] + ([f"row {self.row}"] if self.row else []) + (
                [f"column '{self.column}'"] if self.column else []
            )
            got = "" if self.value is None else f": got {self.value!r}"
            return f"{', '.join(where)}{got}; expected {self.expected_en}"
        where = [self.file] + ([f"第 {self.row} 行"] if self.row else []) + (
            [f"“{self.column}”列"] if self.column else []
        )
        got = "" if self.value is None else f":当前值为 {self.value!r}"
        return f"{','.join(where)}{got};应为{self.expected_zh}"


def problem(file: str, row: int | None, column: str | None, value: object, key: str, **values) -> Problem:
    """A :class:`Problem` whose expectation is the catalogue's word ``key`` in both languages.

    ``values`` fill its placeholders; a value that is a function of the language (a list joined
    with ``t("enum_sep", lang)``, say) is called once for each.
    """
    def words(lang: str) -> str:
        return t(key, lang, **{k: v(lang) if callable(v) else v for k, v in values.items()})

    return Problem(file, row, column, value, words("zh"), words("en"))


class DataError(ValueError):
    """A table failed validation; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh", limit: int = 50) -> str:
        """All problems, one per line (at most ``limit``, then a count of the rest)."""
        lines = [p.message(lang) for p in self.problems[:limit]]
        rest = len(self.problems) - limit
        if rest > 0:
            lines.append(f"……另有 {rest} 处问题" if lang == "zh" else f"... and {rest} more problems")
        return "\n".join(lines)


class UnknownKeyError(KeyError):
    """An identifier (indicator, target, region, circle, level) that the catalog does not know."""

    def __init__(self, kind: str, key: object, known: list[str] | tuple[str, ...]):
        self.kind, self.key, self.known = kind, key, list(known)
        shown = ", ".join(self.known[:20]) + (" ..." if len(self.known) > 20 else "")
        super().__init__(f"unknown {kind} {key!r}; known: {shown}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]

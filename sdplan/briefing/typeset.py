"""Line breaking for the printed briefing: numbers kept whole and the Chinese line-breaking rules (禁则).

A number with its decimal point, thousands separators and percent sign ("0.46", "1,040.3", "64.54%")
is never broken; no line starts with closing punctuation (，。、；：？！）” …), which hangs in the
margin instead; no line ends with opening punctuation (（“《), which moves to the next line. Latin
text breaks at spaces only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

OPENING = "\uff08\u300a\u201c\u2018\u3014\u3010\u300c([{"
CLOSING = "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\uff09\u300b\u201d\u2019\u3015\u3011\u300d%\u2030),.;:?!]}\u2026"
TOKEN = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*%?|[A-Za-z][A-Za-z'\u2019\-²]*|\s+|.", re.S)
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of ``text``: numbers, Latin words, runs of spaces, single characters."""
    return TOKEN.findall(text)


def break_lines(text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (the first ``first_indent`` narrower).

    Parameters
    ----------
    text : str
        One paragraph.
    width : float
        The line width, in the unit of ``measure``.
    measure : callable
        The width of a string.
    first_indent : float
        How much narrower the first line is (a paragraph's two-character indent).

    Returns
    -------
    list of str
        The lines, without leading or trailing spaces; closing punctuation may overhang ``width``.
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    room = width - first_indent
    for token in tokens(text):
        size = measure(token)
        if used + size <= room or not line or token[0] in CLOSING:
            if line or not token.isspace():
                line.append(token)
                used += size
            continue
        carried: list[str] = []
        while line and (line[-1].isspace() or line[-1][-1] in OPENING):  # no opening mark at a line's end
            dropped = line.pop()
            if not dropped.isspace():
                carried.insert(0, dropped)
        lines.append("".join(line).rstrip())
        line = carried + ([] if token.isspace() else [token])
        used, room = sum(measure(x) for x in line), width
    if line:
        lines.append("".join(line).rstrip())
    return [x for x in lines if x] or [""]


def bad_breaks(lines: list[str]) -> list[str]:
    """What breaks the rules between consecutive lines: a line starting with closing punctuation, or a
    number split over two lines (a line ending in a digit, a decimal point or a separator after a
    digit, the next starting with a digit)."""
    found = []
    for before, after in zip(lines, lines[1:]):
        head, tail = after.lstrip()[:1], before.rstrip()[-2:]
        if head and head in CLOSING:
            found.append(f"line starts with {head!r}: {after[:12]!r}")
        if head.isdigit() and tail and (tail[-1].isdigit() or (tail[-1] in ".," and tail[:1].isdigit())):
            found.append(f"number split: {before[-8:]!r} / {after[:8]!r}")
    return found

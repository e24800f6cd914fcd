"""The style rules of a 简报 (../shared/briefing-style.md, GB/T 15835-2011) as checks over text.

Each check takes the text of a briefing (its paragraphs, or the lines of its PDF) and returns what
breaks the rule, so a test can assert that nothing does and say where it did. The checks know the
rules, not the briefing code: they read text only.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
HALF_WIDTH = re.compile(r"[();?!]|(?<![0-9]),|,(?![0-9])|(?<![0-9]):|:(?![0-9])")
CLOSING = "，。、；：？！）》”’%"


def found(pattern: str, paragraphs: list[str]) -> list[str]:
    return [m.group(0) for text in paragraphs for m in re.finditer(pattern, text)]


def period_named_once(paragraphs: list[str]) -> list[str]:
    """A paragraph names its period once: at most one '截至…末' and no period opening two sentences."""
    bad = [p[:30] for p in paragraphs if p.count("截至") > 1]
    for p in paragraphs:
        openings = re.findall(r"(?:^|。)((?:截至)?[0-9]{4}年(?:[0-9]{1,2}月末)?)，", p)
        bad += [f"{o} twice in {p[:20]}" for o in set(openings) if openings.count(o) > 1]
    return bad


def zero_leaders(paragraphs: list[str]) -> list[str]:
    """Leaders named with a value of zero ('淄博市0公里', 'Zibo (0 km)')."""
    zh = found(r"其中，[^。]*?[\u4e00-\u9fff]0(?:\.0+)?(?:公里|平方公里|个|%)", paragraphs)
    return zh + found(r"(?:The largest are|Most are in) [^.]*\(0(?:\.0+)?(?: [a-z²]+)?\)", paragraphs)


def distance_as_share(paragraphs: list[str]) -> list[str]:
    """A distance to a target written as a share of it where it is not on schedule: '完成目标（65%）的99.3%',
    '完成…的100.0%', or a rate's gap in percent rather than percentage points."""
    bad = found(r"完成目标（[^）]*）的", paragraphs) + found(r"目标的100(?:\.0+)?%", paragraphs)
    bad += found(r"差[0-9.]+%", paragraphs) + found(r"(?:提高|下降)[0-9.]+%", paragraphs)
    return bad + found(r"[0-9.]+% of the target \([^)]*\)", paragraphs)


def digit_ranks(paragraphs: list[str]) -> list[str]:
    """Rank words with Arabic numerals ('5星级' for 五星级)."""
    return found(r"[0-9]星级", paragraphs)


def measure_words(paragraphs: list[str]) -> list[str]:
    """Vague or missing measure words and fractions in prose: '个地区', '8/16个', '5个最高'."""
    return found(r"[0-9]+/[0-9]+", paragraphs) + found(r"个地区", paragraphs) + found(r"[0-9]个最高", paragraphs)


def half_width(paragraphs: list[str]) -> list[str]:
    """Half-width punctuation in Chinese text (a comma or colon between digits is a number's)."""
    return [f"{m.group(0)!r} in {p[max(0, m.start() - 8):m.end() + 8]}" for p in paragraphs if CJK.search(p)
            for m in HALF_WIDTH.finditer(p)]


def numbers(paragraphs: list[str]) -> list[str]:
    """GB/T 15835: years in full, thousands separated, no space between a number and a Chinese unit."""
    bad = found(r"(?<![0-9])[0-9]{2}年", paragraphs)
    bad += found(r"(?<![0-9,.])[0-9]{4,}(?:\.[0-9]+)?(?=公里|平方公里|个|万|%)", paragraphs)
    return bad + found(r"[0-9] (?:公里|平方公里|个|万)", paragraphs)


def nonsense(paragraphs: list[str]) -> list[str]:
    """What the old template wrote: '数据不完整（0/1）', '报送了改造…', '潍坊市设区的市…', 'stood at', 'is the highest'."""
    patterns = (r"数据不完整", r"（0/1）", r"报送了改造", r"市设区的市", r"stood at", r"is the highest",
                r"Shandong province", r"As of [^,]+, As of", r"\b1 (?:prefecture-level cities|county-level divisions)")
    return [x for pattern in patterns for x in found(pattern, paragraphs)]


def english(paragraphs: list[str]) -> list[str]:
    """An English briefing has no Chinese, and each sentence starts with a capital or a number."""
    bad = [p[:30] for p in paragraphs if CJK.search(p)]
    for p in paragraphs:
        bad += [s[:20] for s in re.split(r"(?<=[.!?]) ", p)
                if s and not (s[0].isupper() or s[0].isdigit() or s[0] in "(“—" or "." in s.split(" ")[0])]  # bandao.cn
    return bad


ZH_RULES = (period_named_once, zero_leaders, distance_as_share, digit_ranks, measure_words, half_width, numbers,
            nonsense)
EN_RULES = (zero_leaders, distance_as_share, nonsense, english)


def broken(paragraphs: list[str], lang: str) -> dict[str, list[str]]:
    """Every rule of ``lang`` broken in ``paragraphs``, by rule name."""
    results = {rule.__name__: rule(paragraphs) for rule in (EN_RULES if lang == "en" else ZH_RULES)}
    return {name: bad for name, bad in results.items() if bad}


def line_breaks(lines: list[str], within: bool = False) -> list[str]:
    """Printed lines that start with closing punctuation, or a number split over two lines ("提高0." / "6个").

    With ``within`` (the lines of one paragraph) a line ending in a digit before one starting with a
    digit is a split number too; across blocks (a table row, then a numbered heading) it need not be.
    """
    bad = [line[:12] for line in lines if line.strip()[:1] in CLOSING and line.strip()]
    for before, after in zip(lines, lines[1:]):
        a, b = before.rstrip(), after.lstrip()
        if a and b and b[0].isdigit() and (a[-1] in ".," and a[-2:-1].isdigit() or within and a[-1].isdigit()):
            bad.append(f"{a[-8:]} / {b[:8]}")
    return bad

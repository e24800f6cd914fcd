"""The ledger's search: every word of the query, whole or partial, in a target's name or id;
a common word finds the plan's own term (地铁 -> 城市轨道交通, "metro" -> "urban rail")."""

from __future__ import annotations

from ..catalog import Target, Task

# A common word -> the plan's terms it stands for (either language, lower case).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "地铁": ("城市轨道交通", "轨道交通"), "轻轨": ("城市轨道交通",), "轨交": ("城市轨道交通",),
    "metro": ("urban rail",), "subway": ("urban rail",), "underground": ("urban rail",),
    "排水": ("雨污", "污水"), "下水道": ("雨污",), "sewer": ("sewer", "sewage"),
    "旧改": ("老旧小区",), "棚改": ("棚户区",), "old housing": ("old residential",),
    "天然气": ("燃气",), "煤气": ("燃气",), "gas": ("gas",),
    "车位": ("停车",), "parking": ("parking",), "5g": ("5g",), "宽带": ("千兆", "光纤", "宽带"),
}


def words(query: str) -> list[str]:
    return [w for w in query.strip().lower().split() if w]


def alternatives(word: str) -> tuple[str, ...]:
    """The word itself and what it stands for."""
    return (word, *SYNONYMS.get(word, ()))


def matches_query(item: Target | Task, query: str) -> bool:
    """Whether every word of ``query`` (or one of its synonyms) is in the target's (or task's) names or id."""
    text = " ".join([item.name_zh, item.name_en, getattr(item, "id", "")]).lower()
    return all(any(alt in text for alt in alternatives(word)) for word in words(query))

"""The catalogue of interface words (sdplan.i18n): complete, consistent, and the only one."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from components.dropdowns import DROPDOWN_KEYS
from sdplan.briefing.summary import VERDICTS
from sdplan.catalog import SENSES, THRUSTS
from sdplan.circles import CIRCLE_IDS
from sdplan.classify import SCHEMES
from sdplan.i18n import CATALOGUE, LANGS, t
from sdplan.intake.import_rows import TEMPLATE_COLUMNS
from sdplan.intake.soft_checks import CHECKS
from sdplan.intake.subtarget_files import TEMPLATE_COLUMNS as SUBTARGET_TEMPLATE_COLUMNS
from sdplan.ledger.xlsx import COLUMNS as LEDGER_COLUMNS
from sdplan.ledger.xlsx import LINK_COLUMNS, NOTE_COLUMNS
from sdplan.meaning import REFUSALS
from sdplan.observations import STRENGTHS
from sdplan.progress import STATUSES
from sdplan.ranking import MEASURES as RANK_MEASURES
from sdplan.ranking import REASONS as RANK_REASONS
from sdplan.schedule import LIGHTS
from sdplan.store.round_files import AUDIT_COLUMNS, CHASE_COLUMNS
from sdplan.store.rounds import ACTIONS as ROUND_ACTIONS
from sdplan.store.rounds import STATUSES as ROUND_STATUSES

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("sdplan", "components", "callbacks", "admin")
CATALOGUE_FILE = "sdplan/i18n.py"
# Words that are data or messages by design, not interface words of the catalogue.
EXEMPT = {
    "sdplan/units.py": "unit labels stay with the units",
    "sdplan/errors.py": "validation problems format file, row and column in each language",
    "sdplan/tables.py": "what each validation check expects: the expected_zh/expected_en of a Problem",
    "sdplan/commands/store.py": "the store command line's prompt (owned by the store)",
}
# Modules that still have a table of their own, to be folded into the catalogue. Each must still
# be flagged: once a module is folded in, remove it here (the test says so).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TABLE_NAME = re.compile(r"^_?(WORDS|TEXTS?|HEADERS|LABELS|NAMES|[A-Z_]+_(NAMES|NAMES_ZH|NAMES_EN|WORDS|TEXTS?))$")
SETS = {
    "circle": CIRCLE_IDS,
    "circle_short": CIRCLE_IDS,
    "scheme": SCHEMES,
    "thrust": THRUSTS,
    "level": ("province", "prefecture", "county"),
    "status": STATUSES,
    "status_short": ("province_only",),
    "provenance": ("sourced", "sample", "mixed", "nodata"),
    "sense": SENSES,
    "orientation": ("landscape", "portrait"),
    "ledger_column": LEDGER_COLUMNS + LINK_COLUMNS + NOTE_COLUMNS,
    "template_column": TEMPLATE_COLUMNS,
    "strength": STRENGTHS,
    "change_refused": REFUSALS,
    "dropdown": DROPDOWN_KEYS,
    "brief_kind": ("province", "prefecture", "county"),
    "brief_kind_one": ("province", "prefecture", "county"),
    "brief_lead": VERDICTS,
    "brief_tally": VERDICTS,
    "rounds_status": ROUND_STATUSES,
    "rounds_action": ROUND_ACTIONS,
    "rounds_col": tuple(dict.fromkeys(CHASE_COLUMNS + AUDIT_COLUMNS)),
    "rounds_check": CHECKS,
    "schedule_light": LIGHTS,
    "rank_reason": RANK_REASONS,
    "rank_measure": RANK_MEASURES,
    "circular_items": ("red", "yellow"),
    "completion_class": ("low", "mid", "high", "done", "none"),
    "measure": ("value", "completion"),
    "circular_column": ("target", "figure", "schedule", "lead", "cities", "rank", "city", "measure"),
    "subtarget_column": SUBTARGET_TEMPLATE_COLUMNS,
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_word_has_chinese_and_english_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), key
    assert all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGS), key
    assert fields(entry["zh"]) == fields(entry["en"]), f"{key}: {entry['zh']!r} vs {entry['en']!r}"
    assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)?", key), f"{key!r} does not follow the key convention"


def test_t_reads_the_language_and_fills_placeholders():
    assert t("ledger_count", n=3) == "共 3 项目标"
    assert t("ledger_count", "en", n=3) == "3 targets"
    assert t("circle.jiaodong", "en") == "Jiaodong Economic Circle"
    assert t("snapshot_failed", "en") == "The snapshot could not be made: {error}"  # unfilled without values


def test_t_names_an_unknown_key():
    with pytest.raises(KeyError, match="status.finished"):
        t("status.finished", "en")
    with pytest.raises(KeyError, match="did you mean 'status.met'"):
        t("status_met")


def test_every_id_of_a_labelled_set_has_its_word_and_no_other():
    for prefix, ids in SETS.items():
        keys = {k.split(".", 1)[1] for k in CATALOGUE if k.startswith(prefix + ".")}
        assert keys == set(ids), prefix
    assert {k.split(".", 1)[0] for k in CATALOGUE if "." in k} == set(SETS)


def test_no_data_is_defined_once():
    entries = [e for e in CATALOGUE.values() if "无数据" in e["zh"] or "no data" in e["en"].lower()]
    assert entries and all(e is CATALOGUE["nodata"] for e in entries)


def _is_lang_test(node: ast.expr) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "lang" or isinstance(n, ast.Attribute) and n.attr == "lang"
               for n in ast.walk(node))


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _has_cjk(node: ast.AST) -> bool:
    return any(CJK.search(s) for s in _strings(node))


def word_tables(source: str) -> list[str]:
    """Where ``source`` keeps interface words of its own: tables by language, (zh, en) pairs, inline picks."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if set(LANGS) <= keys:
                found.append(f"{where}: a table keyed by language")
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            zh, en = (e.value for e in node.elts)
            if CJK.search(zh) and not CJK.search(en) and re.search("[A-Za-z]", en):
                found.append(f"{where}: a (zh, en) pair {zh!r}, {en!r}")
        elif isinstance(node, ast.IfExp) and _is_lang_test(node.test) and (_has_cjk(node.body) or _has_cjk(node.orelse)):
            found.append(f"{where}: a word picked inline by language")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n.id for n in targets if isinstance(n, ast.Name)]
            if any(TABLE_NAME.match(n) for n in names) and _has_cjk(node.value):
                found.append(f"{where}: a word table {names[0]}")
        for block in ("body", "orelse"):
            statements = getattr(node, block, None)
            if not isinstance(statements, list):
                continue
            for first, second in zip(statements, statements[1:] + [None]):
                # if lang == "en": return "..."  /  return "...中文..."
                if isinstance(first, ast.If) and _is_lang_test(first.test) and (
                        _has_cjk(first) or second is not None and isinstance(second, ast.Return) and _has_cjk(second)):
                    found.append(f"line {first.lineno}: a word picked inline by language")
    return sorted(set(found))


def scanned_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))


def test_the_scanner_finds_each_kind_of_table():
    assert word_tables('WORDS = {"zh": {"a": "北"}, "en": {"a": "N"}}')
    assert word_tables('SCHEMES = {"natural_breaks": ("自然断点", "Natural breaks")}')
    assert word_tables('def f(lang):\n    return "台账" if lang == "zh" else "Ledger"\n')
    assert word_tables('def f(lang, x):\n    return "、".join(x) if lang == "zh" else ", ".join(x)\n')
    assert word_tables('def f(lang):\n    if lang == "en":\n        return "Invalid"\n    return "无效"\n')
    assert word_tables('LEVEL_NAMES_ZH = {"province": "省"}')
    assert not word_tables('def f(lang):\n    return t("ledger_sheet", lang)\n')
    assert not word_tables('def f(row, lang):\n    return row["name_en" if lang == "en" else "name_zh"]\n')  # data


def test_no_module_keeps_interface_words_of_its_own():
    offenders = {}
    for path in scanned_files():
        if path == CATALOGUE_FILE or path in EXEMPT:
            continue
        found = word_tables((ROOT / path).read_text(encoding="utf-8"))
        if found:
            offenders[path] = found
    assert not offenders, f"interface words outside sdplan/i18n.py (move them to CATALOGUE, read them with t()): {offenders}"



def test_no_word_is_defined_twice():
    """A dict literal keeps the last of two equal keys without a word: read the source instead."""
    tree = ast.parse((ROOT / CATALOGUE_FILE).read_text(encoding="utf-8"))
    catalogue = max((n for n in ast.walk(tree) if isinstance(n, ast.Dict)), key=lambda n: len(n.keys))
    keys = [k.value for k in catalogue.keys if isinstance(k, ast.Constant)]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []

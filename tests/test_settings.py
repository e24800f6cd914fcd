"""One settings module: only sdplan/settings.py reads the environment, with one flag parser."""

import ast
from pathlib import Path

import pytest

from sdplan.settings import load_settings, parse_flag

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "sdplan" / "settings.py"
# Harnesses, not the application: tests, benchmarks and the developer's scripts (scripts/screenshot.py) set
# variables for the app they start, and deploy/local.py hands the test harness's environment to its servers.
NOT_THE_APP = ("tests", "bench", "scripts", ".venv", "build", "instance")
HARNESS_FILES = {ROOT / "deploy" / "local.py"}


def environment_reads(path: Path) -> list[str]:
    """Where ``path`` touches the environment: ``os.environ``, ``os.getenv``, ``from os import environ``..."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "getenvb"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {a.name}" for a in node.names
                      if a.name in ("environ", "environb", "getenv", "getenvb")]
    return found


def application_sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py")
            if p.relative_to(ROOT).parts[0] not in NOT_THE_APP and p not in HARNESS_FILES and p != SETTINGS]


def test_no_module_but_settings_reads_the_environment():
    sources = application_sources()
    assert ROOT / "gunicorn.conf.py" in sources and ROOT / "sdplan" / "store" / "db.py" in sources
    assert [read for path in sources for read in environment_reads(path)] == []
    assert environment_reads(SETTINGS)  # the check sees a read where there is one


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " yes ", "on"])
def test_every_true_spelling_turns_debug_on_and_admits_a_short_secret_key(value, monkeypatch):
    from admin.security import check_secret_key

    assert load_settings({"SDPLAN_DEBUG": value}).debug is True
    monkeypatch.setenv("SDPLAN_DEBUG", value)
    check_secret_key("short")


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_every_false_spelling_keeps_debug_off_and_refuses_a_short_secret_key(value, monkeypatch):
    from admin.security import check_secret_key

    assert load_settings({"SDPLAN_DEBUG": value}).debug is False
    monkeypatch.setenv("SDPLAN_DEBUG", value)
    with pytest.raises(RuntimeError, match="at least 32"):
        check_secret_key("short")


def test_a_value_that_is_neither_stops_the_start_naming_the_variable():
    with pytest.raises(ValueError, match="SDPLAN_SECURE_COOKIES='maybe'"):
        load_settings({"SDPLAN_SECURE_COOKIES": "maybe"})
    with pytest.raises(ValueError, match="SDPLAN_WORKERS='many'"):
        load_settings({"SDPLAN_WORKERS": "many"})
    with pytest.raises(ValueError, match="SDPLAN_DB_CONNECT_TIMEOUT='-1'"):
        load_settings({"SDPLAN_DB_CONNECT_TIMEOUT": "-1"})
    assert parse_flag("X", None, default=True) is True


def test_settings_are_typed_and_read_when_asked(tmp_path):
    settings = load_settings({"SDPLAN_CACHE_DIR": str(tmp_path), "SDPLAN_PARSE_SECONDS": "2.5",
                              "SDPLAN_TRUSTED_PROXIES": "1", "SDPLAN_SECRET_KEY": ""})
    assert settings.cache_dir == tmp_path and settings.parse_seconds == 2.5 and settings.trusted_proxies == 1
    assert settings.secret_key is None and settings.ratelimit_storage == "memory://"
    assert load_settings({"XDG_CACHE_HOME": str(tmp_path)}).cache_dir == tmp_path / "sdplan"


def test_every_variable_read_is_in_the_settings_table():
    import re

    names = set(re.findall(r'"((?:SDPLAN_|DATABASE_URL)[A-Z_]*)"', SETTINGS.read_text(encoding="utf-8")))
    readme = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    assert len(names) >= 20 and {n for n in names if f"`{n}`" not in readme} == set()

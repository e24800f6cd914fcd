"""The command line loads every command module, and fails loudly, naming it, when one cannot load."""

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from sdplan.cli import COMMAND_MODULES, CommandModuleError, add_commands, main

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_module_adds_its_commands():
    for name in COMMAND_MODULES:
        group = click.Group()
        add_commands(group, [name])
        assert group.commands and set(group.commands) <= set(main.commands), name


@pytest.mark.parametrize("source, reason", [
    (None, "No module named"),  # the module itself is missing
    ("import a_dependency_that_is_not_installed\nCOMMANDS = []", "a_dependency_that_is_not_installed"),
    ("raise RuntimeError('broken at import')", "broken at import"),
    ("VALUE = 1", "declares no COMMANDS"),
])
def test_a_command_module_that_cannot_load_stops_the_command_line_naming_it(tmp_path, monkeypatch, source, reason):
    name = "cli_probe_" + re.sub(r"\W", "_", tmp_path.name)  # a module name of this test's own
    if source is not None:
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(CommandModuleError, match=name) as caught:
        add_commands(click.Group(), ["sdplan.snapshot.cli", name])
    assert reason in str(caught.value)


def test_the_sdplan_command_exits_with_the_error_when_a_module_fails(tmp_path):
    code = ("import sdplan.cli as cli_module, importlib, sys; sys.modules['sdplan.ledger.cli'] = None;"
            "importlib.reload(cli_module)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "CommandModuleError: the commands of sdplan.ledger.cli cannot be loaded" in done.stderr

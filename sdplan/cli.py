"""The command line: ``sdplan <command>`` (or ``python -m sdplan``).

Each area registers its own click commands here: snapshot packs (``sdplan.snapshot.cli``) and
the store, imports and accounts (``sdplan.store.cli``). The exports of :data:`DATA_AS_OF` also take
``--data-as-of`` (``sdplan.store.as_of_cli``): the data as it stood on a date.
"""

from __future__ import annotations

import importlib

import click

from .store.as_of_cli import with_data_as_of

COMMAND_MODULES = ("sdplan.snapshot.cli", "sdplan.store.cli", "sdplan.ledger.cli", "sdplan.briefing.cli")
DATA_AS_OF = ("briefing", "snapshot", "snapshot-pack", "ledger-export")  # exports that can be drawn from past data


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Shandong New Urbanization Plan dashboard: data and briefing tools."""


for module_name in COMMAND_MODULES:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if not exc.name or not module_name.startswith(exc.name):
            raise  # a missing dependency inside the module, not a missing module
        continue
    for command in module.COMMANDS:
        main.add_command(with_data_as_of(command) if command.name in DATA_AS_OF else command)

"""The command line: ``sdplan <command>`` (or ``python -m sdplan``).

Each area registers its own click commands here: snapshot packs (``sdplan.snapshot.cli``) and
the store, imports and accounts (``sdplan.store.cli``).
"""

from __future__ import annotations

import importlib

import click

from .store.db import UnknownRevision

COMMAND_MODULES = ("sdplan.snapshot.cli", "sdplan.store.cli", "sdplan.ledger.cli", "sdplan.briefing.cli")


class _Commands(click.Group):
    """The commands, with a store migrated by a newer version refused in one sentence, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UnknownRevision as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
        main.add_command(command)

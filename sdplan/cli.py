"""The command line: ``sdplan <command>`` (or ``python -m sdplan``).

Each area registers its own click commands here: snapshot packs (``sdplan.snapshot.cli``), the
store, imports and accounts (``sdplan.commands.store``), the ledger and the briefing. A command module
that cannot be imported stops the command line with an error naming it: never a command silently
missing from ``--help``. The exports of :data:`DATA_AS_OF` also take ``--data-as-of``
(``sdplan.commands.as_of``): the data as it stood on a date.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import click

from .commands.as_of import with_data_as_of
from .store.db import UnknownRevision

COMMAND_MODULES = ("sdplan.snapshot.cli", "sdplan.commands.store", "sdplan.commands.notes", "sdplan.commands.rounds",
                   "sdplan.ledger.cli", "sdplan.briefing.cli")
DATA_AS_OF = ("briefing", "circular", "snapshot", "snapshot-pack", "ledger-export")  # exports that can be drawn from past data


class CommandModuleError(ImportError):
    """A module of ``COMMAND_MODULES`` failed to import or declares no ``COMMANDS``."""


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


def add_commands(group: click.Group, module_names: Iterable[str]) -> None:
    """Add every command of each module's ``COMMANDS`` to ``group`` (the exports of :data:`DATA_AS_OF`
    with ``--data-as-of``).

    Raises
    ------
    CommandModuleError
        Naming the module, if it cannot be imported (whatever the reason: a missing module or a
        missing dependency) or has no ``COMMANDS``.
    """
    for module_name in module_names:
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            raise CommandModuleError(f"the commands of {module_name} cannot be loaded: {exc!r}") from exc
        commands = getattr(module, "COMMANDS", None)
        if not commands:
            raise CommandModuleError(f"{module_name} declares no COMMANDS")
        for command in commands:
            group.add_command(with_data_as_of(command) if command.name in DATA_AS_OF else command)


add_commands(main, COMMAND_MODULES)

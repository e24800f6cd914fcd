"""``--data-as-of``: a command that reads the current dataset reads it as it stood on a date instead.

``sdplan briefing --data-as-of 2023-06-30`` draws the briefing from the batches created by the
end of that day (Beijing time) and not rolled back by then, so last year's briefing can be made
again; give the same ``--as-of`` (the generation time printed) as then and the document is the same.
The option is added to existing commands (:func:`with_data_as_of`) without touching their code:
they read :func:`~sdplan.store.current.current_dataset`, which honours
:func:`~sdplan.store.current.reading_as_of`. (``--as-of`` was taken: it is the time printed on a file.)
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time

import click

from .. import beijing
from ..store.current import reading_as_of, revision_as_of
from ..store.db import open_store

HELP = ("Draw from the data as it stood then: YYYY-MM-DD (the end of that day) or an ISO time, Beijing time unless "
        "a zone is given. Default: the current data.")


def parse_data_as_of(value: str) -> datetime:
    """A date (its last moment) or a date-time, in Beijing time unless it names a zone."""
    text = value.strip()
    try:
        return datetime.combine(date.fromisoformat(text), time.max, beijing.BEIJING)
    except ValueError:
        pass  # not a bare date: a date-time
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2023-06-30 or a time like 2023-06-30T17:00",
                                 param_hint="--data-as-of") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=beijing.BEIJING)


def with_data_as_of(command: click.Command) -> click.Command:
    """Add ``--data-as-of`` to ``command``: its callback runs inside :func:`reading_as_of` when it is given.
    Once: a command that has it already (its module's commands added to a group again) is left as it is."""
    if any(param.name == "data_as_of" for param in command.params):
        return command
    command.params.append(click.Option(["--data-as-of", "data_as_of"], default=None, help=HELP))
    callback = command.callback

    @functools.wraps(callback)
    def run(*args: object, data_as_of: str | None = None, **kwargs: object) -> object:
        if data_as_of is None:
            return callback(*args, **kwargs)
        moment = parse_data_as_of(data_as_of)
        with open_store().connect() as conn:
            if revision_as_of(conn, moment) == 0:
                raise click.BadParameter(f"the store holds no data as of {beijing.stamp(moment, 'en')}",
                                         param_hint="--data-as-of")
        with reading_as_of(moment):
            return callback(*args, **kwargs)

    command.callback = run
    return command

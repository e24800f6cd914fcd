"""The dataset a page or an export is drawn from: as of a date (a query's ``asof``), or current.

Shared by every callback that reads figures (the map, the region path, the ledger, the downloads), so a
view and each of its exports stand on the same data. A date before any data was stored is refused with a
notice, and the current data are used.
"""

from __future__ import annotations

from sdplan.as_of import PARAM, end_of_day, parse_day
from sdplan.dataset import Dataset
from sdplan.store.current import current_dataset, reading_as_of, served_dataset
from sdplan.viewstate import Note, QueryReader


def query_day(query: str | None) -> str | None:
    """The ``asof`` a query names (unchecked)."""
    return QueryReader(query).raw.get(PARAM)


def dataset_for(day: object, served: bool = True) -> tuple[Dataset, bool, list[Note]]:
    """(dataset, fresh, notes): the data as they stood at the end of ``day`` (YYYY-MM-DD, checked here),
    else current. A day before any data was stored gives the current data and a notice saying so.
    ``served`` (a page): during an outage the last current dataset read, with ``fresh`` False; else (a file)
    the current figures or StoreUnavailable.

    Raises
    ------
    StoreUnavailable
        When the database cannot be reached (for a page: and nothing was read yet, or a past version is asked).
    """
    notices = []
    checked = parse_day(day)
    if checked is not None:
        with reading_as_of(end_of_day(checked)):
            data = current_dataset()
        if data.revision > 0:
            return data, True, []
        notices.append(Note("asof_no_data", (("date", checked.isoformat()),)))
    data, fresh = served_dataset() if served else (current_dataset(), True)
    return data, fresh, notices

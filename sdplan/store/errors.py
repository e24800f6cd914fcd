"""Why the store refused a write: each error says it in Chinese (default) or English.

Every refusal is a :class:`StoreError`, raised before anything is written (or inside the
transaction, which is then rolled back), so a refused operation leaves the store as it was.
Its words are in the interface catalogue (:mod:`sdplan.i18n`), under ``store_<kind>``.
"""

from __future__ import annotations

from ..i18n import t


class StoreError(Exception):
    """A write the store refused; :meth:`message` says why in ``lang``."""

    key = ""  # the catalogue entry of the message

    def __init__(self, **values) -> None:
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return t(self.key, lang, **self.values)


class PermissionDenied(StoreError):
    """The acting user may not import or roll back figures of these indicators.

    An editor may change only the indicators whose plan targets name the editor's department
    among their lead departments; an administrator may change every one; no user, none.
    """

    key = "store_permission_denied"

    def __init__(self, indicators: list[str]):
        self.indicators = list(indicators)
        super().__init__(names=", ".join(self.indicators))


class ConflictError(StoreError):
    """The store changed since the preview: the same indicators were imported or rolled back."""

    key = "store_conflict"

    def __init__(self, indicators: list[str]):
        self.indicators = list(indicators)
        super().__init__(names=", ".join(self.indicators))


class BatchNotFound(StoreError, LookupError):
    """There is no batch with this id."""

    key = "store_batch_not_found"

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        super().__init__(id=batch_id)


class AlreadyRolledBack(StoreError, LookupError):
    """The batch was rolled back already (by someone else, or by an earlier click)."""

    key = "store_already_rolled_back"

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        super().__init__(id=batch_id)


class PasswordRefused(StoreError):
    """A password change refused: the current password is wrong, or the new one too short or unchanged."""

    def __init__(self, key: str, **values):
        self.key = key
        super().__init__(**values)


class NoteRefused(StoreError):
    """A progress note refused: no such task or target in the plan, a bad date, an empty or overlong text,
    or a user who does not lead the task or target."""

    def __init__(self, key: str, **values):
        self.key = key
        super().__init__(**values)

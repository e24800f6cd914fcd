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

    def __init__(self, indicators: list[str], regional: bool = False):
        self.indicators = list(indicators)
        if regional:  # a region's account: its figures go into a round for review, or are not its department's
            self.key = "store_permission_denied_regional"
        super().__init__(names=", ".join(self.indicators))


class OutsideRegion(StoreError):
    """The acting account reports for one city or county; these figures are of other regions."""

    key = "store_outside_region"

    def __init__(self, region: str | None, adcodes: list[str]):
        self.region = region
        self.adcodes = list(adcodes)
        super().__init__()

    def message(self, lang: str = "zh") -> str:
        from ..boundaries import load_regions
        from ..i18n import name_column

        names = load_regions().set_index("adcode")[name_column(lang)]
        def named(code: str) -> str:
            return f"{names.get(code, code)} {code}"
        shown = [named(a) for a in self.adcodes[:10]] + (["…"] if len(self.adcodes) > 10 else [])
        return t(self.key, lang, region=named(self.region) if self.region else "—", codes=t("enum_sep", lang).join(shown))


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


class RoundRefused(StoreError):
    """A round could not be opened or closed as asked (``key`` says why)."""

    def __init__(self, key: str, **values):
        self.key = key
        super().__init__(**values)


class RoundNotFound(StoreError, LookupError):
    """There is no round with this id."""

    key = "store_round_not_found"

    def __init__(self, round_id: int):
        self.round_id = round_id
        super().__init__(id=round_id)


class RoundClosed(StoreError):
    """The round is closed: nothing more may be submitted into it, and it cannot be closed again."""

    key = "store_round_closed"

    def __init__(self, round_id: int):
        self.round_id = round_id
        super().__init__(id=round_id)


class NotInRound(StoreError):
    """Figures a region's account submitted that no open round asks for: (indicator, adcode, period) each."""

    key = "store_not_in_round"

    def __init__(self, cells: list[tuple[str, str, str]]):
        self.cells = list(cells)
        shown = ", ".join(f"{i} {a} {p}" for i, a, p in self.cells[:5]) + ("…" if len(self.cells) > 5 else "")
        super().__init__(cells=shown)


class ReviewRefused(StoreError):
    """A review the acting account may not make (``key`` says why: not a province reviewer of the
    indicator's lead departments, its own submission, or a cell not waiting for review)."""

    def __init__(self, key: str, **values):
        self.key = key
        super().__init__(**values)

"""Why the store refused a write: each error says it in Chinese (default) or English.

Every refusal is a :class:`StoreError`, raised before anything is written (or inside the
transaction, which is then rolled back), so a refused operation leaves the store as it was.
"""

from __future__ import annotations


class StoreError(Exception):
    """A write the store refused; :meth:`message` says why in ``lang``."""

    def __init__(self) -> None:
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        raise NotImplementedError


class PermissionDenied(StoreError):
    """The acting user may not import or roll back figures of these indicators.

    An editor may change only the indicators whose plan targets name the editor's department
    among their lead departments; an administrator may change every one; no user, none.
    """

    def __init__(self, indicators: list[str]):
        self.indicators = list(indicators)
        super().__init__()

    def message(self, lang: str = "zh") -> str:
        names = ", ".join(self.indicators)
        if lang == "en":
            return (f"You may not import or roll back the figures of {names}: only accounts of the departments "
                    "leading them and administrators may.")
        return f"您无权导入或回滚指标 {names} 的数值:只有其牵头部门的账号和管理员可以。"


class ConflictError(StoreError):
    """The store changed since the preview: the same indicators were imported or rolled back."""

    def __init__(self, indicators: list[str]):
        self.indicators = list(indicators)
        super().__init__()

    def message(self, lang: str = "zh") -> str:
        names = ", ".join(self.indicators)
        if lang == "en":
            return (f"Conflict: since your preview, someone else changed the figures of {names}. "
                    "Nothing was saved; please upload the file again to see a fresh preview.")
        return f"冲突:在您预览之后,他人已修改了指标 {names} 的数值。本次未保存任何内容,请重新上传文件以查看最新预览。"


class BatchNotFound(StoreError, LookupError):
    """There is no batch with this id."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        super().__init__()

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"There is no batch #{self.batch_id}."
        return f"不存在批次 #{self.batch_id}。"


class AlreadyRolledBack(StoreError, LookupError):
    """The batch was rolled back already (by someone else, or by an earlier click)."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        super().__init__()

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"Batch #{self.batch_id} is already rolled back; nothing was changed."
        return f"批次 #{self.batch_id} 已经回滚,本次未做任何修改。"

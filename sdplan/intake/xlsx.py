"""Stream an untrusted XLSX workbook's rows of text cells, within the bounds of :mod:`.cells`.

The sheet XML is read in 64 KB pieces by expat and never held whole; the declared
``<dimension>`` is ignored, empty cells cost nothing but a count, and the first cell past a
limit stops the reading with a message naming the limit, the row and the column. Document type
declarations (entity expansion) are refused outright.

The sheet read is the one the official sees and means: the only visible sheet that holds a
table (its first row with values has two or more: a header), beside which instructions or notes
in one column may stand; hidden sheets are never read; a workbook with several visible tables is
refused, naming them. Cells are written as Excel shows them (:func:`sdplan.intake.numfmt.shown`), cached
formula results rather than formulas.
"""

from __future__ import annotations

import contextlib
import functools
import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.parsers import expat

from ..errors import DataError, problem
from ..i18n import t
from .cells import MAX_CELL, MAX_CELLS, MAX_TEXT, MAX_UNZIPPED, Rows, Tally
from .numfmt import kind_of, shown

CHUNK = 64 * 1024
MAX_MEMBERS = 10_000
MAX_STYLES = 100_000
_DIGITS = "0123456789"
_HIDDEN = ("hidden", "veryHidden")


class _Stop(Exception):
    """Raised by a handler to end a parse early (a probe found what it looked for)."""


@dataclass
class Sheet:
    name: str
    visible: bool
    part: str | None  # the sheet's XML in the archive


@dataclass
class Book:
    sheets: list[Sheet] = field(default_factory=list)
    active: int = 0
    date1904: bool = False
    styles: str | None = None
    strings: str | None = None


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1] if ":" in name else name


def _rel_id(attrs: dict[str, str]) -> str | None:
    return next((v for k, v in attrs.items() if k.endswith(":id")), None)


def _no_dtd(*_args) -> None:
    raise ValueError("document type declarations are not allowed")


def _parse(archive: zipfile.ZipFile, part: str, start: Callable | None = None, end: Callable | None = None,
           text: Callable | None = None) -> None:
    """Stream ``part`` through expat; handlers get names as written (``c`` or ``x:c``: see :func:`_local`)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _target(base: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id -> (type's last word, target part)."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels not in archive.NameToInfo:
        return found

    def start(name: str, attrs: dict[str, str]):
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External" and len(found) < MAX_MEMBERS:
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], _target(part, attrs.get("Target", "")))

    _parse(archive, rels, start)
    return found


def _book(archive: zipfile.ZipFile) -> Book:
    main = next((t for kind, t in _relations(archive, "").values() if kind == "officeDocument"), "xl/workbook.xml")
    rels = _relations(archive, main)
    book = Book(styles=next((t for k, t in rels.values() if k == "styles"), "xl/styles.xml"),
                strings=next((t for k, t in rels.values() if k == "sharedStrings"), "xl/sharedStrings.xml"))
    seen_view = False

    def start(name: str, attrs: dict[str, str]):
        nonlocal seen_view
        name = _local(name)
        if name == "sheet" and len(book.sheets) < MAX_MEMBERS:
            kind, part = rels.get(_rel_id(attrs) or "", ("", None))
            book.sheets.append(Sheet(attrs.get("name", ""), attrs.get("state") not in _HIDDEN,
                                     part if kind == "worksheet" else None))
        elif name == "workbookPr":
            book.date1904 = attrs.get("date1904") in ("1", "true")
        elif name == "workbookView" and not seen_view:
            seen_view = True
            book.active = int(attrs.get("activeTab", "0") or 0)

    _parse(archive, main, start)
    return book


def _styles(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    """The number-format kind of each cell style (``s`` index), see :func:`~sdplan.intake.numfmt.kind_of`."""
    if not part or part not in archive.NameToInfo:
        return []
    codes: dict[int, str] = {}
    kinds: list[str] = []
    within = []

    def start(name: str, attrs: dict[str, str]):
        name = _local(name)
        within.append(name)
        if name == "numFmt" and len(codes) < MAX_STYLES:
            codes[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif name == "xf" and len(within) > 1 and within[-2] == "cellXfs" and len(kinds) < MAX_STYLES:
            format_id = int(attrs.get("numFmtId", "0") or 0)
            kinds.append(kind_of(format_id, codes.get(format_id)))

    _parse(archive, part, start, lambda name: within.pop())
    return kinds


def _strings(archive: zipfile.ZipFile, part: str | None, tally: Tally) -> list[str]:
    """The shared strings (each kept to MAX_CELL + 1 characters; MAX_TEXT characters in all)."""
    if not part or part not in archive.NameToInfo:
        return []
    strings: list[str] = []
    pieces: list[str] = []
    state = {"t": False, "phonetic": False, "size": 0, "total": 0}

    def start(name: str, attrs: dict[str, str]):
        name = _local(name)
        if name == "si":
            pieces.clear()
            state["size"] = 0
        elif name == "t":
            state["t"] = True
        elif name == "rPh":
            state["phonetic"] = True  # Japanese reading aids: not part of the text

    def end(name: str) -> None:
        name = _local(name)
        if name == "t":
            state["t"] = False
        elif name == "rPh":
            state["phonetic"] = False
        elif name == "si":
            tally.count(None, None)
            strings.append("".join(pieces))

    def text(data: str) -> None:
        if state["t"] and not state["phonetic"] and state["size"] <= MAX_CELL:
            data = data[: MAX_CELL + 1 - state["size"]]
            pieces.append(data)
            state["size"] += len(data)
            state["total"] += len(data)
            if state["total"] > MAX_TEXT:
                raise tally.refuse(None, None, "file_limit_text", n=f"{MAX_TEXT:,}")

    _parse(archive, part, start, end, text)
    return strings


class _SheetReader:
    """The expat handlers that turn one sheet's XML into rows (see :func:`read_xlsx_rows`).

    The handlers run once per element of a sheet that may hold millions: they are kept lean.
    """

    def __init__(self, tally: Tally, strings: list[str], styles: list[str], date1904: bool, probe: bool = False):
        self.tally, self.strings, self.styles, self.date1904, self.probe = tally, strings, styles, date1904, probe
        self.rows: dict[int, dict[int, str]] = {}
        self.row = self.column = 0
        self.type = self.style = None
        self.pieces: list[str] = []
        self.size = 0
        self.collect = False
        self.phonetic = False
        self.cells = tally.cells  # cells and rows read so far, in this sheet and those probed before
        self.first: set[int] = set()  # a probe's columns with a value in the first row that has any

    def read(self, archive: zipfile.ZipFile, part: str) -> None:
        """Stream the sheet ``part`` through these handlers."""
        try:
            _parse(archive, part, self.start, self.end, self.text)
        finally:
            self.tally.cells = self.cells

    def start(self, name: str, attrs: dict[str, str]):
        if ":" in name:
            name = _local(name)
        if name == "c":
            ref = attrs.get("r")
            self.column = (_column(ref.rstrip(_DIGITS)) if ref else 0) or self.column + 1
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise self.tally.refuse(self.row, self.column, "file_limit_cells", n=f"{MAX_CELLS:,}")
            self.type, self.style = attrs.get("t"), attrs.get("s")
            self.pieces, self.size = [], 0
        elif name == "v":
            self.collect = True
        elif name == "row":
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise self.tally.refuse(self.row + 1, None, "file_limit_cells", n=f"{MAX_CELLS:,}")
            self.row = int(attrs["r"]) if attrs.get("r") else self.row + 1
            self.column = 0
        elif name == "t":
            self.collect = not self.phonetic
        elif name == "rPh":
            self.phonetic = True

    def text(self, data: str):
        if self.collect:
            self.pieces.append(data)
            self.size += len(data)
            if self.size > 2 * MAX_CELL:  # far past the limit, whatever blanks surround it
                raise self.tally.refuse(self.row, self.column, "file_limit_cell", "".join(self.pieces)[:40] + "…",
                                        n=f"{MAX_CELL:,}")

    def end(self, name: str):
        if ":" in name:
            name = _local(name)
        if name == "v" or name == "t":
            self.collect = False
        elif name == "c":
            if self.pieces:
                self._keep("".join(self.pieces))
        elif name == "rPh":
            self.phonetic = False
        elif name == "row" and self.first:
            raise _Stop  # a probe has read the first row with values

    def _keep(self, raw: str) -> None:
        if self.probe:
            if raw.strip():
                self.first.add(self.column)
            return
        value = self.tally.cell(self.row, self.column, self._shown(raw))
        if value is not None:
            self.tally.row(self.row)
            self.rows.setdefault(self.row, {})[self.column] = value
            if self.row == 1:
                self.tally.header = tuple(v or "" for v in _dense(self.rows[1]))

    def _shown(self, raw: str) -> str:
        kind = self.type
        if kind is None or kind == "n":
            style = int(self.style) if self.style else 0
            return shown(raw.strip(), self.styles[style] if style < len(self.styles) else "number", self.date1904)
        if kind == "s":
            index = int(raw)
            if index < 0:
                raise IndexError(index)
            return self.strings[index]
        if kind == "b":
            return {"1": "true", "0": "false"}.get(raw.strip(), raw)
        if kind == "d":
            return raw.removesuffix("Z").removesuffix("T00:00:00")
        return raw  # inlineStr, str (a formula's text), e (an error such as #N/A)


@functools.lru_cache(maxsize=20_000)
def _column(letters: str) -> int:
    """The 1-based column of letters A..XFD; 0 for anything else (the next column is then taken)."""
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isupper():
        return 0
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _dense(cells: dict[int, str]) -> list:
    row: list = [None] * max(cells, default=0)
    for column, value in cells.items():
        row[column - 1] = value
    return row


def _is_table(archive: zipfile.ZipFile, sheet: Sheet, tally: Tally) -> bool:
    """Whether the sheet's first row with values holds two or more (a header), not a title or notes in one column."""
    if sheet.part is None:
        return False
    probe = _SheetReader(tally, [], [], False, probe=True)
    with contextlib.suppress(_Stop):
        probe.read(archive, sheet.part)
    return len(probe.first) >= 2


def _choose(archive: zipfile.ZipFile, book: Book, tally: Tally) -> Sheet:
    """The visible sheet that holds a table; refuses several, names them (hidden sheets are never read)."""
    visible = [s for s in book.sheets if s.visible]
    if not visible:
        raise DataError([problem(tally.file, None, None, None, "xlsx_no_visible_sheet")])
    if len(visible) == 1:
        return visible[0]
    tables = [s for s in visible if _is_table(archive, s, tally)]
    if len(tables) > 1:
        names = [s.name for s in tables]
        raise DataError([problem(tally.file, None, None, None, "xlsx_several_sheets",
                                 names=lambda lang: t("enum_sep", lang).join(t("quoted", lang, text=n) for n in names))])
    if tables:
        return tables[0]
    active = book.sheets[book.active] if 0 <= book.active < len(book.sheets) else visible[0]
    return active if active.visible else visible[0]


def read_xlsx_rows(content: bytes, file: str) -> Rows:
    """The rows of text cells of the workbook's one visible sheet with values (see the module docstring).

    Raises
    ------
    DataError
        If the workbook cannot be read, passes a limit (named, with row and column), or has
        several visible sheets holding values (named).
    """
    tally = Tally(file)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
                raise DataError([problem(file, None, None, None, "file_limit_unzipped", mb=MAX_UNZIPPED // 2**20)])
            book = _book(archive)
            sheet = _choose(archive, book, tally)
            if sheet.part is None:
                raise KeyError(sheet.name)
            reader = _SheetReader(tally, _strings(archive, book.strings, tally), _styles(archive, book.styles),
                                  book.date1904)
            reader.read(archive, sheet.part)
    except DataError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, IndexError, ValueError, EOFError, zlib.error,
            NotImplementedError, RuntimeError, expat.ExpatError, OSError) as exc:
        raise DataError([problem(file, None, None, None, "file_bad_xlsx", detail=type(exc).__name__)]) from None
    last = max(reader.rows, default=0)
    return [_dense(reader.rows.get(number, {})) for number in range(1, last + 1)]

"""The bundled CJK font (Noto Sans SC, SIL OFL 1.1, from PyPI ``pylopdf-fonts-zh-cn``).

Snapshots never depend on the host's fonts: :func:`register_fonts` adds the packaged font file
to matplotlib's font manager once and returns the family names to draw text with. Noto Sans SC
covers Latin, digits and the symbols the legend uses (≥ ≤ – ² ×) as well as Chinese.

The packaged font has CFF (PostScript) outlines. matplotlib embeds a font in a PDF as a TrueType
(Type 42 / CIDFontType2) font, which must have TrueType outlines, so for PDFs a TrueType copy of
the font restricted to GB 2312 plus Latin (8k glyphs, 2.4 MB) is made once and cached on disk
(:func:`pdf_font_path`; in a private temporary directory when the cache cannot be written); characters
outside it fall back to the packaged font.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

from ..settings import cache_dir

FAMILY = "Noto Sans SC"
PDF_FAMILY = "Noto Sans SC TT"  # the TrueType-outline copy, renamed so both can be registered
CACHE_VERSION = "1"
BRIEFING_CACHE_VERSION = "1"  # of the copies made by :func:`converted_copy` (the briefing's, the bold sans)
# The bold face of the sans, from Debian's fonts-noto-cjk (the packaged font has none): bold text in a PDF is bold
SANS_BOLD_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
SANS_BOLD_FACE = "Noto Sans CJK SC"


def font_path() -> Path:
    """Return the path of the bundled Noto Sans SC font file (OpenType, CFF outlines).

    Raises
    ------
    RuntimeError
        If the font package is not installed (it is a project dependency).
    """
    try:
        import pylopdf_fonts_zh_cn
    except ModuleNotFoundError:  # pragma: no cover - a broken install
        raise RuntimeError("the font package pylopdf-fonts-zh-cn is missing: pip install -e .") from None
    return Path(pylopdf_fonts_zh_cn.sans_path())


@cache
def register_fonts() -> str:
    """Register the bundled font with matplotlib (once per process).

    Returns
    -------
    str
        The font family name to pass as ``fontfamily`` / ``font.family``.
    """
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return FAMILY


@cache
def register_pdf_fonts() -> list[str]:
    """Register the TrueType copy for PDFs (making it if needed) and the packaged font.

    Returns
    -------
    list of str
        Family names in fallback order for ``font.sans-serif``.
    """
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(pdf_font_path()))
    if SANS_BOLD_TTC.exists():  # the same family's bold face (its OS/2 weight is 700)
        font_manager.fontManager.addfont(str(converted_copy(SANS_BOLD_TTC, PDF_FAMILY, SANS_BOLD_FACE)))
    return [PDF_FAMILY, register_fonts()]


def bold_families() -> list[str]:
    """The families for bold text in a PDF: the TrueType sans alone when its bold face is installed (asking the
    fallback font, which has no bold, would fall back to regular), else the usual list (text then regular)."""
    families = register_pdf_fonts()
    return [PDF_FAMILY] if SANS_BOLD_TTC.exists() else families


_made: Path | None = None  # this process's PDF font, once found or made
_making = threading.Lock()


def pdf_font_path() -> Path:
    """The TrueType-outline copy of the font for PDFs: cached on disk, made on first use (10-20 s).

    Made once per process at most, whoever asks (threads wait for the one making it). When the cache
    directory cannot be written (missing and not creatable, read-only, full), the copy goes to a private
    temporary directory of this process instead, and the failure is logged once.
    """
    global _made
    with _making:
        path = _made or _find_or_make()
        _made = path
    return path


def _find_or_make() -> Path:
    source = font_path()
    key = hashlib.sha256(f"{source.stat().st_size}:{source.name}:{CACHE_VERSION}".encode()).hexdigest()[:12]

    def make() -> bytes:
        buffer = io.BytesIO()
        make_truetype_copy(source, buffer)
        return buffer.getvalue()

    return cached_font(f"NotoSansSC-TT-{key}.ttf", make)


def cached_font(name: str, make: Callable[[], bytes]) -> Path:
    """The font file ``name`` in the cache directory, made by ``make`` when it is not there yet.

    When the cache cannot be written (missing and not creatable, read-only, full), the file goes to a
    private temporary directory of this process instead (removed at exit) and the failure is logged.
    """
    target = cache_dir() / "fonts" / name
    if target.is_file():
        return target
    content = make()
    try:
        _write_atomically(target, content)
        return target
    except OSError as error:
        folder = tempfile.mkdtemp(prefix="sdplan-font-")
        atexit.register(shutil.rmtree, folder, True)
        private = Path(folder) / name
        logging.getLogger(__name__).warning("PDF font cache %s not writable (%s): using %s", target.parent, error,
                                            private)
        private.write_bytes(content)
        return private


def _write_atomically(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        tmp = Path(handle.name)
    try:
        tmp.write_bytes(content)
        os.replace(tmp, target)  # atomic: a parallel process sees either nothing or the whole file
    finally:
        tmp.unlink(missing_ok=True)


def converted_copy(source: Path, family: str, face: str | None = None) -> Path:
    """A cached TrueType-outline copy of ``source`` (a face of a collection when ``face`` is given),
    renamed ``family``; made on first use (about 20 s), in a private folder when the cache cannot be written."""
    stem = family.replace(" ", "")
    return cached_font(f"{stem}-{source.stat().st_size}-{BRIEFING_CACHE_VERSION}.ttf",
                       lambda: _renamed_copy(source, family, stem, face))


def _renamed_copy(source: Path, family: str, stem: str, face: str | None) -> bytes:
    from fontTools.ttLib import TTCollection, TTFont

    with tempfile.TemporaryDirectory(prefix="sdplan-font-") as folder:
        single = source
        if face is not None:
            fonts = TTCollection(source).fonts
            chosen = next(f for f in fonts if f["name"].getDebugName(1) == face)
            single = Path(folder) / "face.otf"
            chosen.save(single)
        copy = Path(folder) / "copy.ttf"
        make_truetype_copy(single, copy)
        font = TTFont(copy)
        for record in font["name"].names:  # OFL: a modified copy under a name of its own
            if record.nameID in (1, 4, 16):
                record.string = family
            elif record.nameID == 6:
                record.string = stem
        font.save(copy)
        return copy.read_bytes()


def charset() -> set[int]:
    """Code points kept in the PDF font: printable Latin-1 and Latin Extended-A, GB 2312, symbols."""
    points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x250)) | set(range(0x2000, 0x2070))
    points |= set(range(0x2190, 0x2200)) | set(range(0x2200, 0x2300)) | set(range(0x3000, 0x3040))
    points |= set(range(0xFF00, 0xFFF0))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                points.add(ord(bytes([high, low]).decode("gb2312")))
    return points


def make_truetype_copy(source: Path, target: Path | BinaryIO) -> None:
    """Subset ``source`` to :func:`charset` and convert its cubic CFF outlines to TrueType, saved to ``target``."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(source)
    options = subset.Options()
    options.layout_features, options.name_IDs, options.notdef_outline = ["*"], ["*"], True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(charset()))
    subsetter.subset(font)
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat, font["head"].glyphDataFormat = 0, 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = order
    for record in font["name"].names:  # OFL, no reserved font name: a renamed modified copy
        if record.nameID in (1, 4, 16):
            record.string = PDF_FAMILY
        elif record.nameID == 6:
            record.string = "NotoSansSC-TT-Regular"
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target)

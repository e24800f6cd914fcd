"""The four typefaces of a printed 简报, as free fonts of the same kinds, embedded in the PDF.

An official document sets its title in 小标宋, its body in 仿宋, 一级 headings in 黑体 and 二级 in 楷体.
Those fonts are not free, so the PDF embeds free families of the same kinds, all under the SIL Open
Font License 1.1 (embedding allowed; fsType 0):

=========  ==========================  ==============================================================
role       official font               free font embedded
=========  ==========================  ==============================================================
title      方正小标宋简体              Noto Serif CJK SC Bold (Debian ``fonts-noto-cjk``)
body       仿宋_GB2312                 Noto Serif SC (PyPI ``pylopdf-fonts-zh-cn``): a Song serif, as
                                       no free 仿宋 is packaged outside TeX Live's FandolFang
heading1   黑体                        Noto Sans SC (:mod:`sdplan.printing.fonts`)
heading2   楷体_GB2312                 LXGW WenKai (Debian ``fonts-lxgw-wenkai``)
=========  ==========================  ==============================================================

Where a Debian font is missing the role falls back to the body serif (:func:`substituted` says
which). matplotlib embeds TrueType outlines only, so the CFF Noto Serif fonts are converted once
(with :func:`sdplan.printing.fonts.make_truetype_copy`, restricted to GB 2312 and Latin) and cached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .fonts import converted_copy, font_path, register_pdf_fonts

SERIF_BOLD_TTC = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
SERIF_BOLD_FACE = "Noto Serif CJK SC"
KAI_TTF = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
KAI_FAMILY = "LXGW WenKai"
BODY_FAMILY, TITLE_FAMILY = "Noto Serif SC TT", "Noto Serif SC Bold TT"
ROLES = ("title", "body", "heading1", "heading2")


def serif_path() -> Path:
    """The packaged Noto Serif SC (CFF outlines), beside the packaged Noto Sans SC."""
    return font_path().with_name("NotoSerifSC-Regular.otf")


def substituted() -> list[str]:
    """The roles drawn in the body serif because their own free font is not installed."""
    return [role for role, present in (("title", SERIF_BOLD_TTC.exists()), ("heading2", KAI_TTF.exists()))
            if not present]


@cache
def briefing_families() -> dict[str, list[str]]:
    """Register the briefing's fonts with matplotlib (once per process).

    Returns
    -------
    dict
        For each role (title, body, heading1, heading2) the font families in fallback order.
    """
    from matplotlib import font_manager

    sans = register_pdf_fonts()
    font_manager.fontManager.addfont(str(converted_copy(serif_path(), BODY_FAMILY)))
    body = [BODY_FAMILY, *sans]
    families = {"title": body, "body": body, "heading1": sans, "heading2": body}
    if SERIF_BOLD_TTC.exists():
        font_manager.fontManager.addfont(str(converted_copy(SERIF_BOLD_TTC, TITLE_FAMILY, SERIF_BOLD_FACE)))
        families["title"] = [TITLE_FAMILY, *body]
    if KAI_TTF.exists():
        font_manager.fontManager.addfont(str(KAI_TTF))
        families["heading2"] = [KAI_FAMILY, *body]
    return families


def font_file(family: str) -> Path | None:
    """The file matplotlib registered for ``family`` (for measuring text), None if unknown."""
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if entry.name == family:
            return Path(entry.fname)
    return None

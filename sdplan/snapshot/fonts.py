"""The bundled CJK font (Noto Sans SC, SIL OFL 1.1, from PyPI ``pylopdf-fonts-zh-cn``).

Snapshots never depend on the host's fonts: :func:`register_fonts` adds the packaged font file
to matplotlib's font manager once and returns the family name to draw every text with. Noto
Sans SC covers Latin, digits and the symbols the legend uses (≥ ≤ – ² ×) as well as Chinese.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FAMILY = "Noto Sans SC"


def font_path() -> Path:
    """Return the path of the bundled Noto Sans SC font file.

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

"""Shandong's three economic circles (经济圈).

Announced by the provincial Development and Reform Commission on 2020-06-08 (Xinhua, 2020-06-10):
7 prefectures in the provincial capital circle, 5 in Jiaodong, 4 in southern Shandong.
"""

from types import MappingProxyType

from .i18n import LANGS, t

CIRCLE_IDS = ("capital", "jiaodong", "lunan")

# Display names are in the catalogue (sdplan.i18n): t("circle.<id>") and t("circle_short.<id>").
# This read-only view of the full names is kept only for sdplan.mapview, until it calls t() itself.
CIRCLE_NAMES = MappingProxyType(
    {c: MappingProxyType({lang: t(f"circle.{c}", lang) for lang in LANGS}) for c in CIRCLE_IDS}
)

# Prefecture adcode -> circle id.
PREFECTURE_CIRCLE = MappingProxyType(
    {
        "370100": "capital",  # 济南
        "370300": "capital",  # 淄博
        "370900": "capital",  # 泰安
        "371500": "capital",  # 聊城
        "371400": "capital",  # 德州
        "371600": "capital",  # 滨州
        "370500": "capital",  # 东营
        "370200": "jiaodong",  # 青岛
        "370600": "jiaodong",  # 烟台
        "371000": "jiaodong",  # 威海
        "370700": "jiaodong",  # 潍坊
        "371100": "jiaodong",  # 日照
        "371300": "lunan",  # 临沂
        "370400": "lunan",  # 枣庄
        "370800": "lunan",  # 济宁
        "371700": "lunan",  # 菏泽
    }
)


def circle_of(adcode: str) -> str:
    """Return the circle id of a prefecture or county adcode (a county follows its prefecture)."""
    prefecture = f"{str(adcode)[:4]}00"
    try:
        return PREFECTURE_CIRCLE[prefecture]
    except KeyError:
        raise KeyError(f"adcode {adcode!r} is not in a Shandong prefecture (no prefecture {prefecture})") from None

"""Write data/boundaries/pinyin.csv: the pinyin of every bundled region's name (and its core), so the
dashboard's workers look names up instead of importing pypinyin (about 55 MB each).

Run after data/boundaries/regions.csv changes: .venv/bin/python scripts/prepare_pinyin.py
(tests/test_search.py fails while the table and pypinyin disagree).
"""

from sdplan.boundaries import load_regions
from sdplan.search import PINYIN_TABLE, pinyin_table

if __name__ == "__main__":
    PINYIN_TABLE.write_text(pinyin_table(load_regions()["name_zh"]), encoding="utf-8")
    print(f"wrote {PINYIN_TABLE}")

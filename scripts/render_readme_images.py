"""Regenerate the README's pictures of a comparison table, in English and in Chinese.

    python scripts/render_readme_images.py                 # from the bundled data
    python scripts/render_readme_images.py --data-dir DIR  # from a `trustcrises build --out DIR`

Writes docs/img/compare-en.png and docs/img/compare-zh.png with the package's own PNG export
(needs Chromium and a CJK font: apt-get install chromium fonts-noto-cjk). The pictures leave out
the long trigger and outcome texts, and show each case's title instead, so that they stay
legible at the README's width.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import trustcrises as tc
from trustcrises.export._export import save

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["company", "title", "year", "cause_category", "pressure_source", "responses",
          "days_to_first_response", "days_to_decisive_response", "response_timing",
          "decision_reversed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="a dataset built with `trustcrises build --out DIR`")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="folder to write to")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh"):
        table = tc.compare(lang=lang, fields=FIELDS, data_dir=args.data_dir)
        print("wrote", save(table, out / f"compare-{lang}.png", force=True, scale=2))


if __name__ == "__main__":
    main()

"""Regenerate the README's pictures of a case's page on the website, in English and in Chinese.

    python scripts/render_site_images.py                        # from the bundled data
    python scripts/render_site_images.py --data-dir DIR --case CASE_ID

Builds the site into a temporary folder (as `trustcrises site -o DIR` does), then has a
headless Chromium draw the top of the case's page in each language, 1200 × 900 CSS pixels at two
pixels each, into docs/img/site-case-en.png and docs/img/site-case-zh.png. Chromium draws the
screenshot itself, with the scale set at start-up, which draws Chinese glyphs whole (the site's
browser tests check the same path). Needs Chromium and a CJK font (apt-get install chromium
fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from trustcrises.cli._main import main as trustcrises
from trustcrises.export._chromium import find_browser

ROOT = Path(__file__).resolve().parent.parent
WINDOW = (1200, 900)  # CSS pixels
SCALE = 2


def screenshot(browser: str, page: Path, out: Path) -> None:
    flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-dev-shm-usage", f"--window-size={WINDOW[0]},{WINDOW[1]}",
             f"--force-device-scale-factor={SCALE}", f"--screenshot={out}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    result = subprocess.run([browser, *flags, page.as_uri()], capture_output=True, text=True,
                            timeout=120, check=False)
    if result.returncode != 0 or not out.is_file():
        raise SystemExit(f"Chromium ({browser}) could not draw {page}: "
                         f"{result.stderr.strip()[-300:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="a dataset built with `trustcrises build --out DIR`")
    parser.add_argument("--case", default="xiaomi-2026-kol", help="the case to picture")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="folder to write to")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="trustcrises-site-") as tmp:
        site = Path(tmp) / "site"
        argv = ["site", "-o", str(site)] + (["--data-dir", args.data_dir] if args.data_dir
                                            else [])
        if trustcrises(argv) != 0:
            sys.exit(1)
        for lang in ("en", "zh"):
            page = site / lang / "cases" / f"{args.case}.html"
            if not page.is_file():
                raise SystemExit(f"No case {args.case!r} in the site: see trustcrises list.")
            target = out / f"site-case-{lang}.png"
            screenshot(browser, page, target)
            print("wrote", target)


if __name__ == "__main__":
    main()

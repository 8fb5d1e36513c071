"""Regenerate the README's pictures with the very commands the README shows.

    python scripts/render_readme_images.py                 # from the bundled data
    python scripts/render_readme_images.py --data-dir DIR  # from a `trustcrises build --out DIR`

Writes into docs/img/: the comparison table for a slide, in English and Chinese, by
`trustcrises compare --selection seed_article --preset slide -o …`, and two figures of the
findings, by the Python lines of the README's "What the corpus shows" section. Needs Chromium
and a CJK font (apt-get install chromium fonts-noto-cjk) and the plot extra (matplotlib).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The README's commands, with {out} for the picture and {data} for --data-dir.
COMMANDS = [
    "trustcrises compare --selection seed_article --preset slide -o {out}/compare-en.png",
    "trustcrises compare --selection seed_article --preset slide --lang zh -o {out}/compare-zh.png",
]
#: The README's figure lines.
FIGURES = [
    'tc.save_figure(tc.plot_response_times("scct_cluster"), "{out}/response-times-en.png")',
    'tc.save_figure(tc.plot_strategies(lang="zh"), "{out}/strategies-zh.png")',
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="a dataset built with `trustcrises build --out DIR`")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="folder to write to")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "trustcrises"]
    extra = ["--data-dir", args.data_dir] if args.data_dir else []
    for command in COMMANDS:
        argv = command.format(out=out).split()[1:] + ["--force", *extra]
        subprocess.run([*cli, *argv], check=True)
    import trustcrises as tc

    for line in FIGURES:
        code = line.format(out=out).replace('.png")', '.png", force=True)')
        if args.data_dir:
            code = code.replace('tc.plot_response_times("scct_cluster")',
                                f'tc.plot_response_times("scct_cluster", data_dir={args.data_dir!r})')
            code = code.replace('tc.plot_strategies(lang="zh")',
                                f'tc.plot_strategies(lang="zh", data_dir={args.data_dir!r})')
        exec(code, {"tc": tc})  # noqa: S102 - the README's own line
        print("wrote", line.split('"')[-2].format(out=out))


if __name__ == "__main__":
    main()

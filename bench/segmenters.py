"""Vietnamese word segmenters compared: speed on ViMs text and the tokens news text needs kept whole.

    python bench/segmenters.py [--clusters 30]      # pyvi is measured only if installed

Prints syllables/s per core for underthesea and pyvi on the same sentences, and
whether each keeps "V.Putin", "TP.HCM", "13/4", "1.550" and "VOV.VN" as one token.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, console, print_table, require  # noqa: E402

from tomtat.text.normalize import normalize  # noqa: E402

PROBE = "Tổng thống V.Putin đến TP.HCM ngày 13/4, số đầu đạn là 1.550, theo VOV.VN đưa tin."
KEEP = ["V.Putin", "TP.HCM", "13/4", "1.550", "VOV.VN"]


def segmenters() -> dict[str, callable]:
    found = {}
    from underthesea import word_tokenize

    found["underthesea"] = lambda s: word_tokenize(s)
    try:
        from pyvi import ViTokenizer

        found["pyvi"] = lambda s: [t.replace("_", " ") for t in ViTokenizer.tokenize(s).split()]
    except ImportError:
        console.print("pyvi not installed: `pip install pyvi==0.1.1` to include it")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=VIMS)
    parser.add_argument("--clusters", type=int, default=30)
    args = parser.parse_args()
    root = require(args.data)
    folders = sorted(p for p in (root / "data").iterdir() if p.is_dir())[: args.clusters]
    lines = [
        line for folder in folders for f in sorted(folder.glob("*.txt"))
        for line in normalize(f.read_text(encoding="utf-8")).split("\n") if line.strip()
    ]
    n_syllables = sum(len(line.split()) for line in lines)
    rows = []
    for name, segment in segmenters().items():
        segment(PROBE)  # load the model outside the timed region
        start = time.perf_counter()
        for line in lines:
            segment(line)
        seconds = time.perf_counter() - start
        tokens = segment(PROBE)
        kept = [k for k in KEEP if k in tokens]
        rows.append([name, n_syllables / seconds, f"{len(kept)}/{len(KEEP)}", " ".join(sorted(set(KEEP) - set(kept))) or "-"])
    print_table(
        f"word segmentation of {len(lines)} ViMs lines ({n_syllables} syllables), one core",
        ["segmenter", "syllables/s", "news tokens kept", "broken"], rows,
    )


if __name__ == "__main__":
    main()

"""A stand-in for lead-heavy wire news: each ViMs cluster's first article alone.

    python bench/single_article.py [--words 100]

Scores tomtat (learned), the unsupervised scorer and lead on one-article
"clusters" against the cluster's human summaries. Outlet agreement, tomtat's
main signal, is absent here, so this shows what is left without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, require  # noqa: E402

from tomtat.evaluate.datasets import read_vims  # noqa: E402
from tomtat.evaluate.run import evaluate  # noqa: E402
from tomtat.evaluate.tables import print_table  # noqa: E402
from tomtat.model import Cluster  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("vims", nargs="?", type=Path, default=VIMS)
    parser.add_argument("--words", type=int, default=100)
    args = parser.parse_args()
    clusters = [
        Cluster(articles=c.articles[:1], id=c.id, references=c.references)
        for c in read_vims(require(args.vims))
    ]
    print_table(evaluate(clusters, ["tomtat", "centrality", "lead"], args.words, dataset="vims", word_level=False))


if __name__ == "__main__":
    main()

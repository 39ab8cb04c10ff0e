"""Checks on the real data beside CI checkouts (../shared); skipped where it is absent."""

from __future__ import annotations

import itertools
import statistics

from conftest import SEEDS, VIMS, needs_seeds, needs_vims

from tomtat import summarize
from tomtat.read import read_paths

SEED_NOISE = (
    "Bài liên quan", "Tin liên quan", "Ảnh:", "https://", "0:00", "Bình luận", "Mời quý độc giả", "|",
    "Canada", "TikTok", "Trudeau",
)


@needs_seeds
def test_seed_cluster_summary_is_about_the_story_and_clean():
    result = summarize(read_paths([SEEDS])[0], words=200)
    text = result.summary
    assert "Putin" in text and "Biden" in text
    for noise in SEED_NOISE:
        assert noise not in text, noise
    assert result.syllables <= 200


@needs_vims
def test_vims_rouge2_beats_centroid_baseline_on_a_sample():
    from tomtat.evaluate.datasets import read_vims
    from tomtat.evaluate.rouge import rouge

    # every tenth cluster: a quick regression guard; bench/quality.py measures all 300
    clusters = itertools.islice(read_vims(VIMS), 0, None, 10)
    scores = [rouge(summarize(c, words=225).summary, c.references, limit=225).f1("rouge2") for c in clusters]
    assert len(scores) == 30
    assert statistics.mean(scores) >= 35.5

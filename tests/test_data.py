"""Checks on the real data beside CI checkouts (../shared); skipped where it is absent."""

from __future__ import annotations

import itertools
import statistics

import pytest

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


ABMUSU = VIMS.parent / "abmusu" / "train.jsonl"


def _noisy_variant_check(clusters, words):
    """Summaries of noisy copies of real clusters carry no caption, credit, tag or other story."""
    from noise import MARKERS, from_story, noisy

    from tomtat.clean import clean_article
    from tomtat.model import Article
    from tomtat.text.tokens import syllables

    checked = 0
    for n, cluster in enumerate(clusters):
        other_cluster = clusters[(n + 1) % len(clusters)]
        other = clean_article(other_cluster.articles[0].text, other_cluster.articles[0].title).paragraphs[:4]
        stories, raw, captions, articles = [], [], [], []
        for m, article in enumerate(cluster.articles):
            paragraphs = clean_article(article.text, article.title).paragraphs
            injected = noisy(paragraphs, other, n * 100 + m)
            stories.append(syllables("\n".join(paragraphs)))
            raw.append("\n".join(paragraphs))
            captions.append(injected.captions)
            articles.append(Article(article.title, injected.text, source=article.source, id=article.id))
        for s in summarize(articles, words=words).sentences:
            # the article's own words in its own order (the sentence may have lost a "Trong khi đó," or a "cũng")
            assert from_story(syllables(s.text), stories[s.article]), (cluster.id, s.text)
            # a marker the story itself uses ("Bình luận sau sự kiện này, ...") is the story's
            assert not any(x in s.text and x not in raw[s.article] for x in MARKERS), (cluster.id, s.text)
            assert not any(c in s.text for c in captions[s.article]), (cluster.id, s.text)
            checked += 1
    return checked


@needs_vims
def test_noisy_vims_summaries_are_clean():
    from tomtat.evaluate.datasets import read_vims

    clusters = list(itertools.islice(read_vims(VIMS), 0, None, 20))
    assert _noisy_variant_check(clusters, 225) > 50


@pytest.mark.skipif(not ABMUSU.is_file(), reason=f"{ABMUSU} not present (../shared is only beside CI checkouts)")
def test_noisy_abmusu_summaries_are_clean():
    from tomtat.evaluate.datasets import read_abmusu

    clusters = list(itertools.islice(read_abmusu(ABMUSU), 0, None, 20))
    assert _noisy_variant_check(clusters, 200) > 30

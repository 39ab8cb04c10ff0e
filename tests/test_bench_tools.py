"""The measuring helpers of bench/: fresh ids per load run, the growth fit, synthetic sizes, peers' budgets."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from tomtat.text.tokens import syllables

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vi_news import METRO, STORM  # noqa: E402


def bench(name: str):
    return importlib.import_module(name)


def test_miss_mode_ids_differ_between_runs_and_hit_mode_repeats_the_body():
    http_load = bench("http_load")
    body = {"articles": METRO, "words": 120}
    first = http_load.request_body(body, "miss", "aaaa", "load-1")
    second = http_load.request_body(body, "miss", "bbbb", "load-1")
    assert first["id"] != second["id"]  # a second run never hits the first run's cache
    assert first["articles"] == body["articles"]
    assert http_load.request_body(body, "hit", "aaaa", "load-1") is body


def test_growth_exponent_recovers_linear_and_quadratic():
    scale = bench("scale")
    xs = [100, 300, 1000, 3000, 10000]
    assert scale.exponent([(x, 0.002 * x) for x in xs]) == pytest.approx(1.0)
    assert scale.exponent([(x, 1e-7 * x * x) for x in xs]) == pytest.approx(2.0)
    assert scale.exponent([(100, 1.0), (200, 2.0)]) is None  # too few points to fit


def test_synthetic_articles_have_the_asked_size():
    scale = bench("scale")
    by_syllables = scale.build(4, 600, None)
    assert len(by_syllables) == 4
    for article in by_syllables:
        assert 600 <= len(article["text"].split()) < 600 + 80  # one sentence past the target at most
        assert article["title"]
    by_chars = scale.build(2, None, 20_000)
    assert all(15_000 < len(a["text"]) <= 20_000 for a in by_chars)
    assert scale.build(3, 500, None) == scale.build(3, 500, None)  # a fixed seed: every run measures the same text


def test_networkx_textrank_fills_the_budget_from_the_cluster():
    pytest.importorskip("networkx")
    peers = bench("peers")
    texts = [a["text"] for a in METRO + STORM]
    out = peers.networkx_textrank(texts, 60)
    assert 50 <= len(syllables(out)) <= 60
    assert out.split(".")[0].strip() in " ".join(texts)


@pytest.mark.parametrize("name", ["LexRank", "TextRank", "LSA", "Luhn"])
def test_sumy_runs_on_vietnamese_without_nltk_data(name):
    pytest.importorskip("sumy")
    peers = bench("peers")
    texts = [a["text"] for a in METRO]
    out = peers.sumy_system(name)(texts, 60)
    assert 40 <= len(syllables(out)) <= 60
    first = out.split(".")[0].strip()
    assert first and first in " ".join(texts)

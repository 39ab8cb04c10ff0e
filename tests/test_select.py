"""Both selectors honour the budget and never pick two sentences stating the same fact."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SAMPLE

from tomtat.pipeline import prepare
from tomtat.read import read_paths
from tomtat.represent import SAME_FACT_OVERLAP, represent
from tomtat.score import CentralityScorer
from tomtat.select import Budget, select


@pytest.fixture(scope="module")
def scored():
    rep = represent(prepare(read_paths([SAMPLE])[0]))
    return rep, CentralityScorer().score(rep)


@pytest.mark.parametrize("method", ["greedy", "ilp"])
@pytest.mark.parametrize("words", [40, 120, 300])
def test_budget_and_no_paraphrases(scored, method, words):
    rep, scores = scored
    chosen = select(rep, scores, Budget(syllables=words), method)
    assert chosen
    assert rep.lengths[chosen].sum() <= words
    overlap = rep.overlap(chosen)[:, chosen]
    np.fill_diagonal(overlap, 0)
    assert overlap.max() <= SAME_FACT_OVERLAP


@pytest.mark.parametrize("method", ["greedy", "ilp"])
def test_sentence_budget(scored, method):
    rep, scores = scored
    assert len(select(rep, scores, Budget(syllables=None, sentences=3), method)) == 3


def test_unknown_method(scored):
    rep, scores = scored
    with pytest.raises(ValueError):
        select(rep, scores, Budget(), "magic")

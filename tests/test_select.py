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


# A 40-syllable lead, and in another article a 5-syllable heading and a 14-syllable sentence
# whose word pairs all appear in the lead: neither states the lead's fact.
_LEAD = ("Sáng nay, Ủy ban nhân dân thành phố Đà Nẵng đã quyết định cho toàn bộ học sinh từ mầm non "
         "đến trung học phổ thông nghỉ học hai ngày để tránh cơn bão số năm đang tiến nhanh vào đất liền.")
_SHORT = "Học sinh từ mầm non đến trung học phổ thông nghỉ học hai ngày."


def _same_fact_rep():
    from tomtat.model import Article, Cluster

    articles = [
        Article("Đà Nẵng cho học sinh nghỉ học tránh bão", _LEAD + "\nLực lượng cứu hộ đã sẵn sàng ở các quận ven biển."),
        Article("Tin bão mới nhất", "Tránh cơn bão số năm\n" + _SHORT + "\nNgư dân được yêu cầu đưa tàu thuyền vào nơi trú ẩn an toàn."),
    ]
    return represent(prepare(Cluster(articles=articles)))


def test_same_fact_is_measured_against_the_larger_sentence():
    from tomtat.assemble.summary import also_reported

    rep = _same_fact_rep()
    text = [s.text for s in rep.sentences]
    lead, heading, short = text.index(_LEAD), text.index("Tránh cơn bão số năm"), text.index(_SHORT)
    assert rep.sentences[lead].length >= 40 and rep.sentences[heading].length == 5 and rep.sentences[short].length == 14
    # contained in the lead: 1.0 over the smaller sentence, far below the threshold over the larger
    assert rep.overlap([lead], against="smaller")[0, heading] == 1.0
    assert rep.overlap([lead], against="smaller")[0, short] == 1.0
    assert rep.overlap([lead])[0, heading] < SAME_FACT_OVERLAP
    assert rep.overlap([lead])[0, short] < SAME_FACT_OVERLAP
    assert rep.overlap([short])[0, lead] == rep.overlap([lead])[0, short]  # symmetric
    # so the heading and the short sentence neither credit article 1 with the lead ...
    assert also_reported(rep, lead) == []
    # ... nor, once chosen, keep the greedy selector from taking the lead
    scores = CentralityScorer().score(rep)
    scores.sentence_weights[:] = 0.0
    scores.sentence_weights[short] = 1.0
    scores.sentence_weights[lead] = 0.9
    chosen = select(rep, scores, Budget(syllables=80))
    assert short in chosen and lead in chosen


# --- issue 10, item 7: ilp does not depend on the machine's load ---------------------------------------------

def test_ilp_runs_highs_without_a_wall_clock_limit(scored, monkeypatch):
    """A time limit made the answer depend on load; the bounds are a node limit and a size cap instead."""
    import tomtat.select.ilp as ilp

    seen = []
    real = ilp.milp

    def spy(*args, **kwargs):
        seen.append(dict(kwargs.get("options", {})))
        return real(*args, **kwargs)

    monkeypatch.setattr(ilp, "milp", spy)
    rep, scores = scored
    select(rep, scores, Budget(syllables=120), "ilp")
    assert seen and all("time_limit" not in options and options.get("node_limit") for options in seen)


@pytest.mark.parametrize("bounds", [{"node_limit": 0}, {"node_limit": 1}, {"max_nonzeros": 10}, {}])
@pytest.mark.parametrize("words", [40, 300])
def test_ilp_same_input_same_output_even_with_tiny_bounds(scored, bounds, words):
    """Same input twice, same sentences and warnings; a fallback is exactly the default greedy, and says so."""
    from tomtat.select import select_greedy, select_ilp
    from tomtat.select.candidates import candidates

    rep, scores = scored
    cand = candidates(rep)
    first = select_ilp(rep, cand, scores, Budget(syllables=words), **bounds)
    second = select_ilp(rep, cand, scores, Budget(syllables=words), **bounds)
    assert (first, first.warnings) == (second, second.warnings)
    if first.warnings:
        assert first == select_greedy(rep, cand, scores, Budget(syllables=words))  # default length exponent
        assert "fell back to greedy" in first.warnings[0]
    if bounds in ({"node_limit": 0}, {"max_nonzeros": 10}):
        assert first.warnings  # these bounds always fall back


def test_ilp_fallback_is_a_summary_warning(monkeypatch):
    """The result says when ilp fell back; the summary is then greedy's."""
    from functools import partial

    from tomtat import summarize
    from tomtat.select import SELECTORS, select_ilp

    articles = read_paths([SAMPLE])[0]
    exact = summarize(articles, words=150, method="ilp")
    assert not any("fell back" in w for w in exact.warnings)
    monkeypatch.setitem(SELECTORS, "ilp", partial(select_ilp, node_limit=0))
    fallback = summarize(articles, words=150, method="ilp")
    assert any("method ilp fell back to greedy" in w for w in fallback.warnings)
    assert fallback.summary == summarize(articles, words=150, method="greedy").summary


def test_greedy_blockers_rule_out_what_each_pick_names(scored):
    """A further redundancy rule (`blockers`) sees every pick and removes the candidates it names; an empty
    list of rules leaves greedy's picks as they are."""
    from tomtat.select import select_greedy
    from tomtat.select.candidates import candidates

    rep, scores = scored
    cand = candidates(rep)
    budget = Budget(syllables=300)
    plain = select_greedy(rep, cand, scores, budget)
    assert len(plain) >= 3 and len({int(rep.docs[i]) for i in plain}) > 1  # greedy draws on several outlets
    assert select_greedy(rep, cand, scores, budget, blockers=[]) == plain
    seen: list[int] = []

    def other_articles(best: int) -> np.ndarray:  # one article's sentences only, the first pick's
        seen.append(best)
        return rep.docs[cand] != rep.docs[cand[best]]

    one = select_greedy(rep, cand, scores, budget, blockers=[other_articles])
    assert one[0] == plain[0]
    assert len({int(rep.docs[i]) for i in one}) == 1
    assert [int(cand[b]) for b in seen] == one  # called once per pick, with its place in cand


@pytest.mark.parametrize("method", ["greedy", "ilp"])
@pytest.mark.parametrize("scorer", ["learned", "centrality"])
def test_one_article_is_summarized_by_its_opening_sentences(method, scorer):
    """With one article there is no agreement between outlets: every method and scorer takes the article's
    opening sentences in order while they fit (`select.lead`); with two articles the selector chooses."""
    from vi_news import STORM

    from tomtat import summarize
    from tomtat.pipeline import analyze
    from tomtat.score import SCORERS
    from tomtat.select import SELECTORS
    from tomtat.select.candidates import candidates

    one = [STORM[0]]
    rep = analyze(one).rep
    first = [rep.sentences[i].text for i in sorted(candidates(rep).tolist())]
    for words in (40, 80):
        result = summarize(one, words=words, method=method, scorer=scorer)
        texts = [s.text for s in result.sentences]
        assert texts and texts == first[:len(texts)]
        assert result.syllables <= words
        assert len(texts) < len(first)  # the budget, not the article, ended it
    assert len(summarize(one, sentences=2, method=method, scorer=scorer).sentences) == 2
    rep = analyze(STORM[:2]).rep
    scores = SCORERS.resolve(scorer)().score(rep)
    budget = Budget(syllables=80)
    assert select(rep, scores, budget, method) == SELECTORS.resolve(method)(rep, candidates(rep), scores, budget)

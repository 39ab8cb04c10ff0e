"""Session 6 candidate sentence features (tomtat.train.variants, measured with bench/learner_variants.py):
each must say what its docstring says on a realistic cluster."""

from __future__ import annotations

import numpy as np
import pytest

from test_train_variants import OTHER_LEADS, SAME_LEAD
from tomtat.model import Article, Cluster
from tomtat.pipeline import prepare
from tomtat.represent import represent
from tomtat.train import variants as V


def rep_of(articles):
    return represent(prepare(Cluster(articles=list(articles))))


def index_of(rep, words):
    return next(k for k, s in enumerate(rep.sentences) if words in s.text)


@pytest.fixture(scope="module")
def bridge():
    return rep_of(SAME_LEAD)


def test_key_entities_credit_the_names_and_figures_most_articles_share(bridge):
    x = V.key_entities(bridge)
    assert x.max() == pytest.approx(1.0) and (x >= 0).all()
    # the openings name Đà Nẵng, cầu Rồng, the Sở and the date 12/3, which every outlet repeats
    opening = index_of(bridge, "quyết định đóng cửa cầu Rồng")
    aside = index_of(bridge, "Chi phí sửa chữa do nhà thầu")
    assert x[opening] > x[aside]


def test_restated_counts_retellings_anywhere_in_the_cluster(bridge):
    x = V.restated(bridge)
    openings = [index_of(bridge, t) for t in ("quyết định đóng cửa", "bị đóng cửa để sửa chữa", "Cầu Rồng đóng cửa từ sáng")]
    assert min(x[openings]) > 0 and x.max() == pytest.approx(1.0)
    assert x[index_of(bridge, "Lễ hội phun lửa")] == 0.0
    assert not V.restated(rep_of(SAME_LEAD[:1])).any()  # one article with no retelling


def test_event_date_agreement_marks_the_day_most_articles_report(bridge):
    x = V.event_date_agreement(bridge)
    assert set(np.unique(x)) <= {0.0, 1.0}
    assert all(x[index_of(bridge, t)] == 1.0 for t in ("quyết định đóng cửa", "Cầu Rồng đóng cửa từ sáng"))
    assert x[index_of(bridge, "Lễ hội phun lửa")] == 0.0
    assert np.array_equal(V.event_date_agreement(bridge, earliest=True), x)  # one reported day: both rules agree
    assert not V.event_date_agreement(rep_of(SAME_LEAD[:1])).any()  # one article: no agreement to find


def test_specificity_is_high_for_one_outlets_digression(bridge):
    for x in (V.idf_specificity(bridge), V.idf_specificity(bridge, weighted=True), V.one_article_share(bridge),
              V.smooth_specificity(bridge), V.smooth_specificity(bridge, "sentences")):
        assert ((0 <= x) & (x <= 1 + 1e-12)).all()
        assert x[index_of(bridge, "Lễ hội phun lửa")] > x[index_of(bridge, "Cầu Rồng đóng cửa từ sáng")]
    assert not V.idf_specificity(rep_of(SAME_LEAD[:1])).any()


def test_lexrank_ranks_the_restated_openings_above_asides(bridge):
    x = V.lexrank(bridge)
    assert x.max() == pytest.approx(1.0) and (x > 0).all()
    assert x[index_of(bridge, "quyết định đóng cửa")] > x[index_of(bridge, "Chi phí sửa chữa do nhà thầu")]


def test_first_mention_marks_where_each_article_introduces_a_key_concept(bridge):
    x = V.first_mention(bridge)
    assert set(np.unique(x)) <= {0.0, 1.0}
    firsts = [k for k, s in enumerate(bridge.sentences) if s.position == 0]
    assert all(x[k] == 1.0 for k in firsts)  # every opening holds "cầu rồng", "sửa chữa", ...
    # a later sentence of an article repeats nothing new of the top concepts
    later = [k for k, s in enumerate(bridge.sentences) if s.position > 0]
    assert x[later].sum() < len(later)


def test_noise_control_is_repeatable():
    rep = rep_of(SAME_LEAD + OTHER_LEADS)
    assert np.array_equal(V.noise_column(rep), V.noise_column(rep))
    assert not np.array_equal(V.noise_column(rep), V.noise_column(rep, 1))


def test_candidates_handle_an_empty_cluster_shape():
    rep = rep_of([Article("Tin ngắn", "Mưa lớn kéo dài ở Huế trong hai ngày cuối tuần qua.", "bao-a")])
    for f in (V.key_entities, V.restated, V.event_date_agreement, V.idf_specificity, V.one_article_share, V.lexrank,
              V.first_mention):
        assert f(rep).shape == (len(rep.sentences),)

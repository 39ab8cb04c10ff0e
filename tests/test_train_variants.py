"""Learner and feature variants of issue 8 (tomtat.train.variants) and the shipped lead-heaviness features: they must stay correct."""

from __future__ import annotations

import numpy as np
import pytest

from tomtat.model import Article, Cluster
from tomtat.pipeline import prepare
from tomtat.represent import represent
from tomtat.score import LearnedScorer
from tomtat.score.features import FEATURES, lead_heaviness, sentence_features
from tomtat.train.fit import Example
from tomtat.train.variants import (
    cluster_balanced,
    cluster_normalized,
    fit_pairwise,
)

# Three outlets open with the same fact (a lead-heavy cluster, as wire-style references expect) ...
SAME_LEAD = [
    Article(
        "Cầu Rồng đóng cửa để sửa chữa khẩn cấp",
        "Sở Giao thông vận tải Đà Nẵng quyết định đóng cửa cầu Rồng từ sáng 12/3 để sửa chữa khẩn cấp khe co giãn.\n"
        "Các phương tiện được hướng dẫn đi qua cầu Trần Thị Lý và cầu Sông Hàn.\n"
        "Theo kế hoạch, việc sửa chữa kéo dài khoảng hai tuần.",
        "bao-a",
    ),
    Article(
        "Đà Nẵng tạm đóng cầu Rồng",
        "Từ sáng 12/3, cầu Rồng ở Đà Nẵng bị đóng cửa để sửa chữa khẩn cấp khe co giãn, theo Sở Giao thông vận tải.\n"
        "Người dân phản ánh khe co giãn phát ra tiếng động lớn khi xe tải chạy qua.\n"
        "Lực lượng cảnh sát giao thông được bố trí tại hai đầu cầu.",
        "bao-b",
    ),
    Article(
        "Sửa chữa khẩn cấp cầu Rồng",
        "Cầu Rồng đóng cửa từ sáng 12/3 để Sở Giao thông vận tải Đà Nẵng sửa chữa khẩn cấp khe co giãn.\n"
        "Lễ hội phun lửa cuối tuần trên cầu cũng tạm dừng trong thời gian này.\n"
        "Chi phí sửa chữa do nhà thầu bảo hành chi trả.",
        "bao-c",
    ),
]
# ... and three that open on different angles of one story.
OTHER_LEADS = [
    Article(
        "Giá xăng tăng lần thứ ba liên tiếp",
        "Giá xăng RON 95 tăng thêm 520 đồng mỗi lít từ 15 giờ chiều nay.\n"
        "Liên bộ Công Thương và Tài chính cho biết giá xăng dầu thế giới tăng mạnh trong kỳ điều hành.\n"
        "Quỹ bình ổn giá không được trích lập trong kỳ này.",
        "bao-a",
    ),
    Article(
        "Tài xế công nghệ than chi phí nhiên liệu",
        "Anh Minh, tài xế xe công nghệ ở quận Bình Thạnh, nói mỗi ngày anh tốn thêm gần 30.000 đồng tiền xăng.\n"
        "Giá xăng RON 95 đã tăng thêm 520 đồng mỗi lít từ chiều nay.\n"
        "Nhiều tài xế cân nhắc chuyển sang xe điện.",
        "bao-b",
    ),
    Article(
        "Doanh nghiệp vận tải tính tăng cước",
        "Hiệp hội Vận tải ô tô kiến nghị cho phép các doanh nghiệp điều chỉnh cước vận chuyển hàng hóa.\n"
        "Theo hiệp hội, nhiên liệu chiếm tới 40% giá thành vận tải.\n"
        "Giá xăng RON 95 tăng thêm 520 đồng mỗi lít trong kỳ điều hành chiều nay.",
        "bao-c",
    ),
]


def features_of(articles):
    return sentence_features(represent(prepare(Cluster(articles=list(articles)))))


def heaviness(f):
    return lead_heaviness(f[:, FEATURES.index("lead_agreement")], 1.0 / f[:, FEATURES.index("lead")] - 1.0)


def test_lead_heaviness_is_high_when_articles_open_alike():
    alike, apart = heaviness(features_of(SAME_LEAD)), heaviness(features_of(OTHER_LEADS))
    assert 0.0 <= apart < alike <= 1.0
    assert heaviness(features_of(SAME_LEAD[:1])) == 0.0  # one article: no other lead to agree with
    assert lead_heaviness(np.zeros(0), np.zeros(0)) == 0.0


def test_heavy_features_scale_the_position_features_by_the_cluster_heaviness():
    for articles in (SAME_LEAD, OTHER_LEADS):
        f = features_of(articles)
        h = heaviness(f)
        for name, base in (("heavy_lead", "lead"), ("heavy_first_paragraph", "first_paragraph"),
                           ("heavy_paragraph_lead", "paragraph_lead")):
            assert np.allclose(f[:, FEATURES.index(name)], f[:, FEATURES.index(base)] * h)
    alike, apart = features_of(SAME_LEAD), features_of(OTHER_LEADS)
    col = FEATURES.index("heavy_lead")
    assert alike[0, col] > apart[0, col]  # the same first-sentence position weighs more where outlets open alike


def test_cluster_normalized_features_are_relative_within_the_cluster():
    f = features_of(OTHER_LEADS)
    z = cluster_normalized(f, ("log_length", "centroid"))
    assert z.shape == (len(f), len(FEATURES) + 2)
    assert np.allclose(z[:, -2:].mean(axis=0), 0.0) and np.allclose(z[:, -1].std(), 1.0)
    rank = cluster_normalized(f, ("centroid",), mode="rank")[:, -1]
    assert rank[np.argmax(f[:, FEATURES.index("centroid")])] == 0.0 and rank.max() == 1.0
    with pytest.raises(ValueError):
        cluster_normalized(f, mode="percent")


def _examples():
    out = []
    for i, articles in enumerate((SAME_LEAD, OTHER_LEADS, SAME_LEAD[:2], OTHER_LEADS[1:])):
        f = features_of(articles)
        labels = (f[:, FEATURES.index("lead")] == 1.0).astype(float)  # the openings are the "oracle"
        out.append(Example(str(i), f, labels, np.where(labels > 0, 1.0, 0.5)))
    return out


def test_cluster_balancing_gives_every_cluster_the_same_total_weight():
    data = _examples()
    balanced = cluster_balanced(data)
    totals = [e.weights.sum() for e in balanced]
    assert np.allclose(totals, totals[0]) and np.isclose(sum(totals), sum(len(e.labels) for e in data))
    assert [e.id for e in balanced] == [e.id for e in data] and data[0].weights.max() == 1.0  # inputs untouched
    # within a cluster the soft-negative ratio is kept
    assert np.allclose(balanced[0].weights / data[0].weights, balanced[0].weights[0] / data[0].weights[0])


def test_pairwise_model_ranks_openings_first_and_loads_as_format_2():
    data = _examples()
    model = fit_pairwise(data, 1.0)
    again = fit_pairwise(list(data), 1.0)
    assert model == again  # deterministic
    assert model["format"] == 2 and len(model["coef"]) == len(FEATURES)
    rep = represent(prepare(Cluster(articles=list(SAME_LEAD))))
    p = LearnedScorer(model).salience(rep)
    assert ((p > 0) & (p < 1)).all()
    openings = [i for i, s in enumerate(rep.sentences) if s.position == 0]
    assert p[openings].min() > np.delete(p, openings).max()
    with pytest.raises(ValueError):
        fit_pairwise([Example("x", data[0].features, np.zeros(len(data[0].labels)))], 1.0)


def test_round5_feature_variants_append_finite_bounded_columns():
    """The candidate features of bench/learner_variants.py (measured, not shipped) on a real cluster."""
    from tomtat.train.variants import EXTRA, eigen_centrality, other_titles, paragraph_position

    rep = represent(prepare(Cluster(articles=SAME_LEAD + OTHER_LEADS)))
    base = sentence_features(rep)
    for name, transform in EXTRA.items():
        x = transform(rep, base)
        assert x.shape[0] == base.shape[0] and x.shape[1] > base.shape[1], name
        assert np.isfinite(x).all() and np.array_equal(x[:, :base.shape[1]], base), name
    assert eigen_centrality(rep).max() == pytest.approx(1.0)
    assert ((0 <= other_titles(rep)) & (other_titles(rep) <= 1 + 1e-9)).all()
    position = paragraph_position(rep)
    assert ((0 <= position) & (position <= 1)).all()
    single = represent(prepare(Cluster(articles=SAME_LEAD[:1])))
    assert not other_titles(single).any()


def test_round5_label_variants_keep_shapes_and_the_oracle():
    from tomtat.train.fit import labelled
    from tomtat.train.variants import LABELS

    rep = represent(prepare(Cluster(articles=SAME_LEAD)))
    texts = [s.text for s in rep.sentences]
    references = [texts[0] + " " + texts[1], texts[-1]]
    example = labelled("x", rep, references, 40)
    for name, relabel in LABELS.items():
        out = relabel(rep, references, 40, example)
        assert out.labels.shape == out.weights.shape == example.labels.shape, name
        assert (out.weights > 0).all(), name
    old = LABELS["joint-oracle"](rep, references, 40, example)
    assert old.labels.sum() <= example.labels.sum()


def test_hinge_terms_are_zero_below_their_knots_and_keep_the_raw_features():
    """Session 5's piecewise-linear terms (measured, not shipped): max(0, x - knot), appended."""
    from tomtat.train.variants import CENTROID_KNOTS, LENGTH_KNOTS, hinges

    base = features_of(SAME_LEAD + OTHER_LEADS)
    x = hinges(base)
    assert x.shape == (base.shape[0], base.shape[1] + len(LENGTH_KNOTS) + len(CENTROID_KNOTS))
    assert np.array_equal(x[:, :base.shape[1]], base) and (x[:, base.shape[1]:] >= 0).all()
    length = base[:, FEATURES.index("log_length")]
    first = x[:, base.shape[1]]  # the 12-syllable knot: zero exactly for sentences of at most 12 syllables
    assert np.array_equal(first > 0, length > np.log1p(LENGTH_KNOTS[0]))
    assert hinges(base, centroid=False).shape[1] == base.shape[1] + len(LENGTH_KNOTS)


def test_reference_vote_labels_weight_positives_by_how_many_oracles_take_them():
    from tomtat.train.fit import labelled
    from tomtat.train.variants import REPEATED_ROWS, labels_reference_agreement

    rep = represent(prepare(Cluster(articles=SAME_LEAD + OTHER_LEADS)))
    texts = [s.text for s in rep.sentences]
    references = [texts[0] + " " + texts[3], texts[6] + " " + texts[0]]
    example = labelled("x", rep, references, 40)
    agree = labels_reference_agreement(rep, references, 40, example)
    positive = agree.labels > 0
    assert positive[0] and np.array_equal(positive, agree.labels.astype(bool))
    # sentence 0 opens both references: every oracle of the three takes it
    assert agree.weights[0] == pytest.approx(1.0, abs=2e-3)
    assert ((agree.weights[positive] > 0.3) & (agree.weights[positive] <= 1.0 + 2e-3)).all()
    smooth = REPEATED_ROWS["ref-smooth"](rep, references, 40, example)
    extra = smooth.features.shape[0] - example.features.shape[0]
    assert extra == int((positive & (agree.weights < 1)).sum())
    assert smooth.labels.shape == smooth.weights.shape == (smooth.features.shape[0],)
    assert not smooth.labels[len(example.labels):].any()  # the repeated rows are the negatives' share
    one = labelled("y", rep, references[:1], 40)
    assert labels_reference_agreement(rep, references[:1], 40, one) is one  # one reference: unchanged


def test_inner_cv_picks_a_c_of_its_grid_and_its_rouge_matches_the_evaluator():
    """`fit_inner_c` (C chosen by an inner CV of the training set itself) on a few small clusters."""
    from tomtat.evaluate.rouge import rouge
    from tomtat.train.domains import prepare_dataset, summary_text
    from tomtat.train.fit import fit
    from tomtat.train.variants import InnerContext, _summary, inner_scores, rouge2_f1

    stories = [SAME_LEAD, OTHER_LEADS, SAME_LEAD[::-1], OTHER_LEADS[::-1]]
    clusters = []
    for i, articles in enumerate(stories):
        texts = [s.text for s in represent(prepare(Cluster(articles=list(articles)))).sentences]
        clusters.append(Cluster(articles=list(articles), id=f"c{i}", references=[texts[0] + " " + texts[2], texts[1]]))
    data = prepare_dataset("vims", clusters, syllables=40)
    context = InnerContext()
    context.register([data])
    model = fit(data.examples, 0.1)
    for cluster, rep, e in zip(data.clusters, data.reps, data.examples):
        text = summary_text(rep, model, 40)
        assert _summary(rep, model, e.features, 40) == text
        assert rouge2_f1(text, cluster.references, 40) == pytest.approx(rouge(text, cluster.references, limit=40).f1())
    rows = inner_scores(data.examples, grid=(0.05, 0.1), k=2, scales=(1.0, 0.8), context=context)
    assert [(r["c"], r["scale"]) for r in rows] == [(0.05, 1.0), (0.05, 0.8), (0.1, 1.0), (0.1, 0.8)]
    assert all(0 <= r["rouge2"] <= 100 and r["log_loss"] > 0 and r["vims"] == r["rouge2"] for r in rows)

"""The learned concept weight (issue 8, session 6): concept names and labels for training, the per-concept
features the scorer computes, the model file's "concepts" entry and how `combine` uses it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from test_train_variants import OTHER_LEADS, SAME_LEAD
from tomtat.model import Cluster
from tomtat.pipeline import prepare
from tomtat.represent import represent
from tomtat.represent.vectors import sentence_concepts
from tomtat.score import LearnedScorer
from tomtat.score.features import FEATURES, lead_heaviness, sentence_features
from tomtat.score.learned import (
    CONCEPT_FEATURES,
    ModelError,
    combine,
    concept_features,
    concept_probability,
    load_model,
    salience,
    shipped_model,
)
from tomtat.train.fit import ConceptExample, Example, dumps, fit, labelled
from tomtat.train.labels import concept_labels, concept_names


def rep_of(articles):
    return represent(prepare(Cluster(articles=list(articles))))


def test_concept_names_name_every_column_of_the_concept_matrix():
    rep = rep_of(SAME_LEAD + OTHER_LEADS)
    names = concept_names(rep)
    m = rep.concept_matrix
    assert len(names) == m.shape[1]
    for i, s in enumerate(rep.sentences):
        assert {names[j] for j in m.indices[m.indptr[i]:m.indptr[i + 1]]} == sentence_concepts(s.syllables)


def test_concept_labels_are_the_share_of_references_holding_the_bigram():
    rep = rep_of(SAME_LEAD)
    names = concept_names(rep)
    first = "Cầu Rồng đóng cửa từ sáng 12/3 để sửa chữa khe co giãn."
    second = "Cầu Rồng ở Đà Nẵng tạm dừng lễ hội phun lửa."
    labels = concept_labels(rep, [first, second])
    assert labels[names.index(("cầu", "rồng"))] == 1.0  # both summaries name the bridge
    assert labels[names.index(("khe", "co"))] == 0.5  # one of two
    assert labels[names.index(("nhà", "thầu"))] == 0.0
    assert set(np.unique(labels)) <= {0.0, 0.5, 1.0}
    assert concept_labels(rep, [""]).sum() == 0


def naive_concept_features(rep, p, features):
    """`concept_features` concept by concept, with Python loops over each concept's sentences."""
    f = FEATURES.index
    m = rep.concept_matrix.tocsc()
    n_docs = len(rep.documents)
    heaviness = lead_heaviness(features[:, f("lead_agreement")], np.array([s.position for s in rep.sentences]))
    rows = []
    for c in range(m.shape[1]):
        held = m.indices[m.indptr[c]:m.indptr[c + 1]]
        df = rep.concept_df[c]
        rows.append([
            df / n_docs, np.log(df), np.log(held.size), np.log((1 + len(rep.sentences)) / (1 + held.size)),
            max(features[i, f("lead")] for i in held), min(features[i, f("relative_position")] for i in held),
            np.mean([features[i, f("lead")] == 1.0 for i in held]),
            np.mean([features[i, f("first_paragraph")] for i in held]),
            np.mean(p[held]), p[held].max(), max(features[i, f("own_title")] for i in held),
            np.mean([features[i, f("numbers")] for i in held]), np.mean([features[i, f("names")] for i in held]),
            sum(rep.sentences[i].position < 3 for i in held) / n_docs,
            max(features[i, f("lead")] for i in held) * heaviness,
            np.mean([features[i, f("lead")] == 1.0 for i in held]) * heaviness,
        ])
    return np.array(rows)


def test_concept_features_aggregate_each_concepts_sentences():
    rep = rep_of(SAME_LEAD + OTHER_LEADS)
    features = sentence_features(rep)
    p = salience(shipped_model(), features)
    got = concept_features(rep, p, features)
    assert got.shape == (rep.concept_matrix.shape[1], len(CONCEPT_FEATURES)) and np.isfinite(got).all()
    np.testing.assert_allclose(got, naive_concept_features(rep, p, features), rtol=1e-12, atol=1e-12)
    names = concept_names(rep)
    # "cầu rồng" opens all three bridge articles: half the articles, openings only, the first sentence
    bridge = got[names.index(("cầu", "rồng"))]
    column = dict(zip(CONCEPT_FEATURES, bridge))
    assert column["df_share"] == 0.5 and column["first_lead"] == 1.0 and column["first_relative"] == 0.0
    assert concept_features(rep_of(SAME_LEAD[:1]), p[:3], features[:3]).shape[1] == len(CONCEPT_FEATURES)


def examples_of(datasets):
    """Training examples of small clusters whose references copy each article's opening."""
    out = []
    for k, articles in enumerate(datasets):
        rep = rep_of(articles)
        references = [" ".join(a.text.split("\n")[0] for a in articles)]
        out.append(labelled(str(k), rep, references, 60))
    return out


def test_fitted_concept_weights_are_stored_under_their_own_key_and_used(tmp_path):
    train = examples_of([SAME_LEAD, OTHER_LEADS, SAME_LEAD[::-1], OTHER_LEADS[::-1]])
    assert all(isinstance(e.concepts, ConceptExample) and e.concepts.labels.any() for e in train)
    plain = fit(train)
    assert "concepts" not in plain  # the shipped recipe fits none
    model = fit(train, concepts="replace")
    assert {k: v for k, v in model.items() if k != "concepts"} == plain  # the sentence model is unchanged
    entry = model["concepts"]
    assert entry["use"] == "replace" and entry["features"] == list(CONCEPT_FEATURES)
    assert len(entry["coef"]) == len(entry["mean"]) == len(entry["scale"]) == len(CONCEPT_FEATURES)
    assert dumps(model) == dumps(fit(list(train), concepts="replace"))
    path = tmp_path / "model.json"
    path.write_text(dumps(model), encoding="utf-8")
    assert load_model(path) == json.loads(dumps(model))

    rep = rep_of(SAME_LEAD + OTHER_LEADS)
    features = sentence_features(rep)
    p = salience(model, features)
    q = concept_probability(entry, concept_features(rep, p, features))
    scores = LearnedScorer(model).score(rep)
    np.testing.assert_allclose(scores.concept_weights, q)
    assert ((q > 0) & (q < 1)).all()
    hand_set = combine(rep, p, model["combine"], model["select"])
    multiplied = LearnedScorer({**model, "concepts": {**entry, "use": "multiply"}}).score(rep)
    np.testing.assert_allclose(multiplied.concept_weights, hand_set.concept_weights * q)
    np.testing.assert_array_equal(scores.sentence_weights, hand_set.sentence_weights)
    # concepts the articles' openings share weigh more than one article's closing detail
    names = concept_names(rep)
    assert q[names.index(("cầu", "rồng"))] > q[names.index(("nhà", "thầu"))]


def test_a_model_whose_concept_features_differ_is_refused(tmp_path):
    model = fit(examples_of([SAME_LEAD, OTHER_LEADS]), concepts="multiply")
    model["concepts"]["features"] = model["concepts"]["features"][:-1]
    path = tmp_path / "model.json"
    path.write_text(dumps(model), encoding="utf-8")
    with pytest.raises(ModelError, match="concept weights"):
        load_model(path)
    with pytest.raises(ValueError, match="use"):
        fit(examples_of([SAME_LEAD]), concepts="both")


def test_joint_training_scales_each_datasets_concepts_too():
    from tomtat.train.domains import Prepared, joint_examples

    small, large = examples_of([SAME_LEAD]), examples_of([OTHER_LEADS, SAME_LEAD[::-1]])
    sets = [Prepared(kind, 60, [Cluster(articles=[], id=e.id) for e in ex], [e.concepts.rep for e in ex], ex)
            for kind, ex in (("vims", small), ("abmusu", large))]
    joint = joint_examples(sets)
    assert [e.concepts.scale for e in joint] == [2.0, 1.0, 1.0]
    assert small[0].concepts.scale == 1.0  # the prepared examples are left as they were
    assert Example("x", np.zeros((1, len(FEATURES))), np.zeros(1)).concepts is None


def test_concept_model_on_a_feature_subset_and_the_excess_use():
    from tomtat.train.variants import FREQUENCY_FEATURES, fit_concept_weights

    train = examples_of([SAME_LEAD, OTHER_LEADS, SAME_LEAD[::-1], OTHER_LEADS[::-1]])
    model = fit_concept_weights(train, 0.1, use="excess", only=FREQUENCY_FEATURES)
    entry = model["concepts"]
    assert entry["use"] == "excess" and entry["features"] == list(CONCEPT_FEATURES)
    unused = [i for i, n in enumerate(CONCEPT_FEATURES) if n not in FREQUENCY_FEATURES]
    assert all(entry["coef"][i] == 0 and entry["mean"][i] == 0 and entry["scale"][i] == 1 for i in unused)
    assert any(entry["coef"][CONCEPT_FEATURES.index(n)] != 0 for n in FREQUENCY_FEATURES)
    rep = rep_of(SAME_LEAD + OTHER_LEADS)
    features = sentence_features(rep)
    q = concept_probability(entry, concept_features(rep, salience(model, features), features))
    weights = LearnedScorer(model).score(rep).concept_weights
    np.testing.assert_allclose(weights, np.maximum(q - q.mean(), 0.0))
    assert (weights == 0).any() and (weights > 0).any()

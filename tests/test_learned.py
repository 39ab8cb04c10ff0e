"""The learned salience scorer: features, the shipped model file, training determinism."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import VIMS, needs_vims
from test_evaluate import ARTICLES
from tomtat.model import Article, Cluster
from tomtat.pipeline import default_scorer, prepare, summarize
from tomtat.represent import represent
from tomtat.score import CentralityScorer, LearnedScorer
from tomtat.score.features import FEATURES, sentence_features
from tomtat.score.learned import default_model_path, load_model
from tomtat.train.fit import Example, dumps, fit


def fixture_rep(n_articles: int | None = None):
    articles = [Article(a.title, a.text, a.source) for a in ARTICLES][:n_articles]
    return represent(prepare(Cluster(articles=articles)))


def test_shipped_model_loads_with_json_and_numpy():
    path = default_model_path()
    assert path.is_file() and path.stat().st_size < 10_000
    raw = json.loads(path.read_text(encoding="utf-8"))
    model = load_model(path)
    assert model == raw
    assert model["features"] == list(FEATURES)
    assert len(model["coef"]) == len(model["mean"]) == len(model["scale"]) == len(FEATURES)
    assert model["training"]["command"].startswith("tomtat train")
    assert model["version"] >= 1


def test_model_with_other_features_is_refused(tmp_path):
    from tomtat.score.learned import ModelError

    model = json.loads(default_model_path().read_text(encoding="utf-8"))
    model["features"] = model["features"][:-1]
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ModelError):
        load_model(path)


def test_features_are_finite_and_per_cluster_scaled():
    rep = fixture_rep()
    x = sentence_features(rep)
    assert x.shape == (len(rep.sentences), len(FEATURES))
    assert np.isfinite(x).all()
    col = {name: x[:, k] for k, name in enumerate(FEATURES)}
    assert col["centroid"].max() == pytest.approx(1.0)
    assert col["lead"][0] == 1.0 and (col["support"] >= 0).all() and (col["support"] <= 1).all()
    # the rain total appears in both of the first articles: supported by another outlet
    rain = [k for k, s in enumerate(rep.sentences) if "250" in s.text]
    assert all(col["support"][k] > 0 for k in rain) and all(col["numbers"][k] > 0 for k in rain)


def test_learned_scorer_scores_fixture():
    rep = fixture_rep()
    scores = LearnedScorer().score(rep)
    assert scores.sentence_weights.shape == (len(rep.sentences),)
    assert ((scores.sentence_weights > 0) & (scores.sentence_weights < 1)).all()
    assert scores.concept_weights.shape == rep.concept_df.shape and (scores.concept_weights >= 0).all()
    assert scores.concept_weights.max() > 0


def test_default_pipeline_uses_learned_scorer():
    assert isinstance(default_scorer(), LearnedScorer)
    result = summarize([Article(a.title, a.text, a.source) for a in ARTICLES], words=40)
    assert result.sentences and result.syllables <= 40


def test_single_article_cluster():
    rep = fixture_rep(1)
    scores = LearnedScorer().score(rep)
    assert scores.concept_weights.max() > 0  # min_df does not wipe out every concept of one article
    result = summarize([Article(ARTICLES[0].title, ARTICLES[0].text)], words=30)
    assert result.sentences


def test_two_hundred_articles():
    articles = [Article(f"{ARTICLES[k % 3].title} {k}", ARTICLES[k % 3].text + f"\nBản tin số {k} cập nhật lúc {k % 24} giờ.",
                        f"bao-{k}") for k in range(200)]
    result = summarize(articles, words=60)
    assert result.sentences and result.syllables <= 60


def test_centrality_scorer_still_works():
    rep = fixture_rep()
    result = summarize([Article(a.title, a.text) for a in ARTICLES], words=40, scorer=CentralityScorer())
    assert result.sentences and CentralityScorer().score(rep).concept_weights.max() > 0


def test_fit_is_deterministic():
    rng = np.random.default_rng(0)
    data = [Example(str(i), rng.random((30, len(FEATURES))), (rng.random(30) < 0.2).astype(float)) for i in range(10)]
    a, b = dumps(fit(data)), dumps(fit(list(data)))
    assert a == b
    model = json.loads(a)
    assert LearnedScorer(model).model["coef"] == model["coef"]


@needs_vims
def test_training_on_vims_is_reproducible():
    from tomtat.evaluate.datasets import read_vims
    from tomtat.train.fit import examples

    clusters = list(read_vims(VIMS))[:15]
    first, second = examples(clusters), examples(list(reversed(clusters)))
    assert [e.id for e in first] == [e.id for e in second]
    assert dumps(fit(first)) == dumps(fit(second))
    assert sum(e.labels.sum() for e in first) > 0


@needs_vims
def test_shipped_model_rebuilds_bit_for_bit(tmp_path):
    """`tomtat train vims:... abmusu:... -o FILE` reproduces the shipped file (~40 s)."""
    from typer.testing import CliRunner

    from tomtat.cli import app

    abmusu = VIMS.parent / "abmusu" / "train.jsonl"
    if not abmusu.is_file():
        pytest.skip("needs ../shared/data/abmusu/train.jsonl")
    out = tmp_path / "salience.json"
    result = CliRunner().invoke(app, ["train", f"vims:{VIMS}", f"abmusu:{abmusu}", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == default_model_path().read_bytes(), (
        "the shipped model is stale (cleaning, splitting or features changed since it was trained): "
        "run `tomtat train vims:../shared/data/vims abmusu:../shared/data/abmusu/train.jsonl "
        "-o src/tomtat/data/salience-v2.json`"
    )


@needs_vims
def test_vims_only_model_rebuilds_bit_for_bit(tmp_path):
    """A bare ViMs path still trains (on ViMs alone), the same bytes from any path spelling."""
    from typer.testing import CliRunner

    from tomtat.cli import app

    clusters = sorted(p.name for p in (VIMS / "data").iterdir())[:12]
    root = tmp_path / "vims"
    for part in ("data", "summary"):
        (root / part).mkdir(parents=True)
        for name in clusters:
            (root / part / name).symlink_to(VIMS / part / name)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for args in (["train", str(root), "-o", str(first)], ["train", f"vims:{root}", "-o", str(second)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    model = load_model(first)
    assert model["training"]["data"] == "ViMs (12 clusters), each sorted by id"
    assert model["select"] and model["combine"]["min_df"] >= 1


def test_dataset_specs():
    from tomtat.errors import NoInputError
    from tomtat.train.domains import parse_dataset

    assert parse_dataset("vims:/data/vims")[0] == "vims"
    assert parse_dataset("abmusu:train.jsonl") == ("abmusu", __import__("pathlib").Path("train.jsonl"))
    assert parse_dataset("../shared/data/vims")[0] == "vims"
    with pytest.raises(NoInputError):
        parse_dataset("duc:/nowhere")


def test_format_1_model_settings_fall_back_to_selector_defaults():
    from tomtat.select import LENGTH_EXPONENT, SALIENCE_WEIGHT

    model = load_model(default_model_path())
    old = {k: v for k, v in model.items() if k != "select"} | {"format": 1}
    scores = LearnedScorer(old).score(fixture_rep())
    assert scores.selection == {} and SALIENCE_WEIGHT > 0 and LENGTH_EXPONENT > 0
    assert LearnedScorer(model).score(fixture_rep()).selection == model["select"]


def test_salient_lead_of_one_article_keeps_concept_weight():
    """min_df: a lead whose word pairs no other article uses still weighs (the shipped min_df is 1)."""
    rep = fixture_rep()
    scores = LearnedScorer().score(rep)
    rows = [rep.concept_matrix[i].indices for i in range(len(rep.sentences))]
    lone = [i for i, row in enumerate(rows) if row.size and (rep.concept_df[row] == 1).all()]
    assert lone and all(scores.concept_weights[rows[i]].max() > 0 for i in lone)


@needs_vims
def test_grid_search_scores_every_setting_on_every_set():
    """The shipped settings' criterion: joint CV, mean over datasets, rows best first."""
    from tomtat.evaluate.datasets import read_vims
    from tomtat.train.domains import grid_search, prepare_dataset

    clusters = sorted(read_vims(VIMS), key=lambda c: str(c.id))[:12]
    sets = [prepare_dataset("vims", clusters[:6]), prepare_dataset("abmusu", clusters[6:])]
    rows = grid_search(sets, k=2, grid={"length_exponent": (0.5, 0.7), "min_df": (1, 2)})
    assert len(rows) == 4 and {(r["length_exponent"], r["min_df"]) for r in rows} == {(0.5, 1), (0.5, 2), (0.7, 1), (0.7, 2)}
    assert [r["mean"] for r in rows] == sorted((r["mean"] for r in rows), reverse=True)
    assert all(r["mean"] == pytest.approx((r["vims"] + r["abmusu"]) / 2, abs=0.01) for r in rows)


def test_soft_negative_weights_follow_reference_overlap():
    """A negative that the reference copies weighs (almost) nothing; an unrelated one weighs fully."""
    from tomtat.train.labels import reference_precision, sample_weights

    rep = fixture_rep()
    texts = [s.text for s in rep.sentences]
    reference = texts[0] + " " + texts[1]  # a summary that copies the first two sentences
    precision = reference_precision(rep, [reference])
    assert precision[0] == pytest.approx(1.0) and precision[1] == pytest.approx(1.0)
    labels = np.zeros(len(texts))
    labels[0] = 1.0  # the oracle took the first; the second is a near-miss
    weights = sample_weights(labels, precision)
    assert weights[0] == pytest.approx(1.001) and weights[1] == pytest.approx(0.001)
    assert weights.max() <= 1.001 and np.allclose(weights[precision == 0], 1.001) and (precision == 0).any()
    assert reference_precision(rep, [""]).sum() == 0


def test_sample_weights_change_the_fit():
    rng = np.random.default_rng(1)
    plain = [Example(str(i), rng.random((30, len(FEATURES))), (rng.random(30) < 0.2).astype(float)) for i in range(10)]
    weighted = [Example(e.id, e.features, e.labels, np.where(e.labels > 0, 1.0, rng.random(30))) for e in plain]
    assert fit(plain)["coef"] != fit(weighted)["coef"]
    assert dumps(fit(weighted)) == dumps(fit(list(weighted)))


def test_each_references_own_oracle_sentences_become_weighted_positives():
    """Two summaries that copy different sentences: the joint oracle serves both at once, and the sentence
    only one of them copies is still a positive (weight `PER_REFERENCE_WEIGHT`); one reference adds none."""
    from tomtat.train.fit import labelled
    from tomtat.train.labels import PER_REFERENCE_WEIGHT, oracle_labels, per_reference

    rep = fixture_rep()
    texts = [s.text for s in rep.sentences]
    budget = max(len(rep.sentences[0].syllables), len(rep.sentences[-1].syllables)) + 2
    references = [texts[0], texts[-1]]
    joint = oracle_labels(rep, references, budget)
    extra = per_reference(rep, references, budget, joint)
    assert joint.sum() >= 1 and extra.sum() >= 1 and not (extra & (joint > 0)).any()
    assert {0, len(texts) - 1} <= set(np.flatnonzero(extra | (joint > 0)))
    assert not per_reference(rep, references[:1], budget, oracle_labels(rep, references[:1], budget)).any()
    example = labelled("x", rep, references, budget)
    assert (example.labels[extra] == 1).all() and example.labels.sum() == joint.sum() + extra.sum()
    assert example.weights[extra] == pytest.approx(PER_REFERENCE_WEIGHT + 0.001)
    assert example.weights[joint > 0] == pytest.approx(1.001)


def test_joint_training_counts_every_dataset_as_many_clusters_as_the_largest():
    from tomtat.train.domains import Prepared, joint_examples

    rng = np.random.default_rng(3)

    def dataset(kind, n):
        examples = [Example(f"{kind}{i}", rng.random((8, len(FEATURES))), (rng.random(8) < 0.3).astype(float),
                            np.full(8, 0.5)) for i in range(n)]
        return Prepared(kind, 200, [Cluster(articles=[], id=e.id) for e in examples], [None] * n, examples)

    big, small = dataset("vims", 6), dataset("abmusu", 3)
    out = joint_examples([big, small])
    assert [e.id for e in out] == [e.id for e in big.examples + small.examples]
    assert all(np.allclose(e.weights, 0.5) for e in out[:6]) and all(np.allclose(e.weights, 1.0) for e in out[6:])
    assert all(np.allclose(e.weights, 0.5) for e in small.examples)  # the datasets themselves are left alone
    kept = joint_examples([big, small], lambda d, i: i % 2 == 0)
    assert [e.id for e in kept] == ["vims0", "vims2", "vims4", "abmusu0", "abmusu2"]
    assert [e.id for e in joint_examples([small])] == [e.id for e in small.examples]
    assert np.allclose(joint_examples([small])[0].weights, 0.5)

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
    """`tomtat train ../shared/data/vims -o FILE` reproduces the shipped file (~20 s)."""
    from typer.testing import CliRunner

    from tomtat.cli import app

    out = tmp_path / "salience.json"
    result = CliRunner().invoke(app, ["train", str(VIMS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == default_model_path().read_bytes(), (
        "the shipped model is stale (cleaning, splitting or features changed since it was trained): "
        "run `tomtat train ../shared/data/vims -o src/tomtat/data/salience-v1.json`"
    )

"""Score every system on the same clusters in one run: what `tomtat eval` prints.

Systems: "tomtat" (the default pipeline), "centrality" (the pipeline with the
unsupervised scorer), the baselines of `tomtat.evaluate.baselines`, and
"human": each reference scored against the cluster's other references (only
clusters with at least two).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tomtat.errors import TomtatError
from tomtat.evaluate.baselines import BASELINES
from tomtat.evaluate.rouge import METRICS, rouge
from tomtat.model import Cluster
from tomtat.represent import represent

SYSTEMS = ("tomtat", "centrality", "lead", "lexrank", "centroid", "oracle", "human")
DEFAULT_SYSTEMS = ("tomtat", "lead", "lexrank", "centroid", "oracle", "human")
WORD_METRIC = "rouge2_word"


@dataclass
class EvalResult:
    dataset: str
    words: int
    systems: list[str]
    clusters: list[dict[str, Any]] = field(default_factory=list)  # {"id", "scores": {system: {metric: [p, r, f]}}}
    errors: list[dict[str, str]] = field(default_factory=list)

    def mean(self, system: str) -> dict[str, Any]:
        rows = [c["scores"][system] for c in self.clusters if system in c["scores"]]
        out: dict[str, Any] = {"clusters": len(rows)}
        for m in (*METRICS, WORD_METRIC):
            vals = [r[m] for r in rows if m in r]
            if vals:
                out[m] = [round(statistics.fmean(v[k] for v in vals), 2) for k in range(3)]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset, "words": self.words, "systems": self.systems,
            "mean": {s: self.mean(s) for s in self.systems},
            "clusters": self.clusters, "errors": self.errors,
        }


def _tomtat(scorer_name: str | None, segment: bool, method: str = "greedy") -> Callable[[Cluster, int], str]:
    from tomtat.pipeline import summarize

    scorer = None
    if scorer_name == "centrality":
        from tomtat.score import CentralityScorer

        scorer = CentralityScorer()

    def run(cluster: Cluster, words: int) -> str:
        return summarize(cluster, words=words, scorer=scorer, segment=segment, method=method).summary

    return run


def _scores(candidate: str, references: Sequence[str], words: int, word_level: bool) -> dict[str, list[float]]:
    result = rouge(candidate, list(references), limit=words)
    out = {m: [round(v, 4) for v in result.scores[m]] for m in METRICS}
    if word_level:
        out[WORD_METRIC] = [round(v, 4) for v in rouge(candidate, list(references), limit=words, level="word").scores["rouge2"]]
    return out


def evaluate_cluster(cluster: Cluster, systems: Sequence[str], words: int, word_level: bool = True,
                     segment: bool = False, runners: dict[str, Callable[[Cluster, int], str]] | None = None) -> dict[str, Any]:
    """Per-system scores (and summaries) for one cluster with references."""
    from tomtat.pipeline import validate, prepare

    refs = cluster.references
    runners = runners or {}
    scores: dict[str, Any] = {}
    summaries: dict[str, str] = {}
    rep = None
    for system in systems:
        if system == "human":
            if len(refs) < 2:
                continue
            rows = [_scores(r, refs[:i] + refs[i + 1:], words, word_level) for i, r in enumerate(refs)]
            scores[system] = {m: [round(statistics.fmean(r[m][k] for r in rows), 4) for k in range(3)] for m in rows[0]}
            continue
        if system in ("tomtat", "centrality"):
            run = runners.get(system) or _tomtat(None if system == "tomtat" else system, segment)
            text = run(cluster, words)
        else:
            if rep is None:
                work, _ = validate(cluster)
                documents = prepare(work, segment=False)
                rep = represent(documents)
            text = BASELINES[system](rep, words, refs)
        summaries[system] = text
        scores[system] = _scores(text, refs, words, word_level)
    return {"id": cluster.id, "references": len(refs), "scores": scores, "summaries": summaries}


def evaluate(clusters: Iterable[Cluster], systems: Sequence[str] = DEFAULT_SYSTEMS, words: int = 225,
             dataset: str = "", word_level: bool = True, segment: bool = False, method: str = "greedy",
             progress: Callable[[], None] | None = None) -> EvalResult:
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    result = EvalResult(dataset=dataset, words=words, systems=list(systems))
    runners = {s: _tomtat(None if s == "tomtat" else s, segment, method) for s in systems if s in ("tomtat", "centrality")}
    for cluster in clusters:
        if not cluster.references:
            result.errors.append({"id": str(cluster.id), "error": "no reference summary"})
        else:
            try:
                result.clusters.append(evaluate_cluster(cluster, systems, words, word_level, segment, runners))
            except TomtatError as exc:
                result.errors.append({"id": str(cluster.id), "error": str(exc)})
        if progress:
            progress()
    return result

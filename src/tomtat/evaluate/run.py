"""Score every system on the same clusters in one run: what `tomtat eval` prints.

The systems come from the registries (`tomtat.evaluate.systems`): "tomtat"
and the other registered scorers run the pipeline with the selector named by
`method`; the baselines and "human" (each reference scored against the
cluster's other references, only clusters with at least two) are scored
beside them. Each cluster is analyzed once (`tomtat.pipeline.analyze`) and
every system reads that same analysis.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tomtat.errors import InvalidOptionError, TomtatError
from tomtat.evaluate.baselines import BASELINES
from tomtat.evaluate.rouge import METRICS, rouge
from tomtat.model import Cluster
from tomtat.evaluate.systems import DEFAULT_SYSTEMS, available_systems, pipeline_systems
from tomtat.select import DEFAULT_METHOD, Budget

WORD_METRIC = "rouge2_word"


@dataclass
class EvalResult:
    dataset: str
    syllables: int  # every summary is cut at this many syllables before scoring
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
            "dataset": self.dataset, "words": self.syllables, "systems": self.systems,
            "mean": {s: self.mean(s) for s in self.systems},
            "clusters": self.clusters, "errors": self.errors,
        }


def _scores(candidate: str, references: Sequence[str], syllables: int, word_level: bool) -> dict[str, list[float]]:
    result = rouge(candidate, list(references), limit=syllables)
    out = {m: [round(v, 4) for v in result.scores[m]] for m in METRICS}
    if word_level:
        out[WORD_METRIC] = [round(v, 4) for v in rouge(candidate, list(references), limit=syllables, level="word").scores["rouge2"]]
    return out


def evaluate_cluster(cluster: Cluster, systems: Sequence[str], syllables: int, word_level: bool = True,
                     segment: bool = False, method: str = DEFAULT_METHOD) -> dict[str, Any]:
    """Per-system scores (and summaries) for one cluster with references."""
    from tomtat.options import SummaryOptions
    from tomtat.pipeline import analyze, summarize_analysis

    refs = cluster.references
    scorers = pipeline_systems()
    analyses: dict[bool, Any] = {}  # segment -> the cluster's analysis, made once

    def analysis(seg: bool):
        if seg not in analyses:
            analyses[seg] = analyze(cluster, segment=seg)
        return analyses[seg]

    scores: dict[str, Any] = {}
    summaries: dict[str, str] = {}
    for system in systems:
        if system == "human":
            if len(refs) < 2:
                continue
            rows = [_scores(r, refs[:i] + refs[i + 1:], syllables, word_level) for i, r in enumerate(refs)]
            scores[system] = {m: [round(statistics.fmean(r[m][k] for r in rows), 4) for k in range(3)] for m in rows[0]}
            continue
        if system in scorers:
            options = SummaryOptions(budget=Budget(syllables=syllables), method=method, scorer=scorers[system], segment=segment)
            text = summarize_analysis(analysis(segment), options).summary
        else:
            # baselines read the unsegmented analysis, exactly the pipeline's sentences and vectors
            text = BASELINES[system](analysis(False).rep, syllables, refs)
        summaries[system] = text
        scores[system] = _scores(text, refs, syllables, word_level)
    return {"id": cluster.id, "references": len(refs), "scores": scores, "summaries": summaries}


def evaluate(clusters: Iterable[Cluster], systems: Sequence[str] = DEFAULT_SYSTEMS, syllables: int = 225,
             dataset: str = "", word_level: bool = True, segment: bool = False, method: str = DEFAULT_METHOD,
             progress: Callable[[], None] | None = None) -> EvalResult:
    known = available_systems()
    unknown = [s for s in systems if s not in known]
    if unknown:
        raise InvalidOptionError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(known)}")
    result = EvalResult(dataset=dataset, syllables=syllables, systems=list(systems))
    for cluster in clusters:
        if not cluster.references:
            result.errors.append({"id": str(cluster.id), "error": "no reference summary"})
        else:
            try:
                result.clusters.append(evaluate_cluster(cluster, systems, syllables, word_level, segment, method))
            except TomtatError as exc:
                result.errors.append({"id": str(cluster.id), "error": str(exc)})
        if progress:
            progress()
    return result

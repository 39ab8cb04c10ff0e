"""Build the `Summary`: sentences with their credits, the article list, and optional sources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any


from tomtat.dates import DateMention
from tomtat.model import Document, Summary, SummarySentence
from tomtat.order.facts import same_fact_rows
from tomtat.represent import Representation
from tomtat.score import Scores
from tomtat.text.tokens import syllables

if TYPE_CHECKING:
    from tomtat.pipeline import Analysis


def also_reported(rep: Representation, i: int, same: Iterable[int] | None = None) -> list[int]:
    """Other documents with a sentence reporting the same fact as sentence i (`same`: those sentences,
    when the caller has them; the story and the timeline have computed most summary sentences' already)."""
    if same is None:
        same, _ = same_fact_rows(rep, [i])[i]
    return sorted({rep.sentences[j].doc for j in same} - {rep.sentences[i].doc})


def drop_record(drop: Any) -> dict[str, str]:
    """One removed line as `{"text", "reason"}`; the reason is the `DropReason` value (a plain string)."""
    text, reason = (drop.text, drop.reason) if hasattr(drop, "text") else drop  # older (line, why) tuples
    return {"text": text, "reason": str(getattr(reason, "value", reason))}


def source_record(doc: Document, label: str) -> dict[str, Any]:
    """What `include_sources` shows of one article: its cleaned sentences and what was cut, and why."""
    return {
        "title": doc.article.title, "source": doc.article.source, "label": label,
        "sentences": [s.text for s in doc.sentences],
        "removed": [drop_record(d) for d in doc.removed],
    }


def assemble_summary(
    analysis: Analysis, scores: Scores, ordered: list[int], include_sources: bool = False,
    edits: Mapping[int, str] | None = None, dates: Sequence[DateMention | None] | None = None,
) -> Summary:
    """The `Summary` of the sentences `ordered` (indices into `analysis.rep.sentences`, in reading order).

    `edits` maps a sentence to the text shown instead of it (its connective
    dropped: `edited`, with the article's text kept as `original`); `dates`
    holds each sentence's event date (`tomtat.order.story.event_date`).
    """
    rep, cluster = analysis.rep, analysis.cluster
    labels = [d.label or d.article.label for d in analysis.documents]
    edits = edits or {}
    out = []
    same = same_fact_rows(rep, ordered)  # (one request: the rows not computed yet, counted together)
    for i in ordered:
        s = rep.sentences[i]
        also = also_reported(rep, i, same[i][0].tolist())
        when = dates[i] if dates is not None else None
        out.append(SummarySentence(
            text=edits.get(i, s.text), article=s.doc, position=s.position, source=labels[s.doc],
            also_reported_by=also, also_reported_by_sources=[labels[a] for a in also],
            score=round(float(scores.sentence_weights[i]), 4),
            date=when.iso if when else None, date_text=when.text if when else None,
            edited=i in edits, original=s.text if i in edits else None,
        ))
    text = " ".join(s.text for s in out)
    summary = Summary(
        summary=text, sentences=out, cluster_id=cluster.id, syllables=len(syllables(text, normalized=True)),
        articles=[
            {"title": a.title, "source": a.source, "url": a.url, "date": a.date, "id": a.id, "label": labels[k]}
            for k, a in enumerate(cluster.articles)
        ],
        warnings=list(analysis.warnings),
    )
    if include_sources:
        summary.sources = [source_record(d, labels[k]) for k, d in enumerate(analysis.documents)]
    return summary

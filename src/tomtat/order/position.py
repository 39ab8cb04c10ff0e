"""Order by article date, then by where the sentence sits in its article.

News articles lead with the event and follow with background, so a sentence's
relative position is a good proxy for where it belongs in a summary; dates,
when known, put earlier reports first.
"""

from __future__ import annotations

from tomtat.represent import Representation


def order_sentences(rep: Representation, chosen: list[int]) -> list[int]:
    counts = [max(1, len(d.sentences)) for d in rep.documents]

    def key(i: int) -> tuple:
        s = rep.sentences[i]
        date = rep.documents[s.doc].article.date or ""
        return (s.position / counts[s.doc] >= 0.5, date, s.position / counts[s.doc], s.doc)

    return sorted(chosen, key=key)

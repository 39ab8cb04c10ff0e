"""tomtat against other extractive summarizers, taking turns on each ViMs cluster in one process.

    python bench/peers.py                      # all 300 clusters, 225 syllables, medians of 3 runs
    python bench/peers.py --clusters 60 --words 225 --repeat 3

Systems: tomtat (the library's `summarize`), sumy's LexRank, TextRank, LSA and
Luhn, a 20-line networkx TextRank (TF-IDF cosine graph + pagerank), and
"split+tokenize+lead": only the sentence splitting and syllable tokenizing
every peer does (then the lead sentences), the floor under any pipeline that
reads the text once. ÷ tomtat is a system's time over tomtat's on the same
clusters (above 1: slower than tomtat).

Fair turns: every system gets the same text (each article read by tomtat's
ViMs reader and normalized once, outside the timed region: NFC, one tone-mark
convention) and the same syllable budget (tomtat also gets the article
titles, which it uses but never selects); every output is cut at the budget.
The peers split sentences with tomtat's own splitter and count syllables as
words (sumy gets a Vietnamese tokenizer object, no stop words and no stemmer,
so it needs no NLTK data); their splitting is inside their timed region, as
tomtat's cleaning and splitting are inside its. Peers rank sentences, take
them best first until the budget is filled, and print them in document order.
On each cluster the systems run in a rotating order, each `--repeat` times;
the time per cluster is the median, and clusters/s is the number of clusters
over the sum of those medians. ROUGE-2 F1 is tomtat's syllable-level scorer
(`tomtat.evaluate.rouge.rouge`, as `tomtat eval` prints), candidate cut at the
budget. The peers are the optional extra `pip install -e ".[bench]"`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, console, print_table, require  # noqa: E402

from tomtat import Article, Cluster, summarize  # noqa: E402
from tomtat.evaluate.datasets import read_vims  # noqa: E402
from tomtat.evaluate.rouge import rouge  # noqa: E402
from tomtat.split import split_sentences  # noqa: E402
from tomtat.text.normalize import normalize  # noqa: E402
from tomtat.text.tokens import syllables, truncate_to_syllables  # noqa: E402

Summarizer = Callable[[list[str], int], str]  # (article texts, syllable budget) -> summary text


def sentences_of(texts: list[str]) -> list[str]:
    """Every sentence of every article, in document order, split by tomtat's splitter."""
    return [s for text in texts for _, s in split_sentences(text)]


def fill(sentences: list[str], ranking: list[int], words: int) -> str:
    """Best-ranked sentences until `words` syllables are reached, in document order, cut at the budget."""
    chosen, total = [], 0
    for i in ranking:
        if total >= words:
            break
        chosen.append(i)
        total += len(syllables(sentences[i], normalized=True))
    return truncate_to_syllables(" ".join(sentences[i] for i in sorted(chosen)), words)


def run_tomtat(texts: list[str], titles: list[str], words: int) -> str:
    cluster = Cluster(articles=[Article(title=t, text=x) for t, x in zip(titles, texts)])
    return truncate_to_syllables(summarize(cluster, words=words).summary, words)


def split_and_tokenize(texts: list[str], words: int) -> str:
    """The floor: split and tokenize once, then take the lead sentences."""
    sentences = sentences_of(texts)
    tokens = [syllables(s, normalized=True) for s in sentences]
    out, total = [], 0
    for s, t in zip(sentences, tokens):
        if total >= words:
            break
        out.append(s)
        total += len(t)
    return truncate_to_syllables(" ".join(out), words)


def networkx_textrank(texts: list[str], words: int) -> str:
    """TextRank as a short script writes it: TF-IDF cosine similarity graph, networkx pagerank."""
    import networkx as nx
    from sklearn.feature_extraction.text import TfidfVectorizer

    sentences = sentences_of(texts)
    if not sentences:
        return ""
    try:
        matrix = TfidfVectorizer(analyzer=lambda s: syllables(s, normalized=True)).fit_transform(sentences)
    except ValueError:  # no token at all
        return ""
    similarity = (matrix @ matrix.T).toarray()
    similarity[range(len(sentences)), range(len(sentences))] = 0.0
    graph = nx.from_numpy_array(similarity)
    try:
        rank = nx.pagerank(graph, weight="weight")
    except nx.PowerIterationFailedConvergence:
        rank = {i: 0.0 for i in range(len(sentences))}
    ranking = sorted(range(len(sentences)), key=lambda i: (-rank[i], i))
    return fill(sentences, ranking, words)


class SyllableTokenizer:
    """sumy's tokenizer interface for Vietnamese: tomtat's sentence splitter, syllables as words."""

    language = "vietnamese"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s for _, s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(syllables(sentence, normalized=True))


def sumy_system(name: str) -> Summarizer:
    """A sumy summarizer that fills a syllable budget instead of a sentence count.

    sumy accepts a callable as the sentence count: it receives every sentence
    sorted best first and returns the ones to keep, which sumy then puts back
    in document order. The document is built from tomtat's sentences directly
    (sumy's plain-text parser would treat an all-capitals line as a heading).
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {"LexRank": LexRankSummarizer, "TextRank": TextRankSummarizer, "LSA": LsaSummarizer, "Luhn": LuhnSummarizer}
    summarizer = classes[name]()
    summarizer.stop_words = ()
    tokenizer = SyllableTokenizer()

    def run(texts: list[str], words: int) -> str:
        paragraphs = [
            Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(line)])
            for text in texts for line in text.split("\n") if line.strip()
        ]
        document = ObjectDocumentModel(paragraphs)

        def budget(infos):
            kept, total = [], 0
            for info in infos:
                if total >= words:
                    break
                kept.append(info)
                total += len(info.sentence.words)
            return kept

        picked = summarizer(document, budget)
        return truncate_to_syllables(" ".join(str(s) for s in picked), words)

    return run


def systems(include_sumy: bool) -> dict[str, Summarizer | None]:
    out: dict[str, Summarizer | None] = {"tomtat": None}  # tomtat also gets the titles; see run_tomtat
    if include_sumy:
        for name in ("LexRank", "TextRank", "LSA", "Luhn"):
            out[f"sumy {name}"] = sumy_system(name)
    out["networkx TextRank"] = networkx_textrank
    out["split+tokenize+lead"] = split_and_tokenize
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=VIMS, help="ViMs folder (default ../shared/data/vims)")
    parser.add_argument("--clusters", type=int, default=300, help="the first N clusters (default all 300)")
    parser.add_argument("--words", type=int, default=225, help="syllable budget for every system")
    parser.add_argument("--repeat", type=int, default=3, help="runs per system and cluster; the median counts")
    args = parser.parse_args()
    if not console.is_terminal:
        console.width = max(console.width, 120)  # whole tables in logs and pipes
    root = require(args.data)
    try:
        import networkx  # noqa: F401
        import sumy  # noqa: F401
    except ImportError as exc:
        console.print(f"[red]{exc.name} is not installed[/red]: pip install -e \".[bench]\" (the pinned peers)")
        raise SystemExit(3)

    clusters = []
    for cluster in read_vims(root):
        if len(clusters) >= args.clusters:
            break
        titles = [normalize(a.title).strip() for a in cluster.articles]
        texts = [normalize(a.text) for a in cluster.articles]
        clusters.append((cluster.id, titles, texts, cluster.references))
    table = systems(include_sumy=True)
    names = list(table)

    def call(name: str, titles: list[str], texts: list[str]) -> str:
        func = table[name]
        return run_tomtat(texts, titles, args.words) if func is None else func(texts, args.words)

    for name in names:  # imports, the learned model, first-call caches: outside the timed region
        call(name, clusters[0][1], clusters[0][2])

    seconds = {n: [] for n in names}
    rouge2 = {n: [] for n in names}
    start = time.perf_counter()
    with console.status("") as status:
        for k, (cid, titles, texts, refs) in enumerate(clusters):
            status.update(f"cluster {k + 1}/{len(clusters)} ({cid})")
            order = names[k % len(names):] + names[: k % len(names)]
            runs: dict[str, list[float]] = {n: [] for n in names}
            outputs: dict[str, str] = {}
            for _ in range(args.repeat):
                for name in order:
                    t0 = time.perf_counter()
                    outputs[name] = call(name, titles, texts)
                    runs[name].append(time.perf_counter() - t0)
            for name in names:
                seconds[name].append(statistics.median(runs[name]))
                if refs:
                    rouge2[name].append(rouge(outputs[name], list(refs), limit=args.words).f1("rouge2"))
    wall = time.perf_counter() - start

    base = sum(seconds["tomtat"])
    rows = []
    for name in names:
        total = sum(seconds[name])
        rows.append([
            name, len(clusters) / total, total / base, 1000 * statistics.median(seconds[name]),
            statistics.fmean(rouge2[name]) if rouge2[name] else "-",
        ])
    print_table(
        f"{len(clusters)} ViMs clusters, {args.words} syllables, median of {args.repeat} runs per cluster, one process",
        ["system", "clusters/s", "÷ tomtat", "median ms/cluster", "ROUGE-2 F1"], rows,
    )
    console.print(f"wall {wall:.0f} s; ÷ tomtat: time over tomtat's time (above 1: slower than tomtat)")


if __name__ == "__main__":
    main()

"""One options object, the registries, and the seams between layers (issue 7)."""

from __future__ import annotations

import ast
import json
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomtat import Budget, SummaryOptions, summarize
from tomtat.errors import (
    BusyError, Failure, InvalidOptionError, MalformedInputError, NoInputError, TimeLimitError, TooLargeError,
)
from tomtat.pipeline import StageTimer, analyze
from tomtat.render import FORMATS, render
from tomtat.score import SCORERS
from tomtat.select import SELECTORS, select
from vi_news import METRO, STORM

REPO = Path(__file__).resolve().parent.parent

# An article as scraped: a related-links block and a photo caption around the story.
NOISY = [
    {"title": "Hà Tĩnh sơ tán hơn 3.000 hộ dân trước bão", "source": "Báo Hà Tĩnh", "text": (
        "Chiều nay, tỉnh Hà Tĩnh đã sơ tán hơn 3.000 hộ dân ở các xã ven biển đến nơi an toàn trước khi bão đổ bộ.\n"
        "Người dân xã Kỳ Lợi chằng chống nhà cửa trước bão - Ảnh: Hải Nam\n"
        "Lực lượng biên phòng đã kêu gọi 1.200 tàu cá vào nơi tránh trú, không để người ở lại trên tàu.\n"
        "Bài liên quan\n"
        "Hà Tĩnh: nông dân gặt lúa chạy bão\n"
        "Các trường học ven biển cho học sinh nghỉ học từ sáng mai để bảo đảm an toàn."
    )},
    {"title": "Bão mạnh áp sát Hà Tĩnh, hàng nghìn người đi sơ tán", "source": "Tin Miền Trung", "text": (
        "Hơn 3.000 hộ dân vùng ven biển Hà Tĩnh đã được đưa đến nơi an toàn trong chiều nay.\n"
        "Tỉnh yêu cầu các huyện bố trí lương thực, nước uống tại các điểm sơ tán trong ít nhất ba ngày.\n"
        "Theo cơ quan khí tượng, bão có thể gây mưa rất to, lượng mưa phổ biến 200 đến 300 mm."
    )},
]


# --- the budget rule and the options object -------------------------------------------------------------

def test_budget_from_request_is_the_one_rule():
    assert Budget.from_request() == Budget(syllables=200, sentences=None)
    assert Budget.from_request(sentences=3) == Budget(syllables=None, sentences=3)
    assert Budget.from_request(120) == Budget(syllables=120, sentences=None)
    assert Budget.from_request(120, 3) == Budget(syllables=120, sentences=3)


@pytest.mark.parametrize("syllables,sentences", [(9, None), (5001, None), (None, 0), (None, 201), (100, 201)])
def test_budget_bounds_are_usage_errors(syllables, sentences):
    with pytest.raises(InvalidOptionError) as err:
        Budget.from_request(syllables, sentences)
    assert err.value.exit_code == 2 and err.value.http_status == 422


def test_library_sentences_alone_means_sentences_only():
    """`summarize(x, sentences=n)` follows the CLI's rule: no hidden 200-syllable cap."""
    by_keyword = summarize(METRO, sentences=9)
    assert len(by_keyword.sentences) == 9 and by_keyword.syllables > 200
    explicit = summarize(METRO, SummaryOptions(budget=Budget(syllables=None, sentences=9)))
    assert by_keyword.to_dict() == explicit.to_dict()
    both = summarize(METRO, words=120, sentences=9)
    assert both.syllables <= 120


def test_options_object_and_keyword_sugar_agree():
    options = SummaryOptions.from_request(80, method="ilp", include_sources=True)
    assert summarize(STORM, options).to_dict() == summarize(STORM, words=80, method="ilp", include_sources=True).to_dict()
    # a keyword replaces the options' field; a budget keyword replaces the whole budget
    assert summarize(STORM, options, method="greedy").to_dict() == summarize(STORM, words=80, include_sources=True).to_dict()
    assert len(summarize(STORM, options, sentences=2).sentences) == 2


@pytest.mark.parametrize("fields,needle", [({"method": "magic"}, "greedy, ilp"), ({"scorer": "oracle"}, "learned, centrality"),
                                           ({"scorer": 42}, r"score\(rep\)")])
def test_bad_options_fail_before_reading(fields, needle):
    with pytest.raises(InvalidOptionError, match=needle):
        SummaryOptions(**fields)
    with pytest.raises(InvalidOptionError):
        summarize([], **fields)  # the option is checked first: not NoInputError


def test_method_works_in_cli_http_and_batch(tmp_path):
    from fastapi.testclient import TestClient

    from tomtat.cli import app
    from tomtat.server import create_app

    def core(result: dict) -> dict:  # readers number articles without an id; the rest must match exactly
        return {k: result[k] for k in ("summary", "sentences", "syllables", "cluster_id", "warnings")}

    expected = core(summarize(STORM, words=80, method="ilp", cluster_id="s").to_dict())
    assert expected != core(summarize(STORM, words=80, cluster_id="s").to_dict())  # ilp chooses differently here
    record = json.dumps({"id": "s", "articles": STORM}, ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text(record + "\n", encoding="utf-8")
    cli = CliRunner().invoke(app, ["summarize", str(tmp_path / "in.jsonl"), "-w", "80", "--method", "ilp", "-f", "json"])
    assert cli.exit_code == 0, cli.output
    assert core(json.loads(cli.stdout)) == expected

    with TestClient(create_app(workers=0, cache_size=0)) as client:
        r = client.post("/v1/summarize", json={"articles": STORM, "words": 80, "method": "ilp", "id": "s"})
        assert r.status_code == 200, r.text
        assert core(r.json()) == expected
        bad = client.post("/v1/summarize", json={"articles": STORM, "method": "magic"})
        assert bad.status_code == 422 and "method" in bad.json()["detail"]

    out = tmp_path / "out.jsonl"
    batch = CliRunner().invoke(app, ["batch", str(tmp_path / "in.jsonl"), "-o", str(out), "-w", "80", "--method", "ilp",
                                     "--no-progress"])
    assert batch.exit_code == 0, batch.output
    assert core(json.loads(out.read_text(encoding="utf-8"))) == expected
    assert CliRunner().invoke(app, ["batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--method", "magic"]).exit_code == 2


# --- registries ---------------------------------------------------------------------------------------------

def test_registries_hold_the_built_in_choices():
    assert list(SELECTORS) == ["greedy", "ilp"]
    assert list(SCORERS) == ["learned", "centrality"]
    assert {name: f.media_type for name, f in FORMATS.items()} == {
        "text": "text/plain", "json": "application/json", "markdown": "text/markdown", "timeline": "text/plain"}
    with pytest.raises(InvalidOptionError, match="text, json, markdown"):
        render(summarize(STORM, words=40), "pdf")


def test_http_schema_allows_exactly_the_registered_names():
    from tomtat.server.schemas import SummarizeRequest

    props = SummarizeRequest.model_json_schema()["properties"]
    assert props["format"]["enum"] == list(FORMATS)
    assert props["method"]["enum"] == list(SELECTORS)


def test_readme_custom_scorer_is_one_registration(monkeypatch, capsys):
    """The README's ten-line scorer, run as written: registered by name, used by the library and by `tomtat eval`."""
    import re

    from tomtat.evaluate.systems import available_systems

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "SCORERS.register" in block)
    monkeypatch.setattr(SCORERS, "register", _undone_register(monkeypatch))
    exec(compile(example, "README.md", "exec"), {"articles": METRO})
    assert "lead-first" in SCORERS and "lead-first" in available_systems()
    printed = capsys.readouterr().out.strip()
    result = summarize(METRO, words=100, scorer="lead-first")
    assert printed == result.summary and result.sentences[0].position == 0


def _undone_register(monkeypatch):
    """SCORERS.register, with the entry removed again after the test."""
    def register(name):
        def add(cls):
            monkeypatch.setitem(SCORERS, name, cls)
            return cls
        return add
    return register


def test_ilp_fallback_is_the_default_greedy(monkeypatch):
    """When HiGHS finds nothing in time, the ILP answers exactly what greedy would (length exponent 0.5)."""
    import tomtat.select.ilp as ilp

    class NoSolution:
        x = None

    rep = analyze(STORM).rep
    scores = SCORERS["learned"]().score(rep)
    budget = Budget(syllables=90)
    monkeypatch.setattr(ilp, "milp", lambda *a, **k: NoSolution())
    assert select(rep, scores, budget, "ilp") == select(rep, scores, budget, "greedy")


# --- layers -------------------------------------------------------------------------------------------------

def _imports(folder: Path) -> dict[str, set[str]]:
    found = {}
    for path in folder.rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(REPO))] = names
    return found


def test_server_does_not_import_batch_and_bench_does_not_import_cli():
    server = _imports(REPO / "src" / "tomtat" / "server")
    assert server and not {p: n for p, n in server.items() if any(m.startswith("tomtat.batch") for m in n)}
    bench = _imports(REPO / "bench")
    assert bench and not {p: n for p, n in bench.items() if any(m.startswith("tomtat.cli") for m in n)}


@pytest.mark.parametrize("exc,message,exit_code,status", [
    (NoInputError("no article"), "no article", 3, 422),
    (MalformedInputError("line 2: malformed JSON"), "line 2: malformed JSON", 5, 422),
    (TooLargeError("201 articles"), "201 articles", 7, 422),
    (InvalidOptionError("unknown scorer"), "unknown scorer", 2, 422),
    (TimeLimitError("took longer than the 30 s limit"), "took longer than the 30 s limit", 1, 504),
    (BusyError("busy"), "busy", 1, 503),
    (MemoryError(), "out of memory", 1, 500),
    (BrokenProcessPool("gone"), "a worker process died", 1, 500),
    (RuntimeError("boom"), "internal error (RuntimeError: boom)", 1, 500),
])
def test_failure_classifies_every_exception_once(exc, message, exit_code, status):
    failure = Failure.from_exception(exc)
    assert message in failure.message
    assert (failure.exit_code, failure.http_status, failure.kind) == (exit_code, status, type(exc).__name__)
    assert failure.bug == (type(exc) is RuntimeError)
    assert ("Retry-After" in failure.headers) == isinstance(exc, BusyError)


def test_cli_http_and_batch_report_a_failure_alike(monkeypatch, tmp_path):
    """One classification: the same unexpected error gives the same line in all three shells."""
    from fastapi.testclient import TestClient

    import tomtat.pipeline
    from tomtat.batch.jobs import summarize_line
    from tomtat.cli import app
    from tomtat.server import create_app

    def explode(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(tomtat.pipeline, "analyze", explode)
    expected = Failure.from_exception(MemoryError()).message

    line = summarize_line(1, json.dumps({"id": "s", "articles": STORM}, ensure_ascii=False), SummaryOptions())
    assert (line["ok"], line["error"], line["kind"], line["exit_code"]) == (False, expected, "MemoryError", 1)

    path = tmp_path / "storm.json"
    path.write_text(json.dumps({"articles": STORM}, ensure_ascii=False), encoding="utf-8")
    cli = CliRunner().invoke(app, ["summarize", str(path)])
    assert cli.exit_code == 1 and cli.stderr.strip() == f"tomtat: error: {expected}"

    with TestClient(create_app(workers=0, cache_size=0), raise_server_exceptions=False) as client:
        r = client.post("/v1/summarize", json={"articles": STORM})
        assert (r.status_code, r.json()) == (500, {"detail": expected, "code": "internal_error"})  # every error body has a code


def test_analyze_is_the_shared_first_half():
    timer = StageTimer()
    analysis = analyze(METRO, "m", timer=timer)
    assert [d.article.title for d in analysis.documents] == [a["title"] for a in METRO]
    assert len(analysis.rep.sentences) == sum(len(d.sentences) for d in analysis.documents)
    assert {"clean", "split", "represent"} <= set(timer.seconds)
    with pytest.raises(NoInputError):
        analyze([{"title": "", "text": "Bài liên quan\nẢnh: TTXVN"}, {"title": "", "text": "0:00 / 0:00"}])


def test_eval_scores_the_pipeline_on_the_same_analysis():
    from tomtat.evaluate.run import evaluate_cluster
    from tomtat.model import Article, Cluster

    cluster = Cluster([Article(a["title"], a["text"], a["source"]) for a in METRO], id="m",
                      references=["Tuyến metro Nhổn - ga Hà Nội chạy thử từ tháng sau, mỗi ngày 100 chuyến."])
    row = evaluate_cluster(cluster, ["tomtat", "centrality", "lead"], 60, word_level=False)
    assert row["summaries"]["tomtat"] == summarize(cluster, words=60).summary
    assert row["summaries"]["centrality"] == summarize(cluster, words=60, scorer="centrality").summary


def test_summary_assembly_is_its_own_stage():
    timer = StageTimer()
    summarize(STORM, words=60, timer=timer)
    assert list(timer.seconds) == ["clean", "split", "represent", "score", "select", "order", "assemble"]


# --- what the cleaner removed, in include_sources ------------------------------------------------------------

def test_include_sources_shows_what_was_removed_and_why():
    result = summarize(NOISY, words=80, include_sources=True)
    removed = result.sources[0]["removed"]
    texts = [d["text"] for d in removed]
    assert "Bài liên quan" in texts
    assert any(t.startswith("Người dân xã Kỳ Lợi") for t in texts)  # the photo caption
    assert all(isinstance(d["reason"], str) and d["reason"] and set(d) == {"text", "reason"} for d in removed)
    kept = " ".join(result.sources[0]["sentences"])
    assert "Bài liên quan" not in kept and "Ảnh:" not in kept
    assert result.sources[1]["removed"] == []
    assert json.loads(render(result, "json"))["sources"][0]["removed"] == removed

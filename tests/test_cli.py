"""`tomtat summarize` as a user runs it: formats, stdin, and one-line errors with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tomtat.cli import app

runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def assert_one_line_error(result, code: int, words: str) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("tomtat: error")]
    assert lines and words in lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_text_summary_of_folder(sample_dir):
    result = run("summarize", str(sample_dir), "--words", "100")
    assert result.exit_code == 0
    assert "bão số 5" in result.stdout.lower()


def test_json_output_schema(sample_dir):
    result = run("summarize", str(sample_dir), "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) >= {"summary", "sentences", "cluster_id", "syllables", "articles"}
    first = data["sentences"][0]
    assert set(first) >= {"text", "article", "position", "source", "also_reported_by", "also_reported_by_sources"}
    assert data["summary"].startswith(first["text"])


def test_markdown_output(sample_dir):
    result = run("summarize", str(sample_dir), "-f", "markdown", "--sentences", "3")
    assert result.stdout.startswith("## Tóm tắt")
    assert result.stdout.count("\n- ") == 3


def test_jsonl_stdin_many_clusters_in_order(sample_articles):
    records = [
        {"id": f"c{i}", "articles": [{"title": a.title, "text": a.text} for a in sample_articles]}
        for i in range(3)
    ]
    payload = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    result = run("summarize", "-", "--format", "json", stdin=payload)
    assert result.exit_code == 0
    ids = [json.loads(line)["cluster_id"] for line in result.stdout.splitlines()]
    assert ids == ["c0", "c1", "c2"]


def test_abmusu_record(tmp_path, sample_articles):
    record = {
        "single_documents": [{"title": a.title, "anchor_text": "", "raw_text": a.text} for a in sample_articles],
        "summary": "Bão số 5 đổ bộ miền Trung.", "category": "Xã hội",
    }
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run("summarize", str(path))
    assert result.exit_code == 0 and "bão" in result.stdout.lower()


def test_bad_jsonl_line_keeps_good_ones(tmp_path, sample_articles):
    good = json.dumps({"id": "ok", "articles": [{"title": a.title, "text": a.text} for a in sample_articles]}, ensure_ascii=False)
    path = tmp_path / "mixed.jsonl"
    path.write_text(good + "\n{not json\n" + good.replace('"ok"', '"ok2"') + "\n", encoding="utf-8")
    result = run("summarize", str(path), "-f", "json")
    assert result.exit_code == 5
    assert [json.loads(x)["cluster_id"] for x in result.stdout.splitlines()] == ["ok", "ok2"]
    assert "mixed.jsonl:2" in result.stderr


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (lambda d: d / "missing.txt", 3, "no such file"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", 3, "empty"),
        (lambda d: (d / "sub").mkdir() or d / "sub", 3, "no .txt"),
        (lambda d: (d / "x.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00") and d / "x.bin", 4, "binary"),
        (lambda d: (d / "cp.txt").write_bytes("Bão số 5 đổ bộ miền Trung".encode("utf-16-le")[2:] + b"\xff\xfe" * 50) and d / "cp.txt", 4, ""),
        (lambda d: (d / "latin.txt").write_bytes(("Tiêu đề\n" + "Bão đổ bộ vào miền Trung. " * 20).encode("cp1258", "replace")) and d / "latin.txt", 4, "not UTF-8"),
        (lambda d: (d / "bad.json").write_text('{"articles": [') and d / "bad.json", 5, "malformed JSON"),
        (lambda d: (d / "noarts.json").write_text('{"title": "x"}') and d / "noarts.json", 5, "articles"),
        (lambda d: (d / "en.txt").write_text("Rates rise\nThe central bank raised rates again. Markets fell.") and d / "en.txt", 6, "Vietnamese"),
    ],
    ids=["missing", "empty-file", "empty-folder", "binary", "utf16-garbage", "cp1258", "malformed-json", "no-articles", "english"],
)
def test_bad_input_one_line_and_exit_code(tmp_path, make, code, words):
    result = run("summarize", str(make(tmp_path)))
    assert_one_line_error(result, code, words)


def test_empty_stdin():
    assert_one_line_error(run("summarize", "-", stdin=""), 3, "empty")


def test_too_many_articles(tmp_path):
    record = {"articles": [{"title": "Tin", "text": "Bão số 5 gây mưa lớn ở miền Trung."}] * 201}
    path = tmp_path / "many.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert_one_line_error(run("summarize", str(path)), 7, "at most 200")


def test_bad_option_is_usage_error(sample_dir):
    result = run("summarize", str(sample_dir), "--format", "pdf")
    assert result.exit_code == 2


def test_console_script_entry_point(sample_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "tomtat", "summarize", str(sample_dir), "--sentences", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1


def test_sentences_alone_replace_the_syllable_budget(sample_dir):
    result = run("summarize", str(sample_dir), "--sentences", "6", "-f", "json")
    assert len(json.loads(result.stdout)["sentences"]) == 6


def test_words_and_sentences_both_hold(sample_dir):
    data = json.loads(run("summarize", str(sample_dir), "--sentences", "6", "--words", "60", "-f", "json").stdout)
    assert len(data["sentences"]) <= 6 and data["syllables"] <= 60

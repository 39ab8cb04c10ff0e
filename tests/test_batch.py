"""`tomtat batch`: order, schemas, the errors file, resume, crash safety, workers, Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomtat.batch import done_ids, run_batch
from tomtat.cli import app
from tomtat.options import SummaryOptions
from vi_news import METRO, STORM, abmusu_record, cluster_record

WORDS_60 = SummaryOptions.from_request(60)


def _write(path: Path, records: list) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _clusters(n: int) -> list[dict]:
    """n good clusters with distinct ids, alternating stories and both schemas."""
    out = []
    for i in range(n):
        arts = METRO if i % 2 == 0 else STORM
        if i % 3 == 2:
            rec = abmusu_record(arts, summary="Tóm tắt tham khảo.", category="Thời sự")
            rec["id"] = f"c{i}"
        else:
            rec = cluster_record(arts, f"c{i}")
        out.append(rec)
    return out


@pytest.fixture
def mixed(tmp_path) -> Path:
    return _write(tmp_path / "in.jsonl", [
        cluster_record(METRO, "metro"),
        abmusu_record(STORM, summary="Bão số 4 đổ bộ Quảng Trị.", category="Thời sự"),
        "{not json",
        "",
        cluster_record([], "empty"),
        {"id": "no-articles"},
        cluster_record(STORM),
    ])


def test_cli_batch_order_schemas_and_errors(mixed, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(mixed), "-o", str(out), "--words", "60", "--no-progress"])
    assert result.exit_code == 5, result.output  # MalformedInputError's exit code: some lines failed
    rows = _read(out)
    assert [r["cluster_id"] for r in rows] == ["metro", "line-2", "line-7"]
    for r in rows:
        assert {"summary", "sentences", "cluster_id", "syllables", "articles", "warnings"} <= set(r)
        assert r["summary"] and r["sentences"]
    assert "Bão" in rows[1]["summary"] and "metro" in rows[0]["summary"]
    errors = _read(Path(str(out) + ".errors.jsonl"))
    assert [(e["line"], e["kind"]) for e in errors] == [
        (3, "MalformedInputError"), (5, "NoInputError"), (6, "MalformedInputError"),
    ]
    assert all(e["error"] for e in errors)
    assert errors[1]["id"] == "empty"


def test_all_good_exits_zero_and_leaves_no_errors_file(tmp_path):
    src = _write(tmp_path / "in.jsonl", _clusters(3))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(out), "--no-progress", "-s", "2"])
    assert result.exit_code == 0, result.output
    assert [r["cluster_id"] for r in _read(out)] == ["c0", "c1", "c2"]
    assert all(len(r["sentences"]) <= 2 for r in _read(out))
    assert not Path(str(out) + ".errors.jsonl").exists()


def test_missing_input_exits_3(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 3


def test_resume_skips_done_ids_and_trims_a_cut_line(tmp_path):
    src = _write(tmp_path / "in.jsonl", _clusters(4))
    out = tmp_path / "out.jsonl"
    full = tmp_path / "full.jsonl"
    run_batch(src, full, options=WORDS_60)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # a run that died while writing its third line
    out.write_text(lines[0] + lines[1] + lines[2][:50], encoding="utf-8")
    assert done_ids(out) == {"c0", "c1"}
    assert out.read_text(encoding="utf-8") == lines[0] + lines[1]
    report = run_batch(src, out, options=WORDS_60, resume=True)
    assert (report.skipped, report.done, report.failed) == (2, 2, 0)
    assert out.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    # resuming a finished run does nothing
    again = run_batch(src, out, options=WORDS_60, resume=True)
    assert (again.skipped, again.done) == (4, 0)
    assert out.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def test_without_resume_out_is_rewritten(tmp_path):
    src = _write(tmp_path / "in.jsonl", _clusters(2))
    out = tmp_path / "out.jsonl"
    out.write_text('{"cluster_id": "old"}\n', encoding="utf-8")
    run_batch(src, out, options=WORDS_60)
    assert [r["cluster_id"] for r in _read(out)] == ["c0", "c1"]


def test_killed_run_loses_nothing_and_resumes(tmp_path):
    """SIGKILL mid-run: every line in OUT is whole, and --resume finishes the rest."""
    n = 60
    src = _write(tmp_path / "in.jsonl", _clusters(n))
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "tomtat", "batch", str(src), "-o", str(out), "--no-progress", "-w", "60"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    written = out.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(written) < n, "the run should have been killed part-way"
    assert [json.loads(line)["cluster_id"] for line in written] == [f"c{i}" for i in range(len(written))]
    done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [r["cluster_id"] for r in _read(out)] == [f"c{i}" for i in range(n)]


def test_process_workers_give_the_same_output_in_order(tmp_path):
    records = _clusters(6)
    records.insert(3, "[1, 2")  # a bad line in the middle keeps its place in the errors file
    src = _write(tmp_path / "in.jsonl", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = run_batch(src, one, workers=1, options=WORDS_60)
    r2 = run_batch(src, two, workers=2, options=WORDS_60)
    assert (r1.done, r1.failed) == (r2.done, r2.failed) == (6, 1)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert _read(Path(str(two) + ".errors.jsonl"))[0]["line"] == 4


def test_progress_bar_reports_rate(tmp_path):
    src = _write(tmp_path / "in.jsonl", _clusters(2))
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "-w", "60"])
    assert result.exit_code == 0
    assert "clusters/s" in result.output


def test_ray_engine(tmp_path):
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'tomtat[ray]')")
    src = _write(tmp_path / "in.jsonl", [*_clusters(3), "{bad"])
    local, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(src, local, options=WORDS_60)
    report = run_batch(src, ray_out, options=WORDS_60, engine="ray", workers=2)
    assert (report.done, report.failed) == (3, 1)
    assert ray_out.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    assert _read(Path(str(ray_out) + ".errors.jsonl"))[0]["line"] == 4


def test_ray_engine_missing_is_one_line_and_out_untouched(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if Ray were not installed
    src = _write(tmp_path / "in.jsonl", _clusters(1))
    out = tmp_path / "out.jsonl"
    out.write_text('{"cluster_id": "kept"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(out), "--engine", "ray", "--no-progress"])
    assert result.exit_code == 2
    assert "pip install" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == '{"cluster_id": "kept"}\n'


def test_sentences_alone_replace_the_default_word_budget(tmp_path):
    src = _write(tmp_path / "in.jsonl", [cluster_record(STORM, "s")])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(out), "--sentences", "4", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert len(_read(out)[0]["sentences"]) == 4

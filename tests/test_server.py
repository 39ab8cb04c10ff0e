"""The HTTP API: results, limits and errors, and that the server survives them."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from tomtat import summarize
from tomtat.render import render
from tomtat.server import create_app
from tomtat.server import work
from vi_news import METRO, STORM


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=0, max_body=200_000, cache_size=0)) as c:
        yield c


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_summarize_matches_library_json(client):
    r = client.post("/v1/summarize", json={"articles": METRO, "words": 80, "id": "metro"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    expected = json.loads(render(summarize(METRO, words=80, cluster_id="metro"), "json"))
    assert r.json() == expected
    assert "sources" not in r.json()
    body = r.json()
    assert body["cluster_id"] == "metro" and body["sentences"]
    assert all(s["source"] in {a["source"] for a in METRO} for s in body["sentences"])


def test_summarize_sentences_only_replaces_word_budget(client):
    r = client.post("/v1/summarize", json={"articles": STORM, "sentences": 1})
    assert r.status_code == 200, r.text
    assert len(r.json()["sentences"]) == 1


def test_include_sources_indices_point_at_source_sentences(client):
    r = client.post("/v1/summarize", json={"articles": METRO, "words": 60, "include_sources": True})
    body = r.json()
    assert len(body["sources"]) == len(METRO)
    for s in body["sentences"]:
        assert body["sources"][s["article"]]["sentences"][s["position"]] == s["text"]
        for other in s["also_reported_by"]:
            assert 0 <= other < len(body["sources"])


def test_include_sources_json_is_the_library_json(client):
    r = client.post("/v1/summarize", json={"articles": STORM, "words": 60, "include_sources": True})
    assert r.status_code == 200, r.text
    assert r.json() == summarize(STORM, words=60, include_sources=True).to_dict()
    assert all("removed" in source for source in r.json()["sources"])


def test_response_schema_is_the_real_output(monkeypatch):
    """The JSON answer is validated against SummaryOut: a field the schema lacks is a 500, not silently sent."""
    import dataclasses

    from tomtat.model import Summary, SummarySentence
    from tomtat.server.schemas import SentenceOut, SummaryOut

    assert set(SummaryOut.model_fields) == {f.name for f in dataclasses.fields(Summary)}
    assert set(SentenceOut.model_fields) == {f.name for f in dataclasses.fields(SummarySentence)}
    real = work.summarize_payload

    def with_extra_field(payload):
        result, rendered = real(payload)
        return {**result, "unexpected": 1}, rendered

    monkeypatch.setattr(work, "summarize_payload", with_extra_field)
    with TestClient(create_app(workers=0, cache_size=0), raise_server_exceptions=False) as c:
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 60}).status_code == 500
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 60, "format": "text"}).status_code == 200


@pytest.mark.parametrize("fmt,media", [("text", "text/plain"), ("markdown", "text/markdown")])
def test_text_formats(client, fmt, media):
    r = client.post("/v1/summarize", json={"articles": STORM, "words": 60, "format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.text.strip()
    if fmt == "markdown":
        assert r.text.startswith("## Tóm tắt")


def test_malformed_json_is_422_with_message(client):
    r = client.post("/v1/summarize", content=b'{"articles": [', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "malformed JSON" in r.json()["detail"]


@pytest.mark.parametrize("body,needle", [
    ({}, "articles"),
    ({"articles": "not a list"}, "articles"),
    ({"articles": [{"title": 5}]}, "articles.0.title"),
    ({"articles": METRO, "words": 3}, "words"),
    ({"articles": METRO, "format": "pdf"}, "format"),
    ({"articles": METRO, "bogus": 1}, "bogus"),
])
def test_invalid_fields_are_422_with_field_name(client, body, needle):
    r = client.post("/v1/summarize", json=body)
    assert r.status_code == 422
    assert needle in r.json()["detail"]


def test_too_many_articles_is_422(client):
    many = [{"title": f"Bài {i}", "text": "Hà Nội hôm nay trời nắng."} for i in range(201)]
    r = client.post("/v1/summarize", json={"articles": many})
    assert r.status_code == 422
    assert "201 articles" in r.json()["detail"] and "at most 200" in r.json()["detail"]


def test_library_input_errors_map_to_their_status(client):
    r = client.post("/v1/summarize", json={"articles": []})
    assert r.status_code == 422 and r.json()["detail"]
    english = [{"title": "Markets rally", "text": "Stocks rose sharply on Tuesday as investors cheered the news. " * 5}]
    r = client.post("/v1/summarize", json={"articles": english})
    assert r.status_code == 422 and "Vietnamese" in r.json()["detail"]


def test_body_cap_by_content_length_is_413(client):
    big = {"articles": [{"title": "x", "text": "Hà Nội " * 60_000}]}
    r = client.post("/v1/summarize", json=big)
    assert r.status_code == 413
    assert "larger than" in r.json()["detail"]


def test_body_cap_on_streamed_body_is_413(client):
    def chunks():
        yield b'{"articles": [{"title": "x", "text": "'
        for _ in range(50):
            yield b"a" * 10_000
        yield b'"}]}'

    r = client.post("/v1/summarize", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_timeout_is_504_and_server_survives(monkeypatch):
    def slow(payload):
        time.sleep(1.0)
        return {}, None

    monkeypatch.setattr(work, "summarize_payload", slow)
    with TestClient(create_app(workers=0, timeout=0.2, cache_size=0)) as c:
        r = c.post("/v1/summarize", json={"articles": STORM})
        assert r.status_code == 504
        assert "limit" in r.json()["detail"]
        assert c.get("/healthz").status_code == 200


def test_internal_error_is_500_one_line_and_server_survives(monkeypatch):
    def broken(payload):
        raise RuntimeError("boom")

    monkeypatch.setattr(work, "summarize_payload", broken)
    with TestClient(create_app(workers=0, cache_size=0), raise_server_exceptions=False) as c:
        r = c.post("/v1/summarize", json={"articles": STORM})
        assert r.status_code == 500
        assert "RuntimeError: boom" in r.json()["detail"]
        assert c.get("/healthz").status_code == 200


def test_concurrent_requests_do_not_block_the_event_loop():
    """While summaries run, /healthz still answers at once: the CPU work is off the loop."""

    async def scenario():
        app = create_app(workers=0, cache_size=0)
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                posts = [
                    asyncio.create_task(c.post("/v1/summarize", json={"articles": METRO, "words": 40 + 10 * i}))
                    for i in range(4)
                ]
                await asyncio.sleep(0.01)
                start = time.perf_counter()
                health = await c.get("/healthz")
                health_latency = time.perf_counter() - start
                results = await asyncio.gather(*posts)
        return health, health_latency, results

    health, latency, results = asyncio.run(scenario())
    assert health.status_code == 200
    assert all(r.status_code == 200 for r in results)
    assert latency < 0.5


def test_cache_returns_identical_result():
    with TestClient(create_app(workers=0, cache_size=8)) as c:
        body = {"articles": STORM, "words": 50}
        first = c.post("/v1/summarize", json=body).json()
        second = c.post("/v1/summarize", json=body).json()
        assert first == second
        assert len(c.app.state.runner.cache) == 1


def test_process_workers():
    with TestClient(create_app(workers=1, cache_size=0)) as c:
        r = c.post("/v1/summarize", json={"articles": STORM, "words": 50, "include_sources": True})
        assert r.status_code == 200, r.text
        assert r.json()["sources"]
        assert c.get("/healthz").json()["workers"] == "processes"


def test_extract_html(client):
    html = (
        "<html><head><title>Hà Nội chạy thử metro</title></head><body><nav>Trang chủ | Thời sự</nav>"
        "<article><h1>Hà Nội chạy thử metro</h1>"
        + "".join(f"<p>{line}</p>" for line in METRO[0]["text"].split("\n"))
        + "</article><footer>Bản quyền thuộc về tòa soạn</footer></body></html>"
    )
    r = client.post("/v1/extract", json={"html": html, "name": "metro.html"})
    assert r.status_code == 200, r.text
    assert "metro Nhổn" in r.json()["text"]
    r = client.post("/v1/extract", json={"html": "<html><body></body></html>"})
    assert r.status_code == 422


def test_page_docs_and_openapi(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "Content-Security-Policy" in r.headers
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text and "jsdelivr" not in docs.text and "https:" not in docs.text
    assert client.get("/static/docs.js").status_code == 200
    assert client.get("/swagger").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/v1/summarize" in spec["paths"]
    props = spec["components"]["schemas"]["SummaryOut"]["properties"]
    assert {"summary", "sentences", "cluster_id", "syllables", "articles", "warnings"} <= set(props)


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from tomtat.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output


def test_random_bodies_never_crash_the_server(client):
    """Arbitrary JSON values and junk bytes get a 4xx answer, never a 500, and the server keeps serving."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
    values = st.recursive(scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=12)
    article = st.fixed_dictionaries({"title": st.text(max_size=40), "text": st.text(max_size=300)},
                                    optional={"source": st.none() | st.text(max_size=10), "date": values})
    bodies = (
        values
        | st.fixed_dictionaries({"articles": st.lists(article, max_size=3)},
                                optional={"words": values, "sentences": values, "format": values, "include_sources": values})
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=bodies, junk=st.binary(max_size=64))
    def check(body, junk):
        r = client.post("/v1/summarize", json=body)
        assert r.status_code in (200, 422), (body, r.status_code, r.text)
        assert isinstance(r.json(), dict)
        r = client.post("/v1/summarize", content=junk, headers={"content-type": "application/json"})
        assert r.status_code in (200, 422), (junk, r.status_code, r.text)

    check()
    assert client.get("/healthz").status_code == 200


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(entry))
    return kids


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_server_workers_exit_with_the_server(sig):
    """`tomtat serve --workers 2`: stopping (or killing) the server leaves no worker process behind."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "tomtat", "serve", "--port", str(port), "--workers", "2",
                             "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.time() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.1)
        r = httpx.post(f"http://127.0.0.1:{port}/v1/summarize", json={"articles": STORM, "words": 40}, timeout=30)
        assert r.status_code == 200
        workers = _children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(sig)
        proc.wait(15)
        deadline = time.time() + 10
        while any(_alive(w) for w in workers) and time.time() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "worker processes outlived the server"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def test_dead_worker_is_replaced():
    with TestClient(create_app(workers=1, cache_size=0), raise_server_exceptions=False) as c:
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 40}).status_code == 200
        runner = c.app.state.runner
        for pid in runner.pool.pids():
            os.kill(pid, signal.SIGKILL)
        statuses = [c.post("/v1/summarize", json={"articles": STORM, "words": 40 + i}).status_code for i in range(3)]
        assert statuses[-1] == 200, statuses
        assert set(statuses) <= {200, 500}

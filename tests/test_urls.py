"""Links in: `tomtat summarize URL... FILE...` and `{"urls": [...]}` over HTTP, and the API's error codes.

Pages come from a local http.server on 127.0.0.1 (tests/local_site.py), which
counts its connections: the default server must refuse those links without
a single connection (SSRF guard), a server app made with
`allow_private_urls=True` fetches them, and a link that fails (404, not
HTML) does not fail the others. No test sends traffic anywhere else.
"""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from local_site import MISSING, NOT_HTML, PAGES, SITE_NAMES, LocalSite
from tomtat.batch import engines
from tomtat.cli import app as cli_app
from tomtat.errors import Failure, TimeLimitError, TomtatError
from tomtat.fetch import FetchPolicy
from tomtat.fetch import errors as fetch_errors
from tomtat.pipeline import MAX_ARTICLES
from tomtat.server import create_app
from tomtat.server import work
from vi_news import METRO

LINKS = list(PAGES)  # three METRO articles as web pages


@pytest.fixture(scope="module")
def site():
    server = LocalSite()
    yield server
    server.close()


@pytest.fixture
def fresh(site):
    site.reset()
    return site


@pytest.fixture(scope="module")
def guarded():
    """The server as `tomtat serve` runs it by default: local addresses refused."""
    with TestClient(create_app(workers=0, cache_size=0)) as c:
        yield c


@pytest.fixture(scope="module")
def intranet():
    """The server as `tomtat serve --allow-private-urls` runs it."""
    with TestClient(create_app(workers=0, cache_size=0, allow_private_urls=True)) as c:
        yield c


def _article_file(tmp_path, index: int = 2):
    path = tmp_path / "bai-tu-may.txt"
    path.write_text(f"{METRO[index]['title']}\n\n{METRO[index]['text']}\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ CLI


def test_cli_summarizes_links_and_files_together(fresh, tmp_path):
    result = CliRunner().invoke(cli_app, [
        "summarize", fresh.url(LINKS[0]), str(_article_file(tmp_path)), fresh.url(LINKS[1]), "-f", "json", "-w", "80"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # files first, then the links in the order given; title, site name, date and url come from the page
    assert [a["url"] for a in data["articles"]] == [None, fresh.url(LINKS[0]), fresh.url(LINKS[1])]
    assert [a["source"] for a in data["articles"][1:]] == SITE_NAMES[:2]
    assert data["articles"][1]["title"] == METRO[0]["title"]
    assert data["articles"][1]["date"] == METRO[0]["date"]
    assert {s["article"] for s in data["sentences"]} & {1, 2}  # fetched articles feed the summary
    assert "tomtat: error" not in result.stderr
    assert sorted(fresh.paths) == sorted([LINKS[0], LINKS[1]])


def test_cli_reports_each_failed_link_and_summarizes_the_rest(fresh, tmp_path):
    missing, not_html = fresh.url(MISSING), fresh.url(NOT_HTML)
    result = CliRunner().invoke(cli_app, [
        "summarize", missing, fresh.url(LINKS[0]), not_html, str(_article_file(tmp_path)), "-f", "json"])
    assert result.exit_code == 8, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("tomtat: error:")]
    assert errors == [
        f"tomtat: error: {missing}: the server answered HTTP 404 Not Found",
        f"tomtat: error: {not_html}: not an HTML page (application/json)",
    ]
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 2 and data["articles"][1]["url"] == fresh.url(LINKS[0])
    assert "Traceback" not in result.output


def test_cli_links_only_all_failing_exit_8_without_output(fresh):
    result = CliRunner().invoke(cli_app, ["summarize", fresh.url(MISSING), "ftp://127.0.0.1/bai.html"])
    assert result.exit_code == 8
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("tomtat: error: ") for line in lines)
    assert "give an http:// or https:// link" in lines[1]


def test_cli_links_only(fresh):
    result = CliRunner().invoke(cli_app, ["summarize", *(fresh.url(p) for p in LINKS), "-s", "2"])
    assert result.exit_code == 0, result.output
    assert "metro" in result.stdout.lower()


# ------------------------------------------------------------------ HTTP


def test_default_server_refuses_local_links_without_connecting(guarded, fresh):
    urls = [fresh.url(LINKS[0]), f"http://localhost:{fresh.server_address[1]}{LINKS[1]}"]
    r = guarded.post("/v1/summarize", json={"urls": urls, "articles": [METRO[2]], "words": 60})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [e["url"] for e in body["url_errors"]] == urls
    assert {e["code"] for e in body["url_errors"]} == {"fetch_blocked_address"}
    assert "loopback" in body["url_errors"][0]["detail"]
    assert len(body["articles"]) == 1  # the pasted article was summarized

    r = guarded.post("/v1/summarize", json={"urls": urls})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "fetch_blocked_address" and len(body["url_errors"]) == 2
    assert fresh.connections == 0 and fresh.paths == []  # refused before any traffic


def test_allow_private_server_fetches_and_mixes_with_pasted_articles(intranet, fresh):
    urls = [fresh.url(LINKS[0]), fresh.url(LINKS[1])]
    r = intranet.post("/v1/summarize", json={"articles": [METRO[2]], "urls": urls, "words": 80, "include_sources": True})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["url_errors"] == []
    assert [a["url"] for a in body["articles"]] == [METRO[2].get("url"), *urls]  # pasted first, then links in order
    assert [a["source"] for a in body["articles"][1:]] == SITE_NAMES[:2]
    assert len(body["sources"]) == 3
    assert sorted(fresh.paths) == sorted(LINKS[:2])


def test_failed_links_do_not_fail_the_rest(intranet, fresh):
    urls = [fresh.url(MISSING), fresh.url(LINKS[0]), fresh.url(NOT_HTML), fresh.url(LINKS[1])]
    r = intranet.post("/v1/summarize", json={"urls": urls, "sentences": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(e["url"], e["code"]) for e in body["url_errors"]] == [
        (urls[0], "fetch_http_status"), (urls[2], "fetch_not_html")]
    assert "404" in body["url_errors"][0]["detail"]
    assert [a["url"] for a in body["articles"]] == [urls[1], urls[3]]

    r = intranet.post("/v1/summarize", json={"urls": [urls[0], urls[2]]})
    assert r.status_code == 422
    assert r.json()["code"] == "fetch_error"  # two different reasons
    assert [e["code"] for e in r.json()["url_errors"]] == ["fetch_http_status", "fetch_not_html"]


def test_without_urls_the_result_has_no_url_errors(intranet):
    r = intranet.post("/v1/summarize", json={"articles": METRO, "words": 60})
    assert r.status_code == 200 and "url_errors" not in r.json()


def test_too_many_links_refused_before_any_traffic(fresh):
    with TestClient(create_app(workers=0, allow_private_urls=True, fetch_policy=FetchPolicy(max_urls=2))) as c:
        r = c.post("/v1/summarize", json={"urls": [fresh.url(p) for p in LINKS]})
    assert r.status_code == 422 and r.json()["code"] == "fetch_too_many_urls"
    assert fresh.connections == 0


def test_fetching_has_the_request_time_limit(fresh, monkeypatch):
    import tomtat.server.fetching as fetching

    def slow_fetch_many(urls, policy):
        assert policy.total_timeout <= 0.5  # every URL's own deadline is capped to the request's
        time.sleep(1.5)
        return []

    monkeypatch.setattr(fetching, "fetch_many", slow_fetch_many)
    with TestClient(create_app(workers=0, timeout=0.5, allow_private_urls=True)) as c:
        r = c.post("/v1/summarize", json={"urls": [fresh.url(LINKS[0])]})
    assert r.status_code == 504 and r.json()["code"] == "timeout"


def test_a_summary_failure_after_fetching_keeps_the_url_errors(intranet, fresh):
    english = {"title": "Markets rally", "text": "Stocks rose sharply on Tuesday as investors cheered the news. " * 5}
    r = intranet.post("/v1/summarize", json={"articles": [english], "urls": [fresh.url(MISSING)]})
    assert r.status_code == 422
    assert r.json()["code"] == "not_vietnamese"
    assert r.json()["url_errors"][0]["code"] == "fetch_http_status"


# ------------------------------------------------------------------ error codes


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_error_class_has_its_own_code():
    assert fetch_errors and engines  # every module with error classes is loaded, so all are checked
    classes = list(_subclasses(TomtatError))
    assert len(classes) >= 15
    for cls in classes:
        assert "code" in vars(cls), f"{cls.__name__} has no code of its own"
    assert len({c.code for c in classes}) == len(classes)  # one code, one meaning
    assert Failure.from_exception(TimeLimitError("slow")).code == "timeout"
    assert Failure.from_exception(TimeoutError()).code == "timeout"
    assert Failure.from_exception(RuntimeError("bug")).code == "internal_error"


def test_every_api_error_body_has_a_code(monkeypatch):
    with TestClient(create_app(workers=0, max_body=50_000, cache_size=0), raise_server_exceptions=False) as c:
        cases = [
            (c.post("/v1/summarize", json={"articles": "not a list"}), 422, "invalid_request"),
            (c.post("/v1/summarize", content=b"{nope", headers={"content-type": "application/json"}), 422, "invalid_request"),
            (c.post("/v1/summarize", json={}), 422, "no_input"),
            (c.post("/v1/summarize", json={"articles": [{"title": "x", "text": "y" * 60_000}]}), 413, "body_too_large"),
            (c.post("/v1/summarize", json={"articles": [{"title": "Hi", "text": "Stocks rose sharply on Tuesday. " * 8}]}),
             422, "not_vietnamese"),
            (c.post("/v1/summarize", json={"articles": [{"text": "x"}] * (MAX_ARTICLES + 1)}), 422, "too_many_articles"),
            (c.get("/v1/nothing-here"), 404, "not_found"),
        ]
        monkeypatch.setattr(work, "summarize_payload", lambda payload: 1 / 0)
        cases.append((c.post("/v1/summarize", json={"articles": METRO}), 500, "internal_error"))
    for response, status, code in cases:
        assert response.status_code == status, response.text
        body = response.json()
        assert body["code"] == code, body
        assert isinstance(body["detail"], str) and body["detail"]


def test_openapi_declares_urls_url_errors_and_code():
    schema = create_app(workers=0).openapi()["components"]["schemas"]
    assert "urls" in schema["SummarizeRequest"]["properties"]
    assert "articles" not in schema["SummarizeRequest"].get("required", [])
    assert "url_errors" in schema["SummaryOut"]["properties"]
    assert set(schema["ErrorOut"]["required"]) == {"detail", "code"}
    assert set(schema["UrlErrorOut"]["required"]) == {"url", "code", "detail"}

"""Issue 9: dates, order, sentences that stand alone, timeline, headline and outlet labels (own fixtures)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tomtat import summarize
from tomtat.clean import clean_article
from tomtat.model import Article
from tomtat.order.story import event_date, order_story, standalone
from tomtat.order.timeline import build_timeline, headline
from tomtat.pipeline import analyze
from tomtat.render import FORMATS, render
from tomtat.render.formats import display_date
from tomtat.server.schemas import SummaryOut
from conftest import SEEDS, needs_seeds

# A made-up story told by three outlets: a bridge closed on 3/3, inspected on 5/3, reopened on 20/3.
BRIDGE = [
    Article(
        title="Cầu Sông Lam đóng cửa để kiểm tra sau khi phát hiện vết nứt",
        text=(
            "VnExpress - Ngày 3/3, Sở Giao thông vận tải tỉnh Nghệ An quyết định tạm đóng cầu Sông Lam sau khi người dân "
            "phát hiện vết nứt dài ở trụ cầu số 4.\n"
            "Tuy nhiên, xe cứu thương và xe cứu hỏa vẫn được phép đi qua cầu trong thời gian đóng cửa.\n"
            "Ngày 5/3, đoàn chuyên gia của Bộ Giao thông vận tải đã đến kiểm tra trụ cầu và lấy mẫu bê tông để phân tích.\n"
            "Điều này khiến hàng nghìn người dân phải đi vòng thêm hơn mười cây số mỗi ngày.\n"
            "Theo kế hoạch, cầu Sông Lam sẽ được thông xe trở lại vào ngày 20/3 nếu kết quả kiểm định đạt yêu cầu."
        ),
        id="01-bai-a",
    ),
    Article(
        title="Chuyên gia kiểm tra vết nứt trên cầu Sông Lam",
        text=(
            "(Dân trí) - Đoàn chuyên gia của Bộ Giao thông vận tải hôm 5/3 đã kiểm tra trụ cầu số 4 và lấy mẫu bê tông.\n"
            "Sở Giao thông vận tải tỉnh Nghệ An đã tạm đóng cầu Sông Lam từ ngày 3/3 khi phát hiện vết nứt ở trụ cầu.\n"
            "Các tiểu thương ở hai đầu cầu cho biết lượng khách giảm mạnh từ khi cầu bị đóng."
        ),
        id="02-bai-b",
    ),
    Article(
        title="Cầu Sông Lam thông xe trở lại",
        text=(
            "Cầu Sông Lam đã được thông xe trở lại vào sáng 20/3 sau hơn hai tuần đóng cửa để kiểm định.\n"
            "Kết quả kiểm định cho thấy vết nứt chỉ nằm ở lớp bê tông bảo vệ, không ảnh hưởng đến kết cấu chịu lực.\n"
            "Nguồn Tuổi Trẻ: https://tuoitre.vn/cau-song-lam-thong-xe.htm"
        ),
        id="03-bai-c",
    ),
]


def test_event_date_prefers_the_day_and_resolves_against_the_article_date():
    found = event_date("Hôm qua, tỉnh đã công bố kết quả kiểm định cầu năm 2020.", date(2024, 3, 21))
    assert found.iso == "2024-03-20" and found.text.lower() == "hôm qua"
    assert event_date("Quan hệ hai nước xấu đi kể từ năm 2014.") is None  # a bare year dates background
    assert event_date("Cầu được thông xe vào tháng 3/2024.").iso == "2024-03"


def test_date_line_value_is_kept_by_the_cleaner():
    cleaned = clean_article("Thứ Năm, 21/03/2024 08:15 GMT+7\nCầu Sông Lam đã được thông xe trở lại từ sáng hôm qua.", "Cầu")
    assert cleaned.published == date(2024, 3, 21)
    assert all("21/03/2024" not in p for p in cleaned.paragraphs)


def test_outlet_labels_from_datelines_credits_and_given_sources():
    labels = [a.label for a in BRIDGE]
    assert labels == ["VnExpress", "Dân trí", "Tuổi Trẻ"]
    assert Article(title="Tin", text="Nội dung bài báo.", source="Báo Của Tôi").label == "Báo Của Tôi"
    assert Article(title="Tin", text="Nội dung bài báo không có tên báo.", id="04-bai-d").label == "04-bai-d"


def test_summary_json_has_labels_dates_in_order_and_edits():
    result = summarize(BRIDGE, words=120)
    data = json.loads(render(result, "json"))
    assert [a["label"] for a in data["articles"]] == ["VnExpress", "Dân trí", "Tuổi Trẻ"]
    assert [a["source"] for a in data["articles"]] == [None, None, None]  # kept as given
    # the documented rule (order/story.py): an opening lead stays first, the dated sentences after it
    # are in date order
    body = data["sentences"][1:] if data["sentences"][0]["position"] == 0 else data["sentences"]
    dated = [s["date"] for s in body if s["date"]]
    assert len(dated) >= 2 and dated == sorted(dated, key=lambda iso: iso[-5:])
    for s in data["sentences"]:
        assert s["source"] == data["articles"][s["article"]]["label"]
        if s["edited"]:
            assert s["original"] and s["original"] != s["text"]
    SummaryOut.model_validate(data)


def test_leading_connective_is_dropped_and_marked():
    rep_analysis = analyze(BRIDGE)
    rep = rep_analysis.rep
    # article 0's second sentence ("Tuy nhiên, ...") alone, without the sentence it answers
    i = next(n for n, s in enumerate(rep.sentences) if s.text.startswith("Tuy nhiên"))
    check = standalone(rep, [i])
    assert check.edits[i].startswith("Xe cứu thương và xe cứu hỏa vẫn được phép")
    assert not check.needs
    # with its antecedent before it, nothing dangles and nothing is edited
    assert standalone(rep, [i - 1, i]).edits == {}


def test_anaphor_is_kept_only_with_its_antecedent():
    rep = analyze(BRIDGE).rep
    i = next(n for n, s in enumerate(rep.sentences) if s.text.startswith("Điều này"))
    assert standalone(rep, [i]).needs == [(i, "anaphor")]
    result = summarize(BRIDGE, words=200)
    for s in result.sentences:
        if s.text.startswith("Điều này"):
            assert any(t.article == s.article and t.position == s.position - 1 for t in result.sentences)


def test_order_puts_dated_blocks_in_date_order_after_the_lead():
    analysis = analyze(BRIDGE)
    rep = analysis.rep
    from tomtat.order.story import sentence_dates

    dates = sentence_dates(analysis.documents, rep)
    pick = {s.text[:20]: n for n, s in enumerate(rep.sentences)}
    reopened = next(n for k, n in pick.items() if k.startswith("Cầu Sông Lam đã được"))
    inspected = next(n for k, n in pick.items() if k.startswith("Ngày 5/3"))
    closed = next(n for k, n in pick.items() if k.startswith("Sở Giao thông vận tả"))  # article 1, position 1
    ordered = order_story(rep, [closed, reopened, inspected], dates)
    assert ordered[0] == reopened  # an article's lead opens the summary
    assert ordered[1:] == [closed, inspected]  # then 3/3 before 5/3


def test_timeline_merges_outlets_per_fact_and_headline():
    result = summarize(BRIDGE, words=120)
    dates = [e.date for e in result.timeline]
    assert dates == sorted(dates)
    by_date = {e.date: e for e in result.timeline}
    assert set(by_date["--03-03"].sources) == {"VnExpress", "Dân trí"}
    assert set(by_date["--03-05"].sources) == {"VnExpress", "Dân trí"}
    assert "Tuổi Trẻ" in by_date["--03-20"].sources
    assert result.headline in {a.title for a in BRIDGE}
    assert summarize(BRIDGE, words=120, events=1).timeline.__len__() == 1
    text = render(result, "timeline")
    assert text.splitlines()[0] == result.headline and "03/03 — " in text
    assert "timeline" in FORMATS


def test_headline_is_the_title_closest_to_the_centroid():
    analysis = analyze(BRIDGE)
    assert headline(analysis.rep, analysis.documents) == BRIDGE[0].title


def test_build_timeline_respects_the_cap():
    analysis = analyze(BRIDGE)
    from tomtat.order.story import sentence_dates

    dates = sentence_dates(analysis.documents, analysis.rep)
    weights = __import__("numpy").ones(len(analysis.rep.sentences))
    assert build_timeline(analysis.rep, dates, weights, ["A", "B", "C"], None, events=0) == []
    assert len(build_timeline(analysis.rep, dates, weights, ["A", "B", "C"], None, events=2)) == 2


@pytest.mark.parametrize(("iso", "shown"), [
    ("2024-03-20", "20/03/2024"), ("--03-20", "20/03"), ("2024-03", "03/2024"), ("2024-W12", "tuần 12/2024"),
])
def test_display_date(iso, shown):
    assert display_date(iso) == shown


def _as_dicts(articles):
    return [{"title": a.title, "text": a.text, "id": a.id} for a in articles]


def test_cli_timeline_format_and_events(tmp_path):
    from typer.testing import CliRunner

    from tomtat.cli import app

    path = tmp_path / "cau.json"
    path.write_text(json.dumps(_as_dicts(BRIDGE), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(path), "--format", "timeline", "--events", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0] == BRIDGE[0].title and len(lines) == 3


def test_http_events_and_response_schema():
    from fastapi.testclient import TestClient

    from tomtat.server import create_app

    with TestClient(create_app()) as client:
        r = client.post("/v1/summarize", json={"articles": _as_dicts(BRIDGE), "words": 120, "events": 2})
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["timeline"]) == 2 and body["headline"] == BRIDGE[0].title
        SummaryOut.model_validate(body)
        schema = client.get("/openapi.json").json()["components"]["schemas"]
        assert {"date", "date_text", "edited", "original"} <= set(schema["SentenceOut"]["properties"])
        assert {"headline", "timeline"} <= set(schema["SummaryOut"]["properties"])
        assert client.post("/v1/summarize", json={"articles": _as_dicts(BRIDGE), "events": -1}).status_code in (400, 422)


def test_undated_sentence_is_ordered_with_the_event_its_article_just_dated():
    """A reply that follows "ngày 4/5" in its article is ordered at 4/5, before a 9/5 event, yet reports no date."""
    from tomtat.order.story import inherit_dates, sentence_dates

    articles = [
        Article(title="Đà Nẵng khai mạc lễ hội pháo hoa quốc tế", text=(
            "Lễ hội pháo hoa quốc tế là sự kiện du lịch lớn nhất trong năm của thành phố Đà Nẵng.\n"
            "Tối 9/5, lễ hội pháo hoa quốc tế Đà Nẵng khai mạc bên bờ sông Hàn với sự tham gia của năm đội thi.\n"
            "Hàng chục nghìn người dân và du khách đã đổ về hai bên bờ sông để theo dõi đêm khai mạc."
        )),
        Article(title="Đà Nẵng công bố các đội tham gia lễ hội pháo hoa", text=(
            "Thành phố Đà Nẵng đã chuẩn bị cho lễ hội pháo hoa quốc tế từ nhiều tháng trước.\n"
            "Ngày 4/5, Sở Du lịch Đà Nẵng công bố danh sách năm đội tham gia lễ hội pháo hoa quốc tế năm nay.\n"
            "Ban tổ chức cho biết các đội đến từ Pháp, Ý, Nhật Bản, Hàn Quốc và Việt Nam sẽ thi đấu trong ba đêm."
        )),
    ]
    analysis = analyze(articles)
    rep = analysis.rep
    dates = sentence_dates(analysis.documents, rep)
    text = [s.text for s in rep.sentences]
    reply = next(i for i, t in enumerate(text) if t.startswith("Ban tổ chức"))
    opening = next(i for i, t in enumerate(text) if t.startswith("Tối 9/5"))
    assert dates[reply] is None
    inherited = inherit_dates(rep, dates)
    assert inherited[reply] is not None and inherited[reply].iso == "--05-04"
    assert inherited[opening] is dates[opening]
    # ordered by the inherited date: the 4/5 reply before the 9/5 opening (neither is an article's lead)
    assert order_story(rep, [opening, reply], inherited) == [reply, opening]


@pytest.mark.data
@needs_seeds
def test_seeds_story_done_when():
    """Issue 9's acceptance check on the five real seed articles (read from ../shared, never copied)."""
    from tomtat.read import read_paths

    cluster = read_paths(sorted(SEEDS.glob("*.txt")))[0]
    data = summarize(cluster).to_dict()
    labels = [a["label"] for a in data["articles"]]
    assert labels[:3] == ["Công Luận", "Công Luận", "VOV"] and labels[4] == "Ngày Nay"
    body = data["sentences"][1:] if data["sentences"][0]["position"] == 0 else data["sentences"]
    dated = [s["date"] for s in body if s["date"]]
    assert dated == sorted(dated, key=lambda iso: iso[-5:])
    events = {e["date"][-5:]: e for e in data["timeline"]}
    assert {"01-26", "04-13", "06-16"} <= set(events)
    assert {"Công Luận", "VOV"} <= set(events["04-13"]["sources"])
    assert events["01-26"]["sources"] == ["VOV"] and "Ngày Nay" in events["06-16"]["sources"]


@pytest.mark.parametrize(("together", "dense"), [(0, False), (1000, False), (0, True)])
def test_same_fact_rows_are_the_overlap_rows(monkeypatch, together, dense):
    """The memoized rows the story, timeline and credits share are `overlap_row`'s, counted together
    (a few rows), through `overlap_rows` (many) or read off the dense overlap table (news-sized
    clusters): the same sentences in the same order, the same ratios."""
    import numpy as np

    import tomtat.order.facts as facts
    import tomtat.represent.vectors as vectors
    from tomtat.represent import SAME_FACT_OVERLAP

    monkeypatch.setattr(facts, "_TOGETHER", together)
    if not dense:  # (overlap_row then counts each row from the sparse concept matrix too)
        monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
    rep = analyze(BRIDGE + [Article(title="Cầu Sông Lam", text=BRIDGE[0].text.replace("Ngày 3/3", "Hôm 3/3"))]).rep
    n = len(rep.sentences)
    for at_least in (SAME_FACT_OVERLAP, 0.0):
        first = facts.same_fact_rows(rep, [2, 0, 2], at_least)
        assert list(first) == [2, 0]
        rows = facts.same_fact_rows(rep, range(n), at_least)
        assert rows[0] is first[0]  # (kept: computed once)
        for i in range(n):
            cols, ratio = rep.overlap_row(i, at_least=at_least)
            assert np.array_equal(rows[i][0], cols) and rows[i][0].dtype == cols.dtype
            assert rows[i][1].tobytes() == ratio.tobytes()
        assert sum(len(c) > 1 for c, _ in rows.values()) >= 3  # (the copied article restates its original)
    assert (rep.overlap_table("comparable") is not None) == dense


def test_large_dates_group_the_same_facts_as_small_ones(monkeypatch):
    """A date stated by many sentences keeps its same-day pairs in arrays (issue 11); the timeline's
    facts, credits and texts are the ones the per-pair sets give."""
    import numpy as np

    import tomtat.order.timeline as timeline
    from tomtat.order.story import sentence_dates

    articles = BRIDGE + [Article(title="Cầu Sông Lam", text=BRIDGE[1].text.replace("(Dân trí) - ", "Theo Dân trí, "))]
    analysis = analyze(articles)
    rep = analysis.rep
    dates = sentence_dates(analysis.documents, rep)
    weights = np.linspace(1.0, 2.0, len(rep.sentences))
    labels = ["A", "B", "C", "D"]
    small = build_timeline(rep, dates, weights, labels, 2024)
    monkeypatch.setattr(timeline, "_SMALL_DATE", 0)
    assert any(isinstance(v, np.ndarray) for v in timeline._same_day_overlap(
        rep, [i for i, m in enumerate(dates) if m], {i: (2024, m.value.month, m.value.day or 0) for i, m in enumerate(dates) if m},
        {i for i, m in enumerate(dates) if m and m.value.granularity == "day"}).values())
    assert build_timeline(rep, dates, weights, labels, 2024) == small
    assert any(len(event.articles) >= 2 for event in small)  # (the copy credits the fact it restates)


def test_same_day_pairs_read_off_the_dense_counts_are_the_per_pair_sets(monkeypatch):
    """A news-sized cluster reads its small dates' same-day pairs off the dense shared-concept counts
    (`_close_on_table`); they are the pairs the sets of concept indices give, in the same order, and
    the timeline is the same."""
    import numpy as np

    import tomtat.order.timeline as timeline
    import tomtat.represent.vectors as vectors
    from tomtat.order.story import sentence_dates

    articles = BRIDGE + [Article(title="Cầu Sông Lam", text=BRIDGE[1].text.replace("(Dân trí) - ", "Theo Dân trí, "))]
    analysis = analyze(articles)
    dense = analysis.rep
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
    plain = analyze(articles).rep
    assert plain.shared_concepts() is None
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
    assert dense.shared_concepts() is not None
    dates = sentence_dates(analysis.documents, dense)
    dated = [i for i, m in enumerate(dates) if m]
    keys = {i: (2024, m.value.month, m.value.day or 0) for i, m in enumerate(dates) if m}
    day = {i for i, m in enumerate(dates) if m and m.value.granularity == "day"}
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
    want = timeline._same_day_overlap(plain, dated, keys, day)
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
    got = timeline._same_day_overlap(dense, dated, keys, day)
    assert "shared_concepts" not in plain.memo  # (its pairs came from the sets)
    assert want and got == want and all(type(v) is list for v in got.values())
    assert sum(len(v) > 1 for v in got.values()) >= 1  # (a same-day pair that is not the sentence itself)
    weights = np.linspace(1.0, 2.0, len(dense.sentences))
    labels = ["A", "B", "C", "D"]
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
    on_sets = build_timeline(plain, dates, weights, labels, 2024)
    assert "shared_concepts" not in plain.memo
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
    assert build_timeline(dense, dates, weights, labels, 2024) == on_sets

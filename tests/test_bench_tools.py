"""The measuring helpers of bench/: fresh ids per load run, the growth fit, synthetic sizes, peers' budgets."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from tomtat.text.tokens import syllables

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vi_news import METRO, STORM  # noqa: E402


def bench(name: str):
    return importlib.import_module(name)


def test_miss_mode_ids_differ_between_runs_and_hit_mode_repeats_the_body():
    http_load = bench("http_load")
    body = {"articles": METRO, "words": 120}
    first = http_load.request_body(body, "miss", "aaaa", "load-1")
    second = http_load.request_body(body, "miss", "bbbb", "load-1")
    assert first["id"] != second["id"]  # a second run never hits the first run's cache
    assert first["articles"] == body["articles"]
    assert http_load.request_body(body, "hit", "aaaa", "load-1") is body


def test_growth_exponent_recovers_linear_and_quadratic():
    scale = bench("scale")
    xs = [100, 300, 1000, 3000, 10000]
    assert scale.exponent([(x, 0.002 * x) for x in xs]) == pytest.approx(1.0)
    assert scale.exponent([(x, 1e-7 * x * x) for x in xs]) == pytest.approx(2.0)
    assert scale.exponent([(100, 1.0), (200, 2.0)]) is None  # too few points to fit


def test_synthetic_articles_have_the_asked_size():
    scale = bench("scale")
    by_syllables = scale.build(4, 600, None)
    assert len(by_syllables) == 4
    for article in by_syllables:
        assert 600 <= len(article["text"].split()) < 600 + 80  # one sentence past the target at most
        assert article["title"]
    by_chars = scale.build(2, None, 20_000)
    assert all(15_000 < len(a["text"]) <= 20_000 for a in by_chars)
    assert scale.build(3, 500, None) == scale.build(3, 500, None)  # a fixed seed: every run measures the same text


def test_networkx_textrank_fills_the_budget_from_the_cluster():
    pytest.importorskip("networkx")
    peers = bench("peers")
    texts = [a["text"] for a in METRO + STORM]
    out = peers.networkx_textrank(texts, 60)
    assert 50 <= len(syllables(out)) <= 60
    assert out.split(".")[0].strip() in " ".join(texts)


@pytest.mark.parametrize("name", ["LexRank", "TextRank", "LSA", "Luhn"])
def test_sumy_runs_on_vietnamese_without_nltk_data(name):
    pytest.importorskip("sumy")
    peers = bench("peers")
    texts = [a["text"] for a in METRO]
    out = peers.sumy_system(name)(texts, 60)
    assert 40 <= len(syllables(out)) <= 60
    first = out.split(".")[0].strip()
    assert first and first in " ".join(texts)


def test_selection_variants_trim_only_the_named_groups_and_outlets():
    pytest.importorskip("scipy")
    from tomtat.model import Article
    from tomtat.pipeline import analyze
    from tomtat.select import candidates

    selection = bench("selection")
    rep = analyze([Article(title="Giá dầu tăng mạnh", text=(
        "Giá dầu thô tăng 3% trong phiên giao dịch sáng nay tại thị trường châu Á.\n"
        "Theo Reuters, giá dầu Brent đã lên mức 92 USD mỗi thùng, cao nhất trong một năm.\n"
        "Ngoài ra, giá khí đốt tự nhiên cũng tăng 5% so với tuần trước tại châu Âu.\n"
        "Được biết, OPEC+ sẽ họp vào tuần tới để bàn về sản lượng khai thác năm sau.\n"
        "Các nhà phân tích dự báo giá sẽ còn tăng trong những tuần tới, theo AFP."))]).rep
    texts = {rep.sentences[i].text: i for i in candidates(rep).tolist()}
    shown = selection.variant_trimmed(rep, {"trim_only": ("additive",), "trim_outlets": True})
    by_start = {rep.sentences[i].text.split(",")[0]: t for i, t in shown.texts.items()}
    assert by_start["Theo Reuters"].startswith("Giá dầu Brent đã lên mức 92 USD")
    assert by_start["Ngoài ra"].startswith("Giá khí đốt tự nhiên")
    assert "Được biết" not in by_start  # hearsay is not in the named groups
    assert shown.texts[texts["Các nhà phân tích dự báo giá sẽ còn tăng trong những tuần tới, theo AFP."]] == (
        "Các nhà phân tích dự báo giá sẽ còn tăng trong những tuần tới.")
    for i, text in shown.texts.items():
        assert shown.lengths[i] == len(syllables(text)) < rep.lengths[i]


def test_selection_paired_rows_give_per_fold_differences():
    selection = bench("selection")
    base = {name: [40.0] * 10 for name in selection.SETUPS}
    other = {name: [40.0 + (k % 5 == 0)] * 1 + [40.0] * 9 for k, name in enumerate(selection.SETUPS)}
    rows = selection.paired_rows(None, base, other, 5)
    assert [row[0] for row in rows] == list(selection.SETUPS)
    assert rows[0][1:7] == ["+0.50", "+0.00", "+0.00", "+0.00", "+0.00", "+0.10"]  # fold 0 holds clusters 0 and 5
    assert rows[0][8] == "1/0" and rows[1][6] == "+0.00" and rows[1][7] == "-"


# three outlets on one flood (made up for this test): the first article's lead and the second article's
# second sentence report the same evacuation figure in different words (concept overlap 0.14, under the
# same-fact rule's 0.35)
_FLOOD = [
    ("Lũ lớn trên sông Gianh, Quảng Bình sơ tán hơn 12.000 hộ dân",
     "Sáng 21/10, nước sông Gianh dâng cao vượt báo động 3, chính quyền tỉnh Quảng Bình đã di dời hơn 12.000 hộ "
     "dân khỏi các xã vùng thấp.\n"
     "Nhiều tuyến đường liên xã ở huyện Tuyên Hóa bị ngập sâu hơn một mét, giao thông bị chia cắt hoàn toàn.\n"
     "Lực lượng quân đội và công an đã dùng xuồng máy tiếp tế mì tôm, nước uống cho những gia đình còn bị cô lập.\n"
     "Ngành điện lực cho biết khoảng 45.000 khách hàng bị mất điện do nhiều trạm biến áp bị nước lũ tràn vào."),
    ("Quảng Bình: nước lũ chia cắt nhiều xã",
     "Mưa lớn kéo dài ba ngày khiến hàng loạt xã ở miền tây Quảng Bình chìm trong biển nước.\n"
     "Ban Chỉ huy phòng chống thiên tai tỉnh cho hay, tính đến trưa nay tổng cộng hơn 12.000 hộ dân ở các vùng "
     "trũng ven sông đã được đưa đến nơi an toàn.\n"
     "Hai học sinh bị nước cuốn trôi khi đi qua ngầm tràn, lực lượng cứu hộ vẫn đang tìm kiếm.\n"
     "Các trường học ở ba huyện Tuyên Hóa, Minh Hóa và Quảng Ninh cho học sinh nghỉ học đến hết tuần."),
    ("Dự báo mưa lũ còn kéo dài ở miền Trung",
     "Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết mưa lớn ở các tỉnh từ Hà Tĩnh đến Quảng Trị còn kéo "
     "dài đến hết ngày 23/10.\n"
     "Lượng mưa phổ biến từ 150 đến 300 mm, có nơi trên 400 mm, nguy cơ lũ quét và sạt lở đất ở vùng núi rất cao.\n"
     "Bộ Nông nghiệp và Phát triển nông thôn đề nghị các địa phương kiểm tra an toàn hồ đập, sẵn sàng xả lũ khi "
     "cần thiết."),
]


def test_selection_figures_are_numbers_with_their_unit_not_dates_times_or_names():
    selection = bench("selection")
    found = selection.figures(
        "Rạng sáng 18/9, bão số 5 đổ bộ với sức gió cấp 10 lúc 4 giờ, khiến hơn 30.000 người phải sơ tán, "
        "thiệt hại 2,5 tỷ đồng, lạm phát 4,91%, 3 người bị thương, tại số 25 Lê Lợi, Đội 14 Chi cục, iPhone 14 Pro.")
    assert found == {("30000", "người"), ("25", "tỷ"), ("491", "%")}
    # the same figure written with another counted noun after it is another key
    assert selection.figures("Tổng cộng hơn 30.000 hộ dân đã được sơ tán.") == {("30000", "hộ")}


def test_selection_redundancy_greedy_is_greedy_until_a_rule_blocks_the_same_figure():
    pytest.importorskip("scipy")
    from dataclasses import replace

    from tomtat.model import Article
    from tomtat.pipeline import analyze, default_scorer
    from tomtat.select import Budget, candidates, select_greedy

    selection = bench("selection")
    rep = analyze([Article(title=title, text=text) for title, text in _FLOOD]).rep
    scores = default_scorer().score(rep)
    cand = candidates(rep)
    same = [i for i in range(len(rep.sentences)) if ("12000", "hộ") in selection.figures(rep.sentences[i].text)]
    assert len(same) == 2 and rep.sentences[same[0]].doc != rep.sentences[same[1]].doc
    assert 0 < rep.overlap_table("comparable")[same[0], same[1]] < 0.35  # the same-fact rule lets both in
    rule = replace(scores, selection={**scores.selection, "same_figure": 0.0})
    for words in (60, 100, 150):
        budget = Budget(syllables=words)
        plain = select_greedy(rep, cand, scores, budget)
        assert selection.redundancy_greedy(rep, cand, scores, budget) == plain  # no rule: greedy's picks
        blocked = selection.redundancy_greedy(rep, cand, rule, budget)
        assert not set(same) <= set(blocked)
    assert set(same) <= set(plain)  # (at 150 syllables greedy takes both: the rule changes that summary)


def test_candidate_audit_oracle_is_the_evaluation_oracle_and_locates_every_reference_bigram():
    """bench/candidates.py's oracle picks what `oracle_indices` picks (it calls the evaluation's), and its audit
    puts each distinct reference bigram in exactly one place."""
    from tomtat.evaluate.baselines import oracle_indices
    from tomtat.model import Article, Cluster
    from tomtat.pipeline import analyze

    audit = bench("candidates")
    reference = ("Bão số 4 đổ bộ vào Quảng Trị, gây mưa lớn ở nhiều tỉnh miền Trung. "
                 "Hàng nghìn hộ dân phải sơ tán khỏi vùng ngập.")
    cluster = Cluster(articles=[Article(**a) for a in STORM], references=[reference])
    rep = analyze(cluster).rep
    refs = [(audit._bigrams(t), max(len(t) - 1, 1)) for t in [syllables(reference)]]
    for budget in (20, 60, 120):
        _, chosen = audit.greedy_oracle([list(s.syllables) for s in rep.sentences], budget, refs)
        assert chosen == oracle_indices(rep, budget, [reference])
    out = audit.audit_cluster(cluster, 60)
    assert sum(out["located"].values()) == out["total"] == len(refs[0][0])
    assert out["oracle"]["candidates"] > 0 and "candidate" in out["located"]


def test_segment_cuts_drop_one_outlets_detail_and_keep_what_changes_the_meaning():
    selection = bench("selection")
    no_df: dict = {}
    # a trailing detail goes; the first segment (the subject and its verb) never does
    text = "Cơn bão số 3 đã đổ bộ vào Quảng Ninh chiều qua, tốc mái hơn 200 ngôi nhà ở huyện Tiên Yên."
    assert selection.cut_segments(text, no_df) == "Cơn bão số 3 đã đổ bộ vào Quảng Ninh chiều qua."
    # ... unless another article holds one of its concepts
    assert selection.cut_segments(text, {("tốc", "mái"): 2}) is None
    # an appositive between a name and its predicate goes with both commas
    assert selection.cut_segments(
        "Bà Lê Thị Hoa, giám đốc sở Y tế tỉnh Nghệ An, cho biết số ca sốt xuất huyết đã giảm một nửa.", no_df,
    ) == "Bà Lê Thị Hoa cho biết số ca sốt xuất huyết đã giảm một nửa."
    kept = [
        "Giá vàng trong nước tăng mạnh sáng nay, nhưng giá vàng thế giới lại giảm nhẹ trong phiên đêm qua.",  # contrast
        "Đội tuyển đã thắng trận mở màn với tỷ số 2-0, không để thủng lưới bàn nào trong cả trận.",  # negation
        "Sau khi họp khẩn với các bộ ngành, thủ tướng yêu cầu dừng ngay việc xả lũ ở hồ thủy điện.",  # main clause
        "Người dân được khuyến cáo tích trữ lương thực, nước uống, thuốc men và đèn pin trong mùa mưa bão.",  # a list
        "Ông Trần Văn Bình cho rằng, giá điện cần được điều chỉnh theo thị trường, để thu hút đầu tư vào ngành.",
        '"Chúng tôi sẽ hoàn thành cây cầu trước Tết", kỹ sư trưởng của công trình Nguyễn Văn Hải khẳng định.',
    ]
    for text in kept:
        assert all(not safe for *_, safe in selection.segment_cuts(text, no_df)), text
    # commas inside quotes, parentheses or figures split nothing
    assert selection.comma_segments('Ông nói "đi, về" rồi bỏ đi (ở Hà Nội, gần hồ) lúc 4,5 giờ.') == []
    for rest, seg, *_ in selection.segment_cuts(
            "Trận động đất mạnh 6,1 độ xảy ra ở ngoài khơi, cách bờ biển khoảng 80 km, vào lúc 3 giờ sáng nay.", no_df):
        assert len(syllables(rest)) >= selection.SEGMENT_REST and len(syllables(seg)) >= selection.SEGMENT_MIN

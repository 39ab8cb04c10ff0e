"""Anchor-text openings: a cluster whose articles open with a teaser the body tells again skips the teasers."""

from __future__ import annotations

import numpy as np

from tomtat.model import Article, Cluster
from tomtat.pipeline import prepare
from tomtat.represent import represent
from tomtat.score import CentralityScorer
from tomtat.select import Budget, anchor_openings, select
from tomtat.select.candidates import restated

# Two reports of one event; each opens with a teaser paragraph that its body restates in full.
_TEASER_1 = "Sáng nay, hàng nghìn hộ dân ở huyện Nghĩa Hành bị ngập sâu sau trận mưa lớn kéo dài suốt đêm qua."
_BODY_1 = [
    "Theo Ban chỉ huy phòng chống thiên tai tỉnh Quảng Ngãi, sáng nay hàng nghìn hộ dân ở huyện Nghĩa Hành "
    "bị ngập sâu từ một đến hai mét sau trận mưa lớn kéo dài suốt đêm qua.",
    "Huyện Nghĩa Hành đã huy động hơn ba trăm cán bộ, chiến sĩ cùng hai mươi ca nô để sơ tán các hộ dân "
    "bị ngập sâu đến nơi an toàn trong đêm qua.",
]
_TEASER_2 = "Mưa lớn kéo dài suốt đêm qua khiến hàng nghìn hộ dân ở huyện Nghĩa Hành, Quảng Ngãi bị ngập sâu."
_BODY_2 = [
    "Trận mưa lớn kéo dài suốt đêm qua đã khiến hàng nghìn hộ dân ở huyện Nghĩa Hành, tỉnh Quảng Ngãi "
    "bị ngập sâu, nhiều nơi nước lên nhanh trong vòng vài giờ.",
    "Lực lượng cứu hộ huyện Nghĩa Hành đã sơ tán hơn năm trăm hộ dân ra khỏi vùng ngập sâu trong đêm qua.",
]
# Openings that the body does not tell again (a first paragraph of news, not a teaser).
_LEAD_3 = "Ủy ban nhân dân tỉnh Quảng Ngãi vừa quyết định xuất cấp một trăm tấn gạo cứu trợ cho các xã vùng lũ."
_BODY_3 = [
    "Số gạo trên sẽ được chuyển đến người dân trong hai ngày tới, ưu tiên các hộ nghèo và gia đình chính sách.",
    "Sở Y tế cũng cử các đội cơ động xuống vùng ngập để phòng chống dịch bệnh sau khi nước rút.",
]
_LEAD_4 = "Tỉnh Quảng Ngãi đề nghị trung ương hỗ trợ kinh phí khắc phục hậu quả mưa lũ tại các huyện miền núi."
_BODY_4 = [
    "Theo báo cáo ban đầu, thiệt hại về nhà cửa, hoa màu và công trình giao thông ước tính hơn hai trăm tỷ đồng.",
    "Nhiều cây cầu tạm ở các xã vùng cao đã bị nước cuốn trôi, việc đi lại của người dân gặp nhiều khó khăn.",
]


def _rep(*articles: tuple[str, str, list[str]]):
    cluster = Cluster(articles=[Article(title, "\n".join([opening, *body])) for title, opening, body in articles])
    return represent(prepare(cluster))


def _teasers():
    return _rep(("Hàng nghìn hộ dân Nghĩa Hành bị ngập sâu", _TEASER_1, _BODY_1),
                ("Mưa lớn gây ngập ở Quảng Ngãi", _TEASER_2, _BODY_2))


def _leads():
    return _rep(("Quảng Ngãi xuất gạo cứu trợ vùng lũ", _LEAD_3, _BODY_3),
                ("Quảng Ngãi xin hỗ trợ khắc phục mưa lũ", _LEAD_4, _BODY_4))


def _index(rep, text: str) -> int:
    return [s.text for s in rep.sentences].index(text)


def test_teasers_restated_in_the_body_are_found():
    rep = _teasers()
    opening, again = restated(rep, 0.35)
    teasers = [_index(rep, _TEASER_1), _index(rep, _TEASER_2)]
    assert np.flatnonzero(opening).tolist() == teasers  # only the first paragraphs
    assert np.flatnonzero(again).tolist() == teasers  # and the body tells each again
    assert anchor_openings(rep, 0.5, 0.35).tolist() == teasers


def test_openings_the_body_does_not_repeat_are_kept():
    rep = _leads()
    opening, again = restated(rep, 0.35)
    assert np.flatnonzero(opening).tolist() == [_index(rep, _LEAD_3), _index(rep, _LEAD_4)]
    assert not again.any()
    assert anchor_openings(rep, 0.5, 0.35).size == 0


def test_the_share_decides_per_cluster():
    # one teaser article and one news-lead article: half of the articles restate their opening
    rep = _rep(("Hàng nghìn hộ dân Nghĩa Hành bị ngập sâu", _TEASER_1, _BODY_1),
               ("Quảng Ngãi xuất gạo cứu trợ vùng lũ", _LEAD_3, _BODY_3))
    both = [_index(rep, _TEASER_1), _index(rep, _LEAD_3)]
    assert anchor_openings(rep, 0.5, 0.35).tolist() == both  # the cluster's style: every opening goes
    assert anchor_openings(rep, 0.75, 0.35).size == 0


def test_a_one_paragraph_article_has_no_anchor():
    rep = represent(prepare(Cluster(articles=[Article("Mưa lớn ở Quảng Ngãi", " ".join([_TEASER_1, *_BODY_1]))])))
    assert anchor_openings(rep, 0.5, 0.35).size == 0


def test_select_skips_anchor_openings_only_with_the_setting():
    rep = _teasers()
    teasers = {_index(rep, _TEASER_1), _index(rep, _TEASER_2)}
    scores = CentralityScorer().score(rep)
    scores.sentence_weights[:] = 0.1
    scores.sentence_weights[list(teasers)] = 1.0  # a scorer that loves the teasers
    scores.concept_weights[:] = 0.0
    plain = select(rep, scores, Budget(syllables=60))
    assert teasers & set(plain)  # no setting (older model files, unsupervised scorer): unchanged
    scores.selection = {"anchor_share": 0.5}
    chosen = select(rep, scores, Budget(syllables=60))
    assert chosen and not teasers & set(chosen)
    assert rep.lengths[chosen].sum() <= 60

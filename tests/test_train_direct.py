"""The scorer fitted to summary ROUGE-2 directly (tomtat.train.direct): coordinate ascent from the logistic fit."""

from __future__ import annotations

import numpy as np
import pytest

from tomtat.model import Article, Cluster
from tomtat.score import LearnedScorer
from tomtat.train import direct
from tomtat.train.domains import prepare_dataset, summary_text
from tomtat.train.fit import fit
from tomtat.train.variants import InnerContext, rouge2_f1

# Two small stories, three outlets each (own fixture text, written for these tests).
FLOOD = [
    Article(
        "Mưa lớn gây ngập nặng ở Huế",
        "Mưa lớn kéo dài từ đêm 14/10 khiến nhiều tuyến phố ở thành phố Huế ngập sâu từ 0,5 đến 1 mét.\n"
        "Ban Chỉ huy phòng chống thiên tai tỉnh đã sơ tán hơn 2.000 hộ dân ở vùng trũng thấp.\n"
        "Nhiều trường học cho học sinh nghỉ học trong hai ngày.",
        "bao-a",
    ),
    Article(
        "Huế sơ tán dân vì mưa lũ",
        "Hơn 2.000 hộ dân ở các vùng trũng thấp của Huế đã được sơ tán đến nơi an toàn sau trận mưa lớn đêm 14/10.\n"
        "Mực nước sông Hương tại trạm Kim Long vượt mức báo động 2.\n"
        "Một số tuyến đường lên huyện A Lưới bị sạt lở, giao thông bị chia cắt.",
        "bao-b",
    ),
    Article(
        "Nước sông Hương lên nhanh",
        "Mực nước sông Hương lên nhanh sau mưa lớn, tại trạm Kim Long đã vượt mức báo động 2 vào sáng 15/10.\n"
        "Theo dự báo, mưa còn kéo dài đến hết ngày 16/10.\n"
        "Người dân được khuyến cáo không đi qua các ngầm tràn đang ngập nước.",
        "bao-c",
    ),
]
MARKET = [
    Article(
        "Chợ Bến Thành mở cửa lại sau cải tạo",
        "Chợ Bến Thành mở cửa trở lại từ sáng 1/6 sau ba tháng cải tạo hệ thống phòng cháy chữa cháy.\n"
        "Khoảng 1.400 tiểu thương đã quay lại buôn bán ngay trong ngày đầu.\n"
        "Ban quản lý chợ cho biết chi phí cải tạo khoảng 30 tỷ đồng.",
        "bao-a",
    ),
    Article(
        "Tiểu thương vui mừng khi chợ Bến Thành hoạt động lại",
        "Khoảng 1.400 tiểu thương chợ Bến Thành đã buôn bán trở lại từ sáng 1/6 sau thời gian chợ đóng cửa cải tạo.\n"
        "Bà Lan, bán vải ở cửa Tây, nói lượng khách du lịch đã đông hơn dự kiến.\n"
        "Nhiều quầy hàng được sắp xếp lại gọn gàng hơn trước.",
        "bao-b",
    ),
    Article(
        "Chợ Bến Thành sau cải tạo",
        "Sau ba tháng cải tạo, chợ Bến Thành được lắp thêm hệ thống báo cháy tự động và vòi phun nước.\n"
        "Chợ mở cửa lại từ sáng 1/6 với khoảng 1.400 tiểu thương.\n"
        "Giờ mở cửa của chợ vẫn từ 6 giờ sáng đến 18 giờ.",
        "bao-c",
    ),
]
REFERENCES = {
    "flood": ["Mưa lớn từ đêm 14/10 làm nhiều tuyến phố ở Huế ngập sâu, hơn 2.000 hộ dân được sơ tán. "
              "Mực nước sông Hương vượt mức báo động 2."],
    "market": ["Chợ Bến Thành mở cửa trở lại từ sáng 1/6 sau ba tháng cải tạo hệ thống phòng cháy chữa cháy. "
               "Khoảng 1.400 tiểu thương đã quay lại buôn bán."],
}
SYLLABLES = 40


def _prepared():
    stories = [("flood", FLOOD), ("market", MARKET), ("flood", FLOOD[::-1]), ("market", MARKET[::-1]),
               ("flood", FLOOD[1:]), ("market", MARKET[1:])]
    clusters = [Cluster(articles=list(a), id=f"c{i}", references=REFERENCES[name]) for i, (name, a) in enumerate(stories)]
    data = prepare_dataset("vims", clusters, syllables=SYLLABLES)
    context = InnerContext()
    context.register([data])
    return data, context


def _objective(data, model) -> float:
    return float(np.mean([rouge2_f1(summary_text(rep, model, SYLLABLES), c.references, SYLLABLES)
                          for c, rep in zip(data.clusters, data.reps)]))


@pytest.mark.parametrize("halves", [1, 2])
def test_refine_never_lowers_the_training_summaries_rouge_and_stays_near_the_logistic_fit(halves):
    data, context = _prepared()
    start = fit(data.examples, 0.1)
    for model in (start, {**start, "coef": [-v for v in start["coef"]]}):  # the fit, and a poor start
        refined, log = direct.refine(model, direct.cases_of(data.examples, context), margin=0.0, halves=halves)
        # the log's objective is the shipped pipeline's summaries' ROUGE-2 (one dataset: its mean)
        assert log["start"] == pytest.approx(_objective(data, model), abs=1e-3)
        assert log["end"] == pytest.approx(_objective(data, refined), abs=1e-3)
        assert log["end"] >= log["start"]
        moved = np.abs(np.r_[refined["coef"], refined["intercept"]] - np.r_[model["coef"], model["intercept"]])
        assert moved.max() <= sum(direct.STEPS) + 1e-9
        assert len(log["steps"]) >= int((moved > 0).sum())  # every move is a logged step
        LearnedScorer(refined).score(data.reps[0])  # still a model file the scorer reads


def test_a_poor_start_is_improved_and_a_step_needs_every_part_to_gain():
    data, context = _prepared()
    model = fit(data.examples, 0.1)
    poor = {**model, "coef": [-v for v in model["coef"]]}  # prefers what the oracle leaves out
    steps = (1.0, 0.5)  # large enough to change these small clusters' summaries
    refined, log = direct.refine(poor, direct.cases_of(data.examples, context), steps, margin=0.0, halves=1)
    assert log["end"] > log["start"] + 10 and log["steps"]
    assert log["end"] == pytest.approx(_objective(data, refined), abs=1e-3)
    # with as many parts as clusters, a step must raise every cluster's ROUGE: fewer steps are taken
    strict, strict_log = direct.refine(poor, direct.cases_of(data.examples, context), steps, margin=0.0,
                                       halves=len(data.examples))
    assert len(strict_log["steps"]) <= len(log["steps"])
    assert strict_log["end"] >= strict_log["start"]


def test_the_objective_averages_within_each_dataset_first():
    cases = [direct.Case("vims", None, [], 0, np.zeros((0, 1))) for _ in range(3)]
    cases.append(direct.Case("abmusu", None, [], 0, np.zeros((0, 1))))
    # three ViMs clusters at 30 and one AbMuSu at 50: 40 (a pooled mean would say 35)
    assert direct.objective(np.array([30.0, 30.0, 30.0, 50.0]), cases) == pytest.approx(40.0)


def test_a_step_must_stand_above_the_clusters_noise_with_min_t():
    cases = [direct.Case(kind, None, [], 0, np.zeros((0, 1))) for kind in ("vims", "vims", "vims", "abmusu", "abmusu")]
    current = np.array([40.0, 40.0, 40.0, 30.0, 30.0])
    assert direct.gain_t(current, current, cases) == 0.0
    noisy = current + np.array([3.0, -2.0, 0.5, 2.0, -1.0])  # a small mean gain, spread over clusters
    steady = current + np.array([0.5, 0.6, 0.4, 0.5, 0.6])
    assert 0 < direct.gain_t(noisy, current, cases) < 1 < direct.gain_t(steady, current, cases)
    data, context = _prepared()
    poor = fit(data.examples, 0.1)
    poor = {**poor, "coef": [-v for v in poor["coef"]]}
    _, log = direct.refine(poor, direct.cases_of(data.examples, context), (1.0, 0.5), margin=0.0, halves=1, min_t=1e9)
    assert not log["steps"] and log["end"] == log["start"]


def test_selector_settings_move_only_within_their_floors_and_are_logged_by_name():
    data, context = _prepared()
    model = fit(data.examples, 0.1)
    poor = {**model, "select": {**model["select"], "length_exponent": 0.3}}  # at its floor: only up
    settings = (("select", "length_exponent", 0.2, 0.3), ("combine", "sentence_power", 0.5, 0.25))
    refined, log = direct.refine(poor, direct.cases_of(data.examples, context), margin=0.0, halves=1, settings=settings)
    assert log["end"] >= log["start"]
    assert refined["select"]["length_exponent"] >= 0.3 and refined["combine"]["sentence_power"] >= 0.25
    assert poor["select"]["length_exponent"] == 0.3  # the model passed in is not changed
    named = {s["param"] for s in log["steps"]}
    assert named <= {*model["features"], "intercept", "select.length_exponent", "combine.sentence_power"}
    assert log["end"] == pytest.approx(_objective(data, refined), abs=1e-3)

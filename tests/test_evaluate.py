"""ROUGE, dataset readers, baselines and `tomtat eval` (fixture text written for these tests)."""

from __future__ import annotations

import json

import pytest
from rouge_score import tokenizers

from conftest import VIMS, needs_vims
from tomtat.evaluate.rouge import VietnameseTokenizer, rouge
from tomtat.evaluate.baselines import BASELINES, lexrank_scores, oracle_indices
from tomtat.evaluate.datasets import read_abmusu, read_vims, read_vnmds, vims_reference
from tomtat.model import Article, Cluster
from tomtat.pipeline import prepare
from tomtat.represent import represent

ARTICLES = [
    Article(
        title="Mưa lớn gây ngập nặng ở thành phố ven biển",
        text=(
            "Trận mưa lớn kéo dài suốt đêm qua đã khiến nhiều tuyến phố trung tâm bị ngập sâu.\n"
            "Lượng mưa đo được tại trạm khí tượng lên tới 250 mm trong vòng sáu giờ.\n"
            "Chính quyền thành phố đã huy động lực lượng cứu hộ để hỗ trợ người dân sơ tán.\n"
            "Nhiều trường học cho học sinh nghỉ học để đảm bảo an toàn."
        ),
        source="bao-a",
    ),
    Article(
        title="Thành phố ven biển chìm trong nước sau đêm mưa",
        text=(
            "Mưa lớn suốt đêm qua làm nhiều tuyến phố trung tâm ngập sâu, giao thông tê liệt.\n"
            "Trạm khí tượng ghi nhận lượng mưa 250 mm chỉ trong sáu giờ, mức cao nhất từ đầu năm.\n"
            "Lực lượng cứu hộ đã được huy động để giúp người dân sơ tán khỏi vùng trũng.\n"
            "Các chuyên gia cảnh báo mưa còn tiếp diễn trong hai ngày tới."
        ),
        source="bao-b",
    ),
    Article(
        title="Cảnh báo mưa lớn tiếp diễn",
        text=(
            "Cơ quan dự báo cho biết mưa lớn sẽ còn kéo dài thêm hai ngày nữa tại khu vực ven biển.\n"
            "Người dân được khuyến cáo không ra đường khi không cần thiết.\n"
            "Ngành điện đã cắt điện tại một số khu vực ngập sâu để tránh tai nạn."
        ),
        source="bao-c",
    ),
]
REFERENCES = [
    "Mưa lớn suốt đêm làm nhiều tuyến phố trung tâm ngập sâu, lượng mưa lên tới 250 mm trong sáu giờ. "
    "Lực lượng cứu hộ được huy động giúp người dân sơ tán. Mưa còn kéo dài thêm hai ngày.",
    "Thành phố ven biển ngập sâu sau trận mưa 250 mm trong sáu giờ. Chính quyền huy động cứu hộ, "
    "học sinh nghỉ học, dự báo mưa tiếp diễn hai ngày tới.",
]


def fixture_rep():
    cluster = Cluster(articles=[Article(a.title, a.text, a.source) for a in ARTICLES], id="fixture", references=REFERENCES)
    return cluster, represent(prepare(cluster, segment=False))


def test_tokenizer_keeps_accented_letters():
    text = "Thủ tướng Phạm Minh Chính phát biểu tại Hà Nội."
    ours = VietnameseTokenizer().tokenize(text)
    assert ours == ["thủ", "tướng", "phạm", "minh", "chính", "phát", "biểu", "tại", "hà", "nội"]
    default = tokenizers.DefaultTokenizer().tokenize(text)
    # rouge-score's default keeps only [a-z0-9]: accented letters are deleted and syllables broken apart
    assert "thủ" not in default and "phạm" not in default and len(default) != len(ours)


def test_tokenizer_normalizes_composition_and_case():
    nfd = "Hà Nội".encode().decode()
    import unicodedata

    assert VietnameseTokenizer().tokenize(unicodedata.normalize("NFD", nfd)) == ["hà", "nội"]


def test_rouge_known_example():
    ref = "mưa lớn gây ngập sâu"
    cand = "mưa lớn gây ngập"
    s = rouge(cand, [ref])
    # unigrams: 4 of 4 candidate, 4 of 5 reference; bigrams: 3 of 3, 3 of 4
    assert s.scores["rouge1"][0] == pytest.approx(100.0)
    assert s.scores["rouge1"][1] == pytest.approx(80.0)
    assert s.scores["rouge2"][2] == pytest.approx(100 * 2 * 1 * 0.75 / 1.75)
    assert rouge(ref, [ref]).f1() == pytest.approx(100.0)


def test_rouge_mean_over_references_and_cut():
    s = rouge("mưa lớn gây ngập", ["mưa lớn gây ngập", "nắng nóng kéo dài"])
    assert s.scores["rouge1"][2] == pytest.approx(50.0)
    cut = rouge("mưa lớn gây ngập sâu ở phố", ["mưa lớn"], limit=2)
    assert cut.scores["rouge1"][0] == pytest.approx(100.0)


def test_rouge_ignores_punctuation():
    assert rouge("Mưa, lớn!", ["mưa lớn"]).f1("rouge1") == pytest.approx(100.0)


def test_vims_reference_drops_id_line_and_marker():
    text = "Cluster_001\n=Einleitung=\nMưa lớn gây ngập.\n=Einleitung=\nCứu hộ được huy động.\n"
    assert vims_reference(text) == "Mưa lớn gây ngập.\nCứu hộ được huy động."


def test_read_vims_layout(tmp_path):
    folder = tmp_path / "data" / "Cluster_001"
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text("Tiêu đề một\nNội dung bài một.", encoding="utf-8")
    (folder / "10.txt").write_text("Tiêu đề mười\nNội dung bài mười.", encoding="utf-8")
    (folder / "2.txt").write_text("Tiêu đề hai\nNội dung bài hai.", encoding="utf-8")
    summary = tmp_path / "summary" / "Cluster_001"
    summary.mkdir(parents=True)
    (summary / "1.txt").write_text("Cluster_001\n=Einleitung=\nTóm tắt một.", encoding="utf-8")
    (summary / "2.txt").write_text("Cluster_001\nTóm tắt hai.", encoding="utf-8")
    [cluster] = list(read_vims(tmp_path))
    assert [a.title for a in cluster.articles] == ["Tiêu đề một", "Tiêu đề hai", "Tiêu đề mười"]
    assert cluster.articles[0].text.strip() == "Nội dung bài một."
    assert cluster.references == ["Tóm tắt một.", "Tóm tắt hai."]


def test_read_abmusu(tmp_path):
    record = {
        "cluster": "c1", "category": "Xã hội", "summary": "Tóm tắt của cụm.",
        "single_documents": [
            {"title": "Tiêu đề", "anchor_text": "Đoạn dẫn.", "raw_text": "Thân bài."},
            {"title": "Tiêu đề khác", "anchor_text": "", "raw_text": "Thân bài khác."},
        ],
    }
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n\n", encoding="utf-8")
    [cluster] = list(read_abmusu(path))
    assert cluster.id == "c1" and cluster.references == ["Tóm tắt của cụm."]
    assert cluster.articles[0].text == "Đoạn dẫn.\nThân bài."
    assert cluster.articles[1].title == "Tiêu đề khác"


def test_read_vnmds(tmp_path):
    folder = tmp_path / "cluster_1"
    folder.mkdir()
    (folder / "123.body.txt").write_text("Thân bài một.", encoding="utf-8")
    (folder / "123.info.txt").write_text("TITLE: Tiêu đề một\nSOURCE: Báo A\n", encoding="utf-8")
    (folder / "cluster_1.ref1.txt").write_text("Tóm tắt một.", encoding="utf-8")
    (folder / "cluster_1.ref2.txt").write_text("Tóm tắt hai.", encoding="utf-8")
    [cluster] = list(read_vnmds(tmp_path))
    assert cluster.articles[0].title == "Tiêu đề một" and cluster.articles[0].source == "Báo A"
    assert cluster.references == ["Tóm tắt một.", "Tóm tắt hai."]


def test_read_vnmds_ignores_word_segmented_reference_copies(tmp_path):
    folder = tmp_path / "cluster_7"
    folder.mkdir()
    (folder / "88.body.txt").write_text("Mưa lớn kéo dài gây ngập nhiều tuyến phố ở Hà Nội.", encoding="utf-8")
    (folder / "88.info.txt").write_text("TITLE: Hà Nội ngập sau mưa lớn\n", encoding="utf-8")
    (folder / "cluster_7.ref1.txt").write_text("Hà Nội ngập nặng sau trận mưa lớn.", encoding="utf-8")
    (folder / "cluster_7.ref2.txt").write_text("Nhiều tuyến phố thủ đô chìm trong nước.", encoding="utf-8")
    (folder / "cluster_7.ref1.tok.txt").write_text("Hà_Nội ngập nặng sau trận mưa lớn .", encoding="utf-8")
    (folder / "cluster_7.ref2.tok.txt").write_text("Nhiều tuyến_phố thủ_đô chìm trong nước .", encoding="utf-8")
    [cluster] = list(read_vnmds(tmp_path))
    assert cluster.references == ["Hà Nội ngập nặng sau trận mưa lớn.", "Nhiều tuyến phố thủ đô chìm trong nước."]


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_baselines_run_on_fixture(name):
    cluster, rep = fixture_rep()
    text = BASELINES[name](rep, 40, REFERENCES)
    assert text
    remaining = text
    for s in rep.sentences:
        remaining = remaining.replace(s.text, "")
    assert not remaining.strip()  # extractive: only whole sentences of the cluster


def test_lead_takes_first_sentences_in_turn():
    _, rep = fixture_rep()
    text = BASELINES["lead"](rep, 30, REFERENCES)
    assert text.startswith(rep.sentences[0].text)
    second = next(s for s in rep.sentences if s.doc == 1 and s.position == 0)
    assert second.text in text


def test_lead_body_skips_the_sapo_paragraph():
    sapo = "Chiều nay, giá xăng giảm gần 700 đồng mỗi lít, mức giảm mạnh nhất từ đầu năm."
    body = ("Liên Bộ Công Thương - Tài chính vừa điều chỉnh giá bán lẻ xăng dầu từ 15 giờ chiều nay. "
            "Giá xăng E5 RON92 còn 20.150 đồng mỗi lít.")
    single = "Người dân đổ xăng đông hơn thường lệ tại các cửa hàng ở Hà Nội sau khi giá giảm."
    rep = represent(prepare(Cluster(articles=[
        Article("Giá xăng giảm mạnh", sapo + "\n" + body),
        Article("Xăng giảm giá", single),
    ])))
    lead, body_lead = BASELINES["lead"](rep, 60, REFERENCES), BASELINES["lead-body"](rep, 60, REFERENCES)
    assert lead.startswith(sapo) and sapo not in body_lead
    assert body_lead.startswith("Liên Bộ Công Thương")
    assert single in body_lead  # an article of one paragraph keeps it


def test_lexrank_is_a_distribution():
    _, rep = fixture_rep()
    p = lexrank_scores(rep)
    assert p.shape == (len(rep.sentences),) and p.sum() == pytest.approx(1.0)


def test_oracle_beats_baselines_on_fixture():
    _, rep = fixture_rep()
    scores = {name: rouge(f(rep, 40, REFERENCES), REFERENCES, limit=40).f1() for name, f in BASELINES.items()}
    assert scores["oracle"] >= max(scores.values()) - 1e-9
    assert oracle_indices(rep, 40, REFERENCES)


def test_oracle_counts_incrementally_what_recounting_every_summary_gives():
    """`greedy_oracle` scores a unit that fits from the bigrams it adds; recounting each candidate summary
    from its text (the oracle's definition) gives the same F1 and picks, at budgets that cut and that do not."""
    from collections import Counter

    from tomtat.evaluate.baselines import greedy_oracle
    from tomtat.text.tokens import syllables

    def bigrams(tokens):
        return Counter(zip(tokens, tokens[1:]))

    def recounted(toks, budget, refs):
        chosen, current, best = [], [], 0.0
        while len(current) < budget:
            gain_best, pick = best, None
            for i, t in enumerate(toks):
                if i in chosen or not t:
                    continue
                cut = (current + t)[:budget]
                g, total = bigrams(cut), max(len(cut) - 1, 1)
                f = 0.0
                for ref, ref_total in refs:
                    o = sum((g & ref).values())
                    if o:
                        f += 2 * (o / total) * (o / ref_total) / (o / total + o / ref_total)
                f /= len(refs)
                if f > gain_best + 1e-12:
                    gain_best, pick = f, i
            if pick is None:
                break
            chosen.append(pick)
            current = current + toks[pick]
            best = gain_best
        return best, chosen

    _, rep = fixture_rep()
    toks = [list(s.syllables) for s in rep.sentences]
    refs = [(bigrams(t), max(len(t) - 1, 1)) for t in (syllables(r) for r in REFERENCES)]
    for budget in (10, 25, 40, 80, 200):
        expected = recounted(toks, budget, refs)
        assert expected[1]
        assert greedy_oracle(toks, budget, refs) == expected
        assert oracle_indices(rep, budget, REFERENCES) == expected[1]


def test_eval_command_on_fixture(tmp_path):
    from typer.testing import CliRunner

    from tomtat.cli import app

    root = tmp_path / "vnmds"
    for c in range(2):
        folder = root / f"cluster_{c + 1}"
        folder.mkdir(parents=True)
        for k, a in enumerate(ARTICLES):
            (folder / f"{k}.body.txt").write_text(a.text, encoding="utf-8")
            (folder / f"{k}.info.txt").write_text(f"TITLE: {a.title}\n", encoding="utf-8")
        for k, r in enumerate(REFERENCES):
            (folder / f"cluster_{c + 1}.ref{k + 1}.txt").write_text(r, encoding="utf-8")
    out = tmp_path / "res.json"
    result = CliRunner().invoke(app, ["eval", str(root), "--dataset", "vnmds", "--words", "40", "-o", str(out),
                                      "--systems", "tomtat,lead,lexrank,centroid,oracle,human", "--no-word-rouge"])
    assert result.exit_code == 0, result.output
    assert "oracle" in result.output and "human" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["clusters"]) == 2
    assert set(data["clusters"][0]["scores"]) == {"tomtat", "lead", "lexrank", "centroid", "oracle", "human"}
    assert data["mean"]["oracle"]["rouge2"][2] >= data["mean"]["lead"]["rouge2"][2]


@needs_vims
def test_vims_reader_on_shared_data():
    clusters = list(read_vims(VIMS))
    assert len(clusters) == 300
    first = clusters[0]
    assert len(first.references) >= 1
    assert all(not r.startswith("Cluster_") and "=Einleitung=" not in r for c in clusters[:20] for r in c.references)


@needs_vims
def test_eval_command_on_vims_subset(tmp_path):
    from typer.testing import CliRunner

    from tomtat.cli import app

    out = tmp_path / "vims.json"
    result = CliRunner().invoke(app, ["eval", str(VIMS), "--limit", "3", "--no-word-rouge", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["clusters"]) == 3 and data["words"] == 225
    mean = data["mean"]
    assert mean["oracle"]["rouge2"][2] > mean["tomtat"]["rouge2"][2] > 0
    assert mean["human"]["clusters"] == 3

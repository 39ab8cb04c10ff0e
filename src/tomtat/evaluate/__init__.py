"""ROUGE scoring with a Vietnamese-safe tokenizer, benchmark readers, baselines and the eval runner."""

from tomtat.evaluate.rouge import RougeScores, VietnameseTokenizer, rouge

__all__ = ["RougeScores", "VietnameseTokenizer", "rouge"]

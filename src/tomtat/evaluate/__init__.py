"""ROUGE scoring with a Vietnamese-safe tokenizer, and readers for benchmark datasets."""

from tomtat.evaluate.rouge import RougeScores, VietnameseTokenizer, rouge

__all__ = ["RougeScores", "VietnameseTokenizer", "rouge"]

"""Stage 7, order: arrange chosen sentences so the summary reads as a story."""

from tomtat.order.position import order_sentences

__all__ = ["order_sentences"]

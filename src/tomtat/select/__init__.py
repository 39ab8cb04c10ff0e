"""Stage 6, select: pick non-redundant sentences that fit the length budget."""

from tomtat.select.budget import Budget
from tomtat.select.ilp import select_ilp

__all__ = ["Budget", "select_ilp"]

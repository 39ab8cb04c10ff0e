"""Stage 4, represent: sentences as vectors and concepts that scoring and selection share."""

from tomtat.represent.vectors import SAME_FACT_OVERLAP, Representation, represent

__all__ = ["SAME_FACT_OVERLAP", "Representation", "represent"]

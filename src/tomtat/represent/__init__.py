"""Stage 4, represent: sentences as vectors and concepts that scoring and selection share."""

from tomtat.represent.vectors import Representation, represent

__all__ = ["Representation", "represent"]

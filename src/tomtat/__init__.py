"""tomtat: faithful extractive summaries of Vietnamese multi-article news clusters."""

from tomtat.errors import TomtatError
from tomtat.model import Article, Cluster, Summary, SummarySentence
from tomtat.pipeline import summarize

__version__ = "0.1.0"
__all__ = ["Article", "Cluster", "Summary", "SummarySentence", "TomtatError", "summarize", "__version__"]

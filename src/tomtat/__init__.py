"""tomtat: faithful extractive summaries of Vietnamese multi-article news clusters."""

from tomtat.errors import TomtatError
from tomtat.model import Article, Cluster, Summary, SummarySentence
from tomtat.options import Budget, SummaryOptions
from tomtat.pipeline import summarize

__version__ = "0.1.0"
__all__ = [
    "Article", "Budget", "Cluster", "Summary", "SummaryOptions", "SummarySentence", "TomtatError", "summarize",
    "__version__",
]

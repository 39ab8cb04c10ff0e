"""tomtat: faithful extractive summaries of Vietnamese multi-article news clusters."""

from tomtat.errors import TomtatError
from tomtat.model import Article, Cluster, Summary, SummarySentence
from tomtat.options import Budget, SummaryOptions

__version__ = "0.1.0"


def __getattr__(name: str):
    # the pipeline (numpy, scipy) loads on first use: `import tomtat` and `tomtat --version` stay fast
    if name == "summarize":
        from tomtat.pipeline import summarize

        return summarize
    raise AttributeError(f"module 'tomtat' has no attribute {name!r}")


__all__ = [
    "Article", "Budget", "Cluster", "Summary", "SummaryOptions", "SummarySentence", "TomtatError", "summarize",
    "__version__",
]

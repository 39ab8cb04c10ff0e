"""What one cluster may hold: read by the pipeline, the CLI's help and the HTTP schema.

A module of its own so that `tomtat --help` can print the limits without
importing the pipeline (numpy, scipy): issue 11's start-up budget.
`tomtat.pipeline` re-exports both names.
"""

MAX_ARTICLES = 200
MAX_ARTICLE_CHARS = 100_000  # ~15k syllables, ten times a long feature story

"""Batch summarization: one cluster per JSONL line in, one result per line out.

`run_batch` (and `tomtat batch`) runs the jobs in this process, in a local
process pool (`workers` > 1), or on a Ray cluster (`engine="ray"`).
"""

from tomtat.batch.engines import EngineUnavailableError
from tomtat.batch.runner import BatchReport, done_ids, run_batch

__all__ = ["BatchReport", "EngineUnavailableError", "done_ids", "run_batch"]

"""Stage 1, read: files, folders, stdin and JSON payloads into `Cluster`s."""

from tomtat.read.files import read_paths, read_stdin
from tomtat.read.readers import READERS, register
from tomtat.read.records import article_from_record, cluster_from_record

__all__ = ["READERS", "article_from_record", "cluster_from_record", "read_paths", "read_stdin", "register"]

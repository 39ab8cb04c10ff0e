"""Stage 1, read: files, folders, stdin and JSON payloads into `Cluster`s."""

from tomtat.read.files import read_paths, read_stdin
from tomtat.read.records import cluster_from_record

__all__ = ["read_paths", "read_stdin", "cluster_from_record"]

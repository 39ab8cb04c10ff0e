"""Outlet names for articles: which newspaper published each one (issue 9).

`outlet_label` is what a summary shows next to a sentence; `find_outlet`
also says which evidence named it. See `tomtat.outlets.find` for the order
of evidence and `tomtat.outlets.table` for the outlets known by name.
"""

from tomtat.outlets.find import Outlet, article_outlet, find_outlet, known_outlet, outlet_from_domain, outlet_label
from tomtat.outlets.table import OUTLETS

__all__ = ["OUTLETS", "Outlet", "article_outlet", "find_outlet", "known_outlet", "outlet_from_domain", "outlet_label"]

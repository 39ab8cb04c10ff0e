"""Unsupervised scoring: concepts weighted by how many outlets report them.

A fact several outlets repeat is what the story is about (the classic
Gillick & Favre concept model); sentence salience is closeness to the cluster
centroid and to the headlines.
"""

from __future__ import annotations

import numpy as np

from tomtat.represent import Representation
from tomtat.score.base import Scores


class CentralityScorer:
    def __init__(self, min_df: int = 2):
        self.min_df = min_df

    def score(self, rep: Representation) -> Scores:
        n_docs = len(rep.documents)
        min_df = self.min_df if n_docs >= self.min_df else 1
        weights = np.where(rep.concept_df >= min_df, rep.concept_df, 0.0)
        to_centroid = rep.vectors @ rep.centroid
        titles = np.asarray(rep.title_vectors.mean(axis=0)).ravel()
        to_titles = rep.vectors @ titles
        return Scores(sentence_weights=np.clip(to_centroid + to_titles, 0, None), concept_weights=weights)

"""Which systems `tomtat eval` can score, read from the registries.

"tomtat" is the pipeline with the default scorer; every other scorer in
`SCORERS` is a pipeline system under its own name ("centrality", ...); every
baseline in `BASELINES` is one ("lead", "lexrank", ...); "human" scores each
reference against the cluster's other ones. Registering a scorer or a
baseline is all it takes to evaluate it.
"""

from __future__ import annotations

from tomtat.evaluate.baselines import BASELINES
from tomtat.score import DEFAULT_SCORER, SCORERS

DEFAULT_SYSTEMS = ("tomtat", "lead", "lexrank", "centroid", "oracle", "human")


def pipeline_systems() -> dict[str, str]:
    """Eval system name -> scorer name."""
    return {"tomtat": DEFAULT_SCORER, **{name: name for name in SCORERS if name != DEFAULT_SCORER}}


def available_systems() -> tuple[str, ...]:
    """Every system name, in table order (as registered now)."""
    return (*pipeline_systems(), *BASELINES, "human")

"""Shared fixtures: the sample cluster shipped in the repo and the optional ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "bao-so-5"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
VIMS = SHARED / "data" / "vims"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} not present (../shared is only beside CI checkouts)")
needs_vims = pytest.mark.skipif(not VIMS.is_dir(), reason=f"{VIMS} not present (../shared is only beside CI checkouts)")


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def sample_articles():
    from tomtat.read import read_paths

    return read_paths([SAMPLE])[0].articles

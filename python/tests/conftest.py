"""Shared fixtures: the repository's contract files and a fresh desk."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import lakse

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
JOURNEYS = ROOT / "tests" / "journeys"
FIXTURES = ROOT / "tests" / "fixtures"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def load(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[lakse.Lakse]:
    with lakse.Lakse.open(tmp_path / "data") as handle:
        yield handle

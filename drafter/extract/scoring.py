"""Fitted decisions: a candidate's score is a dot product of its features and weights.

The weights live in weights.json beside this module, written by ``bench/fit.py`` from the
corpus of real pages (logistic regression, fitted once, deterministically). Reading a
decision at run time is a lookup and a sum: nothing heavier than ``json`` is imported.
A feature missing from a candidate counts as 0; a feature the file does not weigh (added
since the last fit) is ignored until the next fit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Model:
    """One decision's fitted weights: score = bias + Σ weight × feature."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.0  # where a decision takes the first candidate over a bar

    def score(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(
            weights[name] * value for name, value in features.items() if name in weights
        )

    def why(self, features: Mapping[str, float], top: int = 3) -> str:
        """The features that moved the score most, for -v and --json."""
        weights = self.weights
        moved = sorted(
            ((weights[name] * value, name) for name, value in features.items() if name in weights),
            key=lambda pair: -abs(pair[0]),
        )
        return ", ".join(f"{name} {value:+.1f}" for value, name in moved[:top] if value)


@cache
def models() -> dict[str, Model]:
    """Every decision's model, read once from weights.json (empty where none is fitted)."""
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, Model] = {}
    for name, table in data.get("models", {}).items():
        found[name] = Model(
            bias=float(table.get("bias", 0.0)),
            weights={key: float(value) for key, value in table.get("weights", {}).items()},
            threshold=float(table.get("threshold", 0.0)),
        )
    return found


def model(name: str) -> Model:
    return models().get(name, Model())


def best_index(scores: Sequence[float]) -> int | None:
    """The highest score's index (the first on a tie), None for no candidates."""
    if not scores:
        return None
    return max(range(len(scores)), key=lambda index: (scores[index], -index))

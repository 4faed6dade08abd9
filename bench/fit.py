"""Fit the weights of drafter's extraction decisions on the corpus of real pages.

    .venv/bin/pip install scikit-learn     # the fit extra: pip install -e '.[fit]'
    .venv/bin/python bench/fit.py          # prints the figures, rewrites weights.json
    .venv/bin/python bench/fit.py --check  # prints them, leaves weights.json alone

Every page of ../shared/corpus is extracted once with a trace (``extract_article(...,
trace=...)``), which hands over each decision's candidates and their features exactly as
drafter computes them at run time. A logistic regression per decision learns which
features mark the right candidate; at run time a score is a dot product (scoring.py).

The figure that counts is leave-site-out: the pages are split into folds by site
(GroupKFold, so no site is on both sides), the weights fitted on the other folds, and each
page judged by the weights that never saw its site. The in-sample figure (fitted on every
page, judged on the same) stands beside it. Both are printed for all pages and for the
Japanese pages alone; the file written holds the weights fitted on every page.

Deterministic: the pages are read in list order, features in sorted order, and lbfgs
starts from zero; the same corpus gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Page, available, label_ok, lead_ok, read_pages
from drafter.extract.article import extract_article
from drafter.extract.scoring import WEIGHTS_FILE, Model
from drafter.models import Extracted

FOLDS = 10
REGULARISATION = 3.0


@dataclass
class Example:
    """One page's candidates for one decision: features, and which are right."""

    page: Page
    features: list[dict[str, float]]
    right: list[bool]
    fixed: bool | None = None  # decided without the model (a profile): whether right
    fallback: bool = False  # whether the rules' reading is right, where no candidate passes


@dataclass
class Decision:
    """How one decision reads its candidates off a trace and picks among them."""

    name: str
    candidates: Callable[[dict[str, Any]], list[Any]]
    features: Callable[[Any], dict[str, float]]
    right: Callable[[Any, Page], bool]
    fixed: Callable[[Extracted, Page], bool | None]
    fallback: Callable[[Extracted, Page], bool]
    first: bool = False  # the first candidate over the threshold wins, not the best


def _label_fixed(got: Extracted, page: Page) -> bool | None:
    """A label from a profile or a credited provider is not the model's to judge."""
    if got.source_from in {"profile", "credited provider"}:
        return label_ok(got.source, page.entry)
    return None


DECISIONS = (
    Decision(
        name="label",
        candidates=lambda trace: list(trace.get("label", [])),
        features=lambda candidate: candidate.features,
        right=lambda candidate, page: label_ok(candidate.text, page.entry),
        fixed=_label_fixed,
        # without weights every candidate scores 0 and the first place wins: og:site_name
        fallback=lambda got, page: label_ok(got.source, page.entry),
    ),
    Decision(
        name="lead",
        candidates=lambda trace: list(trace.get("lead", [])),
        features=lambda candidate: candidate.features,
        right=lambda candidate, page: lead_ok(candidate.block.text, page.entry),
        fixed=lambda got, page: None,
        fallback=lambda got, page: lead_ok(got.lead, page.entry),
        first=True,
    ),
)


def _without_models(page: Page, *, use_profiles: bool) -> Extracted:
    """The page read with no fitted weights: the rules' reading alone."""
    from drafter.extract import scoring

    saved = scoring.models
    scoring.models = lambda: {}  # type: ignore[assignment]
    try:
        return extract_article(page.body(), page.url, page.headers(), use_profiles=use_profiles)
    finally:
        scoring.models = saved


def gather(pages: Sequence[Page], *, use_profiles: bool) -> dict[str, list[Example]]:
    """Every decision's examples, one per page."""
    examples: dict[str, list[Example]] = {decision.name: [] for decision in DECISIONS}
    for page in pages:
        trace: dict[str, Any] = {}
        got = extract_article(
            page.body(), page.url, page.headers(), use_profiles=use_profiles, trace=trace
        )
        rules = _without_models(page, use_profiles=use_profiles)
        for decision in DECISIONS:
            found = decision.candidates(trace)
            examples[decision.name].append(
                Example(
                    page,
                    [decision.features(candidate) for candidate in found],
                    [decision.right(candidate, page) for candidate in found],
                    decision.fixed(got, page),
                    decision.fallback(rules, page),
                )
            )
    return examples


def feature_names(examples: Sequence[Example]) -> list[str]:
    return sorted({name for example in examples for row in example.features for name in row})


def fit(examples: Sequence[Example], names: list[str], *, first: bool = False) -> Model:
    """A logistic regression over every candidate of the examples; for a decision that
    takes the first candidate over a bar, the bar that judges the most examples right."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    # For a first-over-the-bar decision only the candidates up to the first right one
    # matter: those before it must stay under the bar, it must pass; what follows is
    # never read.
    kept = [_read_part(example) if first else len(example.features) for example in examples]
    rows = [row for example, n in zip(examples, kept, strict=True) for row in example.features[:n]]
    right = [flag for example, n in zip(examples, kept, strict=True) for flag in example.right[:n]]
    if not rows or len(set(right)) < 2:
        return Model()
    matrix = np.array([[row.get(name, 0.0) for name in names] for row in rows])
    regression = LogisticRegression(C=REGULARISATION, max_iter=5000)
    regression.fit(matrix, np.array(right))
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(names, regression.coef_[0], strict=True)
        if round(float(weight), 4)
    }
    model = Model(bias=round(float(regression.intercept_[0]), 4), weights=weights)
    if not first:
        return model
    scores = sorted({round(model.score(row), 3) for row in rows})
    bars = [scores[i] for i in range(0, len(scores), max(1, len(scores) // 400))]
    best = max(bars, key=lambda bar: (sum(judge_first(e, model, bar) for e in examples), -bar))
    return Model(bias=model.bias, weights=weights, threshold=best)


def _read_part(example: Example) -> int:
    """How many candidates a first-over-the-bar decision reads: up to the first right one."""
    return next((i + 1 for i, right in enumerate(example.right) if right), len(example.right))


def judge_first(example: Example, model: Model, bar: float | None = None) -> bool:
    """Whether the first candidate over the bar is a right one (none over it: the rules')."""
    if example.fixed is not None:
        return example.fixed
    bar = model.threshold if bar is None else bar
    for row, right in zip(example.features, example.right, strict=True):
        if model.score(row) >= bar:
            return right
    return example.fallback


def judge_best(example: Example, model: Model) -> bool:
    """Whether the best-scoring candidate is a right one (a profile's answer stands)."""
    if example.fixed is not None:
        return example.fixed
    if not example.features:
        return False
    scores = [model.score(row) for row in example.features]
    best = max(range(len(scores)), key=lambda index: (scores[index], -index))
    return example.right[best]


def judge(example: Example, model: Model, *, first: bool) -> bool:
    return judge_first(example, model) if first else judge_best(example, model)


def leave_site_out(examples: Sequence[Example], names: list[str], *, first: bool) -> list[bool]:
    """Each page judged by weights fitted on the folds without its site."""
    from sklearn.model_selection import GroupKFold

    judged: list[bool] = [False] * len(examples)
    groups = [example.page.site for example in examples]
    for train, test in GroupKFold(n_splits=FOLDS).split(examples, groups=groups):
        model = fit([examples[i] for i in train], names, first=first)
        for i in test:
            judged[i] = judge(examples[i], model, first=first)
    return judged


def percent(flags: Sequence[bool]) -> str:
    return f"{100 * sum(flags) / len(flags):5.1f}" if flags else "    -"


def report(
    name: str,
    examples: Sequence[Example],
    loso: list[bool],
    inside: list[bool],
    rules: list[bool],
) -> None:
    groups: dict[str, list[int]] = {"all": list(range(len(examples)))}
    groups["Japanese"] = [i for i, example in enumerate(examples) if example.page.lang == "ja"]
    by_list: dict[str, list[int]] = defaultdict(list)
    for i, example in enumerate(examples):
        by_list[example.page.listed].append(i)
    groups.update(by_list)
    print(f"{name}: % right  leave-site-out | in-sample | without the fit (rules alone)")
    for group, indices in groups.items():
        print(
            f"  {group:14} {len(indices):3} pages  {percent([loso[i] for i in indices])} | "
            f"{percent([inside[i] for i in indices])} | {percent([rules[i] for i in indices])}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not rewrite weights.json")
    parser.add_argument("--wrong", action="store_true", help="list the pages judged wrong")
    args = parser.parse_args(argv)
    if not available():
        print("no corpus at ../shared/corpus", file=sys.stderr)
        return 1
    pages = read_pages()
    fitted: dict[str, Any] = {}
    # The fit reads pages as an unknown site's (no profile): the weights must carry to
    # sites nobody wrote a profile for. The figures are then read as a user gets them.
    for use_profiles in (False, True):
        examples = gather(pages, use_profiles=use_profiles)
        print(f"== profiles {'on' if use_profiles else 'off'}")
        for decision in DECISIONS:
            rows = examples[decision.name]
            names = feature_names(rows)
            first = decision.first
            model = fit(rows, names, first=first)
            loso = leave_site_out(rows, names, first=first)
            inside = [judge(example, model, first=first) for example in rows]
            rules = [
                example.fixed if example.fixed is not None else example.fallback for example in rows
            ]
            report(decision.name, rows, loso, inside, rules)
            if args.wrong:
                for example, ok in zip(rows, loso, strict=True):
                    if not ok:
                        print(f"    wrong: {example.page.file}")
            if not use_profiles:
                fitted[decision.name] = {
                    "bias": model.bias,
                    "threshold": model.threshold,
                    "weights": dict(sorted(model.weights.items())),
                }
    if not args.check:
        document = {
            "about": "written by bench/fit.py from ../shared/corpus; do not edit by hand",
            "models": fitted,
        }
        WEIGHTS_FILE.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

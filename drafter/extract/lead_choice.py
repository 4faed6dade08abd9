"""The lead, decided: the first block after the headline whose fitted score passes the bar.

The walk down from the headline (body.py) yields blocks in the order a reader meets them;
the hand-written reading of each (furniture_reason: a byline, a caption, a standfirst, a
short line…) and the paragraph those rules would take become features beside what the
block's text and neighbours show: its length and punctuation, whether it repeats the meta
description (a teaser does), whether a byline or more prose follows it, whether it speaks
to the reader ("your email", "Ihr Browser": notices and toasts). The fitted ``lead`` model
(scoring.py) scores each block; the first over its threshold is the lead. Where none
passes, the caller keeps the rules' reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.extract.lead import Block, is_japanese
from drafter.extract.scoring import Model

MAX_CANDIDATES = 30  # blocks scored after the headline: on the corpus, the lead is in the first 30
_DESCRIPTION_PREFIX = 30
_SENTENCE_END = re.compile(r"[.!?。！？」”\"')）]\s*$")
# The reader addressed: notices, toasts, prompts, disclaimers ("We may earn…", "your
# inbox", "Sie können…"), in the languages the pages come in.
_ADDRESSED = re.compile(
    r"\b(?:you|your|we|our|us|sie|ihr|ihre|ihnen|wir|unser|vous|votre|nous)\b|"
    r"お客様|あなた|ください|下さい",
    re.I,
)
_ACTIONS = re.compile(
    r"\b(?:click|tap|subscribe|sign (?:up|in)|log ?in|newsletter|cookies?|browser|javascript|"
    r"e-?mail|inbox|commission|affiliate|advert|access|available|abonn\w*|anmelden|"
    r"registrier\w*|zwischenablage|werbung|anzeige)\b|ログイン|会員|登録|メール|広告",
    re.I,
)
_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w .,'’-]{1,30}(?:\s[—–-]\s|\.\s|\s?\(\w+\)\s[—–-]\s)")
# Words in the class or id of the element holding a block that say what it holds; each a
# feature of its own, weighed by the fit (a body's "article-text", a teaser's "intro").
_CLASS_WORDS = (
    "intro", "lead", "lede", "teaser", "summary", "excerpt", "abstract", "description",
    "body", "content", "text", "article", "story", "post", "entry", "caption", "notice",
    "alert", "banner", "promo", "bio", "author", "info", "meta", "header", "detail", "main",
)  # fmt: skip
_CLASS_WORD = re.compile(r"(?<![a-z])(" + "|".join(_CLASS_WORDS) + ")")  # a word's start
_SAMPLE = 400  # characters of a block its text features read
_REASONS = (
    "byline", "furniture", "heading", "pull quote", "short line", "label", "standfirst",
    "title", "list", "code", "link line", "caption", "share", "related", "disclaimer",
    "paywall", "breadcrumb", "dateline", "empty", "marker",
)  # fmt: skip


@dataclass
class LeadCandidate:
    """One block of the walk, its place in it, and its features once described."""

    block: Block
    index: int
    features: dict[str, float]


def _starts_alike(text: str, other: str) -> bool:
    a, b = text.strip()[:_DESCRIPTION_PREFIX], other.strip()[:_DESCRIPTION_PREFIX]
    return bool(a) and len(b) >= 15 and (a.startswith(b) or b.startswith(a))


def _markup_features(block: Block, reason: str | None) -> dict[str, float]:
    """What the markup and the rules say the block is: its kind, role, the rules' reason
    to pass it over, the class and id words around it."""
    features: dict[str, float] = {"kind_" + block.kind: 1.0}
    if block.role:
        features["role_" + block.role] = 1.0
    if reason is None:
        features["prose"] = 1.0
    elif reason in _REASONS:
        features["reason_" + reason.replace(" ", "_")] = 1.0
    else:
        features["reason_other"] = 1.0
    for word in set(_CLASS_WORD.findall(block.classes.lower())):
        features["holder_says_" + word] = 1.0
    return features


def _text_features(text: str, description: str | None) -> dict[str, float]:
    """How the block's text reads: its length and sentences, whether it speaks to the
    reader or asks for an action, a dateline at its start, the description repeated."""
    chars = len(text)
    ending = text[-8:]
    text = text[:_SAMPLE]
    features = {
        "length": min(math.log1p(chars) / 7, 1.0),
        "short": float(chars < 80),
        "japanese": float(is_japanese(text)),
        "sentence_end": float(bool(_SENTENCE_END.search(ending))),
        "sentences": min(len(re.findall(r"[.!?。！？](?:\s|$)", text)), 4) / 4,
        "addresses_reader": float(bool(_ADDRESSED.search(text))),
        "asks_action": float(bool(_ACTIONS.search(text))),
        "dateline_start": float(bool(_DATELINE.match(text))),
        "digits_start": float(text[:1].isdigit()),
    }
    if description:
        features["repeats_description"] = float(_starts_alike(text, description))
    return features


def _following(reasons: Sequence[str | None], index: int) -> dict[str, float]:
    """What comes next in the walk (past empty and short lines)."""
    later = reasons[index + 1 : index + 6]
    following = next((r for r in later if r not in {"empty", "short line"}), "end")
    return {
        "byline_follows": float(following in {"byline", "dateline"}),
        "prose_follows": float(following is None),
        "heading_follows": float(following == "heading"),
    }


def _holders(blocks: Sequence[Block], reasons: Sequence[str | None]) -> dict[int, list[int]]:
    """Per holding element: how many prose blocks and characters of prose it holds."""
    held: dict[int, list[int]] = {}
    for block, reason in zip(blocks, reasons, strict=True):
        if reason is None and block.parent:
            counts = held.setdefault(block.parent, [0, 0])
            counts[0] += 1
            counts[1] += len(block.text)
    return held


def lead_candidates(
    blocks: Sequence[Block],
    reasons: Sequence[str | None],
    description: str | None,
    rules_index: int | None,
) -> list[LeadCandidate]:
    """The walk's first blocks (as many as `reasons`, their `furniture_reason`s), each
    described by its features."""
    blocks = blocks[: len(reasons)]
    held = _holders(blocks, reasons)
    all_chars = sum(chars for _, chars in held.values()) or 1
    candidates: list[LeadCandidate] = []
    prose_before = 0
    previous: dict[str, float] = {}  # the features of the last prose block before this one
    for index, (block, reason) in enumerate(zip(blocks, reasons, strict=True)):
        features = _markup_features(block, reason)
        features.update(_text_features(block.text, description))
        features.update(_following(reasons, index))
        if rules_index is not None:
            features["rules_pick"] = float(index == rules_index)
            features["before_rules_pick"] = float(index < rules_index)
        prose = reason is None
        features["first_prose"] = float(prose and prose_before == 0)
        features["second_prose"] = float(prose and prose_before == 1)
        features["later_prose"] = float(prose and prose_before >= 2)
        features["position"] = min(index, 20) / 20
        siblings, chars = held.get(block.parent, [0, 0]) if block.parent else [0, 0]
        features["prose_siblings"] = min(siblings, 5) / 5
        features["alone_in_holder"] = float(siblings == 1)
        features["holder_share"] = chars / all_chars
        features["teaser_shape"] = (
            features.get("repeats_description", 0.0)
            * features["first_prose"]
            * features["prose_follows"]
        )
        for name in ("repeats_description", "asks_action", "addresses_reader", "short"):
            if previous.get(name):
                features["after_prose_" + name] = 1.0
        if prose:
            prose_before += 1
            previous = features
        candidates.append(LeadCandidate(block, index, features))
    return candidates


@dataclass(frozen=True)
class LeadChoice:
    index: int  # of the chosen block in the walk
    text: str
    why: str  # the features that carried it


def choose_lead(candidates: Sequence[LeadCandidate], model: Model) -> LeadChoice | None:
    """The first candidate whose score passes the model's threshold, or None (and None
    while no weights are fitted)."""
    if not model.weights:
        return None
    for candidate in candidates:
        if model.score(candidate.features) >= model.threshold:
            why = model.why(candidate.features)
            return LeadChoice(candidate.index, candidate.block.text, why)
    return None

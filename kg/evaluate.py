"""`kg eval`: precision, recall and F1 of the extractor against a user's own gold files.

Gold files are JSON objects named `<stem>.json` with lists under programs, units,
documents, problems, causes, measures and practices (strings or objects with a
`label`), as in shared/gold. Matching follows the project's scoring rules:
names are compared after width and script folding with punctuation removed;
programs also without generic head nouns (制度, 工程 …); units match when one
contains the other and is at least half as long; statements match when one
contains the other (≥ 4 characters, ≥ 40 % of the longer) or their character
bigrams have a Dice coefficient ≥ 0.6. Matching is greedy and one-to-one; a
prediction that only repeats a matched name is not a false hit.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import E, InputError
from .lexicons import alternation
from .normalize import to_simplified

NAME_CATEGORIES = ("programs", "units", "documents")
ITEM_CATEGORIES = ("problems", "causes", "measures", "practices")
CATEGORIES = NAME_CATEGORIES + ITEM_CATEGORIES

_GENERIC_TAIL = re.compile(f"({alternation('generic_tails')})$")
_STRIP = re.compile(r"[\s“”\"'‘’「」『』《》〈〉（）()【】\[\]、，,。.;；:：!！?？…·]")


def fold(text: str) -> str:
    return _STRIP.sub("", to_simplified(unicodedata.normalize("NFKC", text)))


def fold_program(text: str) -> str:
    text = fold(text)
    while True:
        shorter = _GENERIC_TAIL.sub("", text)
        if shorter == text or len(shorter) < 2:
            return text
        text = shorter


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def same(category: str, gold: str, pred: str) -> bool:
    """Whether a predicted label matches a gold one under the category's rule."""
    if category == "programs":
        return fold_program(gold) == fold_program(pred)
    g, p = fold(gold), fold(pred)
    if g == p:
        return True
    if category == "documents":
        return False
    short, long_ = sorted((g, p), key=len)
    if category == "units":
        return short in long_ and len(short) >= 0.5 * len(long_)
    if len(short) >= 4 and short in long_ and len(short) >= 0.4 * len(long_):
        return True
    x, y = _bigrams(g), _bigrams(p)
    return 2 * len(x & y) / (len(x) + len(y)) >= 0.6


def match(category: str, gold: list[str], pred: list[str]) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Greedy one-to-one matching: (hits, misses, false hits)."""
    gold = list(dict.fromkeys(g for g in gold if fold(g)))
    pred = list(dict.fromkeys(p for p in pred if fold(p)))
    left = list(pred)
    hits: list[tuple[str, str]] = []
    misses: list[str] = []
    for g in gold:
        for p in left:
            if same(category, g, p):
                hits.append((g, p))
                left.remove(p)
                break
        else:
            misses.append(g)
    false_hits = [p for p in left if not any(same(category, g, p) for g, _ in hits)]
    return hits, misses, false_hits


def labels(value: Any) -> list[str]:
    out = []
    for item in value or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for key in ("label", "name", "text"):
                if isinstance(item.get(key), str):
                    out.append(item[key])
                    break
    return out


@dataclass
class Score:
    hits: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    details: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    reports: int = 0

    def table(self, verbose: bool = False) -> str:
        lines = []
        if verbose:
            for stem, category, misses, false_hits in self.details:
                if misses:
                    lines.append(f"{stem} {category} missed: {' | '.join(misses)}")
                if false_hits:
                    lines.append(f"{stem} {category} extra:  {' | '.join(false_hits)}")
        lines.append(f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
        for c, s in self.scores.items():
            lines.append(f"{c:<10} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.gold:>5} {s.predicted:>5}")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {c: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                    "gold": s.gold, "predicted": s.predicted, "hits": s.hits} for c, s in self.scores.items()}


def evaluate(gold_dir: Path, texts_dir: Path) -> Evaluation:
    """Extract every text that has a gold file and score the predictions."""
    from .api import extract
    from .jsonout import to_json

    if not gold_dir.is_dir():
        raise InputError(E.NO_GOLD_FOLDER, path=gold_dir)
    if not texts_dir.is_dir():
        raise InputError(E.NO_TEXT_FOLDER, path=texts_dir)
    result = Evaluation()
    gold_files = sorted(p for p in gold_dir.glob("*.json") if not p.name.endswith(".schema.json"))
    if not gold_files:
        raise InputError(E.NO_GOLD_FILES, path=gold_dir)
    for gold_file in gold_files:
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(E.BAD_GOLD, path=gold_file, reason=err) from None
        stem = gold.get("id", gold_file.stem)
        text = next((p for p in sorted(texts_dir.glob(f"{stem}.*")) if p.suffix.lower() in
                     {".txt", ".md", ".docx", ".pdf"}), None)
        if text is None:
            raise InputError(E.NO_GOLD_TEXT, folder=texts_dir, name=gold_file.name, stem=stem)
        pred = to_json(extract(text))
        result.reports += 1
        for c in CATEGORIES:
            hits, misses, false_hits = match(c, labels(gold.get(c)), labels(pred.get(c)))
            s = result.scores[c]
            s.hits += len(hits)
            s.gold += len(hits) + len(misses)
            s.predicted += len(hits) + len(false_hits)
            if misses or false_hits:
                result.details.append((stem, c, misses, false_hits))
    return result

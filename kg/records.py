"""Typed records handed from stage to stage.

Every record that points into a report carries offsets into the *original*
text (what the file decoded to), so provenance never has to be rebuilt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """A file as read from disk: decoded text plus what we know of the file."""

    path: str
    text: str
    encoding: str
    sha256: str
    fmt: str  # txt, md, docx, pdf
    rel: str = ""  # the path within the corpus (`kg build`), or the file's name

    @property
    def name(self) -> str:
        """The path that, with the content, identifies the report: `rel`, or the file's name."""
        return self.rel or self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def id(self) -> str:
        """Report id: 16 hex digits of a hash of the content's sha256 and the report's path in the corpus, so
        two files with the same text stay two reports and an id never depends on which other files exist."""
        return hashlib.sha256(f"{self.sha256}\n{self.name}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of the original text."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A run of the report that does one thing (reports practices, states problems …)."""

    kind: str  # practices | problems | causes | measures | other
    title: str
    start: int
    end: int
    level: int


@dataclass(frozen=True)
class Item:
    """One enumerated item (a statement) of a section.

    `start`/`end` slice exactly `text` from the original report (the item's own words, without
    its enumerator); `item_start` is where the enumerator begins.
    """

    kind: str  # practices | problems | causes | measures
    label: str
    text: str
    start: int
    end: int
    position: int  # 1-based order among the report's items
    level: int  # 1 = outermost item, deeper items nest further
    marker: str  # the enumerator as written (一是, （一）, 1. …; "" for an unnumbered line)
    parent: int | None = None  # position of the parent item
    nstart: int = 0  # the same span in the normalised text (for reusing its tokens)
    nend: int = 0
    item_start: int = 0
    evidence: str = ""  # why it has its kind: heading:…, intro:…, lead:…, parent, wording, position


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the original text, and the sentence it stands in."""

    start: int
    end: int
    text: str
    sentence: str  # the sentence, stripped, as in the original
    sentence_start: int = 0  # where that sentence begins in the original


@dataclass
class Entity:
    """A program, unit, document, role or place found in one report."""

    category: str  # program | unit | document | role | place
    label: str  # normalised (simplified, width-folded) name
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    kind: str = ""  # a program's generic head noun (制度, 工程 …) or a unit's kind (乡镇党委, 学校党支部 …)
    definition: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)  # lexicon expansion
    named: bool = False  # a unit that names one organisation (柳河镇党委), not a kind (村党支部)
    place: str = ""  # a named unit's territory chain (青石县柳河镇)
    local: bool = False  # named only by masks or level words (××社区党支部): one node per report
    parents: list[str] = field(default_factory=list)  # units the text puts this unit under (org:subOrganizationOf)


@dataclass(frozen=True)
class Metric:
    """A reported quantity."""

    what: str
    value: float | None
    unit: str
    masked: bool
    approx: bool
    text: str
    start: int
    end: int
    value_max: float | None = None


@dataclass(frozen=True)
class Link:
    """measure → problem (addresses) or cause → problem (explains), with its evidence."""

    relation: str  # addresses | explains
    source: int  # item position
    target: int  # item position
    score: float
    words: tuple[str, ...]


@dataclass
class Extraction:
    """Everything found in one report."""

    source: Source
    title: str
    year: int | None
    sections: list[Section]
    items: list[Item]
    entities: list[Entity]
    metrics: list[Metric]
    links: list[Link]
    themes: dict[int, list[str]] = field(default_factory=dict)  # problem position → themes
    reporting_unit: str | None = None
    norm_text: str = ""  # the normalised text (for shared-text signatures), not serialised
    meta: Any = None  # ReportMeta: genre, reporting unit, role, level, year, place with evidence

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def stem(self) -> str:
        name = self.source.path.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    def by_category(self, category: str) -> list[Entity]:
        return [e for e in self.entities if e.category == category]

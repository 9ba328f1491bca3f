"""The data model: what flows between the stages.

Document -> (clean) CleanText -> (nlp/extract) Actor, Event -> store/export.

Every offset stored on an output object points into ``Document.text``, the text
as it was ingested, so a user can always find the evidence in the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# The 16 PLOVER event types (POLECAT / NGEC-2025 codebook).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

# The sectors that act for the state itself (government, military, police, judiciary, legislature,
# intelligence): "BFA:MIL" and "BFA:GOV" are one side, "BFA:REB" another.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})

# The modes of each type in the PLOVER codebook (16-type version). A mode is optional.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(), "SUPPORT": frozenset(), "CONCEDE": frozenset(), "COOPERATE": frozenset(),
    "AID": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "ban", "censor", "curfew", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                          "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                          "crowd-control", "cleansing", "massacre", "unconventional"}),
}

Modality = Literal["asserted", "negated", "future", "hypothetical", "denied", "generic"]
Granularity = Literal["day", "month", "year", "partial"]


class Document(BaseModel):
    """One news article as ingested.

    ``text`` is the raw text as found (boilerplate included); ``source`` names
    where it came from (a path, ``path:line`` for JSON Lines, or ``<stdin>``).
    """

    model_config = ConfigDict(frozen=False)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD"
    source: str = ""
    content_hash: str = ""
    metadata: dict[str, Any] = Field(default_factory=dict)


@dataclass
class CleanText:
    """Text with boilerplate removed and a map back to the original.

    ``offsets[i]`` is the position in the original text of ``text[i]``;
    ``offsets`` has one extra final entry (the original end) so that an
    exclusive end offset maps too.
    """

    text: str
    offsets: list[int]
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason) in original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the clean text to the original text."""
        if not self.offsets:
            return start, end
        start = max(0, min(start, len(self.offsets) - 1))
        end = max(start, min(end, len(self.offsets) - 1))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    @classmethod
    def identity(cls, text: str) -> CleanText:
        return cls(text=text, offsets=list(range(len(text) + 1)))


class Actor(BaseModel):
    """A participant of an event, resolved to codes.

    ``country`` is ISO 3166 alpha-3 or null (an IGO official belongs to no
    country); ``sector`` is the PLOVER/CAMEO sector code; ``org`` the short
    name of an organisation (``"OHCHR"``, ``"UN"``, ``"NATO"``).
    """

    text: str
    name: str | None = None
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    kind: Literal["person", "state", "organization", "group", "unknown"] = "unknown"
    start: int | None = None  # offsets of the mention in the original text
    end: int | None = None
    resolved_by: str | None = None  # how the codes were found ("lexicon", "coref:surname", ...)

    def key(self) -> tuple[str | None, str | None, str | None, str | None]:
        """Identity used for dedup: who this is, not where it was mentioned."""
        return (self.name or self.text, self.country, self.sector, self.org)


class DateValue(BaseModel):
    """When an event happened.

    ``value`` is "YYYY-MM-DD", "YYYY-MM", "YYYY" or "--MM-DD" (day and month
    known, year not). ``resolution`` tells how: ``explicit`` (a full date in
    the sentence), ``relative`` (resolved against the publication date),
    ``partial`` (no year could be found), ``context`` (no date in the sentence: the
    last date of the same paragraph), ``publication`` (no date in the
    sentence: the publication date is used), ``none`` (nothing known).
    """

    value: str | None = None
    text: str | None = None
    granularity: Granularity | None = None
    resolution: Literal["explicit", "relative", "partial", "context", "publication", "none"] = "none"


class Place(BaseModel):
    """Where an event happened."""

    country: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None
    resolution: str | None = None  # "sentence", "document", "actor", "landmark", ...


class Evidence(BaseModel):
    """A sentence that reports the event, with offsets into the original text."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


class Event(BaseModel):
    """One coded event: who did what to whom, when and where, and the proof."""

    id: str
    doc_id: str
    event_type: str
    event_mode: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    recipients: list[Actor] = Field(default_factory=list)
    date: DateValue = Field(default_factory=DateValue)
    location: Place | None = None
    directed: bool = True  # False for reciprocal events (a meeting, a signing): roles may swap
    modality: Modality = "asserted"
    contexts: list[str] = Field(default_factory=list)
    confidence: float = 0.5
    evidence: list[Evidence] = Field(default_factory=list)
    stage: str = "rules"  # which component produced the event
    rule: str | None = None  # the trigger rule that fired


class DocumentResult(BaseModel):
    """What the pipeline made of one document."""

    document: Document
    events: list[Event] = Field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


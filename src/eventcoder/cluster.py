"""Cross-document clustering: one **event cluster** per real-world event, however many outlets report it.

Reads: coded events of many documents (each document already deduplicated within itself, see ``dedup``).
Writes: :class:`EventCluster` objects — an id, a representative event, the type and dyad, the date span,
the number of sources (distinct documents) and every *mention* (event id, document id, sentence). This is
GDELT's Events/Mentions split: ``--unit event`` exports one row per cluster, ``--unit mention`` one row per
coded event.

Two reports belong to one cluster when all of these hold (the *rules*, tuned on
``tests/fixtures/near_duplicates`` and the VOA stories, see docs/scale.md):

* **type**: same PLOVER type and modality; modes equal or one unknown;
* **different documents**: a cluster holds at most one event of each document (within one document the
  dedup stage has already decided which reports are one event, and this stops chains across a story);
* **dates**: both day-precise and within ``window_days`` of every day already in the cluster (default ±1;
  an event dated only by its publication date is compared by that date); a month-, year- or
  year-less date (``2024-03``, ``2024``, ``--03-04``) only meets the very same value; an event without any
  date is a cluster of its own;
* **dyad** — actors compared by codes (country, organisation and the organisation's parents, as in
  ``dedup.actor_codes``; a participant without codes by its folded name): for directed events the actor
  sides must not be disjoint, nor the recipient sides, and at least one side must share a code; a side
  must also not be all state (GOV, MIL, COP, JUD, LEG, SPY) in one report and all non-state (rebels,
  civilians, opposition, ...) in the other, which tells "Pakistan accused the rebels" from "the rebels
  accused Pakistan". When either report is undirected (a meeting, a signing) the two pools of
  participants must share two codes (or every code of a one-code side). A match where one side is unknown
  (no recipient coded) or a one-code pool is *weak*. A vague group without country or organisation
  ("crowds", "the militants") counts as unknown, neither for nor against; two reports where no participant
  has a code can only be one event when their sentences are near-identical (below);
* **evidence**: the sentences must share words — the overlap coefficient of their content words
  (``tokens_of``, ``overlap``; stdlib only) at least ``min_similarity`` (0.15), or ``min_similarity_weak``
  (0.3) for a weak dyad match. Reports of one event share its names, numbers and verb; two statements by
  the same two governments on the same day usually do not. A near-identical sentence (overlap >= 0.8, the
  same wire copy in two outlets) compares participants by country and organisation only: the sector the
  coder gave them ("security worker" LAB, "security personnel" GOV) may differ;
* **place**: the countries where the events happened (from the sentence, not guessed from the actors) must
  not differ, and when both reports name sub-national places (the event location or any known place in the
  evidence sentence), at least one pair must lie within ``max_km`` of each other (Kharkiv and the Kharkiv
  region agree; Kharkiv and Odesa do not).

Clustering is deterministic: events are sorted (type, modality, date, document, event id) and each one joins
the best open cluster it fits, so the same events give the same clusters whatever order or engine produced
them. Cost is linear in the number of events times the clusters open within the date window.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .dedup import OrgFamily, actor_codes
from .models import Actor, Event

if TYPE_CHECKING:
    from .knowledge import Knowledge

# (name, lat, lon) of a sub-national place; lat/lon None when unknown.
PlacePoint = tuple[str, float | None, float | None]
PlaceFinder = Callable[[str], frozenset[PlacePoint]]

_DATE_RANK = {"explicit": 5, "relative": 4, "partial": 3, "context": 2, "publication": 1, "none": 0}
_WEAK_PLACE = frozenset({"actors"})
_STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_NONSTATE = frozenset({"OPP", "REB", "UAF", "CVL", "BUS", "JRN", "MED", "EDU", "LAB", "AGR", "REL", "CRM", "REF",
                       "NGO", "ENV", "MNC"})  # a location guessed from who acted says nothing about where
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS = (
    "the and for that with from this was were are has have had said says say been will would its their his her "
    "they them than then there who whom which what when where while after before over into onto upon about "
    "also not but all any can could may might one two three our out own per some such very "
    # the date is compared on its own; weekday and month names would only make reports of one day look alike
    "monday tuesday wednesday thursday friday saturday sunday today yesterday week month year january february "
    "march april june july august september october november december")
_STOP = frozenset(_STOP_WORDS.split())


class ClusterMention(BaseModel):
    """One report of a clustered event: which event, in which document, in which sentence."""

    event_id: str
    doc_id: str
    sentence: str = ""


class EventCluster(BaseModel):
    """One real-world event and every report of it.

    ``representative_id`` names the mention that describes the event best (most evidence, most precise
    date, highest confidence); ``representative`` is that Event when the clustering was given full events.
    ``actor_codes`` / ``recipient_codes`` are the union of the codes of all mentions (pooled in
    ``actor_codes`` when the event is undirected). ``date_start``/``date_end`` span the mentions' dates
    (``YYYY-MM-DD``, or the coarse value shared by all mentions). ``n_sources`` counts distinct documents.
    """

    id: str
    event_type: str
    event_mode: str | None = None
    modality: str = "asserted"
    directed: bool = True
    representative_id: str
    representative: Event | None = None
    actor_codes: list[str] = Field(default_factory=list)
    recipient_codes: list[str] = Field(default_factory=list)
    date_start: str | None = None
    date_end: str | None = None
    location_country: str | None = None
    location_name: str | None = None
    confidence: float = 0.0
    n_sources: int = 1
    mentions: list[ClusterMention] = Field(default_factory=list)

    @property
    def n_mentions(self) -> int:
        return len(self.mentions)

    @property
    def doc_ids(self) -> list[str]:
        """The reporting documents, in mention order, once each."""
        return list(dict.fromkeys(m.doc_id for m in self.mentions))


@dataclass(frozen=True)
class ClusterOptions:
    """Tuning of the clustering rules (module docstring).

    ``window_days``: how far apart (in days) two day-precise dates of one event may be.
    ``min_similarity``: evidence similarity (``overlap`` of ``tokens_of`` the sentences) every match needs.
    ``min_similarity_weak``: the similarity a weak dyad match needs.
    ``near_identical``: from this similarity on (and six content words or more) two sentences are one report
    reprinted, and participants are compared by country and organisation only (sectors ignored).
    ``max_km``: how far apart two named places of one event may be.
    """

    window_days: int = 1
    min_similarity: float = 0.15
    min_similarity_weak: float = 0.3
    near_identical: float = 0.8
    max_km: float = 150.0


def _identity_family(code: str) -> set[str]:
    return {code}


def _no_places(sentence: str) -> frozenset[PlacePoint]:
    return frozenset()


@dataclass
class ClusterContext:
    """What the rules need to know about the world: organisation families, country names, known places.

    The default knows nothing (codes compared as they are, no place names found in sentences); build one from
    the knowledge tables with :meth:`from_knowledge`.
    """

    family: OrgFamily = _identity_family
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> name
    places_in: PlaceFinder = _no_places

    @classmethod
    def from_knowledge(cls, kb: Knowledge) -> ClusterContext:
        """A context from loaded knowledge tables (``knowledge.load_knowledge``)."""

        families: dict[str, frozenset[str]] = {}

        def family(code: str) -> set[str]:
            known = families.get(code)
            if known is None:
                out = {code}
                entry = kb.organization(code)
                while entry is not None and entry.parent and entry.parent not in out:
                    out.add(entry.parent)
                    entry = kb.organization(entry.parent)
                known = families[code] = frozenset(out)
            return set(known)

        cache: dict[str, frozenset[PlacePoint]] = {}

        def places_in(sentence: str) -> frozenset[PlacePoint]:
            found = cache.get(sentence)
            if found is None:
                points: set[PlacePoint] = set()
                for mention in kb.find(sentence):
                    for entry in mention.entries:
                        if entry.kind in ("place", "landmark"):
                            points.add((_fold(entry.name), entry.lat, entry.lon))
                            break
                found = frozenset(points)
                if len(cache) > 100_000:
                    cache.clear()
                cache[sentence] = found
            return found

        return cls(family=family, country_names={c.iso3: c.name for c in kb.countries()}, places_in=places_in)


def default_context(knowledge_paths: Sequence[object] = ()) -> ClusterContext:
    """A context from the shipped knowledge tables (plus the user's ``knowledge_paths``)."""
    from pathlib import Path

    from .knowledge import load_knowledge

    return ClusterContext.from_knowledge(load_knowledge([Path(str(p)) for p in knowledge_paths]))


# ------------------------------------------------------------------------------------------- items

@dataclass(slots=True)
class ClusterItem:
    """The slim view of one event that the rules read (so a large store can be clustered without keeping
    every Event in memory)."""

    event_id: str
    doc_id: str
    event_type: str
    modality: str
    mode: str | None
    directed: bool
    actors: frozenset[str]
    recipients: frozenset[str]
    actor_kinds: frozenset[str]  # "state" / "nonstate" of the actor side's sectors
    recipient_kinds: frozenset[str]
    day: int | None  # proleptic ordinal of a day-precise date
    coarse: str | None  # the date value when not day-precise
    country: str | None  # where it happened, when the sentence says so
    places: frozenset[PlacePoint]
    tokens: frozenset[str]
    sentence: str
    rank: tuple[float, ...]  # larger = better representative
    confidence: float
    location_country: str | None = None
    location_name: str | None = None

    @classmethod
    def from_event(cls, event: Event, context: ClusterContext, *, keep_sentence: bool = True) -> ClusterItem:
        """The item of one event (``keep_sentence=False`` leaves the mention sentence empty, to save memory
        when the caller can find it again, as the store does)."""
        day, coarse = _date_key(event.date.value, event.date.granularity)
        loc = event.location
        country = loc.country if loc is not None and loc.resolution not in _WEAK_PLACE else None
        places: set[PlacePoint] = set()
        if (loc is not None and loc.name and loc.resolution not in _WEAK_PLACE
                and context.country_names.get(loc.country or "") != loc.name and loc.country):
            places.add((_fold(loc.name), loc.lat, loc.lon))
        text = " ".join(e.sentence for e in event.evidence)
        for e in event.evidence:
            places |= context.places_in(e.sentence)
        return cls(
            event_id=event.id, doc_id=event.doc_id, event_type=event.event_type, modality=event.modality,
            mode=event.event_mode, directed=event.directed,
            actors=_codes(event.actors, context.family), recipients=_codes(event.recipients, context.family),
            actor_kinds=_kinds(event.actors), recipient_kinds=_kinds(event.recipients),
            day=day, coarse=coarse, country=country, places=frozenset(places), tokens=tokens_of(text),
            sentence=event.evidence[0].sentence if event.evidence and keep_sentence else "",
            rank=(len(event.evidence), _DATE_RANK.get(event.date.resolution, 0),
                  1.0 if loc is not None and loc.resolution not in _WEAK_PLACE else 0.0, event.confidence),
            confidence=event.confidence,
            location_country=loc.country if loc else None, location_name=loc.name if loc else None,
        )

    @property
    def pool(self) -> frozenset[str]:
        return self.actors | self.recipients


def _fold(name: str) -> str:
    return " ".join(_WORD.findall(name.lower().replace("\u2019", "").replace("'", "")))


def _codes(actors: list[Actor], family: OrgFamily) -> frozenset[str]:
    out: set[str] = set()
    for actor in actors:
        if not (actor.country or actor.org) and actor.kind != "person":
            continue  # "crowds", "the militants", "reporters": a vague group is no evidence either way
        for code in actor_codes(actor, family):
            # codes (ISO3, sectors, organisations) stay as they are; names (which actor_codes gives in lower
            # case) are folded so that "al-Rufay'i" and "al-Rufay\u2019i" agree
            out.add(_fold(code) if code == code.lower() else code)
    return frozenset(out)


def _kinds(actors: list[Actor]) -> frozenset[str]:
    out: set[str] = set()
    for actor in actors:
        if actor.sector in _STATE:
            out.add("state")
        elif actor.sector in _NONSTATE:
            out.add("nonstate")
    return frozenset(out)


_TOKEN_CACHE: dict[str, str] = {}  # word -> its token ("" for none); words repeat, so this is most of the work


def _token(word: str) -> str:
    token = _TOKEN_CACHE.get(word)
    if token is None:
        token = ""
        if len(word) >= 3 and word not in _STOP:
            token = word
            for suffix in ("ing", "ed", "s"):
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    token = word[: -len(suffix)]
                    break
            token = sys.intern(token)  # shared across items: a large store's items stay small
        if len(_TOKEN_CACHE) > 500_000:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[word] = token
    return token


def tokens_of(text: str) -> frozenset[str]:
    """The content words of a text: lower case, three letters or more, no function words, weekday or month
    names, and one of the endings -ing, -ed, -s cut ("killing", "killed" -> "kill")."""
    out = {_token(word) for word in _WORD.findall(text.lower())}
    out.discard("")
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|), the overlap coefficient (0 when either is empty).

    Used for evidence similarity rather than Jaccard because two outlets report one event in sentences of
    very different lengths: a short sentence wholly inside a long one is a strong sign, which Jaccard hides.
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _date_key(value: str | None, granularity: str | None) -> tuple[int | None, str | None]:
    if not value:
        return None, None
    if granularity in (None, "day") and len(value) == 10 and not value.startswith("-"):
        try:
            return date.fromisoformat(value).toordinal(), None
        except ValueError:
            return None, value
    return None, value


def _km(a: PlacePoint, b: PlacePoint) -> float | None:
    if a[1] is None or a[2] is None or b[1] is None or b[2] is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a[1], a[2], b[1], b[2]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: frozenset[PlacePoint], b: frozenset[PlacePoint], max_km: float) -> bool:
    """True unless both sets name places and no pair is the same place or lies within ``max_km``."""
    if not a or not b:
        return True
    for p in a:
        for q in b:
            if p[0] == q[0]:
                return True
            km = _km(p, q)
            if km is not None and km <= max_km:
                return True
    return False


# ------------------------------------------------------------------------------------------- matching

_NO, _WEAK, _STRONG = 0, 1, 2


def dyad_match(a_directed: bool, a_actors: frozenset[str], a_recipients: frozenset[str],
               b_directed: bool, b_actors: frozenset[str], b_recipients: frozenset[str]) -> int:
    """How well two dyads agree: 0 (conflict or nothing shared), 1 (weak), 2 (strong). Module docstring."""
    if a_directed and b_directed:
        sides = []
        for x, y in ((a_actors, b_actors), (a_recipients, b_recipients)):
            if not x or not y:
                sides.append(None)
            elif x & y:
                sides.append(True)
            else:
                return _NO
        if True not in sides:
            return _NO
        return _STRONG if all(sides) else _WEAK
    pa, pb = a_actors | a_recipients, b_actors | b_recipients
    if not pa or not pb:
        return _NO
    shared = len(pa & pb)
    need = min(2, len(pa), len(pb))
    if shared < need:
        return _NO
    return _STRONG if shared >= 2 else _WEAK


@dataclass(eq=False)
class _Open:
    """A cluster being built."""

    items: list[ClusterItem]
    docs: set[str]
    directed: bool
    actors: set[str]
    recipients: set[str]
    actor_kinds: set[str]
    recipient_kinds: set[str]
    countries: set[str]
    places: set[PlacePoint]
    lo: int | None
    hi: int | None
    samples: list[frozenset[str]]  # token sets of the first few mentions
    serial: int = 0
    closed: bool = False
    indexed: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, item: ClusterItem, serial: int) -> _Open:
        return cls([item], {item.doc_id}, item.directed, set(item.actors), set(item.recipients),
                   set(item.actor_kinds), set(item.recipient_kinds), {item.country} if item.country else set(), set(item.places), item.day, item.day,
                   [item.tokens], serial)

    def add(self, item: ClusterItem) -> None:
        self.items.append(item)
        self.docs.add(item.doc_id)
        self.directed = self.directed and item.directed
        self.actors |= item.actors
        self.recipients |= item.recipients
        self.actor_kinds |= item.actor_kinds
        self.recipient_kinds |= item.recipient_kinds
        if item.country:
            self.countries.add(item.country)
        self.places |= item.places
        if item.day is not None:
            self.lo = item.day if self.lo is None else min(self.lo, item.day)
            self.hi = item.day if self.hi is None else max(self.hi, item.day)
        if len(self.samples) < 5:
            self.samples.append(item.tokens)

    def score(self, item: ClusterItem, options: ClusterOptions) -> tuple[int, float] | None:
        """(match strength, similarity) when ``item`` may join, else None."""
        if item.doc_id in self.docs:
            return None
        if (item.day is not None and self.lo is not None and self.hi is not None
                and max(self.hi, item.day) - min(self.lo, item.day) > options.window_days):
            return None
        first = self.items[0]
        if item.mode and first.mode and item.mode != first.mode:
            return None
        if item.country and self.countries and item.country not in self.countries:
            return None
        if not places_compatible(item.places, frozenset(self.places), options.max_km):
            return None
        similarity = max(overlap(item.tokens, s) for s in self.samples)
        if similarity < options.min_similarity:
            return None
        if similarity >= options.near_identical and len(item.tokens) >= 6:
            # the same sentence, reprinted: the coder's sector for a participant may differ, its country not;
            # when neither report could code a participant ("gunmen"), the sentence is all there is
            if not item.pool and not (self.actors or self.recipients):
                strength = _WEAK
            else:
                strength = dyad_match(self.directed, _bases(self.actors), _bases(self.recipients),
                                      item.directed, _bases(item.actors), _bases(item.recipients))
        else:
            if self.directed and item.directed and (_disjoint(self.actor_kinds, item.actor_kinds)
                                                    or _disjoint(self.recipient_kinds, item.recipient_kinds)):
                return None
            strength = dyad_match(self.directed, frozenset(self.actors), frozenset(self.recipients),
                                  item.directed, item.actors, item.recipients)
        if strength == _NO or (strength == _WEAK and similarity < options.min_similarity_weak):
            return None
        return strength, similarity


def _keys(item: ClusterItem) -> frozenset[str]:
    """What finds an item's candidate clusters: its codes; without any, its three longest words (a report
    reprinted word for word shares them)."""
    if item.pool:
        return item.pool
    return frozenset("~" + t for t in sorted(item.tokens, key=lambda t: (-len(t), t))[:3])


def _bases(codes: Iterable[str]) -> frozenset[str]:
    """Codes without their sector suffix ("PAK:REB" -> "PAK")."""
    return frozenset(code.split(":", 1)[0] for code in codes)


def _disjoint(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def cluster_items(items: Iterable[ClusterItem], options: ClusterOptions | None = None) -> list[EventCluster]:
    """Group items into clusters by the module's rules. Deterministic; clusters sorted by first date (undated
    last), then id."""
    options = options or ClusterOptions()
    blocks: dict[tuple[str, str, str], list[ClusterItem]] = {}
    done: list[list[ClusterItem]] = []
    for item in items:
        if item.day is None and item.coarse is None:
            done.append([item])  # no date at all: nothing to compare by
            continue
        # day-precise dates share one block per type; a coarse date only meets its own value
        blocks.setdefault((item.event_type, item.modality, item.coarse or ""), []).append(item)
    for key in sorted(blocks):
        block = blocks[key]
        block.sort(key=lambda i: (i.day or 0, i.doc_id, i.event_id))
        open_: list[_Open] = []
        index: dict[str, list[_Open]] = {}  # code -> open clusters with it (closed ones skipped, then purged)
        serial = 0
        day: int | None = None
        for n, item in enumerate(block):
            if item.day is not None and item.day != day:
                day = item.day
                still = []
                for c in open_:
                    if c.hi is not None and c.hi + options.window_days < item.day:
                        c.closed = True
                        done.append(c.items)
                    else:
                        still.append(c)
                open_ = still
            if n % 4096 == 4095:
                index = {code: [c for c in cs if not c.closed] for code, cs in index.items()}
            best: tuple[tuple[int, float, int], _Open] | None = None
            seen: set[int] = set()
            keys = _keys(item)
            for code in keys:
                for c in index.get(code, ()):
                    if c.closed or c.serial in seen:
                        continue
                    seen.add(c.serial)
                    score = c.score(item, options)
                    if score is not None and (best is None or (*score, -c.serial) > best[0]):
                        best = ((*score, -c.serial), c)
            if best is None:
                target = _Open.start(item, serial)
                serial += 1
                open_.append(target)
            else:
                target = best[1]
                target.add(item)
            for code in keys - target.indexed:
                index.setdefault(code, []).append(target)
                target.indexed.add(code)
        done.extend(c.items for c in open_)
    clusters = [_finish(members) for members in done]
    clusters.sort(key=lambda c: (c.date_start is None, c.date_start or "", c.id))
    return clusters


def cluster_events(events: Iterable[Event], context: ClusterContext | None = None,
                   options: ClusterOptions | None = None) -> list[EventCluster]:
    """Cluster full events; each cluster's ``representative`` is filled in. See the module docstring."""
    context = context or ClusterContext()
    by_id: dict[str, Event] = {}
    items = []
    for event in events:
        by_id[event.id] = event
        items.append(ClusterItem.from_event(event, context))
    clusters = cluster_items(items, options)
    for c in clusters:
        c.representative = by_id[c.representative_id]
    return clusters


def cluster_id(member_ids: Iterable[str]) -> str:
    """A cluster's id: stable while its earliest-sorting member stays in it."""
    return "c" + hashlib.sha1(("cluster|" + min(member_ids)).encode()).hexdigest()[:15]


def _finish(members: list[ClusterItem]) -> EventCluster:
    best = max(members, key=lambda i: (i.rank, [-ord(ch) for ch in i.event_id]))
    days = [i.day for i in members if i.day is not None]
    if days:
        start, end = date.fromordinal(min(days)).isoformat(), date.fromordinal(max(days)).isoformat()
    else:
        start = end = best.coarse
    directed = all(i.directed for i in members)
    actors: set[str] = set()
    recipients: set[str] = set()
    for i in members:
        if directed:
            actors |= i.actors
            recipients |= i.recipients
        else:
            actors |= i.pool
    confidence = 1.0
    for i in members:
        confidence *= 1 - i.confidence
    mode = best.mode or next((i.mode for i in members if i.mode), None)
    ordered = sorted(members, key=lambda i: (-(i.event_id == best.event_id), i.day or 0, i.doc_id, i.event_id))
    return EventCluster(
        id=cluster_id(i.event_id for i in members), event_type=best.event_type, event_mode=mode,
        modality=best.modality, directed=directed, representative_id=best.event_id,
        actor_codes=sorted(actors), recipient_codes=sorted(recipients), date_start=start, date_end=end,
        location_country=best.location_country, location_name=best.location_name,
        confidence=round(min(0.99, 1 - confidence), 3), n_sources=len({i.doc_id for i in members}),
        mentions=[ClusterMention(event_id=i.event_id, doc_id=i.doc_id, sentence=i.sentence) for i in ordered],
    )


def date_span_days(cluster: EventCluster) -> int:
    """Days between the first and last day-precise date of a cluster (0 for one day or a coarse date)."""
    try:
        return (date.fromisoformat(cluster.date_end or "") - date.fromisoformat(cluster.date_start or "")).days
    except ValueError:
        return 0


__all__ = [
    "ClusterContext", "ClusterItem", "ClusterMention", "ClusterOptions", "EventCluster", "cluster_events",
    "cluster_id", "cluster_items", "date_span_days", "default_context", "dyad_match", "jaccard", "overlap",
    "places_compatible", "tokens_of",
]

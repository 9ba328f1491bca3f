"""Within-document dedup: one real-world event reported in several sentences is one record.

Reads: the events of one document (each with one evidence sentence). Writes: merged events, each
carrying every supporting sentence.

Two events are the same when they have the same type, compatible modes (equal, or one unknown),
compatible participants and compatible dates:

* participants are compared by *codes*: an actor's country, its organisation and that
  organisation's parent ("Robinson" of OHCHR matches "the UN"; "Qian Qichen" of CHN matches
  "China"). For reciprocal events (a meeting, a signing) the two sides are pooled, so "X met Y"
  and "Y arrived in X's country for a visit" are one visit. For directed events both the actor
  side and (when both name one) the recipient side must share a code;
* dates are compatible when equal, when one is a prefix of the other, or when either was not
  stated in its sentence (publication date or none);
* places are compatible unless both sentences name, at the trigger, where the event happened,
  in two countries.

Merging keeps the most specific date and place, the union of participants and the evidence in
text order; confidence rises with independent reports (noisy-or, capped at 0.99).
"""

from __future__ import annotations

from collections.abc import Callable

from .models import STATE_SECTORS, Actor, DateValue, Event, Place

_DATE_RANK = {"explicit": 5, "relative": 4, "partial": 3, "context": 2, "publication": 1, "none": 0}
_PLACE_RANK = {"sentence": 4, "sentence-any": 3, "host": 2, "actors": 1}

OrgFamily = Callable[[str], set[str]]
# groups too unspecific to tell two reports apart when nothing else names them ("protesters", "the
# international community", "people")
VAGUE_SECTORS = {None, "CVL", "IGO"}
# events made of words: a story quotes one speaker criticising or asking several times, about different things
SPEECH_ACTS = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN", "AGREE", "CONCEDE"}
# types whose reports in one sentence are one act whatever modes their words give: a statement, and a
# protest ("walked out in protest": a walkout and a protest)
ONE_ACT_A_SENTENCE = SPEECH_ACTS | {"PROTEST"}


def actor_codes(actor: Actor, family: OrgFamily) -> set[str]:
    """The codes that identify an actor's side: country (with the sector for groups and people
    that are not the government: "BFA:REB" is not "BFA:MIL"), organisation and its parents."""
    codes: set[str] = set()
    if actor.country:
        nonstate = actor.sector and actor.sector not in STATE_SECTORS and actor.kind != "state"
        codes.add(f"{actor.country}:{actor.sector}" if nonstate else actor.country)
    if actor.org:
        codes |= family(actor.org)
    if not codes:
        codes.add((actor.name or actor.text).lower())
    return codes


def _side(actors: list[Actor], family: OrgFamily) -> set[str]:
    """The codes of one side; a vague group with neither country nor organisation ("the
    international community", "protesters") says nothing about who it is and adds none."""
    out: set[str] = set()
    for a in actors:
        if a.kind in ("group", "unknown") and not a.country and not a.org and a.sector in VAGUE_SECTORS:
            continue
        out |= actor_codes(a, family)
    return out


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """Equal, one a prefix of the other, or either not stated in its sentence."""
    if a.resolution in ("publication", "none") or b.resolution in ("publication", "none"):
        return True
    if not a.value or not b.value:
        return True
    x, y = a.value.lstrip("-"), b.value.lstrip("-")
    if x != y and any((d.text or "").lower().startswith(("earlier", "previously")) for d in (a, b)):
        return False  # "earlier this month" is before the day the story tells of, not that day
    return x == y or x.endswith(y) or y.endswith(x) or x.startswith(y) or y.startswith(x)


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Two reports whose sentences each name where it happened, in different countries, are two
    events ("a summit in Wuhan" and "a second summit, in Chennai")."""
    # (only places hung on the trigger: "talks on the war in Gaza" names a topic, not a venue)
    if a is None or b is None or a.resolution != "sentence" or b.resolution != "sentence":
        return True
    return not a.country or not b.country or a.country == b.country


def compatible(a: Event, b: Event, family: OrgFamily) -> bool:
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    if a.event_mode and b.event_mode and a.event_mode != b.event_mode and not (
            a.event_type in ONE_ACT_A_SENTENCE and {e.start for e in a.evidence} & {e.start for e in b.evidence}):
        # (but one speaker's one sentence is one statement: "alleged that ..., calling it a crime")
        return False
    if not dates_compatible(a.date, b.date) or not _places_compatible(a.location, b.location):
        return False
    if not a.directed and not b.directed:
        pa = _side(a.actors + a.recipients, family)
        pb = _side(b.actors + b.recipients, family)
        small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        if len(small) == 1 and len(large) > 1 and not _adjacent(a, b) and not (
                a.date.resolution not in ("publication", "none") and a.date.value == b.date.value):
            # a meeting that names one side only, told far from the other report and not dated the same
            # day, is not that report's meeting ("he had met security officials" ... "X phoned Y")
            return False
        # every side of the smaller report is in the larger one, and they share two codes
        # (or the smaller names one side only)
        return bool(small) and all(_covered(code, large, family) for code in small)
    if a.directed != b.directed:
        return False
    acts_a, acts_b = _side(a.actors, family), _side(b.actors, family)
    if not (acts_a & acts_b):
        return False
    speakers_a = {x.name for x in a.actors if x.kind == "person" and x.name}
    speakers_b = {x.name for x in b.actors if x.kind == "person" and x.name}
    if a.event_type in SPEECH_ACTS and speakers_a and speakers_b and not speakers_a & speakers_b:
        return False  # two named people of one government condemning: two statements, not one
    if {e.start for e in a.evidence} & {e.start for e in b.evidence}:
        return True  # one sentence, one actor, one type: "shelled the city, killing 20 people"
    rec_a, rec_b = _side(a.recipients, family), _side(b.recipients, family)
    if a.event_type in SPEECH_ACTS and bool(a.recipients) != bool(b.recipients) and not _adjacent(a, b):
        # one speaker says many things: a statement that names no addressee at all is not the one
        # aimed at X, unless it follows on from it ("X congratulated Y. The X side welcomed ...")
        return False
    return not rec_a or not rec_b or bool(rec_a & rec_b)


def _adjacent(a: Event, b: Event) -> bool:
    """Some sentence of one report is the same as, or next to, one of the other's."""
    return any(x.start == y.start or 0 <= y.start - x.end <= 3 or 0 <= x.start - y.end <= 3
               for x in a.evidence for y in b.evidence)


def _covered(code: str, pool: set[str], family: OrgFamily) -> bool:
    return code in pool or bool(family(code) & pool)


def _union(first: list[Actor], second: list[Actor], family: OrgFamily | None = None) -> list[Actor]:
    """Participants of both lists, once each; of two with the same codes, the named person stays,
    and an unnamed participant covered by a named one ("the UN envoy" beside "Amina Diallo" of
    OHCHR) is not repeated."""
    out = list(first)
    for actor in second:
        if family is not None and actor.kind != "person" and any(
                a.kind == "person" and actor_codes(actor, family) <= actor_codes(a, family) for a in out):
            continue
        same = next((i for i, a in enumerate(out) if a.key() == actor.key()
                     or (a.name and a.name == actor.name)), None)
        if same is None:
            codes = (actor.country, actor.sector, actor.org)
            twin = next((i for i, a in enumerate(out) if (a.country, a.sector, a.org) == codes
                         and (a.kind != "person" or actor.kind != "person")), None)
            if twin is None:
                out.append(actor)
            elif actor.kind == "person" and out[twin].kind != "person":
                out[twin] = actor
        elif out[same].kind != "person" and actor.kind == "person":
            out[same] = actor
    return out


def _better_date(a: DateValue, b: DateValue) -> DateValue:
    ra, rb = _DATE_RANK.get(a.resolution, 0), _DATE_RANK.get(b.resolution, 0)
    if rb > ra or (rb == ra and len(b.value or "") > len(a.value or "")):
        return b
    return a


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if _PLACE_RANK.get(b.resolution or "", 0) > _PLACE_RANK.get(a.resolution or "", 0) else a


def _orient(primary: Event, other: Event, family: OrgFamily) -> tuple[list[Actor], list[Actor]]:
    """Participants of two reports of a reciprocal event, on the sides the primary report gives them."""
    actors, recipients = list(primary.actors), list(primary.recipients)
    side_a, side_r = _side(actors, family), _side(recipients, family)
    for person in other.actors + other.recipients:
        codes = actor_codes(person, family)
        if codes & side_a and not codes & side_r:
            actors = _union(actors, [person], family)
        elif codes & side_r:
            recipients = _union(recipients, [person], family)
        elif person in other.actors:
            actors = _union(actors, [person], family)
        else:
            recipients = _union(recipients, [person], family)
    return actors, recipients


def merge(a: Event, b: Event, family: OrgFamily) -> Event:
    """One event from two reports of it."""
    if not a.directed:
        # the report that knows the mode (a visit: visitor → host) gives the orientation
        primary, other = (b, a) if (b.event_mode and not a.event_mode) else (a, b)
        actors, recipients = _orient(primary, other, family)
    else:
        actors = _union(a.actors, b.actors, family)
        recipients = _union(a.recipients, b.recipients, family)
    keys = {x.key() for x in actors}
    recipients = [r for r in recipients if r.key() not in keys]
    evidence = sorted(a.evidence + b.evidence, key=lambda e: e.start)
    confidence = min(0.99, 1 - (1 - a.confidence) * (1 - b.confidence))
    return a.model_copy(update={
        "event_mode": a.event_mode or b.event_mode,
        "actors": actors,
        "recipients": recipients,
        "date": _better_date(a.date, b.date),
        "location": _better_place(a.location, b.location),
        "contexts": sorted(set(a.contexts) | set(b.contexts)),
        "confidence": round(confidence, 3),
        "evidence": evidence,
    })


def merge_within_document(events: list[Event], family: OrgFamily) -> list[Event]:
    """Merge the reports of one real-world event; keeps the order of first mention."""
    out: list[Event] = []
    for event in events:
        for i, kept in enumerate(out):
            if compatible(kept, event, family):
                out[i] = merge(kept, event, family)
                break
        else:
            out.append(event)
    return out

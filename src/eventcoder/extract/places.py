"""Places: where an event happened, from the sentence first, then from who took part.

Reads: the event's place tokens (objects of "in", "at", "near", "to" on the trigger or its verb),
the sentence's knowledge mentions (places, landmarks, capitals, countries), the participants.
Writes: a :class:`~eventcoder.models.Place` or ``None``.

Order of evidence, recorded in ``Place.resolution``:

``sentence``  a place named at the trigger ("met ... at Zhongnanhai" → Beijing, CHN; a landmark
              stands for the city its ``admin`` names), or the place a "where" clause holding the
              trigger hangs on ("talks in Jeddah, where Kyiv said ...");
``sentence-any`` a place introduced by "in"/"at" elsewhere in the sentence;
``host``      a visit with no place named happens in the host's country; aid, an attack or a
              coercive act in the recipient's;
``actors``    every participant with a country has the same one, and an actor is one of them.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..knowledge import Entry, Knowledge, Mention
from ..models import Actor, Place

_PLACE_KINDS = ("landmark", "place", "capital", "country", "demonym")
_REPORTING = {"say", "report", "tell", "announce", "state", "claim", "confirm", "add", "according"}
TARGET_PLACED = {"AID", "ASSAULT", "COERCE"}
_LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around"}
# "in Hebron", "near the town of Kandahar", "in the northern province of Idlib", "in eastern Syria"
_LOCATIVE_LEAD = re.compile(
    r"\b(?:in|at|near|inside|outside|outside of|across|around)\s+(?:(?:the|a)\s+(?:[\w-]+\s+){0,2}"
    r"(?:town|city|village|province|region|district|capital|area|state|county|camp|port|suburb)\s+of\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.IGNORECASE)


def _place_entry(mention: Mention) -> Entry | None:
    """The gazetteer entry of a mention that can be placed in a country (a sea cannot)."""
    for kind in _PLACE_KINDS[:-1]:
        for e in mention.entries:
            if e.kind == kind and e.country:
                return e
    return None


def place_from_entry(entry: Entry, text: str, kb: Knowledge, resolution: str) -> Place:
    """A Place for a gazetteer entry: landmarks become the city they stand for."""
    if entry.kind == "country":
        info = kb.country(entry.country or "")
        return Place(country=entry.country, name=info.name if info else entry.name,
                     lat=info.lat if info else None, lon=info.lon if info else None,
                     text=text, resolution=resolution)
    name = entry.admin if entry.kind == "landmark" and entry.admin else entry.name
    return Place(country=entry.country, name=name, lat=entry.lat, lon=entry.lon, text=text,
                 resolution=resolution)


def attribution_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the sources a sentence cites ("relief officials in Nairobi said"): a place
    named there is where the news came from, not where the event happened."""
    spans = []
    for tok in sent:
        if tok.lemma_ in _REPORTING and tok.pos_ in ("VERB", "AUX"):
            for subj in tok.children:
                if subj.dep_ in ("nsubj", "nsubjpass"):
                    spans.append((subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)))
    return spans


def asides(trigger: Token) -> list[tuple[int, int]]:
    """Character spans of the relative clauses that describe someone else than the event ("the arrest
    of X, who once studied in Cairo"): a place named there is not where the event was.
    (A clause on the event's own word, "the attack, which took place in Kabul", is kept.)"""
    spans = []
    for tok in trigger.sent:
        if tok.dep_ in ("relcl", "acl") and tok.head.i != trigger.i and trigger not in tok.subtree:
            spans.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)))
    return spans


def _where_antecedent(trigger: Token) -> Token | None:
    """The place a "where" clause holding the trigger hangs on ("talks in Jeddah, where Ukraine said it
    is ready ...": Jeddah)."""
    for clause in [trigger, *trigger.ancestors]:
        if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
            return clause.head
    return None


def locate(place_tokens: list[Token], mentions: list[Mention], sent_text: str, kb: Knowledge,
           event_type: str, mode: str | None, actors: list[Actor], recipients: list[Actor],
           excluded: list[tuple[int, int]] = (), trigger: Token | None = None) -> Place | None:
    """The place of one event (mention offsets are relative to the sentence); mentions inside
    ``excluded`` spans (the sources cited) are not used."""
    mentions = [m for m in mentions if not any(lo <= m.start and m.end <= hi for lo, hi in excluded)]
    for tok in place_tokens:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        for m in mentions:
            if m.start >= lo and m.end <= hi and (entry := _place_entry(m)) is not None:
                return place_from_entry(entry, m.text, kb, "sentence")
    if trigger is not None and (where := _where_antecedent(trigger)) is not None:
        for m in mentions:
            if m.start <= where.idx < m.end and (entry := _place_entry(m)) is not None:
                return place_from_entry(entry, m.text, kb, "sentence")
    for m in mentions:
        if _LOCATIVE_LEAD.search(sent_text[:m.start]) and (entry := _place_entry(m)) is not None \
                and entry.kind != "demonym":
            return place_from_entry(entry, m.text, kb, "sentence-any")
    if event_type in TARGET_PLACED or (event_type == "CONSULT" and mode == "visit"):
        # a visit happens at the host's, aid arrives and attacks land where the recipient is
        hosts = [r.country for r in recipients if r.country]
        if hosts:
            return _country_place(hosts[0], kb, "host")
    countries = {a.country for a in actors + recipients if a.country}
    if len(countries) == 1 and any(a.country for a in actors):
        # (not when only the recipient has a country: the G7 calling on Russia is not in Russia)
        return _country_place(countries.pop(), kb, "actors")
    return None


def _country_place(iso3: str, kb: Knowledge, resolution: str) -> Place:
    info = kb.country(iso3)
    return Place(country=iso3, name=info.name if info else None, lat=info.lat if info else None,
                 lon=info.lon if info else None, resolution=resolution)

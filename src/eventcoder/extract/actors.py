"""Actors: a noun phrase of a parsed sentence → :class:`~eventcoder.models.Actor`, with coreference.

Reads: the parsed sentence (spaCy tokens, entities), the knowledge mentions of the document
(countries, demonyms, capitals, organisations, roles, leaders, places) and the document's
:class:`ActorRegistry`. Writes: ``Actor`` objects and new registry entries.

Resolution of one phrase, in order:

1. a pronoun or a bare surname/title ("she", "Qian", "the High Commissioner") → the registry;
2. the knowledge mentions inside the phrase compose the actor: a person's name (spaCy PERSON
   entity or a leader from the table), a title or role word (sector), an organisation (org code,
   its sector and, for national bodies, country), a country, demonym or capital (country; alone,
   the state itself: ``CHN GOV``);
3. a government title without a country ("Vice Premier X") takes the document's main country.

A phrase in which nothing is known is not an actor (returns ``None``): eventcoder codes who it can
name, and says nothing about "many countries".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..knowledge import Entry, Knowledge, Mention
from ..models import Actor

PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUNS_GROUP = {"they", "them", "their", "it", "its", "we", "us", "our"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# parts of a noun phrase that belong to its name (the rest are clauses and adjuncts)
_NP_DEPS = {"compound", "amod", "poss", "det", "nmod", "nummod", "quantmod", "case", "punct", "npadvmod",
            "flat", "appos", "prep", "pobj", "cc"}
_NAME_PREPS = {"of", "for"}  # "Ministry of Foreign Affairs", "High Commissioner for Human Rights"


@dataclass
class MentionIndex:
    """Knowledge mentions of one sentence, in the sentence's own character offsets."""

    mentions: list[Mention]

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]


@dataclass
class RegistryItem:
    actor: Actor
    keys: set[str] = field(default_factory=set)  # lower-case names, surnames, titles, org codes
    order: int = 0


class ActorRegistry:
    """The actors met so far in a document, for coreference."""

    def __init__(self, dominant_country: str | None = None) -> None:
        self.items: list[RegistryItem] = []
        self.dominant_country = dominant_country
        self._counter = 0

    def add(self, actor: Actor) -> None:
        if actor.kind == "unknown" and not actor.org and not actor.country:
            return
        keys: set[str] = set()
        if actor.name:
            keys.add(actor.name.lower())
            parts = actor.name.split()
            if actor.kind == "person" and len(parts) > 1:
                keys.add(parts[-1].lower())
                keys.add(parts[0].lower())  # Chinese names: family name first ("Qian")
        if actor.title:
            keys.add(actor.title.lower())
        if actor.org:
            keys.add(actor.org.lower())
        self._counter += 1
        for item in self.items:
            if item.actor.key() == actor.key() or (actor.name and item.actor.name == actor.name):
                item.keys |= keys
                item.order = self._counter
                # keep the richer record
                for attr in ("title", "country", "sector", "org"):
                    if getattr(item.actor, attr) is None and getattr(actor, attr) is not None:
                        setattr(item.actor, attr, getattr(actor, attr))
                return
        self.items.append(RegistryItem(actor.model_copy(), keys, self._counter))

    def by_key(self, key: str) -> Actor | None:
        key = key.lower().strip()
        best = [i for i in self.items if key in i.keys]
        if not best:
            return None
        return max(best, key=lambda i: i.order).actor

    def last(self, kinds: set[str]) -> Actor | None:
        cands = [i for i in self.items if i.actor.kind in kinds]
        if not cands:
            return None
        return max(cands, key=lambda i: i.order).actor


def dominant_country(mentions: list[Mention]) -> str | None:
    """The country a document is mostly about (its most mentioned country, demonym or capital)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        for e in m.entries:
            if e.kind in ("country", "demonym", "capital") and e.country:
                counts[e.country] += 1
                break
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if rest and rest[0][1] == n:
        return None
    return top


def _first(entries: tuple[Entry, ...], *kinds: str) -> Entry | None:
    for kind in kinds:
        for e in entries:
            if e.kind == kind:
                return e
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``: modifiers and name-forming ``of``/``for``
    phrases, without relative clauses, coordination or other adjuncts."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in ("conj", "cc", "relcl", "acl", "advcl", "appos"):
                continue
            if child.dep_ == "prep" and child.lower_ not in _NAME_PREPS:
                continue
            if child.dep_ not in _NP_DEPS and not child.dep_.startswith("compound"):
                continue
            out.append(child)
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


class ActorResolver:
    """Resolves noun phrases of one document's sentences to actors."""

    def __init__(self, kb: Knowledge, registry: ActorRegistry, year: int | None = None) -> None:
        self.kb = kb
        self.registry = registry
        self.year = year

    def resolve(self, head: Token, index: MentionIndex, base: int) -> Actor | None:
        """The actor named by the noun phrase headed by ``head`` (offsets: sentence + ``base``)."""
        low = head.lower_
        if head.pos_ == "PRON" or low in PRONOUNS_PERSON or low in PRONOUNS_GROUP:
            return self._pronoun(head, base)
        tokens = phrase_tokens(head)
        start, end = _span_chars(tokens)
        actor = self._compose(head.doc, tokens, index.within(start, end), start, end, base)
        if actor is None:
            # an apposition may carry the name: "the visiting envoy, Mrs. Mary Robinson"
            for child in head.children:
                if child.dep_ == "appos":
                    return self.resolve(child, index, base)
            return None
        # "the UN High Commissioner for Human Rights, Mrs. Mary Robinson": the name is in the appos
        for child in head.children:
            if child.dep_ == "appos":
                other = self.resolve(child, index, base)
                if other is not None:
                    actor = _merge(actor, other)
        self.registry.add(actor)
        return actor

    def _pronoun(self, head: Token, base: int) -> Actor | None:
        low = head.lower_
        if low in PRONOUNS_PERSON:
            found = self.registry.last({"person"})
        elif low in ("we", "us", "our"):
            found = self.registry.last({"person", "state", "organization"})
        else:
            found = self.registry.last({"state", "organization", "group"})
        if found is None:
            return None
        return found.model_copy(update={"text": head.text, "start": base + head.idx,
                                        "end": base + head.idx + len(head), "resolved_by": "coref:pronoun"})

    def _compose(self, doc, tokens: list[Token], mentions: list[Mention], start: int, end: int,
                 base: int) -> Actor | None:
        text = doc.text[start:end]
        person_name: str | None = None
        title: Entry | None = None
        org: Entry | None = None
        country: str | None = None
        group: Entry | None = None
        leader: Entry | None = None
        for m in mentions:
            e = m.entries
            if (p := _first(e, "person")) is not None:
                leader = leader or p
                person_name = person_name or p.name
            elif (o := _first(e, "org")) is not None and org is None:
                org = o
            elif (c := _first(e, "country", "demonym", "capital")) is not None and country is None:
                country = c.country
            elif (r := _first(e, "role")) is not None:
                if r.role_kind == "title" and title is None:
                    title = r
                elif group is None:
                    group = r
            elif (pl := _first(e, "landmark")) is not None and country is None and pl.sector:
                country = pl.country
        ent_name = self._person_entity(doc, start, end)
        if ent_name and not person_name:
            person_name = ent_name
            if self.year is not None or True:
                found = self.kb.persons_named(ent_name, self.year)
                if len(found) == 1:
                    leader = found[0]
        if person_name is None and not (title or org or country or group):
            # a bare surname or title met before ("Qian", "the High Commissioner")
            return self._by_registry(text, tokens, base, start, end)
        if person_name is None and org is None and country is None and title is None and group is not None:
            # a bare role word ("troops", "the government"): needs a country from context
            if group.sector in STATE_SECTORS and self.registry.dominant_country:
                country = self.registry.dominant_country
            else:
                return None
        if person_name:
            known = self.registry.by_key(person_name)
            if known is None and len(person_name.split()) == 1:
                known = None
            base_actor = known
        else:
            base_actor = None
        sector = None
        if title is not None:
            sector = title.sector
        elif group is not None:
            sector = group.sector
        if org is not None:
            sector = sector if (sector and org.sector not in ("IGO", "NGO")) else org.sector
        if leader is not None:
            country = country or leader.country
            sector = sector or leader.sector
        if base_actor is not None:
            country = country or base_actor.country
            sector = sector or base_actor.sector
        org_code = org.org if org is not None else (base_actor.org if base_actor else None)
        if country is None and org is not None:
            country = org.country
        if (
            country is None and org_code is None and sector in STATE_SECTORS
            and self.registry.dominant_country and (person_name or title)
        ):
            country = self.registry.dominant_country
        if person_name:
            kind = "person"
        elif org is not None and title is None:
            kind = "organization"
        elif title is not None:
            kind = "person"
        elif group is not None:
            kind = "group"
        else:
            kind = "state"
            sector = sector or "GOV"
        name = person_name or (org.name if org is not None and kind == "organization" else None)
        if name is None and kind == "state" and country:
            info = self.kb.country(country)
            name = info.name if info else country
        if sector is None and kind == "person" and (country or org_code):
            sector = "GOV" if country and not org_code else None
        return Actor(
            text=text, name=name or text, title=(title.title or title.name) if title else (
                leader.title if leader else None),
            country=country, sector=sector, org=org_code, kind=kind,
            start=base + start, end=base + end, resolved_by="lexicon",
        )

    @staticmethod
    def _person_entity(doc, start: int, end: int) -> str | None:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start_char >= start and ent.end_char <= end:
                name = ent.text
                for honorific in ("Mrs. ", "Mr. ", "Ms. ", "Ms ", "Dr. ", "Mrs ", "Mr "):
                    if name.startswith(honorific):
                        name = name[len(honorific):]
                return name.strip()
        return None

    def _by_registry(self, text: str, tokens: list[Token], base: int, start: int, end: int) -> Actor | None:
        words = [t.text for t in tokens if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "det"]
        candidates = [text, " ".join(words)] + words[::-1]
        for key in candidates:
            if not key:
                continue
            found = self.registry.by_key(key.removeprefix("the ").removeprefix("The "))
            if found is not None:
                return found.model_copy(update={"text": text, "start": base + start, "end": base + end,
                                                "resolved_by": "coref:name"})
        return None


def _merge(a: Actor, b: Actor) -> Actor:
    """Combine two descriptions of one actor (a title phrase and its apposed name)."""
    update = {}
    if b.kind == "person" and a.kind != "person":
        update["name"] = b.name
        update["kind"] = "person"
    for attr in ("title", "country", "sector", "org"):
        if getattr(a, attr) is None and getattr(b, attr) is not None:
            update[attr] = getattr(b, attr)
    if b.end is not None:
        update["end"] = max(a.end or 0, b.end)
    return a.model_copy(update=update)


def sentence_span(doc) -> Span:
    return doc[:]

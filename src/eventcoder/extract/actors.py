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

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..knowledge import Entry, Knowledge, Mention
from ..models import STATE_SECTORS, Actor
from .syntax import QUOTING_VERBS, doc_text, prep_objects, subject_tokens

# forces that are not the story's country's own: "international forces", "foreign troops"
FOREIGN_WORDS = {"international", "foreign", "multinational", "coalition", "allied", "western", "outside",
                 # a region's, not the story's country: "West African leaders", "Arab ministers", "Gulf states"
                 "african", "arab", "asian", "gulf", "nordic", "balkan", "caribbean", "regional", "neighbouring",
                 "neighboring", "latin"}
GATHERING_HEADS = {"meeting", "session", "summit", "conference", "ceremony", "hearing", "rally", "gathering"}
# what a text or a law is called: never an actor, whatever country modifies it
LAWS = {"law", "bill", "legislation", "amendment", "decree", "budget", "ordinance", "regulation", "statute", "act"}
DOCUMENT_HEADS = LAWS | {"treaty", "report", "resolution", "constitution", "document", "memo", "letter", "study",
                          "case", "lawsuit", "petition"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
REFLEXIVES = {"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"}
FIRST_SINGULAR = {"i", "me", "my", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
QUOTE_MARKS = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}
PRONOUNS_GROUP = {"they", "them", "their", "it", "its", "we", "us", "our"}
CROWD_COUNTS = {"hundreds", "thousands", "dozens", "tens", "millions", "scores"}
QUANTITY_HEADS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
                  "dozens", "score", "scores", "third", "half", "quarter", "majority", "minority", "number",
                  "some", "many", "most", "several", "all", "none", "one", "two", "three", "part", "rest"}
INSTITUTION_HEADS = {"office", "government", "ministry", "administration", "side", "country", "party", "mission",
                     "delegation", "embassy", "team", "cabinet", "army", "force", "people", "leadership"}
# titles that head whatever body the phrase names ("the president of the court" is a judge)
HEAD_OF_TITLES = {"president", "vice president", "chairman", "chairwoman", "chair", "head", "chief", "leader",
                  "director", "secretary-general", "secretary general", "general secretary", "spokesman",
                  "spokeswoman", "spokesperson", "deputy", "deputy leader"}
COLLECTIVE_HEADS = {"group", "member", "delegation", "team", "coalition", "alliance", "faction", "bloc",
                    "wing", "movement", "network", "representative", "camp", "contingent", "unit", "people",
                    "forum", "grouping", "body", "organization", "organisation", "council", "committee", "union",
                    "commission", "club", "consortium", "federation", "league", "association", "mission", "cell"}
PLACE_HEADS = {"town", "city", "village", "area", "region", "province", "district", "neighborhood",
               "neighbourhood", "capital", "camp", "settlement", "home", "house", "base", "barracks", "outpost",
               "checkpoint", "garrison",
               "hospital", "school", "market", "street", "suburb", "territory", "enclave", "outskirts"}
# what news calls a regional or international body named before ("the bloc", "the alliance")
BLOC_WORDS = {"bloc", "alliance", "grouping", "organisation", "organization", "body", "union"}
# singular nouns of a body or a mass, never "he" or "she"
NOT_INDIVIDUALS = {"police", "army", "military", "government", "force", "junta", "regime", "opposition", "media",
                   "press", "public", "crowd", "population", "community", "navy", "guard", "court", "parliament",
                   "congress", "senate", "authority", "leadership", "administration", "ministry", "agency"}
# an armed group's own people ("its fighters")
ARMED_MEMBERS = {"fighter", "militant", "gunman", "member", "commander", "guerrilla", "combatant", "unit", "cell"}
# heads of a phrase naming a following ("supporters of the former president"): a group of people, not its leader
FOLLOWERS = {"supporter", "follower", "loyalist", "backer", "partisan", "sympathizer", "sympathiser", "devotee"}
FORMER_WORDS = {"former", "ex", "ousted", "deposed", "exiled", "toppled", "overthrown", "retired"}
# the words of an advocacy body's own name ("the Bahrain Institute for Rights and Democracy"): one of each
NGO_BODY_WORDS = {"Institute", "Foundation", "Centre", "Center", "Association", "Society", "Network", "Watch",
                  "Observatory", "Coalition", "Alliance", "Forum", "Project", "Initiative", "Committee", "League",
                  "Federation", "Council", "Movement", "Campaign", "Union"}
NGO_CAUSE_WORDS = {"Rights", "Democracy", "Freedom", "Freedoms", "Justice", "Liberties", "Peace", "Humanitarian",
                   "Transparency", "Accountability", "Refugees", "Journalists", "Defenders", "Victims",
                   "Prisoners", "Detainees", "Women", "Children", "Minorities", "Dignity"}
# nouns for one person that a story names again with "the" ("a police officer ... the officer")
ONE_PERSON_NOUNS = {"officer", "soldier", "journalist", "reporter", "activist", "general", "colonel", "commander",
                    "lawyer", "judge", "prosecutor", "diplomat", "ambassador", "envoy", "suspect", "driver",
                    "pilot", "farmer", "student", "teacher", "doctor", "nurse", "worker", "rancher", "businessman",
                    "businesswoman", "editor", "publisher", "blogger", "dissident", "politician", "lawmaker",
                    "senator", "governor", "mayor", "priest", "pastor", "cleric", "imam", "photographer",
                    "missionary", "tourist", "hostage", "captive", "detainee", "prisoner", "inmate", "defendant",
                    "critic", "candidate", "cameraman", "researcher", "academic", "businessperson", "guard"}
# weapons that state and non-state forces alike fire: named without an owner they name no actor
UNOWNED_WEAPONS = {"drone", "missile", "rocket", "shell", "bomb", "mortar", "projectile"}
# who speaks or negotiates for a body they are named "from" or "of" ("envoys from the army")
SPOKESPEOPLE = {"envoy", "delegate", "representative", "negotiator", "delegation", "official", "emissary"}
MILITARY_SITES = {"base", "barracks", "outpost", "checkpoint", "garrison"}
GENERIC_HEADS = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "chief", "head",
                 "representative", "member", "officer", "personnel", "staff", "agent"}
GENERIC_QUANTIFIERS = {"all", "other", "many", "some", "several", "various", "any", "most", "numerous", "certain"}
# parts of a noun phrase that belong to its name (the rest are clauses and adjuncts)
_NP_DEPS = {"compound", "amod", "poss", "det", "nmod", "nummod", "quantmod", "case", "punct", "npadvmod",
            "flat", "appos", "prep", "pobj", "cc"}
_NAME_PREPS = {"of", "for", "from"}  # "Ministry of ...", "Commissioner for ...", "diplomats from the G7"  # "Ministry of Foreign Affairs", "High Commissioner for Human Rights"


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
    order: int = 0  # when last mentioned
    sentence: int = 0  # the sentence it was last mentioned in
    subject_order: int = 0  # when last mentioned as a subject (the salient one for pronouns)
    gender: str | None = None  # "f" / "m" when the text says (Mrs., Mr., she, he)
    individual: bool = False  # one unnamed person ("a kidnapped rancher"): "he"/"him" may name them


_FEMALE = ("mrs", "ms", "miss", "madam", "mme", "queen", "princess", "lady", "dame")
_MALE = ("mr", "sir", "king", "prince", "lord")


def _gender_of(text: str) -> str | None:
    first = text.lower().lstrip("the ").split(" ", 1)[0].rstrip(".")
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return None


class ActorRegistry:
    """The actors met so far in a document, for coreference."""

    def __init__(self, dominant_country: str | None = None, text: str = "") -> None:
        self.items: list[RegistryItem] = []
        self.dominant_country = dominant_country
        self.text = text  # the document's text: which full names it gives a surname
        self._counter = 0
        self.sentence = 0  # set by the pipeline: the sentence being read
        # the organisations the whole text names, in document offsets (set by the pipeline)
        self.organizations: list[Mention] = []
        self.people: list[Mention] = []  # ... and the known people (leaders, ministers) it names
        self.speaker: tuple[Actor, int] | None = None  # who spoke the last quotation, and in which sentence

    def add(self, actor: Actor, *, salient: bool = False, gender: str | None = None, individual: bool = False) -> None:
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
            keys.add(actor.title.lower().split(" for ")[0])  # "high commissioner"
        if actor.org:
            keys.add(actor.org.lower())
        self._counter += 1
        gender = gender or _gender_of(actor.text)
        for item in self.items:
            if item.actor.key() == actor.key() or (actor.name and item.actor.name == actor.name):
                item.keys |= keys
                item.order = self._counter
                item.sentence = self.sentence
                if salient:
                    item.subject_order = self._counter
                item.gender = item.gender or gender
                item.individual = item.individual or individual
                for attr in ("title", "country", "sector", "org"):
                    if getattr(item.actor, attr) is None and getattr(actor, attr) is not None:
                        setattr(item.actor, attr, getattr(actor, attr))
                return
        self.items.append(RegistryItem(actor.model_copy(), keys, self._counter, self.sentence,
                                       self._counter if salient else 0, gender, individual))

    def touch(self, actor: Actor) -> None:
        """The person a pronoun of this sentence named is still being talked about: a pronoun a
        couple of sentences on may name them again."""
        for item in self.items:
            if item.actor.key() == actor.key():
                item.sentence = self.sentence

    def by_key(self, key: str) -> Actor | None:
        key = key.lower().strip()
        best = [i for i in self.items if key in i.keys]
        if not best:
            return None
        return max(best, key=lambda i: i.order).actor

    def person_of(self, org: str) -> Actor | None:
        """The person of this organisation mentioned last."""
        found = [i for i in self.items if i.actor.kind == "person" and i.actor.org == org
                 and i.actor.name and len(i.actor.name.split()) >= 2 and i.actor.name != i.actor.text]
        return max(found, key=lambda i: i.order).actor if found else None

    def named_group(self, sector: str) -> Actor | None:
        """The named organisation of this sector met last, within three sentences ("the BLA ...
        the separatist group")."""
        found = [i for i in self.items if i.actor.kind == "organization" and i.actor.sector == sector
                 and self.sentence - i.sentence <= 3]
        return max(found, key=lambda i: i.order).actor if found else None

    def described(self, word: str, within: int = 3) -> Actor | None:
        """The one person met in the last ``within`` sentences whose mention has the noun ``word`` ("a
        police officer", "retired General Ana Ruiz") -- None when there are several, or none."""
        def told_as(item: RegistryItem) -> bool:
            words = re.findall(r"[a-z]+", item.actor.text.lower())
            if item.actor.kind == "person":  # the title before the name: "retired Army General Ana Ruiz"
                return word in (item.actor.title or "").lower().split() or word in words[:-1]
            return item.individual and bool(words) and words[-1] == word  # "a police officer"

        found = [i for i in self.items if self.sentence - i.sentence <= within and told_as(i)]
        keys = {i.actor.key() for i in found}
        return found[-1].actor if len(keys) == 1 else None

    def recent_sector(self, sector: str, within: int = 1) -> bool:
        """Was an actor of this sector met in this sentence or the ``within`` before it?"""
        return any(i.actor.sector == sector and self.sentence - i.sentence <= within for i in self.items)

    def home_of(self, head: str, sector: str) -> str | None:
        """The country of the state bodies met so far whose mention ends in ``head`` ("Colombia's
        government", "Myanmar's military government" for "the government"; "the junta" after a
        military government), when they are all of one country."""
        heads = {head} | ({"government", "junta", "regime"} if head in ("junta", "regime") else set())
        found = {i.actor.country for i in self.items if i.actor.country and i.actor.sector == sector
                 and i.actor.kind != "person" and i.actor.text.lower().rsplit(" ", 1)[-1] in heads}
        return next(iter(found)) if len(found) == 1 else None

    def last_organization(self, sectors: frozenset[str]) -> Actor | None:
        """The organisation of one of these sectors met last, within three sentences: what "the group"
        (an armed group, party, movement, NGO) or "the bloc" (an intergovernmental body) names again."""
        found = [i for i in self.items if i.actor.kind == "organization" and i.actor.sector in sectors
                 and self.sentence - i.sentence <= 3]
        return max(found, key=lambda i: i.order).actor if found else None

    def organization_named(self, head: str, before: int) -> Actor | None:
        """The organisation met last whose name is headed by the noun ``head``: "the council" after
        "the U.N. Security Council", "the court" after "the International Court of Justice" -- among
        the actors of the last five sentences, else among the organisations the text named in the
        2,000 characters before offset ``before``. Nouns that head too many names ("state",
        "nations") are not read this way."""
        if head in _NOT_NAME_HEADS:
            return None
        found = [i for i in self.items if i.actor.kind == "organization" and self.sentence - i.sentence <= 5
                 and any(_name_head(n) == head for n in (i.actor.name, i.actor.text) if n)]
        if found:
            return max(found, key=lambda i: i.order).actor
        if head in BLOC_WORDS and (body := self.last_organization(INTERGOVERNMENTAL)) is not None:
            return body  # "ECOWAS closed its borders ... accused the bloc": the intergovernmental body named last
        for mention, entry in self._organizations_before(before, 2000):
            if head in (_name_head(entry.name), _name_head(mention.text)):
                return Actor(text=mention.text, name=entry.name, country=entry.country, sector=entry.sector,
                             org=entry.org, kind="organization", start=mention.start, end=mention.end,
                             resolved_by="coref:definite")
        return None

    def organization_before(self, before: int) -> Entry | None:
        """The international organisation or NGO the text named last, in the 1,000 characters before
        offset ``before`` (whose "Secretary General" a bare title names)."""
        return next((entry for _, entry in self._organizations_before(before, 1000) if entry.sector in ("IGO", "NGO")),
                    None)

    def _organizations_before(self, before: int, window: int) -> Iterator[tuple[Mention, Entry]]:
        """The organisations the text named in the ``window`` characters before offset ``before``, the
        nearest first, each with its table entry."""
        for mention in reversed(self.organizations):
            if before - window <= mention.start < before:
                yield mention, next(e for e in mention.entries if e.kind == "org")

    def last_pair(self, office: str, before: int) -> list[Actor]:
        """The two people holding ``office`` (a title word: "president", "minister"; "leader": any
        office) named last -- whom "the two presidents" names: the known office holders the text
        named in the 1,500 characters before offset ``before``, else the actors of the last five
        sentences; [] when there are not two."""
        def holds(title: str | None, sector: str | None) -> bool:
            return office in (title or "").lower() if office != "leader" else bool(title) or sector in ("GOV", "IGO")

        named: list[Actor] = []
        for mention in reversed(self.people):
            if mention.start >= before or mention.start < before - 1500:
                continue
            held = [e for e in mention.entries if e.kind == "person" and holds(e.title, e.sector)]
            if not held:
                continue
            entry = max(held, key=lambda e: (e.end_year is None, e.start_year or 0))  # (the latest term)
            if entry.name not in {a.name for a in named}:
                named.append(Actor(text=mention.text, name=entry.name, title=entry.title, country=entry.country,
                                   sector=entry.sector or "GOV", org=entry.org, kind="person",
                                   start=mention.start, end=mention.end, resolved_by="lexicon"))
            if len(named) == 2:
                return named[::-1]
        found = [i for i in self.items if i.actor.kind == "person" and self.sentence - i.sentence <= 5
                 and holds(i.actor.title, i.actor.sector)]
        pair = sorted(found, key=lambda i: i.order)[-2:]
        if len(pair) < 2 or pair[0].actor.key() == pair[1].actor.key():
            return []
        return [i.actor for i in pair]

    def last(self, kinds: set[str], gender: str | None = None, exclude: set[str] | None = None,
             nearest: bool = False) -> Actor | None:
        """The most salient actor of these kinds: last subject first, then last mention. With
        ``nearest`` (an object pronoun: "battled the army while blaming it for ..."), an actor already met
        in the same sentence comes first, the last one met."""
        cands = [i for i in self.items if (i.actor.kind in kinds or "person" in kinds and i.individual)
                 and self.sentence - i.sentence <= 2  # a pronoun reaches back two sentences at most
                 and not (gender and i.gender and i.gender != gender)
                 and not (exclude and (i.actor.name or "") in exclude)]
        if not cands:
            return None
        if "person" in kinds and any(i.actor.kind == "person" for i in cands):
            # (a named person before one known by a role word: "Joseph ... charged him")
            cands = [i for i in cands if i.actor.kind in kinds]
        here = [i for i in cands if i.sentence == self.sentence] if nearest else []
        best = max(here, key=lambda i: i.order) if here else max(cands, key=lambda i: (i.subject_order, i.order))
        if gender and best.gender is None:
            best.gender = gender  # "she" said it: remember
        return best.actor


_NOT_NAME_HEADS = {"state", "states", "nations", "nation", "republic", "people", "front", "movement", "force",
                   "forces", "army"}


def government_of(kb: Knowledge, country: str, resolved_by: str, text: str | None = None,
                  start: int | None = None, end: int | None = None) -> Actor:
    """The government of ``country`` as an actor (named as the tables name the country), for a
    place that stands for its state: the host of a visit, the target of a protest, the holder of
    a prisoner. ``text`` is what the sentence says, the country's name when it says nothing."""
    info = kb.country(country)
    name = info.name if info else country
    return Actor(text=text or name, name=name, country=country, sector="GOV", kind="state", start=start, end=end,
                 resolved_by=resolved_by)


def _chain_objects(pronoun: Token) -> list[Token]:
    """The plural noun objects of the earlier verbs in the pronoun's chain of coordinated verbs, nearest
    first ("picked out four soldiers, blindfolded them and shot them")."""
    verb = pronoun.head
    if pronoun.dep_ == "pobj":  # "expelled dozens of them": the verb of the count
        verb = pronoun.head.head.head
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in ("VERB", "AUX"):
        chain.append(chain[-1].head)
    return [o for v in chain[1:] for o in v.children if o.dep_ == "dobj" and o.tag_ in ("NNS", "NNPS")]


def _name_head(name: str) -> str:
    """The noun a name is headed by: "Security Council" -> council, "Court of Justice" -> court."""
    words = re.split(r"\s+", name.strip())
    for i, w in enumerate(words):
        if w.lower() in ("of", "for", "on") and i > 0:
            return words[i - 1].lower().strip(".,'’")
    return words[-1].lower().strip(".,'’") if words else ""


def dominant_country(mentions: list[Mention]) -> str | None:
    """The country a document is mostly about (its most mentioned country, demonym or capital; a
    town or landmark counts half)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        for e in m.entries:
            if e.kind in ("country", "demonym", "capital") and e.country:
                counts[e.country] += 1
                break
            if e.kind in ("place", "landmark") and e.country:
                counts[e.country] += 0.5
                break
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if (n < 2 and rest) or (rest and rest[0][1] == n):
        return None
    return top


_SPONSORED = re.compile(r"-(?:backed|supported|sponsored|funded|financed|armed|trained|allied|aligned|"
                        r"controlled|occupied|held|installed|appointed|friendly|leaning|inspired|based|headquartered|registered)\b", re.IGNORECASE)


def _not_identity(text: str, start: int, end: int) -> bool:
    """True when the country or group named at ``text[start:end]`` is not who the phrase is:
    "anti-Syria", "pro-Russian", "non-EU" before it, or "-backed", "-controlled", "-based" after it
    ("Iranian-backed militias" are not Iran)."""
    before = text[max(0, start - 5):start].lower()
    if text[start:end].lower() == "european" and re.search(r"(?:central|eastern|western|northern|southern|"
                                                           r"south-eastern|southeastern)[ -]$",
                                                           text[max(0, start - 14):start].lower()):
        return True  # "Central European populists": a region of Europe, not the Union
    if _PRIVATE_BODY.match(text, end):
        return True  # "the German Marshall Fund", "the American Enterprise Institute": a private body's name
    return before.endswith(("anti-", "anti ", "pro-", "non-")) or bool(_SPONSORED.match(text, end))


_PLACE_KINDS = frozenset({"country", "capital", "place"})
NONSTATE_GROUPS = frozenset({"REB", "UAF", "CRM", "PTY", "OPP", "NGO", "LAB", "REL"})  # what "the group" may be
INTERGOVERNMENTAL = frozenset({"IGO"})  # what "the bloc" may be
_LEADING_VERBS = frozenset({"head", "lead", "chair", "run", "direct"})  # "X, who heads the union"


def _first_name(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """Is the place or country named at ``m`` the first name of a person ("Jordan Bardella", "Victoria
    Chen")? It is when a PERSON entity starts with it and goes on, or, without entities, when it is
    one proper noun compounded onto the next, a capitalised proper noun no table knows."""
    if not all(e.kind in _PLACE_KINDS for e in m.entries):
        return False
    span = doc.char_span(m.start, m.end)
    if span is None or len(span) != 1 or span[0].pos_ != "PROPN" or span.end >= len(doc):
        return False
    tok = span[0]
    nxt = doc[tok.i + 1]
    if not (nxt.pos_ == "PROPN" and nxt.is_title and nxt.is_alpha and tok.whitespace_
            and not any(o.start <= nxt.idx < o.end for o in mentions)):
        return False
    if doc.ents:
        return any(ent.label_ == "PERSON" and ent.start == tok.i and ent.end > nxt.i for ent in doc.ents)
    return tok.dep_ == "compound" and tok.head.i == nxt.i


_PRIVATE_BODY = re.compile(r"(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:Fund|Foundation|Institute|Institution|Society|University|"
                           r"College|Center|Centre|Association|Forum)\b")


_NAME_WORDS = re.compile(r"(?: [A-Z][\w'\u2019-]*)* ")


def _nation_before(text: str, at: int, mentions: list[Mention]) -> str | None:
    """The country of a nation, people or country named in the same proper name just before ``at``
    ("World *Uyghur* Congress", "the *Tibetan* Youth Congress"), not hyphenated ("pro-Iranian")."""
    for m in mentions:
        if m.end < at and _NAME_WORDS.fullmatch(text, m.end, at) and text[m.start:m.start + 1].isupper() \
                and (m.start == 0 or text[m.start - 1] not in "-\u2010\u2011"):
            nation = _first(m.entries, "country", "demonym", "people")
            if nation is not None and nation.country:
                return nation.country
    return None


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
            if child.dep_ == "prep" and (child.lower_ not in _NAME_PREPS
                                         or not any(g.dep_ == "pobj" for g in child.children)):
                continue  # ("barred the envoy from entering": a clause, not part of the name)
            if child.dep_ not in _NP_DEPS and not child.dep_.startswith("compound"):
                continue
            if child.dep_ == "nummod" and child.i > tok.i and any(g.dep_ == "prep" for g in child.children):
                continue  # "return to Togo six of its soldiers", the count parsed onto Togo: a phrase of its own
            out.append(child)
            stack.append(child)
    out.sort(key=lambda t: t.i)
    if out[0].i > 0 and title_of_name(head.doc[out[0].i - 1]) == head:
        out.insert(0, head.doc[out[0].i - 1])  # "arrested activist Jane Doe", parsed as two objects
    while len(out) > 1 and out[0].is_punct:
        out.pop(0)  # "— Burkina Faso's army"
    while len(out) > 1 and out[-1].is_punct:
        out.pop()
    return out


def title_of_name(tok: Token) -> Token | None:
    """The name a bare role word belongs to when the parser made them two arguments of one verb
    ("arrested activist Jane Doe": "activist" and "Doe" both objects); None otherwise."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj") or list(tok.children) \
            or tok.i + 1 >= len(tok.doc):
        return None
    name = next((t for t in tok.head.children if t.dep_ == tok.dep_ and t.i > tok.i and t.pos_ == "PROPN"), None)
    if name is None or name.left_edge.i != tok.i + 1:
        return None
    return name


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


class ActorResolver:
    """Resolves noun phrases of one document's sentences to actors."""

    def __init__(self, kb: Knowledge, registry: ActorRegistry, year: int | None = None,
                 published: str | None = None) -> None:
        self.kb = kb
        self.registry = registry
        self.year = year
        self.published = published  # the story's date: who governs where (the Taliban before and after 2021)
        self._mentions: list[Mention] = []
        self._depth = 0

    def resolve(self, head: Token, index: MentionIndex, base: int, register: bool = True) -> Actor | None:
        """The actor named by the noun phrase headed by ``head`` (offsets: sentence + ``base``)."""
        self._mentions = index.mentions
        if self._depth > 3:  # pronouns resolved through pronouns: stop
            return None
        self._depth += 1
        try:
            return self._resolve(head, index, base, register)
        finally:
            self._depth -= 1

    def _resolve(self, head: Token, index: MentionIndex, base: int, register: bool) -> Actor | None:
        low = head.lower_
        if low in REFLEXIVES:
            return None  # "killed themselves": the actor, not a recipient
        if low in ("who", "whom", "which", "that") and head.head.dep_ == "relcl":
            # "the judge, whom Brussels blacklisted": the relative pronoun is its antecedent
            return self._resolve(head.head.head, index, base, register=False)
        if low in ("whom", "which") and head.dep_ == "pobj" and head.head.lower_ == "of":
            # "the crowd, some of whom hurled bottles": the antecedent of the clause the count heads
            clause = next((a for a in head.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                return self._resolve(clause.head, index, base, register=False)
            # (a parse that hangs the clause elsewhere: the noun just before ", some of whom")
            before = head.doc[max(head.head.head.i - 1, 0)]
            if before.is_punct and before.i > 0:
                before = head.doc[before.i - 1]
            return self._resolve(before, index, base, register=False) if before.pos_ in ("NOUN", "PROPN") else None
        counted = head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in QUANTITY_HEADS \
            and head.head.head.dep_ == "dobj"  # "expelled dozens of them"
        if low == "them" and (head.dep_ == "dobj" or counted):
            # "picked out four soldiers, blindfolded them and shot them": the plural object of the
            # same chain of verbs that names someone
            for earlier in _chain_objects(head):
                found = self._resolve(earlier, index, base, register=False)
                if found is not None:
                    return found.model_copy(update={"text": head.text, "start": base + head.idx,
                                                    "end": base + head.idx + len(head), "resolved_by": "coref:object"})
        if head.pos_ == "PRON" and low in QUANTITY_HEADS and (counted := [
                o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]):
            return self._resolve(counted[0], index, base, register)  # "some of whom", "many of them": those counted
        if head.pos_ == "PRON" or ((low in PRONOUNS_PERSON or low in PRONOUNS_GROUP) and not head.text.isupper()):
            found = self._pronoun(head, base)  # ("US" is a country, "us" a pronoun)
            if found is not None and register and low in PRONOUNS_PERSON:
                self.registry.touch(found)  # "He was freed. He was rearrested. Police charged him": still him
            return found
        if head.lemma_.lower() == "party" and any(c.lower_ in _SIDES_WORDS for c in head.children):
            return None  # "the parties concerned", "the warring parties": the sides of a conflict, not political parties
        if low == "intelligence" and head.dep_ in ("dobj", "pobj", "conj") and not any(
                c.dep_ in ("det", "poss", "amod", "compound") for c in head.children):
            return None  # "agreed to share intelligence": information, not the agency
        if head.lemma_.lower() in DOCUMENT_HEADS | GATHERING_HEADS and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return None  # "the Exclusion Act allowed ...", "spoke to the weekly meeting": a text or a gathering
        if head.lemma_.lower() in QUANTITY_HEADS or head.pos_ == "NUM":
            # "tens of thousands of students", "one third of the guerrillas": the people counted
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self._resolve(obj, index, base, register)
            if head.dep_ in ("nsubj", "nsubjpass") and head.lower_ in CROWD_COUNTS:
                # "Hundreds protested outside the consulate", "dozens were arrested": a crowd, people of
                # wherever it is
                return Actor(text=head.text, name="people", sector="CVL", kind="group",
                             start=base + head.idx, end=base + head.idx + len(head), resolved_by="lexicon")
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and owner.lower_ == "its" and head.pos_ == "NOUN" and head.lemma_.lower() in ARMED_MEMBERS:
            # "the ELN said its fighters seized him": the members of the armed group "its" names
            group = self._pronoun(owner, base)
            if group is not None and group.kind == "organization" and group.sector in ("REB", "UAF", "MIL", "CRM"):
                start, end = _span_chars(phrase_tokens(head))
                return group.model_copy(update={"text": doc_text(head.doc)[start:end], "start": base + start,
                                                "end": base + end, "kind": "group", "resolved_by": "coref:members"})
        if owner is not None and (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.lower_ in INSTITUTION_HEADS) \
                and head.lemma_.lower() not in ("counterpart", "rival", "opponent") \
                and not any(c.dep_ in ("amod", "compound") and any(
                    m.start <= c.idx < m.end and any(e.kind in ("demonym", "country") for e in m.entries)
                    for m in index.mentions) for c in head.children) and (
                head.lemma_.lower() in INSTITUTION_HEADS
                or any(m.start <= head.idx < m.end and not any(
                    e.kind == "role" and e.sector in ("CRM", "UAF") for e in m.entries) for m in index.mentions)):
            # (but "their captors", "his attackers" are not the pronoun's own: they are named by the role)
            # "her Office", "its government": the institution of the one the pronoun names
            return self._institution_of(owner, head, base)
        tokens = phrase_tokens(head)
        start, end = _span_chars(tokens)
        if head.lemma_.lower() in UNOWNED_WEAPONS and head.dep_ != "compound" and not any(
                m.start <= t.idx < m.end and any(e.kind in ("country", "demonym", "org", "capital") for e in m.entries)
                for t in tokens for m in index.mentions):
            return None  # "struck by a drone", "rockets hit the town": a weapon whose owner no one names (but
            # "a drone strike" in a civil war stays the state's, as the story's forces)
        for m in index.mentions:
            if m.start <= head.idx < m.end and m.end > end and any(e.kind == "org" for e in m.entries):
                end = m.end  # a name the parser split at a preposition: "Reporters Without Borders"
        mentions = index.within(start, end)
        if head.tag_ == "NN" and head.lemma_.lower() in ONE_PERSON_NOUNS and [
                c.lower_ for c in head.children if c.dep_ not in ("punct", "relcl", "acl")] == ["the"] \
                and (met := self.registry.described(head.lemma_.lower())) is not None:
            # "kidnapped a police officer ... freed the officer", "convicted General Ana Ruiz ... arrested the
            # general": the one person told before by that word (not "the governor of Havana": a phrase that
            # says which one)
            return met.model_copy(update={"text": doc_text(head.doc)[start:end], "start": base + start,
                                          "end": base + end, "resolved_by": "coref:definite"})
        modified = head.tag_ == "NNS" and any(
            m.start <= c.idx < m.end for c in head.children if c.dep_ in ("amod", "compound") for m in mentions)
        if (head.pos_ == "NOUN" and head.lemma_.lower() not in COLLECTIVE_HEADS | PLACE_HEADS and not modified
                and not self._heads_known_body(head, index, base)
                and not any(m.start <= head.idx < m.end for m in mentions) and not head.ent_type_
                and not head.text[:1].isupper()):  # (a capitalised "noun" is often a mis-tagged name)
            # the head must name someone: "military aid", "a Senegalese peace plan" and
            # "President Reagan's policy statement" name things, not actors -- unless it is the
            # head of an organisation named just before ("the council", "the court")
            return self._named_before(head, base)
        # "the court" after "the International Court of Justice": the organisation, before any country
        # the sentence's other names might lend the bare role word
        if (named := self._named_before(head, base)) is not None:
            return named
        actor = None
        if head.pos_ == "PROPN" and not any(e.kind == "org" for m in mentions for e in m.entries):
            # ("the Gulf Centre for Prisoners' Rights": an advocacy body, not the prisoners its name mentions)
            actor = self._advocacy_body(head, base)
        actor = actor or self._compose(head, tokens, mentions, start, end, base)
        if actor is None and head.lemma_.lower() == "group" and head.tag_ == "NN" \
                and [c.lower_ for c in head.children] == ["the"] and (named := self.registry.last_organization(NONSTATE_GROUPS)) is not None:
            # "Hezbollah ... The group had fired rockets": the armed group, party or NGO named just before
            actor = named.model_copy(update={"text": doc_text(head.doc)[start:end], "start": base + start,
                                             "end": base + end, "resolved_by": "coref:definite"})
        if actor is not None and actor.kind == "group" and not actor.org:
            # "judges at the International Criminal Court", "officials at the WHO": of that organisation
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "at"):
                for body in (o for o in prep.children if o.dep_ == "pobj"):
                    other = self.resolve(body, index, base, register=False)
                    if other is not None and other.kind == "organization" and other.org:
                        actor = actor.model_copy(update={"org": other.org, "country": other.country,
                                                         "sector": actor.sector or other.sector})
        if actor is not None and actor.sector == "IGO" and not actor.org and actor.country \
                and head.lemma_.lower() in ("peacekeeper", "peacekeeping"):
            # "Russian peacekeepers": a state's contingent (a UN or AU mission is named by its body)
            actor = actor.model_copy(update={"sector": "MIL"})
        if actor is not None and actor.sector == "MIL" and head.lemma_.lower() == "officer" and not any(
                c.dep_ in ("amod", "compound") for c in head.children) and (any(
                t.lemma_.lower() in ("police", "policeman", "policemen") for t in head.sent)
                or self.registry.recent_sector("COP") and not self.registry.recent_sector("MIL")):
            # "ambushed a police patrol, killing six officers": police officers (also "Ugandan police arrested
            # ... Officers blocked roads", when the police, not the army, were met just before)
            actor = actor.model_copy(update={"sector": "COP"})
        armed = actor is not None and actor.sector in ("REB", "UAF")
        if actor is not None and actor.kind == "group" and not actor.country and not actor.org and actor.sector \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                and (head.tag_ == "NN" or armed and head.tag_ == "NNS"):
            # a definite description of a named group met before: "the separatist group", "the militia" (and,
            # for armed groups, "the militants", "the rebels": rebels or unidentified, the named group's own)
            named = self.registry.named_group(actor.sector) or (
                self.registry.named_group("REB" if actor.sector == "UAF" else "UAF") if armed else None)
            if named is not None:
                actor = named.model_copy(update={"text": actor.text, "start": actor.start, "end": actor.end,
                                                 "resolved_by": "coref:definite"})
        if actor is None:
            # an apposition may carry the name: "the visiting envoy, Mrs. Mary Robinson" -- or say what
            # an unknown name is, hung on the name's last word: "the Alliance for Free Speech, a Danish
            # rights group"
            named = [head] + [o for p in head.children if p.dep_ == "prep" and p.lower_ in _NAME_PREPS
                              and head.pos_ == "PROPN" for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
            for child in (c for n in named for c in n.children):
                if child.dep_ == "appos":
                    return self.resolve(child, index, base)
            return None
        # "the UN High Commissioner for Human Rights, Mrs. Mary Robinson": the name is in the appos
        for child in head.children:
            if child.dep_ == "appos":
                other = self.resolve(child, index, base)
                if other is not None:
                    actor = _merge(actor, other)
        if actor.kind == "person" and not (actor.country or actor.org or actor.sector):
            # "Hassan Nouri, who heads the journalists' union": the body the person leads
            for clause in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in _LEADING_VERBS):
                for led in (o for o in clause.children if o.dep_ == "dobj"):
                    if (other := self._known_body(led, index, base)) is not None:
                        actor = _merge(actor, other)
        if register:
            # ("a kidnapped rancher ... seized him": one person the tables know only by a role word)
            individual = actor.kind == "group" and head.tag_ == "NN" and head.pos_ == "NOUN" \
                and head.lemma_.lower() not in COLLECTIVE_HEADS | INSTITUTION_HEADS | PLACE_HEADS | NOT_INDIVIDUALS
            self.registry.add(actor, salient=head.dep_ in ("nsubj", "nsubjpass"), individual=individual)
        return actor

    def _advocacy_body(self, head: Token, base: int) -> Actor | None:
        """An advocacy body the tables do not know, by its name: "the Bahrain Institute for Rights and
        Democracy", "the Committee to Protect Journalists" -- a body's word and a cause's word in one
        capitalised name: an NGO of no country."""
        if head.pos_ != "PROPN":
            return None
        doc, lo, hi = head.doc, head.left_edge.i, head.right_edge.i
        first = head.i
        while first - 1 >= lo and doc[first - 1].text[:1].isupper():
            first -= 1
        last = head.i  # the capitalised run around the head, with its small joining words
        while last + 1 <= hi and (doc[last + 1].text[:1].isupper() or doc[last + 1].tag_ == "POS" or doc[last + 1].lower_ in (
                "for", "of", "and", "to", "on", "&") and last + 2 <= hi and doc[last + 2].text[:1].isupper()):
            last += 1
        run = list(doc[first:last + 1])
        words = {t.text for t in run}
        if not words & NGO_BODY_WORDS or not words & NGO_CAUSE_WORDS:
            return None
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        return Actor(text=head.doc.text[start:end], name=head.doc.text[start:end], sector="NGO", kind="organization",
                     start=base + start, end=base + end, resolved_by="lexicon:name")

    def _organization(self, code: str) -> Entry | None:
        """The organisation with this code as it stood when the story was published (in power or not)."""
        entry = self.kb.organization(code)
        return entry.in_power(self.published) if entry is not None else None

    def _heads_known_body(self, head: Token, index: MentionIndex, base: int) -> bool:
        """Is this "the head of" (chief, director, leader ...) a body :meth:`_known_body` knows?"""
        return head.lemma_.lower() in HEAD_OF_TITLES and any(
            self._known_body(body, index, base) is not None for body in prep_objects(head, ("of",)))

    def _known_body(self, body: Token, index: MentionIndex, base: int) -> Actor | None:
        """The actor of a body someone heads, when it is an organisation the tables know or a state's
        body with its state named before it ("the African Union Commission", "Egypt's intelligence
        service"); None for a body known only by its role words ("the Cider Makers Council of the
        United States", "Regional Water Safety": such words say nothing sure of who it is)."""
        other = self.resolve(body, index, base, register=False)
        if other is None:
            return None
        first = phrase_tokens(body)[0].idx
        named_before = [m for m in index.mentions if m.start <= body.idx < m.end or first <= m.start < body.idx]
        if other.org or other.sector in STATE_SECTORS and any(
                e.kind in ("country", "demonym", "capital") for m in named_before for e in m.entries):
            return other
        return None

    def _named_before(self, head: Token, base: int) -> Actor | None:
        """"The council", "the court": a bare definite noun that heads the name of an organisation
        met just before is that organisation."""
        if head.tag_ != "NN" or [c.lower_ for c in head.children
                                 if c.dep_ not in ("prep", "punct", "relcl", "acl")] != ["the"]:
            return None
        named = self.registry.organization_named(head.lower_, base + head.idx)
        if named is None:
            return None
        det = next(c for c in head.children if c.lower_ == "the")
        return named.model_copy(update={"text": head.doc.text[det.idx:head.idx + len(head)],
                                        "start": base + det.idx, "end": base + head.idx + len(head),
                                        "resolved_by": "coref:definite"})

    def note_speaker(self, sent: Doc, index: MentionIndex, base: int) -> None:
        """Remember who speaks the quotation of this sentence: the named subject of a quoting verb."""
        if not any(t.text in QUOTE_MARKS for t in sent):
            return
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in QUOTING_VERBS:
                actor = self._named_speaker(tok, index, base)
                if actor is not None and (actor.country or actor.org):
                    self.registry.speaker = (actor, self.registry.sentence)
                    return

    def _named_speaker(self, verb: Token, index: MentionIndex, base: int) -> Actor | None:
        """The subject of a quoting verb, when it is a name and not a pronoun ('"...," he said' is
        too often resolved to the wrong person)."""
        named = [t for t in subject_tokens(verb) if t.pos_ != "PRON"]
        return self.resolve(named[0], index, base, register=False) if named else None

    def _first_person(self, head: Token, base: int) -> Actor | None:
        """'I' and 'we' in a quotation: the one who speaks it (named in the sentence, or in the
        sentence before for a quotation that goes on); 'we' is the speaker's government or body."""
        speaker = None
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in QUOTING_VERBS:
            speaker = self._named_speaker(verb.head, MentionIndex(self._mentions), base)
        if speaker is None and self.registry.speaker is not None \
                and self.registry.sentence - self.registry.speaker[1] <= 2 \
                and any(t.text in QUOTE_MARKS for t in head.sent if t.i < head.i):
            speaker = self.registry.speaker[0]
        if speaker is None:
            return None
        start, end = base + head.idx, base + head.idx + len(head)
        if head.lower_ in FIRST_PLURAL and speaker.kind == "person":
            return self._body_of(speaker, head.text, start, end, "coref:reported-speech")
        return speaker.model_copy(update={"text": head.text, "start": start, "end": end,
                                          "resolved_by": "coref:reported-speech"})

    def _pronoun(self, head: Token, base: int) -> Actor | None:
        low = head.lower_
        if low in FIRST_SINGULAR | FIRST_PLURAL:
            return self._first_person(head, base)
        speaker = self._reporting_subject(head, base) or self._conjoined_owner(head, base) \
            or self._subject_owner(head, base)
        if speaker is not None:
            return speaker
        if low in PRONOUNS_PERSON:
            gender = "f" if low in ("she", "her", "hers", "herself") else "m"
            found = self.registry.last({"person"}, gender, exclude=self._clause_subjects(head),
                                       nearest=head.dep_ in ("dobj", "dative") and low in ("him", "her"))
        else:
            objective = head.dep_ in ("dobj", "pobj", "dative") and low in ("it", "them")
            found = self.registry.last({"state", "organization", "group"}, nearest=objective,
                                       exclude=self._clause_subjects(head) if objective else None)
        if found is None:
            return None
        return found.model_copy(update={"text": head.text, "start": base + head.idx,
                                        "end": base + head.idx + len(head), "resolved_by": "coref:pronoun"})

    def _subject_owner(self, pronoun: Token, base: int) -> Actor | None:
        """'The rebel group insisted on its demand', 'the unions called off their strike': a possessive
        "its"/"their" in a verb's own phrase names that verb's subject (a body, not a person), when it
        comes before the pronoun."""
        if pronoun.dep_ != "poss" or pronoun.lower_ not in ("its", "their"):
            return None
        verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        subjects = [t for t in subject_tokens(verb) if t.pos_ in ("NOUN", "PROPN") and t.i < pronoun.i]
        if not subjects:
            return None
        actor = self.resolve(subjects[0], MentionIndex(self._mentions), base, register=False)
        if actor is None or actor.kind == "person":
            return None
        return actor.model_copy(update={"text": pronoun.text, "start": base + pronoun.idx,
                                        "end": base + pronoun.idx + len(pronoun), "resolved_by": "coref:possessive"})

    def _conjoined_owner(self, pronoun: Token, base: int) -> Actor | None:
        """'Trump and his Cabinet': a possessive inside a coordination names the first conjunct."""
        owned = pronoun.head
        if pronoun.dep_ != "poss" or owned.dep_ != "conj":
            return None
        first = owned.head
        if first.pos_ not in ("PROPN", "NOUN"):
            return None
        return self.resolve(first, MentionIndex(self._mentions), base, register=False)

    def _reporting_subject(self, pronoun: Token, base: int) -> Actor | None:
        """'Hungary said it will ...': a subject pronoun of a reported clause is the reporter; so is
        the subject of an adverbial clause the main clause's ('protesters chanted as they marched')."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.dep_ not in ("ccomp", "advcl"):
            return None
        reporter = [t for t in subject_tokens(pronoun.head.head) if t.pos_ != "PRON"]
        if not reporter or (pronoun.head.dep_ == "advcl" and reporter[0].i > pronoun.i):
            return None
        actor = self.resolve(reporter[0], MentionIndex(self._mentions), base)
        if actor is None:
            return None
        person = pronoun.lower_ in PRONOUNS_PERSON
        if person != (actor.kind == "person"):
            return None
        return actor.model_copy(update={"text": pronoun.text, "start": base + pronoun.idx,
                                        "end": base + pronoun.idx + len(pronoun),
                                        "resolved_by": "coref:reported-speech"})

    def _clause_subjects(self, pronoun: Token) -> set[str]:
        """Names of the subject of the pronoun's own clause: 'X congratulated her' — her is not X."""
        if pronoun.dep_ in ("nsubj", "nsubjpass"):
            return set()
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # (Tokens are new objects each time)
            verb = verb.head
        names: set[str] = set()
        for tok in subject_tokens(verb):
            if tok.pos_ == "PRON":
                continue
            actor = self.resolve(tok, MentionIndex([]), 0, register=False)
            if actor is not None and actor.name:
                names.add(actor.name)
        return names

    def _institution_of(self, owner: Token, head: Token, base: int) -> Actor | None:
        who = self._pronoun(owner, base)
        if who is None or not (who.org or who.country):
            return None
        role = next((e for m in self._mentions if m.start <= head.idx < m.end for e in m.entries
                     if e.kind == "role"), None)
        if role is not None:  # "their forces": the forces of the one named before
            return Actor(text=head.doc.text[owner.idx:head.idx + len(head)], name=role.name, title=None,
                         country=who.country, sector=role.sector, org=who.org, kind="group",
                         start=base + owner.idx, end=base + head.idx + len(head), resolved_by="coref:possessive")
        return self._body_of(who, head.doc.text[owner.idx:head.idx + len(head)], base + owner.idx,
                             base + head.idx + len(head), "coref:possessive")

    def _body_of(self, who: Actor, text: str, start: int, end: int, how: str) -> Actor | None:
        """The government or organisation a person (or a body) speaks for: "its" government, the
        "we" of an official; None when neither an organisation nor a country is known."""
        if not (who.org or who.country):
            return None
        kind = "organization" if who.org else "state"
        name, sector = who.org or who.country, who.sector or "GOV"
        if who.org and (entry := self._organization(who.org)) is not None:
            name, sector = entry.name, entry.sector or sector  # (the body's own sector, not its member's)
        elif who.country and (info := self.kb.country(who.country)) is not None:
            name = info.name
        return Actor(text=text, name=name, country=who.country, sector=sector, org=who.org,
                     kind=kind, start=start, end=end, resolved_by=how)

    def _compose(self, phrase_head: Token, tokens: list[Token], mentions: list[Mention], start: int, end: int,
                 base: int) -> Actor | None:
        doc = phrase_head.doc
        full = doc_text(doc)
        text = full[start:end]
        people: list[Entry] = []
        title: Entry | None = None
        org: Entry | None = None
        country: str | None = None
        group: Entry | None = None
        place: Entry | None = None
        folk: Entry | None = None  # an ethnic or religious community ("Uyghurs", "Rohingya")
        capital = False  # the phrase names a capital city (the government, or the city's people)
        country_at = title_at = org_at = -1  # where the country, the title and the org are named in the phrase
        head_role = False  # the head word is itself a specific role ("lawyers", "soldiers")
        # the role word that heads the phrase wins over modifiers ("Moslem fundamentalist demonstrators")
        mentions = sorted(mentions, key=lambda m: not (m.start <= phrase_head.idx < m.end))
        for m in mentions:
            e = m.entries
            if _not_identity(full, m.start, m.end):
                continue  # "an anti-Syria journalist" is not Syrian, nor are "Iranian-backed militias" Iran
            if _first_name(doc, m, mentions):
                continue  # "Jordan Bardella", "Milan Petrovic": a first name, not a country or a city
            if any(x.kind == "person" for x in e):
                people += [x for x in e if x.kind == "person"]
            elif (o := _first(e, "org")) is not None and org is None:
                # one acronym, two bodies ("RSF": a Sudanese militia, a press freedom group): the one
                # of the country the story is about
                if sum(x.kind == "org" for x in e) > 1:
                    named = {self.registry.dominant_country} | {
                        x.country for other in self._mentions if other is not m for x in other.entries if x.country}
                    o = next((x for x in e if x.kind == "org" and x.country and x.country in named), o)
                org = o.in_power(self.published)
                org_at = m.start
            elif (c := _first(e, "country", "demonym", "capital")) is not None and country is None:
                country = c.country
                country_at = m.start
                capital = c.kind == "capital" and not any(x.kind == "country" for x in e)
            elif (pl := _first(e, "place", "landmark")) is not None and place is None and pl.country:
                place = pl
            elif (f := _first(e, "people")) is not None and folk is None:
                folk = f
            elif (r := _first(e, "role")) is not None:
                if r.role_kind == "title" and (title is None or (title.title or title.name).lower() in _PREFIX_TITLES):
                    title = r  # ("Deputy U.N. Ambassador": the ambassador's title, not the bare "Deputy")
                    title_at = m.start
                elif group is None or (group.sector in STATE_SECTORS and r.sector not in STATE_SECTORS
                                       and not (head_role and m.start > phrase_head.idx)):
                    group = r  # "leaders of the opposition coalition": the specific group wins
                    # (but not over a specific head: "attorneys for the reporter" are attorneys)
                    head_role = head_role or (m.start <= phrase_head.idx < m.end
                                              and phrase_head.lemma_.lower() not in GENERIC_HEADS | HEAD_OF_TITLES
                                              and phrase_head.lemma_.lower() not in ("leader", "group"))
        namesake: Entry | None = None
        if org is not None and org.country and (nation := _nation_before(full, org_at, mentions)) is not None \
                and nation != org.country:
            # "the World Uyghur Congress" is not the U.S. Congress, "the Karen National Liberation Army" not
            # Colombia's: another nation's body named like a known one. A movement, party or group keeps the
            # kind of body it is named after, of that nation; a state body's name says nothing we can code.
            if org.sector in STATE_SECTORS:
                return None
            namesake, org, country = org, None, nation
        if country is None and org is None:
            country = self._country_of_location(phrase_head)
        if folk is not None and not (people or title or org or group or namesake):
            # "40 Uyghurs", "the Rohingya": a community, people (of its homeland or of where they are)
            return Actor(text=text, name=folk.name, country=country or folk.country, sector="CVL", kind="group",
                         start=base + start, end=base + end, resolved_by="lexicon:people")
        if folk is not None and country is None and org is None:
            country = folk.country  # "Rohingya refugees", "Yazidi activists"
        if country is None and org is None and place is not None and (group or title):
            country = place.country  # "Darfur rebels", "Gaza residents"
        head_kinds = {e.kind for m in mentions if m.start <= phrase_head.idx < m.end for e in m.entries}
        if not (people or title or org or group) and (phrase_head.tag_ in ("NNS", "NNPS") or phrase_head.lower_
                                                      in ("wounded", "injured", "dead", "displaced")) \
                and not head_kinds & {"country", "capital", "org"} \
                and (home := self._country_of_prep(phrase_head, mentions, ("of", "from", "in"))):
            # "the Tamils of northern Sri Lanka", "the Uyghurs of western China", "the injured from the
            # villages near Taiz": people where they live, not a state
            return Actor(text=text, name=text, country=home, sector="CVL", kind="group",
                         start=base + start, end=base + end, resolved_by="lexicon:population")
        if org is not None and head_kinds & {"country", "demonym", "capital"} and not head_kinds & {"org"}:
            org = None  # "NATO-member Norway" is Norway
        if group is not None and title is None and phrase_head.lemma_.lower() in GENERIC_HEADS:
            # "intelligence officials", "military sources": the modifier says who they are
            modifier = next((e for m in mentions if not (m.start <= phrase_head.idx < m.end)
                             for e in m.entries if e.kind == "role"), None)
            if modifier is not None:
                group = modifier
        person_name = people[0].name if people else self._person_entity(doc, start, end)
        if person_name and not people and _all_known_peoples(doc, start, end, mentions):
            person_name = None  # the tagger's "person" "Bosnian Serbs" is a people: demonyms only
        if person_name and not people and place is not None and not (title or org or group) and all(
                any(m.start <= t.idx < m.end and any(e.kind == "place" for e in m.entries) for m in mentions)
                for t in tokens if t.pos_ == "PROPN"):
            person_name = None  # the tagger's "person" "Kharkiv" is the city the gazetteer knows
        if person_name and not people and org is not None and "org" in head_kinds and not title:
            person_name = None  # the tagger's "person" "Al-Shabab" is the organisation the tables know
        org_code = org.org if org is not None else (title.org if title is not None and title.org else None)
        if org is None and org_code:
            org = self._organization(org_code)
        known = self.registry.by_key(person_name) if person_name else None
        if person_name and not people and known is None:
            people = [p for p in self.kb.persons_named(person_name)
                      if not _namesake(person_name, p.name, self.registry.text)]
        leader = self._choose_leader(people, country, org_code, title)
        if person_name is None and not (title or org or country or group):
            if place is not None and phrase_head.dep_ not in ("nsubj", "nsubjpass"):
                # "the invasion of South Lebanon", "shelled Juba": the people of the place
                return Actor(text=text, name=place.name, country=place.country, sector="CVL", kind="group",
                             start=base + start, end=base + end, resolved_by="lexicon:place")
            # a bare surname or title met before ("Qian", "the High Commissioner")
            found = self._by_registry(text, tokens, base, start, end)
            if found is None and place is not None and place.kind == "place" and phrase_head.dep_ == "nsubj" \
                    and phrase_head.pos_ == "PROPN" and len(tokens) == 1:
                # "Ontario imposed a surcharge", "Texas sued": a province or state acting is its government
                return Actor(text=text, name=place.name, country=place.country, sector="GOV", kind="group",
                             start=base + start, end=base + end, resolved_by="lexicon:place-government")
            return found
        if person_name is None and title is not None and title.org and not country:
            # "the UN High Commissioner for Refugees" after "Filippo Grandi" of UNHCR: that person
            holder = self.registry.person_of(title.org)
            if holder is not None:
                return holder.model_copy(update={"text": text, "start": base + start, "end": base + end,
                                                 "resolved_by": "coref:title"})
        if person_name is None and org is None and country is None and (title or group):
            if title is not None:
                before = self._by_registry(text, tokens, base, start, end)
                if before is not None:
                    return before  # "the High Commissioner" named earlier
            if group is not None and group.sector == "PTY" and phrase_head.lemma_.lower() == "party" and \
                    all(t.dep_ in ("det", "punct") for t in tokens if t is not phrase_head):
                return None  # "the parties" to a deal are not political parties
            if any(t.lower_ in GENERIC_QUANTIFIERS for t in tokens) and not any(t.like_num for t in tokens):
                return None  # "all other parties", "many countries": nobody in particular
        if person_name is None and org is None and country is None and title is None and group is not None \
                and group.sector in STATE_SECTORS \
                and not (phrase_head.tag_ == "NNS" and phrase_head.lemma_.lower() in _SEVERAL_STATES) \
                and not any(t.lower_ in FOREIGN_WORDS and (t.lower_ != "coalition" or group.sector == "MIL")
                            for t in tokens):
            # a bare role word ("troops", "the government"): the one state's body of that name met before
            # ("Colombia's government ... the government"), else the country the story is about (not
            # "foreign troops"; "coalition forces" are foreign, "the coalition government" is not)
            country = self.registry.home_of(phrase_head.lemma_.lower(), group.sector) \
                if any(t.lower_ == "the" for t in tokens) else None
            country = country or self.registry.dominant_country
        if org is not None and org.sector == "IGO" and country is not None and (
                title is not None and (title.title or title.name or "").lower() in ENVOY_TITLES
                or title is None and phrase_head.lemma_.lower() in ("mission", "delegation", "embassy")) and (any(
                    c.dep_ == "poss" for c in phrase_head.children) or 0 <= country_at < title_at):
            # "Kenya's U.N. ambassador", "French Deputy U.N. Ambassador X": a country's envoy to the UN
            # speaks for that country, not for the UN (but "the UN envoy to Syria" is the UN's)
            org, org_code = None, None
            if title is not None and title.sector == "IGO":
                title = replace(title, sector="GOV")  # (a state's envoy is its government's)
        if org is None and not org_code and country is None and title is not None and title.sector == "IGO" \
                and (near := self.registry.organization_before(base + start)) is not None:
            # "said Secretary General X" in a story about Doctors Without Borders: its secretary general
            org, org_code = near, near.org
        sector = title.sector if title is not None else (group.sector if group is not None else None)
        if title is not None and group is not None and title.sector == "GOV" and group.sector \
                and group.sector != "GOV" and (title.title or title.name or "").lower() in HEAD_OF_TITLES:
            sector = group.sector  # "the court's president", "the party's leader": the head of that body
        if org is not None and (sector is None or org.sector not in STATE_SECTORS):
            sector = org.sector  # a Hamas leader is REB, a UN envoy IGO
        elif org is not None and sector == "GOV" and org.sector != "GOV" and title is None \
                and phrase_head.lemma_.lower() in SPOKESPEOPLE:
            sector = org.sector  # "envoys from the army", "officials of the police": the body they speak for
        elif org is not None and org.governs and org.sector == "GOV" and sector in ("REB", "UAF"):
            sector = "MIL"  # the fighters of an armed group in power are its state's forces
        elif namesake is not None and (sector is None or sector in STATE_SECTORS):
            sector = namesake.sector
        for source in (leader, known):
            if source is None:
                continue
            if country is None and org_code is None and not source.org:
                country = source.country
            sector = sector or source.sector
            org_code = org_code or source.org
            person_name = getattr(source, "name", None) or person_name
        if country is None and org is not None and org.sector not in ("IGO", "NGO"):
            country = org.country
        if country is None and org is None and org_code and (entry := self._organization(org_code)) is not None \
                and entry.sector not in ("IGO", "NGO"):
            country = entry.country  # a known person of a national body ("Leavitt" of the White House): its country
        if org is not None and org.sector in ("IGO", "NGO") and not org.country:
            country = None  # "the UN envoy for Syria" belongs to no country
        if (country is None and org_code is None and sector in STATE_SECTORS
                and self.registry.dominant_country and (person_name or title)):
            country = self.registry.dominant_country
        civilians = self._population(phrase_head, tokens, mentions)
        if civilians is not None and not (person_name or title or org or group):
            if any(t.lower_ == "ethnic" for t in tokens):
                country = None  # "ethnic Albanians": a people; the place of the event decides
            else:
                country = civilians or country or None
            sector = "MIL" if phrase_head.lemma_.lower() in MILITARY_SITES else "CVL"
            return Actor(text=text, name=text, country=country, sector=sector, kind="group",
                         start=base + start, end=base + end, resolved_by="lexicon:population")
        if person_name or (title is not None and org is None):
            kind = "person"
        elif org is not None or namesake is not None:
            kind = "organization"
        elif group is not None:
            kind = "group"
        else:
            kind = "state"
            sector = sector or "GOV"
        if sector is None and kind == "person" and country and not org_code:
            sector = "GOV"
        if sector in STATE_SECTORS and any(t.lower_ in FORMER_WORDS for t in tokens):
            sector = "ELI"  # former office holders are elites, not the government (CAMEO)
        elif kind == "person" and org_code and any(t.lower_ in FORMER_WORDS for t in tokens):
            org_code, sector = None, "ELI"  # "former NATO chief X" no longer speaks for NATO
        if phrase_head.lemma_.lower() in FOLLOWERS and any(c.dep_ == "prep" and c.lower_ == "of" for c in phrase_head.children):
            # "supporters of former President X" are not X: a crowd, in opposition when X is out of office
            # or in opposition, armed when X leads rebels
            sector = "OPP" if sector in ("ELI", "OPP", "PTY") else "REB" if sector in ("REB", "UAF") else "CVL"
            kind, person_name, title, leader = "group", None, None, None
        name = person_name or (org.name if org is not None and kind == "organization" else None)
        if name is None and kind == "state" and country:
            info = self.kb.country(country)
            name = info.name if info else country
        title_text = (title.title or title.name) if title is not None else (leader.title if leader else None)
        how = "lexicon:capital" if capital and kind == "state" else "lexicon"
        return Actor(text=text, name=name or text, title=title_text, country=country, sector=sector,
                     org=org_code, kind=kind, start=base + start, end=base + end, resolved_by=how)

    @staticmethod
    def _country_of_prep(head: Token, mentions: list[Mention], preps: tuple[str, ...]) -> str | None:
        """The country of the first country or place named inside ``head``'s ``preps`` phrases."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            sub = list(prep.subtree)
            lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
            for m in mentions:
                e = _first(m.entries, "country", "capital", "place", "landmark") if lo <= m.start < hi else None
                if e is not None and e.country:
                    return e.country
        return None

    def _population(self, head: Token, tokens: list[Token], mentions: list[Mention]) -> str | None:
        """'168 Liberians', 'Palestinians', 'the town of Gorazde' as a target: people of a place (CVL).

        Returns the country ('' when unknown) or None when the phrase is not a population."""
        if head.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in PLACE_HEADS and (
                not (head.tag_ == "NNPS" or head.text.endswith("s"))
                or any(t.lower_ == "the" for t in tokens if t.i < head.i)):
            return None
        covering = [e for m in mentions if m.start <= head.idx < m.end for e in m.entries]
        if head.lemma_.lower() in PLACE_HEADS:
            for e in (e for m in mentions for e in m.entries):
                if e.country:
                    return e.country
            return ""
        if head.dep_ in ("nsubj", "nsubjpass"):
            pass
        elif any(e.kind in ("place", "landmark") for e in covering) and \
                not any(e.kind in ("country", "capital") for e in covering):  # a capital is its government
            return next(e.country for e in covering if e.country) if any(e.country for e in covering) else ""
        if head.text.endswith("s") and any(e.kind == "demonym" for e in covering) and \
                not any(t.lower_ == "the" for t in tokens if t.i < head.i):
            if any(t.lower_ == "ethnic" for t in tokens):
                return ""  # "ethnic Albanians" in Serbia: a people, not the citizens of a state
            for m in mentions:  # "Bosnian Serbs", "Kosovo Albanians": the people of the state named first
                if m.end <= head.idx and (e := _first(m.entries, "demonym", "country")) is not None and e.country:
                    return e.country
            return next(e.country for e in covering if e.kind == "demonym")
        if head.pos_ in ("NOUN", "PROPN") and any(e.kind == "demonym" for e in covering) and (
                any(c.dep_ == "nummod" for c in head.children)
                or head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in QUANTITY_HEADS):
            # "thousands of Malians", "300 Chinese": people counted, not the state
            return next(e.country for e in covering if e.kind == "demonym")
        if head.text[:1].isupper() and head.text.endswith("s") and head.tag_ in ("NNPS", "NNS", "NNP") \
                and not covering:
            # "Iraqi Kurds", "Bosnian Muslims": a people, of the country a modifier names
            for e in (e for m in mentions for e in m.entries):
                if e.kind in ("demonym", "country") and e.country:
                    return e.country
            return ""
        return None

    def _country_of_location(self, head: Token) -> str | None:
        """'protesters in Hong Kong', 'rebels from Syria': a group's country from where it is."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of", "throughout", "across", "inside"):
                for obj in prep.children:
                    lo, hi = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
                    for m in self._mentions:
                        if m.start >= lo and m.end <= hi:
                            for e in m.entries:
                                if e.kind in ("country", "capital", "place", "landmark") and e.country:
                                    return e.country
        return None

    def _choose_leader(self, people: list[Entry], country: str | None, org_code: str | None,
                       title: Entry | None) -> Entry | None:
        """The office a named person held here: by year, then by what the phrase says; None if unsure."""
        if not people:
            return None
        if self.year is not None:
            people = [p for p in people if (p.start_year or 0) <= self.year <= (p.end_year or 9999)] or people
        for keep in (lambda p: org_code is not None and p.org == org_code,
                     lambda p: country is not None and p.country == country,
                     lambda p: title is not None and (p.title or "").lower() == (title.title or title.name).lower()):
            narrowed = [p for p in people if keep(p)]
            if narrowed:
                people = narrowed
        if len({(p.country, p.org) for p in people}) == 1:
            return people[-1]
        state = [p for p in people if p.org is None]
        if len({p.country for p in people}) == 1 and state:
            return state[-1]  # Xi Jinping, president and party leader at once: the state office speaks
        return None

    @staticmethod
    def _person_entity(doc, start: int, end: int) -> str | None:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start_char >= start and ent.end_char <= end:
                name = ent.text
                for honorific in ("Mrs. ", "Mr. ", "Ms. ", "Ms ", "Dr. ", "Mrs ", "Mr "):
                    name = name.removeprefix(honorific)
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


# plural nouns for several states: "three member states", "governments" are not the story's one country
_SEVERAL_STATES = {"state", "country", "nation", "government", "member"}
_SIDES_WORDS = {"concerned", "involved", "warring", "relevant", "opposing", "conflicting", "belligerent", "feuding"}
_PREFIX_TITLES = {"deputy", "vice", "acting", "assistant", "interim"}
ENVOY_TITLES = {"ambassador", "deputy ambassador", "envoy", "special envoy", "permanent representative", "representative"}
_TITLE_WORDS = {"President", "Prime", "Minister", "Mr", "Mrs", "Ms", "Dr", "General", "Gen", "King", "Queen",
                "Chancellor", "Premier", "Secretary", "Senator", "Sen", "Governor", "Leader", "Chairman", "Speaker",
                "Ambassador", "Envoy", "Judge", "Justice", "Pope", "Prince", "Sheikh", "Emir", "Colonel", "Rep"}


def _namesake(surname: str, leader: str, text: str) -> bool:
    """"Bennett" is not the leader Naftali Bennett when the story names a Richard Bennett: a bare
    surname whose full form in the story has another first name."""
    if " " in surname.strip() or not text:
        return False
    firsts = {m.group(1) for m in re.finditer(r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b", text)}
    own = set(leader.split())
    return any(f not in own and f not in _TITLE_WORDS and f.lower() not in _FUNCTION_WORDS for f in firsts)


# capitalised words that begin a sentence or a name phrase without being a first name ("The Bush
# administration", "Former Mahathir aide")
_FUNCTION_WORDS = {"the", "a", "an", "and", "but", "or", "in", "on", "at", "by", "for", "from", "with",
                   "of", "to", "as", "after", "before", "when", "while", "since", "then", "also", "both",
                   "former", "late", "new", "old", "young", "under", "against", "says", "said", "told",
                   "that", "this", "if", "during", "about", "how", "why", "what", "where", "who", "whom",
                   "whose", "which", "his", "her", "their", "our", "its", "my", "your", "not", "so", "yet",
                   "because", "although", "though"}


def _all_known_peoples(doc: Doc, start: int, end: int, mentions: list[Mention]) -> bool:
    """Every word of the PERSON entity inside [start, end) is a known demonym or country."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start_char >= start and ent.end_char <= end:
            return all(tok.is_punct or any(m.start <= tok.idx < m.end and any(
                e.kind in ("demonym", "country", "people") for e in m.entries) for m in mentions) for tok in ent)
    return False


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

"""Events: triggers in a parsed sentence → PLOVER type, mode, participants and modality.

Reads: one parsed sentence (spaCy ``Doc``), an :class:`~eventcoder.extract.actors.ActorResolver`
for the participants. Writes: :class:`RawEvent` objects (one per trigger that holds an event), which
the pipeline dates, places, deduplicates and turns into :class:`~eventcoder.models.Event`.

The knowledge of which word signals which event is in ``data/triggers.csv`` (and the object classes
in ``data/trigger_classes.csv``), not in this code. This module holds the grammar:

* verbal triggers take their ACTOR from the subject (the agent in the passive) and the RECIPIENT
  from the object or the prepositions their row names;
* nominal triggers ("held talks with", "talks between X and Y", "an airstrike by X on Y", "X's
  visit") take theirs from a light verb's subject or from their own modifiers;
* frame verbs (request, agree/promise, threaten, reject, deny) code the frame event and take their
  mode from the event in their complement ("urged Israel to withdraw" → REQUEST yield); the
  complement event itself is not asserted and is not coded;
* modality: negated ("did not meet"), future ("will visit"), hypothetical ("could impose", an
  infinitive of purpose, a condition), denied ("denied attacking"), generic ("always supports").
  Future commitments to cooperate are AGREE and to concede are CONCEDE, as the codebook says.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from ..errors import KnowledgeError
from ..models import STATE_SECTORS, Actor
from .actors import LAWS, QUOTE_MARKS, ActorResolver, MentionIndex, government_of, title_of_name
from .dates import FUTURE_AUX, WEEKDAYS
from .story import ANAPHORIC_TYPES, JOINT_TYPES, TOLD_TYPES, StoryMemory
from .syntax import (
    CLAIMED,
    OBLIGATION_REPORTERS,
    QUOTING_VERBS,
    SAY_VERBS,
    STATEMENTS,
    STRIKE_NOUNS,
    doc_text,
    infinitive_subjects,
    particles,
    tree_order,
)
from .syntax import (
    agent_tokens as _agent_tokens,
)
from .syntax import (
    children as _children,
)
from .syntax import (
    conjuncts as _conjuncts,
)
from .syntax import (
    is_passive as _is_passive,
)
from .syntax import (
    prep_objects as _prep_objects,
)
from .syntax import (
    recipient_tokens as _recipient_tokens,
)
from .syntax import (
    subject_tokens as _subject_tokens,
)

LIGHT_VERBS = {"reiterate", "repeat", "voice", "affirm", "reaffirm", "declare", "show", "use", "complete", "speed", "finish", "undertake", "renew", "initiate", "intensify", "escalate", "step", "unleash", "reach", "strike", "forge", "broker", "hammer", "seal", "hold", "pay", "make", "launch", "carry", "conduct", "stage", "have", "give", "extend",
               "issue", "announce", "begin", "start", "resume", "continue", "open", "host", "mount",
               "wage", "sign", "conclude", "express", "lodge", "file", "deliver", "offer",
               "receive", "accept", "impose", "order", "perform", "organize", "organise",
               "lead", "join", "end", "attend", "convene", "call", "ramp", "tighten", "toughen", "expand", "broaden",
               "place", "lay", "levy", "slap", "supervise", "oversee"}
# verbs whose subject undergoes what the noun names, done by its "from" ("drew criticism from", "received
# aid from", "faced condemnation from", "met with opposition from")
RECEIVING = {"receive", "draw", "face", "attract", "earn", "win", "get", "meet", "incur", "provoke", "spark"}
NEG_WORDS = {"not", "n't", "never", "no"}
MODAL_AUX = {"could", "might", "may", "would", "should", "can", "must", "ought"}
FUTURE_HEADS = {"fail", "plan", "intend", "expect", "schedule", "set", "due", "aim", "prepare", "hope", "want",
                "seek", "try", "attempt", "wish", "like", "consider", "mull", "weigh", "threaten", "vow",
                "promise", "pledge", "agree", "offer", "propose", "need", "have", "going"}
# (a body that decided or voted to act has acted: "the council voted to impose sanctions" is the sanction)
IMPLICATIVE_HEADS = {"manage", "continue", "begin", "start", "go", "proceed", "help", "resume", "keep", "decide",
                     "vote"}
YIELD_WORDS = {"ceasefire", "truce", "release", "withdraw", "withdrawal", "surrender", "disarm", "free", "lift",
               "end", "stop", "halt", "de-escalate", "restraint", "armistice"}
MEET_WORDS = {"talk", "talks", "negotiation", "negotiate", "meeting", "meet", "dialogue", "summit", "discussion",
              "mediation", "consultation"}
BELIEF_VERBS = {"believe", "think", "expect", "predict", "hope", "fear", "suspect", "doubt", "speculate",
                "estimate", "assume", "guess", "imagine", "wonder", "worry", "anticipate", "forecast"}
STATIVE_PARTICIPLES = {"oppose", "commit", "prepare", "determine", "dedicate", "resolve", "devote", "involve",
                       "engage"}
GENERIC_ADVERBS = {"always", "usually", "often", "traditionally", "constantly", "generally", "typically", "frequently"}
# what a force owns and an attack may hit: "an army convoy", "a police station" stand for the force
FACILITY_NOUNS = {"convoy", "vehicle", "truck", "patrol", "post", "checkpoint", "station", "base", "barracks",
                  "camp", "position", "outpost", "headquarters", "compound", "helicopter", "aircraft", "plane",
                  "jet", "drone", "ship", "vessel", "boat", "tank", "bus", "building", "office"}
VERBAL_ATTACKS = {"attack", "assail", "lash", "hit"}  # what a politician does to a rival in words
# nouns that name someone by relation to another: "the United States' trading partners" are not the US
RELATIONAL_NOUNS = {"partner", "neighbor", "neighbour", "ally", "rival", "enemy", "adversary", "friend", "foe",
                    "critic", "opponent", "counterpart", "backer", "supporter", "proxy", "client"}
# what a policy "threatens" when it endangers rather than threatens: "threatening the country's integrity"
ENDANGERED = {"integrity", "stability", "security", "peace", "sovereignty", "future", "existence", "livelihood",
              "democracy", "unity", "independence", "health", "safety", "survival", "process", "order"}
RISK_NOUNS = {"threat", "risk", "fear", "danger", "possibility", "prospect", "spectre", "specter", "likelihood",
              "chance", "warning"}
LAWMAKING = {"approve", "propose", "pass", "adopt", "draft", "endorse", "enact", "ratify", "sign"}
NOT_OFFERS = {"evidence", "detail", "explanation", "proof", "reason", "information", "insight", "analysis",
              "opinion", "view", "comment", "clue", "glimpse", "assessment", "figure"}
CUSTODY = {"prison", "jail", "custody", "detention", "gaol"}
# those who talk about politics without taking part in it
COMMENTATORS = {"analyst", "expert", "observer", "commentator", "scholar", "researcher", "academic", "economist",
                "pundit", "critic", "professor", "specialist", "strategist", "scientist"}
QUESTIONS = {"question", "inquiry", "enquiry", "query", "comment"}  # "would not answer reporters' queries"
HABITUAL_ADVERBS = {"repeatedly", "often", "frequently", "persistently", "long", "previously", "consistently",
                    "regularly", "routinely", "time"}
ACCUSERS = {"prosecutor", "prosecution", "indictment", "complaint", "lawsuit", "filing", "plaintiff"}
COGNITION = {"know", "understand", "realize", "realise", "remember", "learn"}
ALLEGE_VERBS = {"allege", "claim", "accuse", "charge", "assert", "insinuate"}
VIOLENCE_NOUNS = {"violence", "abuse", "crime", "persecution", "discrimination", "aggression", "brutality",
                  "atrocity", "attack", "killing", "repression"}  # (compared with lemmas)
DOMESTIC_TARGETS = {"JRN", "OPP", "PTY", "NGO", "BUS", "CVL", "EDU", "REL", "LAB"}
SITUATIONS = {"situation", "crisis", "unrest", "conflict", "war", "fighting", "turmoil", "instability", "tension",
              "tensions", "bloodshed", "chaos", "upheaval"}
CLAIM_NOUNS = {"claim", "allegation", "accusation", "rumor", "rumour", "speculation", "suspicion", "assertion",
               "legend", "myth", "theory", "hypothesis"}
DENY_HEADS = {"deny", "dismiss", "refute", "reject"}
PREPARE_HEADS = {"prepare", "gear", "poise", "ready", "mass"}
# nouns that name again whatever act was told just before ("called the decision illegal")
GENERIC_ACTS = {"decision", "move", "measure", "step", "action", "verdict", "ruling", "sentence", "sentencing",
                "announcement", "vote", "pledge", "commitment", "gesture"}
# statements named again by a noun, and the type they were coded as ("rejected the complaint")
TOLD_NOUNS = {"complaint": "ACCUSE", "accusation": "ACCUSE", "allegation": "ACCUSE", "charge": "ACCUSE",
              "criticism": "ACCUSE", "protest": "ACCUSE", "condemnation": "ACCUSE", "claim": "ACCUSE",
              "demand": "REQUEST", "request": "REQUEST", "call": "REQUEST", "appeal": "REQUEST",
              "ultimatum": "REQUEST", "offer": "AGREE", "proposal": "AGREE", "plan": "AGREE",
              "report": "ACCUSE", "finding": "ACCUSE", "warning": "THREATEN", "threat": "THREATEN",
              # (a resolution urges, condemns, sanctions or endorses: whichever was told last)
              "resolution": "REQUEST|ACCUSE|SANCTION|SUPPORT"}
SUPPORTIVE = {"celebration", "support", "solidarity", "honour", "honor", "favour", "favor", "praise", "defence",
              "defense"}
TOPIC_VERBS = {"disagree", "argue", "debate", "discuss", "quarrel", "differ", "bicker", "feud", "wrangle", "spar",
               "worry", "speculate", "comment", "testify"}
# nouns of asking whose "that" clause is what is asked for, not what happened
DEMAND_NOUNS = {"demand", "call", "request", "appeal", "plea", "proposal", "suggestion", "insistence", "ultimatum"}
THREAT_OBJECTS = {"sanction", "consequence", "retaliation", "punishment", "action", "war", "attack", "force",
                  "penalty", "tariff", "isolation", "prosecution", "arrest", "dismissal", "expulsion", "eviction",
                  "deportation", "intervention", "suspension", "strike", "invasion"}
# verbs that set a deadline: "gave the junta a week to step down or face ..." (an ultimatum)
DEADLINE_VERBS = {"give", "set"}
HABIT_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "SANCTION", "COOPERATE"}
STANCE_VERBS = {"oppose", "support", "back", "favor", "favour"}  # "Washington opposes ...": a standing position
_EVERY = re.compile(r"\b(?:each|every) (?:year|month|week|summer|winter|spring|autumn|day)\b|\bannually\b|"
                    r"\bregularly\b|\broutinely\b", re.IGNORECASE)
COPULA_SUBJ = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}

_DOWN_DEPS = {"dobj", "dative", "prep", "pobj", "xcomp", "advcl", "acl", "pcomp", "attr", "oprd", "appos"}
_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "during", "since", "after", "before", "until",
                   "across", "around", "within", "throughout", "amid", "despite", "over", "by", "via"}


PATIENT_NOUNS = {"arrest", "detention", "kidnapping", "abduction", "assassination", "execution", "release",
                 "deportation", "killing", "murder", "beheading", "conviction", "sentencing", "expulsion",
                 "torture", "imprisonment", "extradition", "rescue", "trial", "indictment"}
_PAIR_NOUNS = {"side", "leader", "country", "nation", "minister", "party", "government", "delegation",
               "president", "official", "neighbor", "neighbour"}


def _both_sides(tok: Token) -> bool:
    if tok.lemma_.lower() not in _PAIR_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in ("two", "both") for c in tok.children if c.dep_ in ("nummod", "det", "predet", "amod"))


PHYSICAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID"}


def _withdrawal_type(etype: str, mode: str | None, recipients: list[Actor]) -> str:
    """A withdrawal from an organisation is the codebook's SANCTION withdraw ("a country withdraws
    itself from an organization"), told as a verb or a noun; from anywhere else it stays a RETREAT."""
    if etype == "RETREAT" and mode == "withdraw" and recipients and all(r.kind == "organization" for r in recipients):
        return "SANCTION"
    return etype


def _names_any(text: str, words: set[str]) -> bool:
    """Does the phrase name one of the (singular, perhaps two-word) ``words``? "Turkish rescue teams"
    names "rescue team"; a plural is read as its singular, a hyphen as a space."""
    phrase = " " + " ".join(w.rstrip("s") if len(w) > 3 else w for w in _WORD.findall(text.lower())) + " "
    return any(f" {w} " in phrase for w in words)


def _not_withdrawn_troops(actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """"Russia withdrew its troops from the town": the troops are what is withdrawn, not who gains."""
    homes = {a.country for a in actors}
    return [r for r in recipients if not (r.sector in ("MIL", "COP") and r.country in homes | {None})]


def _cities_as_people(etype: str, mode: str | None, recipients: list[Actor]) -> list[Actor]:
    """A capital that is shelled, blockaded or put under curfew is its people, not its government
    ("Beijing said" is the government; "shelled Kyiv" hits the city)."""
    if etype not in PHYSICAL and not (etype == "THREATEN" and mode in ("violence", "restrict")):
        return recipients
    # a curfew or state of emergency "in" a country or region binds the people who live there
    curfew = mode in ("curfew", "martial-law")
    return [r.model_copy(update={"sector": "CVL", "kind": "group", "resolved_by": "lexicon:city"})
            if r.resolved_by in ("lexicon:capital", "lexicon:place")
            else r.model_copy(update={"sector": "CVL", "kind": "group", "resolved_by": "lexicon:population"})
            if curfew and r.kind == "state" else r for r in recipients]


def _conditional_step(tok: Token, etype: str, modality: str) -> bool:
    """A step announced on a condition: "will withdraw unless ...", "may suspend its aid if ..."
    (not an observer's guess: "analysts say the EU could impose sanctions if ...")."""
    if modality == "future" and etype in CONCESSION_TYPES | {"SANCTION"} and _unless(tok):
        return True
    return modality in ("future", "hypothetical") and etype in {"SANCTION", "COERCE", "ASSAULT"} \
        and _unless(tok, ("if", "unless")) and tok.dep_ in ("ROOT", "ccomp") \
        and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"may", "might", "could", "would"} for c in tok.children) \
        and not any(s.lemma_.lower() in COMMENTATORS for s in _subject_tokens(tok.head) if tok.dep_ == "ccomp")


def _not_own_state(etype: str, actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """A government does not sanction, attack or threaten its own state (duties a president puts on
    goods shipped into his own country are aimed at the sellers, not at his state)."""
    if etype not in ("SANCTION", "ASSAULT", "THREATEN") or not actors or any(a.sector != "GOV" for a in actors):
        return recipients
    own = {a.country for a in actors}
    return [r for r in recipients if not (r.kind == "state" and r.country in own)]


def _describes_subject(tok: Token) -> bool:
    """"Villagers opposed to the mine blocked the road": the parser makes the participle the main verb
    and hangs the real one on it with no "and" between -- the participle only says who the subject is."""
    verbs = [c for c in tok.children if c.dep_ in ("conj", "dep") and c.pos_ == "VERB" and c.tag_ == "VBD"
             and not _children(c, "nsubj", "nsubjpass")]
    return any(p.lower_ == "to" for p in _children(tok, "prep")) and any(
        not any(c.dep_ == "cc" and tok.i < c.i < v.i for c in tok.children) for v in verbs)


def _plural_owner_mismatch(tok: Token) -> bool:
    """"Chinese vessels blocked its supply boat": an "its" the plural subject cannot be (so it is someone
    else's -- the teller's); "Nauru shut down its internet" is Nauru's own."""
    verb = tok.head if tok.dep_ in ("dobj", "attr") and tok.pos_ == "NOUN" else tok
    subjects = _subject_tokens(verb)
    return bool(subjects) and all(t.tag_ in ("NNS", "NNPS") for t in subjects) and any(
        c.dep_ == "poss" and c.lower_ == "its" for c in verb.subtree)


def _charge(prep: Token, verb: Token) -> bool:
    """Is ``prep`` the charge of a charging verb ("accused the two men OF spying for Somalia", "charged
    him WITH aiding ..."): an act, whose participants are not the accused."""
    return prep.lower_ in ("of", "with") and lemma(verb) in CHARGING_VERBS and any(p.pos_ == "VERB" for p in prep.children)


def _said_by(tok: Token) -> Token | None:
    """The verb of saying whose reported clause ``tok`` heads (or is coordinated in)."""
    clause = tok.head if tok.dep_ == "conj" and tok.head.dep_ == "ccomp" else tok
    if clause.dep_ == "ccomp" and lemma(clause.head) in SAY_VERBS:
        return clause.head
    return None


def _own_clause(tok: Token) -> bool:
    """A clause with a subject of its own ("..., while the rebels attacked a convoy"): its
    participants are not the recipients of the verb above it."""
    return tok.dep_ in ("advcl", "xcomp", "acl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _media_only(actors: list[Actor], recipients: list[Actor]) -> bool:
    """One side of a conversation is only the press ("told reporters", "spoke with VOA"): an
    interview, not a meeting."""
    def press(side: list[Actor]) -> bool:
        return bool(side) and all(a.sector == "JRN" for a in side)
    return press(actors) or press(recipients)




def _supportive(tok: Token) -> list[Token] | None:
    """A march or rally "in support of" / "in celebration of" something: who or what it backs (the
    objects of "of"); None when the gathering is not said to be for anything."""
    for prep in _children(tok, "prep"):
        if prep.lower_ == "in":
            for noun in _children(prep, "pobj"):
                if noun.lemma_.lower() in SUPPORTIVE:
                    return _prep_objects(noun, ("of",))
    if any(c.dep_ in ("advcl", "xcomp") and lemma(c) in ("celebrate", "support", "back", "thank", "welcome")
           for c in tok.children):
        return []
    return None


def _doers(verb: Token) -> list[Token]:
    """Who does what a clause tells: its subject, or in the passive its agent ("alleged that women are
    persecuted" accuses no woman; "that detainees were beaten by the police" accuses the police)."""
    return _agent_tokens(verb) if _is_passive(verb) else _subject_tokens(verb)


# the codebook's ASSAULT modes by the weapon a phrase names, strongest first
WEAPON_MODES = (("suicide-attack", {"suicide"}), ("drone", {"drone", "uav"}),
                ("aerial", {"airstrike", "warplane", "aircraft", "helicopter", "bomber", "jet", "gunship"}),
                ("crowd-control", {"teargas", "tear", "cannon"}),
                ("explosives", {"bomb", "ied", "explosive", "mine", "landmine", "grenade"}),
                ("heavy-weapons", {"artillery", "shell", "shelling", "mortar", "rocket", "missile", "tank", "howitzer"}),
                ("primitive", {"knife", "machete", "axe", "stone", "rock", "spear", "arrow"}),
                ("firearms", {"gun", "rifle", "gunfire", "gunman", "bullet", "pistol", "gunshot"}))


def _weapon_mode(tok: Token) -> str | None:
    """The ASSAULT mode the weapon named on the trigger says: its object, instrument ("with"), compound or
    modifier, and a gunman or bomber as its subject -- not words of clauses hung on it."""
    near = [c for c in tok.children if c.dep_ in ("dobj", "compound", "amod", "nsubj", "npadvmod")]
    near += [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("with", "by", "using") for o in p.children
             if o.dep_ == "pobj"]
    near += [o for n in near for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
             if o.dep_ == "pobj"]  # ("launched dozens of drones", "with a barrage of missiles")
    words = {tok.lemma_.lower()} | {t.lemma_.lower() for n in near for t in [n, *n.children]
                                    if t.dep_ in ("compound", "amod", "dobj", "pobj", "nsubj", "npadvmod") or t is n}
    if "air" in words and words & {"strike", "raid", "attack"}:
        words.add("airstrike")
    own = next((mode for mode, cues in WEAPON_MODES if tok.lemma_.lower() in cues), None)
    named = next((mode for mode, cues in WEAPON_MODES if words & cues), None)
    if own == "explosives" and named in ("drone", "aerial"):
        return named  # "jets bombed the village": an air strike
    return own or named  # ("shelled": the verb's own)


def _walkout(tok: Token) -> bool:
    """"Strike" with no one struck ("said it was prepared to strike"): a labour strike, not force."""
    return tok.lemma_.lower() == "strike" and tok.dep_ != "amod" and not _children(tok, "dobj")


def _called(obj: Token) -> Token:
    """"what it called a cowardly act": the noun a free relative is called by (else the object itself)."""
    if obj.lower_ != "what":
        return obj
    clause = obj.head if obj.head.lemma_.lower() in ("call", "describe", "term", "brand", "label") else None
    if clause is None:
        clause = next((c for c in obj.children if c.lemma_.lower() in ("call", "describe", "term", "brand", "label")), None)
    named = [c for c in clause.children if c.dep_ in ("oprd", "attr", "dobj") and c.pos_ == "NOUN"] if clause is not None else []
    return named[0] if named else obj


def _definite(noun: Token) -> bool:
    """"the attack", "this raid" (not "an attack", "attacks", "Tuesday's attack by ...")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children) \
        and not any(c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN" for c in noun.children)


def _habitual_present(tok: Token, etype: str) -> bool:
    """"The navy bans fishing there each year", "Beijing gives military support to Phnom Penh": a
    material act in the simple present of a full sentence is what someone habitually does (a
    headline's present, "Army Kills 20", is news: short sentences without a final stop are spared)."""
    if (etype not in HABIT_TYPES and lemma(tok) not in STANCE_VERBS) or tok.tag_ not in ("VBZ", "VBP") \
            or tok.dep_ not in ("ROOT", "conj"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    sent = tok.sent
    if _EVERY.search(sent.text):
        return True
    return len(sent) >= 10 and sent.text.rstrip().endswith((".", ".\"", ".\u201d"))


def _prepared(tok: Token) -> bool:
    """Is this act what someone prepares for ("prepared to attack", "preparing for an assault on",
    "readied troops to launch an offensive")?"""
    node = tok
    for _ in range(3):
        if node.dep_ == "xcomp" or (node.dep_ == "advcl" and any(c.lower_ == "to" for c in node.children)):
            head = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "for":
            head = node.head.head
        elif node.dep_ == "dobj":
            node = node.head  # the light verb: "(prepared to) launch an offensive"
            continue
        else:
            return False
        if lemma(head) in PREPARE_HEADS or head.lower_ in ("ready", "poised"):
            return True
        node = head
    return False


def _unless(tok: Token, marks: tuple[str, ...] = ("unless",)) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in tok.children)


_PERIOD = re.compile(r"\b(?:in|during|since|through|throughout|over|of)\s+(?:the\s+)?(?:(?:past|last|previous)\s+"
                     r"(?:\w+\s+)?(?:years?|months?|decades?)|(?:19|20)\d\d)\b|\b(?:this|last)\s+year\b",
                     re.IGNORECASE)


# verbs of coming together: "gathered to protest" is a protest held, not one aimed at
GATHERING_VERBS = frozenset({"gather", "assemble", "converge", "march", "rally", "take", "pour", "flock", "turn"})


def _aggregate(tok: Token) -> bool:
    """A count of many acts over a period ("carried out 312 raids in 2024", "dozens of raids over the
    past year"): a statistic, not an event."""
    if tok.tag_ != "NNS":
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ("round", "wave", "series") \
            and any(c.dep_ == "nummod" and c.like_num and _number(c.text) >= 3 for c in tok.head.head.children):
        return True  # "five waves of drone raids this year": a tally, not one raid
    counted = any(c.dep_ == "nummod" and (not c.like_num or _number(c.text) >= 10) for c in tok.children) \
        or (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("dozens", "hundreds",
                                                                                         "thousands", "scores"))
    return counted and bool(_PERIOD.search(tok.sent.text))


def _number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 10.0  # "dozens", "hundreds"


def _condition_subjects(tok: Token) -> list[Token]:
    """Subjects of an if/unless clause under a trigger or its complement: whom a threat is aimed at."""
    for node in [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]:
        for clause in node.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in clause.children):
                found = [t for t in _subject_tokens(clause) if t.pos_ != "PRON"]
                if found:
                    return found
    return []


def _locative(tok: Token) -> bool:
    """A place ("in", "at", ...) or a cause ("because of the fighting", "amid protests") on a verb: not
    where its recipient is."""
    return tok.dep_ == "prep" and tok.lower_ in _LOCATIVE_PREPS | {"because", "amid", "despite", "due"}


MODE_FROM_INNER = {
    "REQUEST": {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist",
                "COOPERATE": "assist", "AGREE": "meet"},
    "REJECT": {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist",
               "COOPERATE": "assist", "AGREE": "meet", "REQUEST": None},
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "relations", "MOBILIZE": "violence",
                 "PROTEST": "restrict", "REJECT": "relations"},
}
THREATEN_COERCE_MODES = {"arrest": "arrest", "ban": "ban", "restrict": "restrict", "curfew": "restrict",
                         "deport": "expel", "seize": "territory", "censor": "rights"}
CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}
# acts done by speaking ("calling the strike a war crime")
STATEMENT_TYPES = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE"}
# "spoke by telephone with": the means a call is made by
MEANS_OF_CALL = {"phone", "telephone", "videoconference", "video", "call", "link", "videolink"}
# verbs of holding someone ("journalists held in Russia")
HOLDING_VERBS = {"hold", "detain", "jail", "imprison", "keep", "arrest"}
# what a speaker may say someone committed ("said the army committed war crimes")
CRIMES = {"genocide", "crime", "atrocity", "massacre", "abuse", "violation", "murder", "torture", "fraud",
          "ethnic cleansing", "cleansing", "aggression", "terrorism", "killing", "rape", "corruption", "bribery",
          "embezzlement", "graft", "smuggling", "trafficking"}
CRIMINAL = {"corrupt", "criminal", "illegal", "illicit", "terrorist", "fraudulent"}  # "involved in corrupt schemes"
# verbs whose object act has happened, whatever mood they are in ("to investigate the killing of ...")
FACTIVE_VERBS = {"investigate", "probe", "condemn", "denounce", "deplore", "decry", "mourn", "avenge", "punish",
                 "criticize", "criticise", "protest", "acknowledge"}
# what protests do when the story does not say who protests ("protests erupted in Tehran")
OCCURRING_VERBS = {"erupt", "spread", "break", "grow", "swell", "flare", "sweep", "rock", "intensify", "escalate"}
# "warned it would respond with overwhelming force": a promised answer in force is a threat of violence
RETALIATION_VERBS = {"respond", "retaliate", "react", "answer", "hit"}
HOSTILE_TYPES = ("SANCTION", "ASSAULT", "COERCE", "THREATEN", "ACCUSE")
RETALIATION_NOUNS = {"response", "retaliation", "reprisal", "revenge", "countermeasure", "retribution"}
# a vow to use force: "vowed to keep striking", "vowed to crush the rebels", "vowed the offensive would go on"
VOWED_FORCE = {"strike", "striking", "attack", "offensive", "crush", "fight", "destroy", "eliminate", "annihilate",
               "hunt", "wipe", "retaliate", "avenge", "punish", "bomb", "target", "drive"}
# what money released or disbursed is counted in
MONEY_WORDS = {"million", "billion", "fund", "funds", "funding", "$", "dollar", "euro", "money", "grant", "tranche",
               "loan", "aid"}
# people, not bodies or states: who can be deported
PEOPLE_SECTORS = {"CVL", "OPP", "JRN", "REF", "CRM", "EDU", "LAB", "REL", "MED", "AGR", "BUS", "ELI"}
# who can be accused of an attack: forces, states and armed groups
ARMED_OR_STATE = {"GOV", "MIL", "COP", "SPY", "REB", "UAF", "CRM", "IMG"}
# sectors of the state's own authority
STATE_FORCES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# verbs whose "of"/"with" before a gerund names the charge ("accused X of spying for Y", "charged X with
# aiding ..."), not whose X is ("accused the government of Y of ...")
CHARGING_VERBS = {"accuse", "charge", "suspect", "convict", "indict"}
FORCE_WORDS = {"force", "military", "strike", "firepower", "weapon", "nuclear", "missile", "attack"}
# the codebook codes an attempted attack, assassination or hack as the act itself
ATTEMPTED_TYPES = {"ASSAULT", "COERCE"}
ATTEMPT_HEADS = {"try", "attempt"}
# "refused to comment", "declined to elaborate": a source's silence, not a rejection
NO_COMMENT = {"comment", "elaborate", "speak", "say", "confirm", "disclose", "identify", "name",
              "specify", "reveal"}
# what a blockade or sit-in occupies: never the protest's target
THOROUGHFARES = {"street", "streets", "road", "roads", "highway", "highways", "bridge", "bridges", "square",
                 "squares", "railway", "railways", "port", "ports", "airport", "airports", "crossing", "crossings"}
# the circumstance that names a passive attack's doer: "killed in a raid by ...", "in clashes with ..."
CLASH_NOUNS = {"clash", "battle", "confrontation", "fighting", "gunfight", "shootout", "firefight", "skirmish",
               "exchange", "fight"}
CIRCUMSTANCE_NOUNS = CLASH_NOUNS | STRIKE_NOUNS | {"operation", "crackdown", "sweep"}
CONCESSION_TYPES = {"RETREAT", "CONCEDE"}
COOPERATIVE_FUTURE = {"CONSULT", "COOPERATE", "AID", "SUPPORT"}


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str
    type: str
    mode: str | None
    frame: str
    recipient: tuple[str, ...]
    particle: str | None
    objects: frozenset[str] | None  # object lemmas; "@ACTOR" = an object that resolves to an actor
    weight: float
    unless: frozenset[str] = frozenset()  # object lemmas that keep the rule from firing ("!" in the table)

    @property
    def name(self) -> str:
        extra = f"+{self.particle}" if self.particle else ""
        return f"{self.pos.lower()}:{self.lemma}{extra}->{self.type}"


@dataclass
class Lexicon:
    rules: dict[tuple[str, str], list[TriggerRule]]
    forms: frozenset[str]  # lower-case word forms that may signal an event (the pre-filter)
    classes: dict[str, set[str]] = field(default_factory=dict)  # object classes (trigger_classes.csv)
    # form -> what else must be in the sentence for one of its rules to fire: (particle, object forms)
    needs: dict[str, list[tuple[str | None, frozenset[str] | None]]] = field(default_factory=dict)
    # (dep, tag, pos, lower-case form) ids -> EventExtractor._pos, which depends on them and the rules alone
    pos_memo: dict[tuple[int, int, int, int], str | None] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, lemma: str, pos: str) -> list[TriggerRule]:
        return self.rules.get((lemma, pos), [])

    @cached_property
    def compound_tails(self) -> frozenset[str]:
        """Every word sequence that ends a multi-word noun trigger after one of its spaces ("talks" and
        "peace talks" of "direct peace talks"): a noun that is none of them completes no compound
        trigger, so its modifiers need not be read."""
        return frozenset(key.split(" ", k)[k] for key, pos in self.rules if pos == "NOUN"
                         for k in range(1, key.count(" ") + 1))


@dataclass
class RawEvent:
    """An event found in one sentence, before dating, placing and merging."""

    type: str
    mode: str | None
    actors: list[Actor]
    recipients: list[Actor]
    modality: str
    trigger: Token
    rule: str
    weight: float
    place_tokens: list[Token] = field(default_factory=list)
    frame: str = "plain"
    claimed: bool = False  # the actor claimed responsibility for the act ("took credit for the attack")


def _irregular_forms() -> dict[str, tuple[str, ...]]:
    return {
        "meet": ("met",), "hold": ("held",), "send": ("sent",), "give": ("gave", "given"),
        "fly": ("flew", "flown"), "shoot": ("shot",), "fight": ("fought",), "break": ("broke", "broken"),
        "speak": ("spoke", "spoken"), "seek": ("sought",), "beat": ("beaten",), "strike": ("struck",),
        "cut": ("cut",), "lead": ("led",), "withdraw": ("withdrew", "withdrawn"), "forgive": ("forgave",
        "forgiven"), "bring": ("brought",), "take": ("took", "taken"), "overrun": ("overran",), "make": ("made",), "pay": ("paid",),
        "say": ("said",), "deny": ("denied", "denies"), "free": ("freed",), "ready": ("ready",),
        "rally": ("rallied", "rallies"), "apply": ("applied",), "supply": ("supplied", "supplies"),
        "ally": ("allied",), "bombard": ("bombarded",), "arrive": ("arrived",), "sentence": ("sentenced",),
        "freeze": ("froze", "frozen"), "swear": ("swore", "sworn"), "lay": ("laid",), "draw": ("drew", "drawn"),
        "win": ("won",), "undertake": ("undertook", "undertaken"), "overthrow": ("overthrew", "overthrown"),
        "throw": ("threw", "thrown"), "blow": ("blew", "blown"), "uphold": ("upheld",), "withhold": ("withheld",),
        "sell": ("sold",), "tell": ("told",), "begin": ("began", "begun"), "hang": ("hung",), "flee": ("fled",),
        "get": ("got", "gotten"), "keep": ("kept",), "leave": ("left",), "stand": ("stood",), "build": ("built",),
        "spread": ("spread",), "shut": ("shut",), "set": ("set",), "put": ("put",), "bid": ("bid",),
        "find": ("found",),
    }


def _forms(lemma: str, pos: str = "VERB") -> set[str]:
    """Inflected forms of a trigger word (over-generating is fine: this only pre-filters)."""
    words = lemma.split()
    head = words[-1]
    if pos == "ADJ":
        return {head}
    if pos == "NOUN":
        out = {head, head + "s", head + "es"}
        if head.endswith("y"):
            out.add(head[:-1] + "ies")
        return out
    out = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing", head + "ings"}
    if head.endswith("e"):
        out |= {head[:-1] + "ing", head[:-1] + "ings"}
    if head.endswith("y"):
        out |= {head[:-1] + "ies", head[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", head):
        out |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    out |= set(_irregular_forms().get(head, ()))
    if head.startswith("re") and head[2:] in _irregular_forms():
        out |= {"re" + form for form in _irregular_forms()[head[2:]]}  # "retook", "reopened"
    return out


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("eventcoder.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=2)
def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The trigger lexicon shipped in the package (plus a user's triggers file)."""
    classes: dict[str, set[str]] = {}
    for row in _read_csv("trigger_classes.csv"):
        if row["class"] in classes:
            raise KnowledgeError(f"trigger_classes.csv: the class {row['class']!r} is defined twice")
        classes[row["class"]] = set(row["lemmas"].split("|"))
    rows = _read_csv("triggers.csv")
    if extra is not None:
        with open(extra, encoding="utf-8") as handle:
            rows += list(csv.DictReader(line for line in handle if not line.startswith("#")))
    # "reimposed", "reopened": a verb done again is the same event (only for the verbs listed,
    # since "re" + verb is often another word: "resign", "recall", "reclaim")
    again = classes.get("REPEATABLE", set())
    rows += [{**row, "lemma": "re" + row["lemma"]} for row in rows
             if row["pos"] == "VERB" and row["lemma"] in again]
    rules: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    forms: set[str] = set()
    needs: dict[str, list[tuple[str | None, frozenset[str] | None]]] = defaultdict(list)
    def expand(items: list[str]) -> frozenset[str]:
        lemmas: set[str] = set()
        pending = list(items)
        while pending:
            item = pending.pop()
            if item.startswith("@") and item[1:] in classes:
                members = classes[item[1:]]
                pending += [m for m in members if m.startswith("@")]
                lemmas |= {m for m in members if not m.startswith("@")}
            else:
                lemmas.add(item)  # a lemma, or "@ACTOR"
        return frozenset(lemmas)

    for row in rows:
        items = [i for i in row["objects"].split("|") if i]
        wanted = [i for i in items if not i.startswith("!")]
        objects = expand(wanted) if wanted else None
        rule = TriggerRule(
            lemma=row["lemma"], pos=row["pos"], type=row["type"], mode=row["mode"] or None,
            frame=row["frame"] or "plain",
            recipient=tuple(r for r in row["recipient"].split("|") if r),
            particle=row["particle"] or None, objects=objects, weight=float(row["weight"] or 0.5),
            unless=expand([i[1:] for i in items if i.startswith("!")]),
        )
        rules[(rule.lemma, rule.pos)].append(rule)
        rule_forms = _forms(rule.lemma, rule.pos)
        if rule.pos == "NOUN" and " " not in rule.lemma:
            rule_forms |= _forms(rule.lemma, "VERB") if (rule.lemma, "VERB") in rules else set()
        forms |= rule_forms
        objects_needed: frozenset[str] | None = None
        if rule.objects is not None and "@BODY" in rule.objects:
            # (an organisation is a name: the pre-filter looks for the words such names are made of)
            objects_needed = frozenset(f for o in classes.get("BODYWORDS", set()) for f in _forms(o, "NOUN") | {o})
        elif rule.objects is not None and "@ACTOR" not in rule.objects:
            objects_needed = frozenset(f for o in rule.objects for f in _forms(o, "NOUN") | {o})
        elif rule.frame == "light":
            objects_needed = _light_forms()  # "reached an agreement": the light verb must be there
        for form in rule_forms:
            needs[form].append((rule.particle, objects_needed))
    # the verbs of misconduct a speaker may accuse someone of ("said Iran is defying ...") and the words
    # that judge someone's conduct ("called the rules illegal") reach the parser too
    for word in classes.get("MISCONDUCT", set()) | classes.get("CENSURE", set()):
        for form in _forms(word) | _forms(word, "NOUN") | {word}:
            forms.add(form)
            needs[form].append((None, None))
    duties = frozenset(f for d in classes.get("DUTY", set()) for f in _forms(d) | {d})
    for form in _forms("fail"):  # ("said Kabul failed to act": only with a duty named)
        forms.add(form)
        needs[form].append((None, duties))
    crimes = frozenset(f for c in CRIMES for f in _forms(c.split()[-1], "NOUN") | {c})
    for form in _forms("commit") | _forms("perpetrate"):  # ("said the army committed war crimes")
        forms.add(form)
        needs[form].append((None, crimes))
    for form in _forms("involve"):  # ("said the ex-minister was involved in bribery")
        forms.add(form)
        needs[form].append((None, crimes | CRIMINAL))
    # specific rules (with a particle or an object class) are tried before general ones
    for rule_list in rules.values():
        rule_list.sort(key=lambda r: (r.particle is None, r.objects is None))
    return Lexicon(dict(rules), frozenset(forms), classes, dict(needs))


_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    """Inflected form -> lemma for every verb the coder knows (the lexicon's and the grammar's)."""
    verbs = {lemma for (lemma, pos) in load_lexicon().rules if pos == "VERB" and " " not in lemma}
    verbs |= LIGHT_VERBS | SAY_VERBS | BELIEF_VERBS | FUTURE_HEADS | IMPLICATIVE_HEADS | DENY_HEADS | OBLIGATION_REPORTERS
    verbs |= STATIVE_PARTICIPLES
    table: dict[str, str] = {}
    for verb in sorted(verbs):
        for form in _forms(verb):
            table.setdefault(form, verb)
    for verb in sorted(verbs):
        table[verb] = verb
    return table


def lemma(tok: Token) -> str:
    """A verb's lemma, from the coder's own form table first: the statistical lemmatizer errs on
    rare forms ("staged" -> "stag") and on headline verbs tagged as nouns ("Meets").

    The answer depends on the token's lower-case form and lemma alone, so it is memoised by their
    string ids: the extractor asks for it several times per token (trigger matching, the screen,
    the look-ahead and the final extraction read the same sentences)."""
    key = (tok.lower, tok.lemma)
    found = _LEMMAS.get(key)
    if found is None:
        low, base = tok.lower_, tok.lemma_.lower()
        forms = _verb_forms()
        known = forms.get(low)
        found = known if known is not None and (base not in forms or base == low) else base
        if len(_LEMMAS) >= _MEMO_MAX:
            _LEMMAS.clear()
        _LEMMAS[key] = found
    return found


_UNSET = object()  # (a memo's "not computed yet", where None is an answer)
_LEMMAS: dict[tuple[int, int], str] = {}  # (lower-case form id, lemma id) -> lemma()
_MEMO_MAX = 200_000  # entries a memo keeps before it starts afresh (a long-running process meets new words)


@lru_cache(maxsize=1)
def _say_forms() -> frozenset[str]:
    return frozenset(f for verb in SAY_VERBS | OBLIGATION_REPORTERS for f in _forms(verb))


@lru_cache(maxsize=1)
def _quoting_forms() -> frozenset[str]:
    return frozenset(f for verb in QUOTING_VERBS for f in _forms(verb))


def names_speaker(sentence: str) -> bool:
    """Does a sentence (unparsed) look like one that says who speaks a quotation: a quote mark and a
    form of a quoting verb ("...," Zelenskyy told reporters)?"""
    return any(q in sentence for q in QUOTE_MARKS) and bool(set(_WORD.findall(sentence.lower())) & _quoting_forms())


@lru_cache(maxsize=1)
def _light_forms() -> frozenset[str]:
    return frozenset(f for verb in LIGHT_VERBS for f in _forms(verb))


_CASED_WORD = re.compile(r"[A-Za-z]+")


def is_candidate(sentence: str, lexicon: Lexicon) -> bool:
    """Can this sentence hold an event? The cheap pre-filter: a trigger's word form occurs, with
    the particle its rule needs ("called ON") and one of the objects it needs ("signed a TREATY").
    A capitalised word inside the sentence is a name, not a trigger ("in March", "Back Bay"), but may
    be the object a trigger needs."""
    tokens = _CASED_WORD.findall(sentence)
    headline = sum(w[:1].isupper() for w in tokens) >= 0.6 * len(tokens)  # "Xi Meets Envoy": all capitals
    words = {w.lower() for k, w in enumerate(tokens) if headline or k == 0 or not w[:1].isupper() or w.isupper()}
    if words & {"must", "should"} and words & _say_forms():
        return True  # "X said Y must ...": an obligation (a REQUEST)
    if {"or", "face"} <= words:
        return True  # "gave the junta a week to step down or face ...": an ultimatum (a THREAT)
    # (an object may be a name: "took over the Sahel Express", "signed the Paris Agreement")
    every = {w.lower() for w in tokens}
    for word in words & lexicon.forms:
        for particle, objects in lexicon.needs.get(word, ()):
            if (particle is None or particle in words) and (objects is None or objects & every):
                return True
    return False


def _object_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    for o in _children(tok, "dobj", "attr", "nsubjpass", "oprd"):
        out.add(o.lemma_.lower())
        for of in _children(o, "prep"):
            if of.lower_ == "of":  # "tons of aid", "two of its nationals"
                out |= {p.lemma_.lower() for p in _children(of, "pobj")}
        for c in o.children:
            if c.dep_ in ("compound", "amod"):
                out |= {c.lemma_.lower(), f"{c.lemma_.lower()} {o.lemma_.lower()}"}  # "aid worker"
            elif c.dep_ == "appos":
                out.add(c.lemma_.lower())  # "called the president a separatist" (parsed as an apposition)
        for c in _children(o, "conj"):
            out.add(c.lemma_.lower())
    for prep in _children(tok, "prep"):
        for o in _children(prep, "pobj"):
            out.add(o.lemma_.lower())
    # what the object is made or held to be: "took 40 guards hostage", "holds Minsk responsible"
    out |= {c.lower_ if c.pos_ == "VERB" else c.lemma_.lower() for c in tok.children
            if c.dep_ in ("advcl", "ccomp", "xcomp") and not any(g.dep_ in ("aux", "mark") for g in c.children)}
    for particle in particles(tok):  # "out of the deal", "sent him back to prison"
        out |= {o.lemma_.lower() for prep in _children(particle, "prep") for o in _children(prep, "pobj")}
    return out | _predicates(tok)


def _predicates(tok: Token) -> set[str]:
    """What a verb says its object is: a predicative adjective or noun ("called the move insulting",
    "called the tariffs egregious", which the parser may hang on the object after it)."""
    out = {c.lemma_.lower() for c in tok.children if c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ == "ADJ"}
    for o in _children(tok, "dobj"):
        out |= {c.lemma_.lower() for c in o.children if c.dep_ == "amod" and c.i > o.i}
        out |= {c.lemma_.lower() for a in o.children if a.dep_ == "amod" and a.i > o.i
                for c in _children(a, "conj")}
    return out


def _has_particle(tok: Token, particle: str) -> bool:
    # ("dismissed the offer as a stunt": the parser may hang "as" on the object)
    holders = [tok] + (_children(tok, "dobj") if particle == "as" else [])
    # ("spoke by telephone with the minister": the parser hangs "with" on the means)
    holders += [o for p in _children(tok, "prep") if p.lower_ in ("by", "over", "via") for o in _children(p, "pobj")
                if o.lemma_.lower() in MEANS_OF_CALL]
    return any(c.lower_ == particle and c.dep_ in ("prt", "prep", "advmod", "acomp") and not (
        # "called the leader on Monday": a date, not "call on"
        c.dep_ == "prep" and any(p.ent_type_ in ("DATE", "TIME") or p.lower_ in WEEKDAYS
                                 for p in c.children if p.dep_ == "pobj")) for h in holders for c in h.children)


def modality_of(tok: Token) -> str:
    """asserted | negated | future | hypothetical | denied | generic, from the trigger and its governors."""
    for anc in [tok, *tok.ancestors][:6]:
        if anc.dep_ == "ccomp" and anc.head.pos_ == "VERB" and lemma(anc.head) in DENY_HEADS:
            return "denied"  # "denied it was planning to deport them", "denied that its troops fired"
        if anc.dep_ in ("ccomp", "advcl", "relcl") and anc.head.pos_ == "VERB" and lemma(anc.head) in SAY_VERBS \
                or anc.dep_ == "advcl" and anc.tag_ == "VBG":
            break  # (a denial above what someone said is not the said act's; nor is ", dismissing the report" the
            # parser hung inside the denied clause)
    chain = tok
    while chain.dep_ in ("xcomp", "conj") and chain.head.i != chain.i:
        chain = chain.head
        if lemma(chain) in ("appear", "seem"):
            return "hypothetical"  # "Pyongyang appears to be preparing to launch": an impression
    node: Token | None = tok
    steps = climbs = 0
    own_tense = False  # climbed from a conjunct in a tense of its own: the auxiliaries before are not its
    while node is not None and steps < 4:
        children = list(node.children)
        if own_tense:
            children = [c for c in children if c.dep_ not in ("neg", "aux", "auxpass")]
            own_tense = False
        lows = {c.lower_ for c in children if c.dep_ in ("neg", "advmod", "aux", "auxpass", "det")}
        if any(c.dep_ == "neg" for c in children) or "never" in lows or any(
                c.lower_ == "longer" and any(g.dep_ == "neg" for g in c.children) for c in children):
            return "negated"  # (and "will no longer recognize")
        if node.dep_ == "xcomp" and lemma(node.head) in ("fail", "refuse", "decline"):
            return "negated"  # "failed to reach agreement"
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "from" \
                and lemma(node.head.head) in ("prevent", "stop", "block", "bar", "ban", "keep", "deter"):
            return "negated"  # "stopped students from marching": the march did not happen
        if node.dep_ == "ccomp" and lemma(node.head) in BELIEF_VERBS:
            return "hypothetical"  # "analysts believe the army will attack": an opinion, not an event
        if node.dep_ == "ccomp" and lemma(node.head) in ALLEGE_VERBS:
            return "hypothetical"  # "X alleged that the Americans violated the deal": X's claim, not a fact
        if node.dep_ == "ccomp" and lemma(node.head) in SAY_VERBS | {"note", "argue", "believe"} \
                and (node.tag_ in ("VBP", "VBZ") or node.pos_ in ("AUX", "ADJ") or node.tag_ == "VBG" and any(
                    a.dep_ == "aux" and a.tag_ in ("VBP", "VBZ") for a in children)) \
                and any(s.lemma_.lower() in COMMENTATORS or any(a.lemma_.lower() in COMMENTATORS
                                                                 for a in _children(s, "appos"))
                        for s in _children(node.head, "nsubj")):
            # "an analyst said India and Japan are concerned", "..., said Jane Roe, an analyst", "analysts
            # say Moscow and Tehran are cooperating": a commentator's reading of a state of affairs
            return "hypothetical"
        if node.dep_ == "ccomp" and lemma(node.head) in SAY_VERBS and any(
                t.lemma_.lower() in ACCUSERS for s in _children(node.head, "nsubj") for t in s.subtree):
            return "hypothetical"  # "prosecutors said Tehran paid the hitmen": the case against, not a finding
        if lows & {"allegedly", "purportedly", "supposedly"}:
            return "hypothetical"  # "officials allegedly offered ..."
        if node.dep_ == "csubj":
            return "hypothetical"  # "how the US will defend its ally was not clear": an open question
        if node.dep_ in ("ccomp", "advcl", "pcomp") and (any(m.dep_ in ("mark", "prep") and m.lower_ == "like" for m in children)
                                                         or node.head.lower_ == "like"):
            return "hypothetical"  # "it is a bit like the state is trying him twice": a comparison, not an act
        if node.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) \
                and node.head.lemma_.lower() not in ("decision", "move", "order", "vote", "step"):
            return "hypothetical"  # "their attempts to end the boycott", "a plan to impose": aimed at, not done
        if node.dep_ in ("xcomp", "advcl") and lemma(node.head) == "use" and node.head.tag_ == "VBN" \
                and node.head.dep_ == "acl":
            return "generic"  # "a drone used to help soldiers find targets": what a thing is for
        if node.dep_ in ("acl", "ccomp") and node.head.pos_ == "NOUN" and node.head.lemma_.lower() in CLAIM_NOUNS:
            return "hypothetical"  # "rejected claims that the army shelled the town": a claim, not a fact
        if node.dep_ in ("acl", "ccomp") and node.head.pos_ == "NOUN" and node.head.lemma_.lower() in DEMAND_NOUNS \
                and not any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return "hypothetical"  # "their demand that Kampala release the fighters": asked for, not done
        if node.dep_ == "ccomp" and node.head.lemma_.lower() == "be" and any(
                s.lemma_.lower() in CLAIM_NOUNS for s in _children(node.head, "nsubj")):
            return "hypothetical"  # "the myth is that the emperor burned the city": a story, not a fact
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if "would" in aux and node.dep_ == "ccomp" and lemma(node.head) in SAY_VERBS:
            if any(s.lemma_.lower() in COMMENTATORS for s in _children(node.head, "nsubj")):
                return "hypothetical"  # "experts think Ankara would like it": an observer's guess
            return "future"  # "Iraq said it would allow": a commitment reported in the past
        if aux & MODAL_AUX:
            return "hypothetical"
        if aux & FUTURE_AUX and (node.i == tok.i or lemma(node) not in IMPLICATIVE_HEADS):
            return "future"  # (but "will continue to support": an ongoing stance, not a plan)
        if lows & GENERIC_ADVERBS:
            return "generic"
        if node.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ in ("when", "whenever") for m in children) \
                and {c.lower_ for c in node.head.children if c.dep_ == "advmod"} & (GENERIC_ADVERBS | {"regularly", "routinely"}):
            return "generic"  # "villagers regularly flee when attacked": a habit, not an attack told
        # (coordinated verbs share their auxiliaries and their "since": "has been ambushing and shelling
        # the army since 2012")
        coordinated = [node] + [c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB"] \
            + ([node.head] if node.dep_ == "conj" and node.head.pos_ == "VERB" else [])
        chain_aux = aux | {c.lower_ for v in coordinated for c in v.children if c.dep_ in ("aux", "auxpass")}
        if node.i == tok.i and node.tag_ == "VBG" and "been" in chain_aux and chain_aux & {"has", "have"} and any(
                p.lower_ == "since" or p.lower_ == "for" and any(
                    o.lemma_.lower() in ("year", "decade", "month", "week") for o in _children(p, "pobj"))
                for v in coordinated for p in _children(v, "prep")):
            return "generic"  # "has been attacking civilians since 2011": an ongoing campaign, not news
        if (node.i == tok.i or tok.dep_ == "advcl" and tok.tag_ == "VBG" and node.i == tok.head.i) \
                and node.tag_ == "VBG" and "been" in aux and aux & {"has", "have"} \
                and lemma(node) in ("fight", "wage", "battle"):
            return "generic"  # "the group has been fighting an insurgency": an ongoing war, not news
        if node.i == tok.i and node.tag_ == "VBN" and aux & {"has", "have"} and (
                lows & HABITUAL_ADVERBS or any(d.lower_ in ("several", "many", "numerous", "various")
                                               for o in _children(node, "dobj") for d in o.children)
                or any(p.lower_ in ("in", "during") and any(a.lower_ == "past" for p2 in p.children for a in p2.children)
                       for p in _children(node, "prep"))):
            return "generic"  # "has repeatedly blamed several attacks on ...", "in past crises has threatened ..."
        if node.i == tok.i and node.tag_ == "VBN" and {c.lower_ for c in children if c.dep_ == "auxpass"} \
                & {"is", "are"} and not any(c.lower_ == "being" for c in children) \
                and lemma(node) not in STATIVE_PARTICIPLES:
            return "generic"  # "the ships are sanctioned by the Treasury": a standing status
        if any(a.lemma_.lower() in ("know", "famous", "noted", "renowned", "notorious") and any(
                c.dep_ == "prep" and c.lower_ == "for" for c in a.children) for a in list(tok.ancestors)[:3]):
            return "generic"  # "a daily famous for exposing graft": a reputation, not an act
        if node.i == tok.i and node.dep_ == "relcl" and node.tag_ in ("VBP", "VBZ") and "aux" not in {
                c.dep_ for c in children}:
            return "generic"  # "bloggers who praise China": what they habitually do, not an event
        if node.i == tok.i and node.dep_ == "relcl" and node.tag_ == "VBG" and aux & {"was", "were"}:
            return "generic"  # "a hotel where elders were meeting": the scene, not the news
        if node.i == tok.i and node.dep_ == "relcl" and node.head.dep_ == "appos" and "had" in aux:
            return "generic"  # "an ex-diplomat who had once bargained with Hanoi": a biography
        if node.i == tok.i and node.tag_ == "VBG" and aux & {"was", "were"} and "already" in lows:
            return "generic"  # "the agency was already providing aid before the coup": a state of affairs
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
            return "hypothetical"
        if node.dep_ == "advcl" and node.tag_ in ("VBP", "VBZ", "VB") and any(
                c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "once", "whenever") for c in children) and any(
                a.dep_ == "aux" and a.lower_ in FUTURE_AUX | MODAL_AUX for a in node.head.children):
            return "hypothetical"  # "would strike back when the rebels attack": a case foreseen, not an act
        means = lemma(node.head) == "use" and node.head.tag_ == "VBD" and bool(_children(node.head, "dobj")) \
            and not _children(node.head, "aux")  # "used drones to strike" (not "has used its power to ...")
        if node.dep_ == "xcomp" and node.i != tok.i and node.head.pos_ == "VERB" and not means \
                and lemma(node.head) not in IMPLICATIVE_HEADS | ATTEMPT_HEADS:
            return "hypothetical"  # "urged them to cut violence and resume talks": asked for, not done
        if node.dep_ in ("xcomp",) and node.i == tok.i:
            head = node.head
            if lemma(head) in ("decide", "vote") and any(
                    t.lower_ in ("tomorrow", "later", "soon") or t.lower_ in ("next", "coming", "upcoming")
                    and (t.head.lemma_.lower() in ("week", "month", "year", "day", "weekend") or t.head.lower_ in WEEKDAYS)
                    for t in head.subtree):
                return "future"  # "decided to hold talks next month": decided now, done later
            if lemma(head) in FUTURE_HEADS:
                return "future" if lemma(head) in ("plan", "schedule", "set", "due", "expect", "intend",
                                                   "prepare", "going") else "hypothetical"
            if lemma(head) not in IMPLICATIVE_HEADS and head.pos_ == "VERB" and not means:
                return "hypothetical"
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return "hypothetical"  # an infinitive of purpose: "came to sign"
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "could escalate by testing weapons": the means shares the act's modality
            steps += 1
            continue
        if node.pos_ == "NOUN" and node.i != tok.i and lows & {"no"} and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in children):
            return "negated"  # "had no confirmation of their release", "saw no sign of a pullout"
        if climbs < 8 and (node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("pobj", "dobj", "compound", "appos", "conj")
                           or node.pos_ == "ADP" and node.dep_ == "prep") and node.head.i != node.i:
            # an event noun in a phrase takes the modality of the clause it is in: "holding a summit on
            # the sidelines of the G-7 summit would not be provocative" is a supposition about both
            node = node.head
            climbs += 1
            continue
        if node.dep_ in ("conj", "xcomp", "ccomp", "advcl") and node.head.pos_ in ("VERB", "AUX"):
            # "said it had not fired on them and accused Phnom Penh", "would not negotiate and ruled out
            # talks": a simple past after "had not", "did not" or a modal is a verb of its own, not under
            # their negation (but "did not meet or call")
            own_tense = node.dep_ == "conj" and node.tag_ == "VBD" and node.head.tag_ in ("VB", "VBN") and any(
                c.dep_ == "aux" and c.lower_ in ("did", "had", "would", "will", "could", "can", "may", "might",
                                                  "should", "must") for c in node.head.children)
            if node.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
                return "hypothetical"  # "refused to allow the planes to land": an infinitive is not a fact
            if node.dep_ == "ccomp" and lemma(node.head) != "help":  # ("helped troops share": what helping did)
                break
            node = node.head
            steps += 1
            continue
        break
    return "asserted"


# --- the extractor --------------------------------------------------------------------------


class EventExtractor:
    """Finds events in parsed sentences of one document."""

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver | None, trace: list[str] | None = None) -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self.recent: list[Actor] = []  # participants of the last two-sided event ("the two sides")
        self.trace = trace  # when a list, every decision is explained into it (``eventcoder explain``)
        self.authors: list[Actor] = []  # who issued the statement named last ("the statement said ...")
        self.story = StoryMemory()  # the acts told so far, for the reactions that name them again
        self._inner_words: set[str] = set()  # the words of the complement the last frame verb governs

    def _note(self, tok: Token, message: str) -> None:
        if self.trace is not None:
            self.trace.append(f"'{tok.text}' (token {tok.i}): {message}")

    def extract(self, sent: Doc, index: MentionIndex, base: int) -> list[RawEvent]:
        self._index = index
        self._base = base
        self._cache: dict[int, Actor | None] = {}
        self._patients: set[int] = set()  # what a request asks to be done to ("the release OF prisoners")
        self._patient_heads: set[int] = set()  # ... and the act asked for ("the RELEASE of prisoners")
        # subjects first: they are who later pronouns ("their withdrawal") most likely name
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
                self._actor(tok)
        consumed: set[int] = set()
        events: list[RawEvent] = []
        # a short line with no verb is a heading ("Turkish demand", "French support vital"): its nouns
        # name topics, not acts
        heading = len(sent) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in sent)
        # (nor one whose only "verb" is a bare form the tagger guessed, "French support vital": a headline
        # verb is inflected, "Pakistan seeks loan")
        bare_heading = len(sent) <= 6 and not sent[-1].is_punct and not any(
            t.tag_ in ("VBZ", "VBD", "VBN", "MD") for t in sent)
        # visit the tokens in tree order so that frame verbs claim their complements first
        for tok in tree_order(sent):
            if tok.i in consumed:
                continue
            rule = self._match(tok)
            if rule is None:
                continue
            if heading and rule.pos == "NOUN" or bare_heading:
                self._note(tok, "a word in a heading without an inflected verb names a topic: no event")
                continue
            self._note(tok, f"trigger rule {rule.name} (frame {rule.frame})")
            found = self._event(tok, rule, consumed)
            if found is not None:
                found = self._revise(found, tok, rule, sent)
            if found is not None:
                self._note(tok, f"event {found.type}/{found.mode or '-'} modality={found.modality}")
                events.append(found)
                if found.modality == "asserted":
                    joint = found.type in JOINT_TYPES or found.type == "SUPPORT" and (
                        rule.frame == "meet" or lemma(tok) in ("sign", "ink", "initial"))  # (both signed it)
                    self.story.remember(found.type, found.mode, found.actors, found.recipients, joint, tok.lemma_)
                if len(found.actors) + len(found.recipients) >= 2 and not any(
                        (a.resolved_by or "").startswith("coref:event") for a in found.recipients):
                    self.recent = found.actors + found.recipients  # (a pair lent by an earlier act stays that pair)
        events += self._obligations(sent)
        events += self._or_else(sent)
        events += self._accusations(sent)
        self.story.next_sentence()
        for tok in sent:
            if tok.lemma_.lower() in STATEMENTS and tok.dep_ == "dobj" and lemma(tok.head) in (
                    "issue", "release", "publish", "send", "post", "adopt", "sign", "deliver", "read"):
                authors = self._actors([t for t in _subject_tokens(tok.head) if t.pos_ != "PRON"])
                if authors:
                    self.authors = authors
        if doc_text(sent).rstrip().rstrip("\"'\u201d\u2019)").endswith("?"):
            # a question asserts nothing: "Did the two leaders discuss sanctions?"
            for event in events:
                if event.modality == "asserted":
                    self._note(event.trigger, "in a question: not asserted")
                    event.modality = "hypothetical"
        return events

    def _revise(self, found: RawEvent, tok: Token, rule: TriggerRule, sent: Doc) -> RawEvent | None:
        """What the sentence around an event changes about it: a deployment against a disease or by
        people at large is none, a prepared attack is a mobilisation, police mobilise as police, a
        place protesting is its people; a stance in a participle on a noun is a description; a protest "in protest of" (or "in defiance of") something is aimed
        at its owner."""
        if found.type in ("SUPPORT", "REJECT", "AGREE", "COOPERATE") and tok.tag_ == "VBG" and tok.dep_ == "acl" \
                and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lemma_.lower() not in STATEMENTS \
                and (who := self._actor(tok.head)) is not None and who.kind in ("group", "person"):
            # "opposition figures supporting the former president", "ministers opposing the deal": who
            # they are (an alignment), not an act told (but "a statement praising X" is the statement's act)
            self._note(tok, "a participle describing whom a noun names by their stance: no event")
            return None
        if found.type == "ASSAULT" and found.mode in (None, "firearms", "heavy-weapons") \
                and (weapon := _weapon_mode(tok)) is not None:
            found.mode = weapon  # "launched drones at", "traded artillery fire", "stabbed with knives"
        if found.type == "ASSAULT" and found.mode in ("aerial", "drone", "heavy-weapons", "explosives"):
            # "an Israeli airstrike", "a Turkish drone strike": the state named by its demonym struck with
            # its armed forces
            found.actors = [a.model_copy(update={"sector": "MIL"}) if self._demonym_state(a) else a
                            for a in found.actors]
        if found.type == "ASSAULT" and not found.actors and found.recipients and _is_passive(tok) \
                and all(r.sector in ("REB", "UAF") for r in found.recipients) and (said := _said_by(tok)) is not None:
            # "the army said 33 militants were killed in the operation": fighters the state's own forces
            # report killed, with no one else named, were killed by those forces
            speaker = self._actors(_subject_tokens(said))
            countries = {a.country for a in speaker}
            if speaker and len(countries) == 1 and None not in countries and all(
                    a.sector in ("GOV", "MIL", "COP") and a.kind != "organization" or a.sector in ("MIL", "COP")
                    for a in speaker):
                sector = "COP" if all(a.sector == "COP" for a in speaker) else "MIL"
                found.actors = [Actor(text="security forces", name="security forces", country=countries.pop(),
                                      sector=sector, kind="group", resolved_by="coref:reporting-forces")]
        if found.type == "PROTEST":
            # "staged a sit-in in protest of the mayor's order": against the mayor (it
            # names whom, better than the nearest noun)
            aims = [o for t in sent if t.lemma_.lower() in ("protest", "defiance", "opposition") and t.dep_ == "pobj"
                    and t.head.lower_ == "in" for o in _prep_objects(t, ("of", "against", "at", "over", "to"))]
            found.recipients = [r for r in self._actors(aims, possessor=True)
                                if r.key() not in {a.key() for a in found.actors}] or found.recipients
        if found.type == "MOBILIZE" and any(
                t.lemma_.lower() in self.lexicon.classes.get("DISEASE", set()) for t in sent):
            self._note(tok, "an alert or deployment against a disease is public health, not a show of force: no event")
            return None
        if rule.type == "ASSAULT" and found.type in ("ASSAULT", "THREATEN") and found.actors and _prepared(tok):
            # "the army prepared to storm the town": a force posture (MOBILIZE), not yet an attack
            self._note(tok, "an attack prepared, not made: MOBILIZE")
            found.type, found.mode, found.modality = "MOBILIZE", "troops", "asserted"
        if found.type == "MOBILIZE" and found.actors and all(
                a.sector in ("CVL", "REF", "BUS", "EDU", "JRN", "MED") and not a.org for a in found.actors):
            self._note(tok, "people at large patrolling or recruiting are no armed force: no event")
            return None
        if found.type == "MOBILIZE" and found.mode == "troops" and found.actors \
                and all(a.sector == "COP" for a in found.actors):
            found.mode = "police"  # police patrols or alerts: the codebook's police mode
        if found.type == "PROTEST":
            # "Gaza erupted in protests": a place protesting is its people, not its government
            found.actors = [a.model_copy(update={"sector": "CVL", "kind": "group"})
                            if a.resolved_by == "lexicon:place-government" else a for a in found.actors]
        return found

    def has_trigger(self, sent: Doc) -> bool:
        """Does a trigger rule match in this parsed sentence (part of speech, particle and object
        checked)? Sentences without one get no named-entity pass."""
        for tok in sent:
            if self._match(tok) is not None:
                return True
            if tok.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
                return True  # an obligation: "X said Y must ..."
            if lemma(tok) == "face" and tok.dep_ == "conj" and any(c.lower_ == "or" for c in tok.head.children):
                return True  # an ultimatum: "... to step down or face military action"
            if self._reported_misconduct(tok) or self._judged(tok) is not None or self._reported_plot(tok):
                return True
        return False

    def _reported_misconduct(self, clause: Token) -> bool:
        """Is this a clause in which a speaker says someone misbehaves ("said Iran is defying the
        Council", "the statement said Washington seeks to weaponize the Council")?"""
        if clause.dep_ != "ccomp" or lemma(clause.head) not in SAY_VERBS | {"write"}:
            return False  # (tested first: this runs on every token of every sentence read)
        verbs = [clause] + [c for c in clause.children if c.dep_ == "xcomp"]
        if lemma(clause) == "use":
            # "said Beijing uses vague laws to suppress dissent": the purpose is the misconduct
            verbs += [c for c in clause.children if c.dep_ in ("advcl", "xcomp")
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if lemma(clause) == "fail" and any(lemma(v) in self.lexicon.classes.get("DUTY", set())
                                           for v in _children(clause, "xcomp")):
            return True  # "said Kabul failed to act against the groups": a duty left undone
        if lemma(clause) in ("commit", "perpetrate", "carry") and any(
                o.lemma_.lower() in CRIMES or any(c.lemma_.lower() in CRIMES for c in o.children if c.dep_ == "compound")
                for o in _children(clause, "dobj")):
            return True  # "said Israel had committed genocide", "said troops committed war crimes"
        if lemma(clause) == "involve" and any(
                o.lemma_.lower() in CRIMES or any(c.lower_ in CRIMINAL for c in o.children if c.dep_ == "amod")
                for o in _prep_objects(clause, ("in",))):
            return True  # "said the ex-minister was involved in bribery or corrupt schemes"
        return any(lemma(v) in self.lexicon.classes.get("MISCONDUCT", set()) for v in verbs)

    def _reported_attack(self, clause: Token) -> list[Token] | None:
        """"Azerbaijan's ministry said Armenian forces had opened fire on its positions", "rights groups
        said the army had carried out a dozen air strikes": an attack told in the past by the other side
        (or by a rights group or a UN body) is also its allegation against the attackers -- who they are."""
        if clause.dep_ != "ccomp" or lemma(clause.head) not in SAY_VERBS or any(
                c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in MODAL_AUX | FUTURE_AUX for c in clause.children):
            return None  # (not "said the authorities should declare ...", "said they would strike")
        rules = [r for r in [self._match(clause), *(self._match(o) for o in _children(clause, "dobj"))] if r is not None]
        if not any(r.type in ("ASSAULT", "COERCE") and r.frame in ("plain", "light") for r in rules):
            return None  # ("opened fire on", "carried out air strikes": the attack is the verb's object)
        doers = _doers(clause)
        return doers or None

    def _censures(self, tok: Token | None) -> bool:
        """Is this word (or an adjective on it, or one coordinated with it) a judgement of conduct
        ("illegal", "a violation", "a hostile partner"), not negated?"""
        if tok is None:
            return False
        censure = self.lexicon.classes.get("CENSURE", set())
        words = [tok, *[c for c in tok.children if c.dep_ in ("amod", "conj")]]
        return any(w.lemma_.lower() in censure or w.lower_ in censure for w in words) \
            and not any(c.dep_ == "neg" or c.lower_ in ("not", "no", "never") for c in tok.children)

    def _judged(self, tok: Token) -> tuple[Token, list[Token]] | None:
        """The speaking verb and the judged of a judgement of someone's conduct: "said (that) Y's rules
        were illegal", "said the move was a violation of ...", "called Y's subsidies unfair",
        "described Y as a hostile partner"; ``None`` for any other token."""
        if tok.dep_ == "ccomp" and lemma(tok) == "be" and lemma(tok.head) in SAY_VERBS | OBLIGATION_REPORTERS \
                and not any(c.dep_ == "neg" for c in tok.children):
            verdicts = [c for c in tok.children if c.dep_ in ("acomp", "attr")]
            if any(self._censures(v) for v in verdicts):
                # ("military cooperation between Moscow and Pyongyang was illegal": those between)
                judged = [t for s in _subject_tokens(tok) for t in (_prep_objects(s, ("between",)) or [s])]
                return tok.head, judged
        if lemma(tok) in self.lexicon.classes.get("JUDGING", set()) and not any(c.dep_ == "neg" for c in tok.children):
            judged = _children(tok, "dobj")
            verdicts = _children(tok, "oprd") + _children(tok, "xcomp") + _children(tok, "ccomp") + [
                o for p in _children(tok, "prep") if p.lower_ == "as" for o in _children(p, "pobj")] + [
                # ("called China's subsidies unbearable": the parser may hang the verdict on the object)
                a for o in judged for a in _children(o, "amod") if a.i > o.i]
            if judged and any(self._censures(v) for v in verdicts):
                return tok, judged
        return None

    def _reported_plot(self, clause: Token) -> bool:
        """Is this a clause in which a speaker says something was planned ("said the attack was
        orchestrated from X")?"""
        return clause.dep_ == "ccomp" and lemma(clause.head) in SAY_VERBS | OBLIGATION_REPORTERS \
            and lemma(clause) in self.lexicon.classes.get("ORCHESTRATE", set())

    def _plotters(self, clause: Token) -> list[Token] | None:
        """Who a speaker says planned an attack: "said the attack was orchestrated from Afghanistan",
        "said Kabul masterminded the bombing" (the ones named by "by"/"from", or the subject); None for
        any other clause."""
        if not self._reported_plot(clause) or any(c.dep_ == "neg" for c in clause.children):
            return None
        attacked = _children(clause, "nsubjpass") if _is_passive(clause) else _children(clause, "dobj")
        if not any((r := self._match(t, relaxed=True)) is not None and r.type == "ASSAULT" for t in attacked):
            return None
        if not _is_passive(clause):
            return _subject_tokens(clause)
        # ("organised and financed from Mali": the place may hang on the second participle)
        verbs = [clause, *(c for c in _children(clause, "conj") if c.tag_ == "VBN")]
        doers = [d for v in verbs for d in _agent_tokens(v)] or [d for v in verbs for d in _prep_objects(v, ("from",))]
        # ("directed by handlers in Afghanistan": where the unnamed handlers are)
        return [p for d in doers for p in ([d] if self._actor(d) is not None else _prep_objects(d, ("in", "from")))]

    def _demonym_state(self, actor: Actor) -> bool:
        """Is this a state's government named by a demonym alone ("Israeli" of "an Israeli airstrike")?"""
        return actor.kind == "state" and actor.sector == "GOV" and bool(actor.text) and " " not in actor.text \
            and any(e.kind == "demonym" for m in self._index.mentions if m.text == actor.text for e in m.entries)

    def _accusations(self, sent: Doc) -> list[RawEvent]:
        """'X said (that) Y is defying / ripping off / undermining Z' is an accusation by X against Y:
        the speech act names misconduct (the issue's "Y said X attacked ...: the speech act itself may
        be an ACCUSE by Y", for the verbs of misconduct in trigger_classes.csv). So is a speaker's
        judgement of Y's conduct ("said Y's rules were illegal", "called Y's subsidies unfair"; the
        words of CENSURE in trigger_classes.csv)."""
        out: list[RawEvent] = []
        for clause in sent:
            if self._reported_misconduct(clause) and not any(c.dep_ == "neg" for c in clause.children):
                # ("said we have been ripped off by X": the passive's subject is wronged, X is accused)
                verb, accused_toks, rule, why = clause.head, (
                    _agent_tokens(clause) if _is_passive(clause) and lemma(clause) not in STATIVE_PARTICIPLES
                    else _subject_tokens(clause)), \
                    "clause:say+misconduct->ACCUSE", "misconduct reported"
            elif (judgement := self._judged(clause)) is not None:
                (verb, accused_toks), rule, why = judgement, "clause:judgement->ACCUSE", "conduct judged"
            elif (plotters := self._plotters(clause)) is not None:
                verb, accused_toks, rule, why = clause.head, plotters, "clause:say+orchestrated->ACCUSE", \
                    "an attack said to be planned by someone"
            elif (attackers := self._reported_attack(clause)) is not None:
                verb, accused_toks, rule, why = clause.head, attackers, "clause:say+attack->ACCUSE", \
                    "an attack told by the other side"
            else:
                continue
            speaker = self._actors(_subject_tokens(verb))
            accused = [a for a in self._actors(accused_toks, possessor=True)
                       if a.key() not in {s.key() for s in speaker}]
            if not speaker or not accused:
                continue
            if rule == "clause:say+attack->ACCUSE" and (not (
                    all(a.sector in ("GOV", "MIL", "COP", "NGO", "IGO") or a.org for a in speaker)
                    and None not in {a.country for a in speaker} and None not in {a.country for a in accused}
                    and not {a.country for a in speaker} & {a.country for a in accused}
                    or all(a.sector in ("NGO", "IGO") for a in speaker)) or not all(
                    a.sector in ARMED_OR_STATE and not (a.resolved_by or "").startswith(
                        ("lexicon:city", "lexicon:place", "lexicon:capital", "lexicon:population")) for a in accused)):
                continue  # (a state's own forces or a witness telling an attack accuse no one; nor is a town)
            self._note(clause, f"{why} by '{verb.text}': ACCUSE")
            mode = "allege" if rule in ("clause:say+orchestrated->ACCUSE", "clause:say+attack->ACCUSE") else "disapprove"
            out.append(RawEvent("ACCUSE", mode, speaker, accused, modality_of(verb), clause,
                                rule, 0.55, self._place_tokens(verb), "plain"))
        return out

    def _obligations(self, sent: Doc) -> list[RawEvent]:
        """'X said (that) Y must/should Z' is a REQUEST by X to Y (mode from Z)."""
        out: list[RawEvent] = []
        for clause in sent:
            if clause.dep_ != "ccomp" or lemma(clause.head) not in SAY_VERBS | OBLIGATION_REPORTERS:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children):
                continue
            if any(c.dep_ == "neg" for c in clause.children) or lemma(clause) in COGNITION:
                continue  # ("they must understand that ...": a warning, not a request)
            speaker = self._actors([t for t in _subject_tokens(clause.head) if t.pos_ != "PRON"])
            addressee = self._actors([t for t in _subject_tokens(clause) if t.pos_ != "PRON"])
            if not speaker or not addressee:
                continue
            rule = self._match(clause)
            mode = MODE_FROM_INNER["REQUEST"].get(rule.type, "change") if rule else "change"
            self._note(clause, f"obligation reported by '{clause.head.text}': REQUEST/{mode}")
            out.append(RawEvent("REQUEST", mode, speaker, addressee, modality_of(clause.head), clause.head,
                                "clause:say+must->REQUEST", 0.6, self._place_tokens(clause.head), "request"))
        return out

    def _or_else(self, sent: Doc) -> list[RawEvent]:
        """'X urged Y to accept the deal or face sanctions': the alternative is a THREAT by X to Y."""
        out: list[RawEvent] = []
        for face in sent:
            if lemma(face) != "face" or face.dep_ != "conj" or not any(
                    c.dep_ == "cc" and c.lower_ == "or" for c in face.head.children):
                continue
            faced = {o.lemma_.lower() for o in _children(face, "dobj")}
            if not faced & THREAT_OBJECTS:
                continue
            asked = face.head  # "accept", the xcomp of the request
            frame = asked.head if asked.dep_ in ("xcomp", "ccomp", "advcl") else None
            ultimatum = frame is not None and lemma(frame) in DEADLINE_VERBS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in asked.children)
            if frame is None or not ultimatum and (
                    (rule := self._match(frame, relaxed=True)) is None or rule.frame != "request"):
                continue
            speaker = self._actors(_subject_tokens(frame))
            addressee = [a for a in self._actors(_children(frame, "dobj") or _subject_tokens(asked))
                         if a.key() not in {s.key() for s in speaker}]
            if not speaker or not addressee:
                continue
            mode = self._threat_mode("SANCTION", None) if faced & self.lexicon.classes.get("SANCTIONOBJ", set()) else None
            self._note(face, "an alternative to a demand ('or face ...'): THREATEN")
            out.append(RawEvent("THREATEN", mode, speaker, addressee, modality_of(frame), face,
                                "clause:or-face->THREATEN", 0.6, self._place_tokens(frame), "threaten"))
        return out

    # matching ---------------------------------------------------------------------------------
    def _pos(self, tok: Token) -> str | None:
        """The part of speech a trigger rule is filed under, or None. A function of the token's label,
        tags and lower-case form only, memoised by their ids: it is asked for every token of every
        sentence read (the screen, the look-ahead and the final extraction)."""
        if tok.tag_ == "VBN" and any(r.type == "ACCUSE" for r in self.lexicon.lookup(tok.lower_, "ADJ")) \
                and any(c.dep_ == "auxpass" for c in tok.children):
            # (... also when the parser reads it as a passive: "was disappointed by the decision"; read
            # outside the memo, since it depends on the token's children)
            return "ADJ"
        memo = self.lexicon.pos_memo
        key = (tok.dep, tok.tag, tok.pos, tok.lower)
        found = memo.get(key, _UNSET)
        if found is _UNSET:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            found = memo[key] = self._pos_of(tok)
        return found  # type: ignore[return-value]

    def _pos_of(self, tok: Token) -> str | None:
        if tok.dep_ == "acomp" and tok.tag_ == "VBN" and self.lexicon.lookup(tok.lower_, "ADJ"):
            return "ADJ"  # "is deeply disappointed by": a participle used as an adjective of feeling
        if tok.pos_ == "VERB" or tok.tag_.startswith("VB") or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            return "VERB"
        if tok.pos_ in ("NOUN", "PROPN"):
            return "NOUN"
        if tok.pos_ == "ADJ":
            return "ADJ"
        return None

    def _match(self, tok: Token, relaxed: bool = False) -> TriggerRule | None:
        """The first trigger rule this token satisfies; ``relaxed`` ignores particles and objects
        (to know what kind of act a complement names: "vowed to fight until ...")."""
        pos = self._pos(tok)
        if pos is None or (pos == "VERB" and tok.dep_ == "amod"):
            return None  # "the long-threatened invasion": a participle modifying a noun
        if pos == "VERB" and lemma(tok) in STATIVE_PARTICIPLES and not _agent_tokens(tok) and (
                tok.dep_ == "acl" and tok.tag_ == "VBN" or tok.dep_ == "ROOT" and _describes_subject(tok)):
            return None  # "protesters opposed to the reform", "groups committed to peace": who they are
        word = lemma(tok) if pos == "VERB" else tok.lemma_.lower()
        candidates: list[TriggerRule] = []
        if pos == "NOUN" and (word in self.lexicon.compound_tails or tok.lower_ in self.lexicon.compound_tails):
            # ("joint coastguard patrols": the parser may hang "joint" on the compound)
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod")]
            mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "amod"]
            for c in mods:
                candidates += self.lexicon.lookup(f"{c.lemma_.lower()} {word}", "NOUN")
                candidates += self.lexicon.lookup(f"{c.lower_} {tok.lower_}", "NOUN")
        candidates += self.lexicon.lookup(word, pos)
        if pos == "ADJ" and tok.lower_ != word:
            candidates += self.lexicon.lookup(tok.lower_, pos)
        if pos == "NOUN" and tok.dep_ == "ROOT" and tok.tag_ in ("NNS", "VBZ", "NNP"):
            # headlines: "Xi Meets Bachelet" tags the verb as a noun
            candidates += self.lexicon.lookup(lemma(tok), "VERB")
        if not candidates:
            return None  # (most tokens: no rule to try, no children to read)
        if any(c.dep_ in COMPLEMENT_DEPS for c in tok.children):
            frames = ("request", "agree", "promise", "threaten", "reject", "deny")
            candidates.sort(key=lambda r: r.frame not in frames)
        if relaxed:
            # (a rule that needs a kind of object says nothing without it: "set" is not "set fire")
            general = [r for r in candidates if r.objects is None or "@ACTOR" in r.objects]
            return general[0] if general else None
        for rule in candidates:
            if rule.frame == "light" and not (tok.dep_ in ("dobj", "attr", "nsubjpass", "pobj")
                                              and (lemma(tok.head) in LIGHT_VERBS
                                                   or lemma(tok.head.head) in LIGHT_VERBS)):
                continue
            if rule.particle and not _has_particle(tok, rule.particle):
                continue
            if rule.frame == "request" and lemma(tok) == "tell" and not _children(tok, "xcomp"):
                continue  # "officials told AFP (that ...)": told something, not told to do it
            if rule.unless and _object_lemmas(tok) & rule.unless:
                continue  # ("welcomed the vaccines": goods are not praised)
            if rule.objects is not None and not self._objects_ok(tok, rule):
                continue
            return rule
        return None

    def _objects_ok(self, tok: Token, rule: TriggerRule) -> bool:
        assert rule.objects is not None
        lemmas = _object_lemmas(tok)
        if rule.type == "AID" and tok.dep_ == "acl" and tok.tag_ == "VBN" and _agent_tokens(tok) \
                and tok.head.lemma_.lower() in rule.objects:
            return True  # "supplies sent by Turkey": the goods a participle describes, given by its agent
        if _predicates(tok) & rule.objects:
            return True  # "called the tariffs insulting": what the object is called
        if lemmas & rule.objects:
            objects = _children(tok, "dobj", "attr", "nsubjpass", "oprd")
            heads = {o.lemma_.lower() for o in objects} | {
                f"{c.lemma_.lower()} {o.lemma_.lower()}" for o in objects for c in _children(o, "compound")}
            if not heads & rule.objects and heads & self.lexicon.classes.get("CONFLICT", set()):
                return False  # "deepened the trade war": a trade war is a conflict, not trade
            # "launched missile strikes": the object is a strike (an event noun of its own), not a missile
            return bool(heads & rule.objects) or not any(self.lexicon.lookup(h, "NOUN") for h in heads)
        if "@BODY" in rule.objects:
            # "withdrew from ECOWAS", "quit the African Union": an organisation of states, not a place
            bodies = _children(tok, "dobj") + _prep_objects(tok, rule.recipient)
            if self.resolver is None:  # (has_trigger: without actors, any object may do)
                return bool(bodies)
            if any((a := self._actor(o)) is not None and a.kind == "organization" and a.sector == "IGO"
                   for o in bodies):
                return True
        if "@ACTOR" in rule.objects:
            # ("allowed X to hold a rally" parsed as "allowed [X to hold ...]": X, when a name or a role
            # word heads it, not a thing with a role word before it, "allow the naval harbour to stay open")
            received = _children(tok, "nsubjpass") if _is_passive(tok) and _agent_tokens(tok) else []
            if self.resolver is None:  # (has_trigger: without actors, any object may do)
                return bool(_children(tok, "dobj") or infinitive_subjects(tok) or _prep_objects(tok, rule.recipient)
                            or received)
            objects = (_children(tok, "dobj") or [t for t in infinitive_subjects(tok) if t.pos_ == "PROPN" or any(
                m.start <= t.idx < m.end for m in self._index.mentions)]) + _prep_objects(tok, rule.recipient)
            objects += received  # "was received by the Sultan": the one received
            return any(self._actor(o) is not None for o in objects)
        return False

    # roles --------------------------------------------------------------------------------
    def _actor(self, tok: Token) -> Actor | None:
        if tok.i not in self._cache:
            self._cache[tok.i] = self.resolver.resolve(tok, self._index, self._base)
        return self._cache[tok.i]

    def _actors(self, toks: list[Token], possessor: bool = False) -> list[Actor]:
        """Actors of argument heads; with ``possessor``, "Turkey's efforts" stands for Turkey."""
        out: list[Actor] = []
        seen: set[tuple] = set()

        def keep(found: Iterable[Actor]) -> None:  # each actor once, in the order found
            for x in found:
                if x.key() not in seen:
                    seen.add(x.key())
                    out.append(x)

        for t in toks:
            office = t.lemma_.lower()
            if _both_sides(t) and office in ("president", "leader", "minister", "premier") and self.resolver is not None \
                    and (pair := self.resolver.registry.last_pair(office, self._base + t.idx)):
                # "the two presidents": the two presidents named last, not the last two parties
                keep(a.model_copy(update={"resolved_by": "coref:both-sides"}) for a in pair)
                continue
            if _both_sides(t) and t.lemma_.lower() in ("country", "nation", "government", "state") \
                    and len({a.country for a in self.recent if a.country}) == 2 and self.resolver is not None \
                    and any(a.kind not in ("state", "person") for a in self.recent):
                # "Japanese and Philippine troops ... the two countries concluded": the two states named last
                keep(government_of(self.resolver.kb, country, "coref:both-sides")
                     for country in dict.fromkeys(a.country for a in self.recent if a.country))
                continue
            if _both_sides(t) and len(self.recent) >= 2 and not (
                    t.lemma_.lower() in ("country", "nation", "state", "government")
                    and (len({a.country for a in self.recent}) < 2 or any(a.kind not in ("state", "person")
                                                                         for a in self.recent))):
                # ("both countries" are two states: not the last pair when that is one state's people)
                # "the two sides", "both leaders": the pair named last
                keep(a.model_copy(update={"resolved_by": "coref:both-sides"}) for a in self.recent)
                continue
            if title_of_name(t) is not None:
                continue  # "activist" of "arrested activist Jane Doe": part of the name's phrase
            a = self._actor(t)
            if _both_sides(t) and a is not None and not a.org and not any(
                    c.dep_ in ("amod", "compound") and any(m.start <= c.idx < m.end for m in self._index.mentions)
                    for c in t.children):
                continue  # "the two sides" with no pair named before: unknown, not the story's country
            if a is not None and a.kind == "group" and not a.country and not a.org and t.dep_ == "conj" \
                    and not any(c.dep_ in ("amod", "compound", "det", "poss", "nummod") for c in t.children):
                first = t
                while first.dep_ == "conj":
                    first = first.head
                lead = self._actor(first)
                if lead is not None and lead.kind == "group" and lead.country and any(
                        c.dep_ in ("amod", "compound") and any(m.start <= c.idx < m.end and any(
                            e.kind in ("demonym", "country") for e in m.entries) for m in self._index.mentions)
                        for c in first.children):
                    # "Israeli helicopters and tanks": the nationality holds for both
                    a = a.model_copy(update={"country": lead.country, "resolved_by": "coordinated"})
            owned = a is None and possessor
            if owned:
                a = self._owner(t)
            if a is None and t.lemma_.lower() in STATEMENTS:
                # "the G7 statement", "Beijing's statement": a statement speaks for whoever issued it
                issuers = [i for c in t.children if c.dep_ in ("compound", "poss", "amod")
                           and (i := self._actor(c)) is not None]
                a = issuers[0] if issuers else None
            if a is None and t.lemma_.lower() in self.lexicon.classes.get("SANCTIONOBJ", set()) \
                    and t.dep_ == "nsubj" and any(d.lower_ in ("the", "these", "those") for d in t.children) \
                    and (imposers := self.story.earlier_doers("SANCTION")):
                # "The measures freeze their assets and bar the officials": whoever imposed the measures told before
                keep(imposers)
                continue
            if a is None and t.lemma_.lower() in STATEMENTS and t.dep_ in ("nsubj", "nsubjpass") \
                    and any(d.lower_ in ("the", "this", "that") for d in t.children):
                # "The statement threatened sanctions": the statement named last speaks for its author
                keep(author.model_copy(update={"resolved_by": "coref:statement"}) for author in self.authors)
                continue
            if a is not None and a.key() not in seen:
                # ("tariffs on imports from Brazil and Argentina": both owners)
                # ("envoys from the army and the RSF": each body they come from)
                senders = [b for f in _prep_objects(t, ("from",))[1:] if (b := self._actor(f)) is not None
                           and b.kind == a.kind == "organization"] if t.pos_ == "NOUN" else []
                keep([a, *(self._owners_conjoined(t, a) if owned else []), *senders, *self._coordinated_peoples(t, a)])
        return out

    def _owners_conjoined(self, thing: Token, owner: Actor) -> list[Actor]:
        """The states or bodies conjoined with the owner :meth:`_owner` found for ``thing`` by a
        preposition ("steel from Brazil and Argentina"), of the same kind as the owner."""
        named = next((t for t in thing.subtree if self._base + t.idx == owner.start), None)
        if named is None or named.dep_ != "pobj" or owner.kind not in ("state", "organization"):
            return []
        return [a for a in self._actors(_conjuncts(named)[1:]) if a.kind == owner.kind and (a.country or a.org)]

    def _coordinated_peoples(self, head: Token, actor: Actor) -> list[Actor]:
        """"Russian and North Korean leaders", "Sierra Leonean and Liberian refugees": one phrase, one
        actor per country its coordinated modifiers name."""
        out: list[Actor] = []

        def country_of(tok: Token) -> str | None:
            return next((e.country for m in self._index.mentions if m.start <= tok.idx < m.end
                         for e in m.entries if e.kind in ("demonym", "country") and e.country), None)

        heads = [head] + [p for p in _prep_objects(head, ("of",))]  # ("scores of Malian and Nigerien migrants")
        for owner, mod in ((h, c) for h in heads for c in h.children):
            if mod.dep_ not in ("amod", "compound", "nmod"):
                continue
            for conj in [c for c in mod.subtree if c.dep_ == "conj" and c.i != mod.i]:
                country = country_of(conj)
                if country and country != actor.country:
                    out.append(actor.model_copy(update={"country": country, "text": f"{conj.text} {owner.text}",
                                                        "resolved_by": "coordinated"}))
        if actor.kind == "group" and actor.country:
            # "leaders of Ghana and Togo": the same people of each country named
            for conj in heads[2:]:
                country = country_of(conj)
                if conj.dep_ == "conj" and country and country != actor.country \
                        and country not in {a.country for a in out}:
                    out.append(actor.model_copy(update={"country": country, "text": f"{head.text} of {conj.text}",
                                                        "resolved_by": "coordinated"}))
        return out

    def _owner(self, tok: Token, top: bool = True) -> Actor | None:
        """Whose thing a non-actor noun is: "Turkey's efforts", "an Indian proposal", "a US offer",
        "calls by Belarus's rulers", "an offer from Afghanistan"."""
        patient = tok.lemma_.lower() in PATIENT_NOUNS  # "the arrest OF a reporter": the reporter suffers it
        if tok.lemma_.lower() in RELATIONAL_NOUNS:
            return None  # "China's neighbours", "the allies of Russia": someone else
        if tok.lemma_.lower() in self.lexicon.classes.get("REPORT", set()):
            # "concerned about the IAEA report about Iran's enrichment": what the report is about, not who wrote it
            for p in _prep_objects(tok, ("about", "on", "into")):
                if (a := self._actor(p) or self._owner(p, top=False)) is not None:
                    return a
        agreement = tok.lemma_.lower() in self.lexicon.classes.get("AGREEMENT", set())
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON" and not patient \
                    and (a := self._actor(c) or self._owner(c, top=False)) is not None:
                return a  # ("their disapproval" is the actor's own; "the editor's arrest" is the editor's ordeal)
        facility = tok.lemma_.lower() in FACILITY_NOUNS
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and (a := self._actor(c)) is not None \
                    and (a.kind in ("state", "organization", "person") or facility and a.kind == "group") \
                    and not (agreement and a.resolved_by in ("lexicon:capital", "lexicon:city", "lexicon:place")):
                return a  # "an Indian proposal", "an army convoy"; not "an official protest" nor "the Doha agreement"
        if patient:
            # the doer: "the arrest of the editor BY police" (wherever the parser hung the "by")
            for t in tok.subtree:
                if t.dep_ in ("prep", "agent") and t.lower_ == "by":
                    for p in _children(t, "pobj"):
                        if (a := self._actor(p)) is not None:
                            return a
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of", "in") and not (patient and c.lower_ == "of") \
                    and not (tok.dep_ == "dobj" and _charge(c, tok.head)) \
                    and not (top and c.lower_ == "in" and tok.lemma_.lower() in VIOLENCE_NOUNS):
                # (regret about "the killings in Mali": where they happen, not whose they are; but
                # "the sides to the war in Yemen" are Yemen's)
                for p in _children(c, "pobj"):
                    if (a := self._actor(p) or self._owner(p, top=False)) is not None:
                        return a  # "targets in Jericho": the place's people
        return None

    def _verb_roles(self, tok: Token, rule: TriggerRule) -> tuple[list[Token], list[Token]]:
        passive = _is_passive(tok)
        if passive and lemma(tok) in STATIVE_PARTICIPLES and not _agent_tokens(tok):
            passive = False  # "Israel is opposed to", "Vietnam is committed to": a stance, not a passive
            actors = [t for s in _children(tok, "nsubjpass") for t in _conjuncts(s)]
            return actors, _recipient_tokens(tok, rule.recipient)
        if passive:
            actors = _agent_tokens(tok) or (self._doer_in_circumstance(tok) if rule.type in ATTEMPTED_TYPES else [])
            if not actors and (rule.type == "SANCTION" and rule.mode in ("expel", "withdraw", None)
                               or rule.type == "COERCE" and rule.mode == "deport"):
                # "was expelled from the party": the party expels; "migrants were deported from the
                # Dominican Republic": its state deports
                actors = _prep_objects(tok, ("from",))
            recips = [t for s in _children(tok, "nsubjpass") for t in _conjuncts(s)]
            if recips and rule.type == "MOBILIZE":
                # "troops were deployed to the border": the forces are what is mobilised, as the object of
                # "deployed troops" is; whom it is aimed at follows
                deployed = recips
                recips = _recipient_tokens(tok, tuple(r for r in rule.recipient if r != "dobj"))
                if not actors and not self._reporting_authority(tok):
                    # "thousands of police officers were deployed in Nairobi": with no one named who sent
                    # them, the forces deployed are the ones mobilising
                    actors = [t for t in deployed if (a := self._actor(t)) is not None and a.sector in ("MIL", "COP")]
            elif recips and rule.objects is not None and all(r.lemma_.lower() in rule.objects for r in recips):
                # "sanctions were imposed on three firms": the subject is the thing, its target follows
                recips = _recipient_tokens(tok, tuple(r for r in rule.recipient if r != "dobj"))
            if not recips and tok.dep_ in ("acl", "relcl"):
                recips = _conjuncts(tok.head)
            elif not recips and tok.dep_ == "advcl":
                recips = _subject_tokens(tok.head)  # "the leader is dead, killed in a raid"
            if not actors and (rule.type in ("SANCTION", "COERCE", "MOBILIZE") and rule.mode != "convict"
                               or rule.type == "AID" and lemma(tok) in ("rescue", "evacuate")):
                # (a sentence is passed by a court, whoever reports it)
                patients = {a.key() for a in self._actors(recips)}
                actors = [t for t in self._reporting_authority(tok)
                          if (a := self._actor(t)) is not None and a.key() not in patients]
            elif not actors and rule.type == "ASSAULT" and (patients := self._actors(recips)) and all(
                    p.sector in ("REB", "UAF", "CRM") for p in patients):
                # "special forces said the IS leader was killed in an airstrike": fighters killed, told by the
                # security forces that fight them, were killed by those forces
                actors = [t for t in self._reporting_authority(tok)
                          if (a := self._actor(t)) is not None and a.sector in ("MIL", "COP", "SPY")
                          and a.country not in {p.country for p in patients if p.country}]
        else:
            actors = _subject_tokens(tok)
            if rule.type in STATEMENT_TYPES and tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i \
                    and tok.head.dep_ == "ccomp" and lemma(tok.head.head) in SAY_VERBS and tok.head.head.i < tok.head.i:
                # "officials said Russian forces targeted a hospital, calling the strike a war crime": the
                # speakers call it, not the ones they speak of (not in "Kurds marched, calling for ..., witnesses said")
                actors = _subject_tokens(tok.head.head)
            if rule.type in ATTEMPTED_TYPES and len(actors) == 1 and actors[0].lemma_.lower() in CIRCUMSTANCE_NOUNS:
                # "an attack by Boko Haram killed ten soldiers", "a raid carried out by police left two dead"
                noun = actors[0]
                actors = _prep_objects(noun, ("by",)) or [a for c in noun.children if c.dep_ == "acl"
                                                          for a in _agent_tokens(c)] \
                    or [c for c in noun.children if c.dep_ == "poss"] or actors
            # "fighting an insurgency against the state", "waged a campaign against the rebels": the
            # object is the struggle, its "against" names the one it is aimed at
            warfare = self.lexicon.classes.get("WARFARE", set())
            recips = [a for r in _recipient_tokens(tok, rule.recipient)
                      for a in ((_prep_objects(r, ("against",)) if r.lemma_.lower() in warfare else []) or [r])]
            if recips and rule.objects is not None and "dobj" not in rule.recipient:
                # "lodged a protest with Russia over the deaths": the preposition the rule ranks first,
                # on the verb or on its object
                for kind in rule.recipient:
                    found = _prep_objects(tok, (kind,)) or [
                        t for o in _children(tok, "dobj") for t in _prep_objects(o, (kind,))]
                    if found:
                        recips = [t for f in found for t in _conjuncts(f)]
                        break
            if not recips and (rule.objects is not None or rule.frame == "meet"):
                # "imposed sanctions on Iran", "negotiated a loan with the IMF": the preposition hangs on the object
                # (or on the last of coordinated objects: "froze the loans and arms deliveries to Minsk")
                means = [o for p in _children(tok, "prep") if p.lower_ in ("by", "over", "via")
                         for o in _children(p, "pobj") if o.lemma_.lower() in MEANS_OF_CALL]  # "by phone with X"
                for obj in [o for d in _children(tok, "dobj") for o in [d, *_children(d, "conj")]] + means:
                    recips = _recipient_tokens(obj, tuple(r for r in rule.recipient if r != "dobj"))
                    if recips:
                        break
                if recips and rule.type == "SANCTION":
                    # "a surcharge on electricity exported to three US states", "duties on steel imported
                    # from China": whose trade the goods are
                    recips = recips + [t for r in recips for p in _children(r, "acl") if p.tag_ == "VBN"
                                       for t in _prep_objects(p, ("to", "from"))]
        return actors, recips

    def _reporting_authority(self, tok: Token) -> list[Token]:
        """The authority that reports an act of authority told in the passive without its doer: "three
        suspects were arrested, police said", "sanctions were imposed on ..., the Treasury said" (the
        police arrested them, the Treasury imposed them). Only a state body speaks for itself so;
        "..., their lawyer said" names nobody who did it."""
        if tok.dep_ == "ccomp" and lemma(tok.head) in SAY_VERBS:
            speakers = _subject_tokens(tok.head)
        else:
            speakers = [t for c in tok.children if c.dep_ in ("parataxis", "ccomp") and lemma(c) in SAY_VERBS
                        for t in _children(c, "nsubj")]
        return [t for t in speakers if (a := self._actor(t)) is not None and a.sector in STATE_SECTORS
                and a.sector != "LEG"]

    def _event(self, tok: Token, rule: TriggerRule, consumed: set[int]) -> RawEvent | None:
        pos = self._pos(tok)
        if pos == "NOUN" and rule.pos == "NOUN":
            return self._nominal(tok, rule, consumed)
        if pos == "ADJ":
            return self._adjectival(tok, rule, consumed)
        actor_toks, recip_toks = self._verb_roles(tok, rule)
        modality = modality_of(tok)
        if modality == "asserted" and any(_aggregate(o) for p in _children(tok, "prep") if p.lower_ in (
                "in", "during", "across", "over") for o in _children(p, "pobj")):
            # "militants killed 400 people in more than 500 attacks last year": a tally of many acts
            self._note(tok, "an act told as the sum of many counted acts over a period: generic")
            modality = "generic"
        if modality == "asserted" and _habitual_present(tok, rule.type):
            self._note(tok, "a present-tense act in running text is a habit or a policy, not news: generic")
            modality = "generic"
        if modality == "hypothetical" and rule.type in ATTEMPTED_TYPES and tok.dep_ == "xcomp" \
                and lemma(tok.head) in ATTEMPT_HEADS:
            # "tried to assassinate", "attempted to hack": an attempted attack is an attack
            modality = modality_of(tok.head)
            if not actor_toks:
                actor_toks = _subject_tokens(tok.head)
        if modality == "hypothetical" and rule.type == "PROTEST" and tok.dep_ in ("advcl", "xcomp") and (
                lemma(tok.head) in GATHERING_VERBS or any(
                    o.lemma_.lower() in self.lexicon.classes.get("PROTESTOBJ", set()) for o in _children(tok.head, "dobj"))):
            # "thousands gathered to protest the law", "staged a sit-in to protest": the protest is held
            modality = modality_of(tok.head)
        if modality == "hypothetical" and rule.mode == "investigate" and (founder := self._inquiry_founder(tok)) is not None:
            # "set up a commission to investigate the jailbreak", "sent a team to investigate": the inquiry
            # is under way as told, not only aimed at
            modality = modality_of(founder)
        etype, mode, frame = rule.type, rule.mode, rule.frame
        if etype == "THREATEN" and lemma(tok) == "rule":
            if modality != "negated":
                self._note(tok, "force ruled out is renounced, not threatened: no event")
                return None
            modality = "asserted"  # "did not rule out military strikes": force held out as a threat
        warned_targets: list[Actor] = []
        objects = _object_lemmas(tok)  # (the parse does not change: read once)
        if lemma(tok) in ("protest", "complain") and _children(tok, "ccomp") and not recip_toks:
            # "the group protested that the police are failing refugees": a complaint about the police
            etype, mode = "ACCUSE", "disapprove"
            recip_toks = [t for c in _children(tok, "ccomp") for t in _subject_tokens(c) if t.pos_ != "PRON"]
        # objects that satisfied the rule are part of this event, not events of their own
        # ("withdrew from the talks": the talks are what it withdrew from, not a meeting told anew)
        if rule.objects is not None:
            consumed.update(o.i for p in _children(tok, "prep") for o in _children(p, "pobj")
                            if o.lemma_.lower() in rule.objects)
        for o in _children(tok, "dobj", "attr"):
            consumed.add(o.i)
            # "suspended part of its aid": the thing inside a quantity is the object too
            consumed.update(p.i for p in _prep_objects(o, ("of",)))
            if o.lemma_.lower() in self.lexicon.classes.get("RESTRICTION", set()) | self.lexicon.classes.get(
                    "SANCTIONOBJ", set()):
                # "lifted the ban on opposition rallies": what was banned is no act of the one lifting it
                # (the parser may hang "on" on the verb)
                consumed.update(p.i for p in _prep_objects(o, ("on", "against")) + _prep_objects(tok, ("on", "against")))
        if etype == "CONSULT" and lemma(tok) == "call" and any(
                o.pos_ == "NOUN" and not any(m.start <= o.idx < m.end for m in self._index.mentions)
                for o in _children(tok, "dobj")):
            self._note(tok, "calling a thing something ('called Chinese subsidies unbearable') is no phone call")
            return None
        if etype in ("CONSULT", "REQUEST") and lemma(tok) == "call" and (_children(tok, "oprd") or any(
                c.dep_ == "ccomp" and c.pos_ == "ADJ" for c in tok.children)):
            self._note(tok, "a verb naming something ('called them a punishment') is not a meeting or a request: no event")
            return None
        if lemma(tok) in self.lexicon.classes.get("AMOUNT_VERBS", set()) and not _children(tok, "dobj", "nsubjpass"):
            self._note(tok, "an amount that rose or fell ('bills would increase with the duty') is no act")
            return None
        if etype == "RETREAT" and mode == "release" and (
                objects | {t.lemma_.lower() for t in _children(tok, "nsubjpass")}
                | ({tok.head.lemma_.lower()} if tok.dep_ in ("acl", "relcl") else set())
        ) & self.lexicon.classes.get("PUBLICATION", set()):
            self._note(tok, "releasing a report or a plan is publishing, not freeing anyone: no event")
            return None
        if etype == "RETREAT" and mode == "release" and objects & MONEY_WORDS:
            # "released $3 million from its emergency fund": money given, not captives freed
            etype, mode = "AID", None
        if frame == "reject" and (any(lemma(c) in NO_COMMENT for c in _children(tok, "xcomp", "dobj")) or any(
                lemma(c) in ("respond", "answer", "reply") and {o.lemma_.lower() for o in c.subtree} & QUESTIONS
                for c in _children(tok, "xcomp"))):
            self._note(tok, "declining to comment is not a rejection: no event")
            return None
        if lemma(tok) == "decline" and not _children(tok, "xcomp", "dobj"):
            self._note(tok, "a number that declined is not a refusal: no event")
            return None
        if etype in ("SUPPORT", "AGREE") and lemma(tok) in LAWMAKING and objects & LAWS:
            self._note(tok, "proposing or approving a law is lawmaking, not support for anyone: no event")
            return None
        if etype == "AGREE" and lemma(tok) == "offer" and (objects & NOT_OFFERS or any(
                d.lower_ in ("no", "nothing") for o in _children(tok, "dobj") for d in [o, *o.children])):
            self._note(tok, "offering evidence or no details is not an offer to anyone: no event")
            return None
        if frame == "request" and objects & {"anonymity", "confidentiality", "time", "extension", "adjournment"} \
                and not objects & (self.lexicon.classes.get("AIDOBJ", set()) | {"programme", "program"}):
            # (but "asked the IMF for an extension of its bailout": help asked for)
            self._note(tok, "asking not to be named, or for more time, is not a political request: no event")
            return None
        if etype == "THREATEN" and objects & ENDANGERED:
            self._note(tok, "threatening someone's integrity or stability is endangering it, not a threat: no event")
            return None
        if frame == "reject" and (objects | ({tok.head.lemma_.lower()} if tok.dep_ == "relcl" else set())) \
                & self.lexicon.classes.get("ALLEGATION", set()):
            self._note(tok, "rejecting an allegation is a denial, not a refusal of a request: no event")
            return None
        if frame in ("request", "agree", "promise", "threaten", "reject", "deny"):
            inner = self._complement(tok, consumed)
            if frame == "request":
                # "demanded that Ottawa drop its tariff": what is to be undone is not an event of its own
                # (but "urged Abuja to investigate the killing of ...": a killing that happened)
                consumed.update(o.i for c in _children(tok, "ccomp", "xcomp") if lemma(c) not in FACTIVE_VERBS
                                for o in _children(c, "dobj"))
            if frame == "threaten" and lemma(tok) == "warn" and any(
                    s.lemma_.lower() in COMMENTATORS for s in _subject_tokens(tok)):
                self._note(tok, "experts warning of a danger threaten no one: no event")
                return None
            if frame == "deny":
                if inner is None:
                    if not (objects & self.lexicon.classes.get("DENYOBJ", set())):
                        self._note(tok, "a denial of something that is not a request: no event")
                        return None
                else:
                    self._note(tok, f"denies a {inner[0]} event: that event is not asserted")
                    return None
            elif inner is None and frame == "threaten" and (refused := [
                    c for c in _children(tok, "ccomp") if lemma(c) in ("tolerate", "allow", "permit", "accept")
                    and any(t.dep_ == "neg" and c.i in (t.head.i, t.head.head.i) for t in c.subtree)]):
                # "cautioned that troops would stop putting up with sit-ins by the union": a threat to it
                etype, mode = "THREATEN", None
                for obj in _children(refused[0], "dobj"):
                    recip_toks = recip_toks or _prep_objects(obj, ("by", "of")) or [obj]
            elif inner is None and frame == "threaten" and lemma(tok) == "warn" and not recip_toks and (warned := [
                    c for c in _children(tok, "ccomp") if any(a.dep_ == "aux" and a.lower_ in ("will", "would", "could", "might", "may")
                                                               for a in c.children)
                    and any(s.pos_ == "PRON" and s.lower_ in ("it", "we", "they") for s in _subject_tokens(c))]):
                # "Washington warned that it will keep up maximum pressure on Iran": the speaker's own coming
                # act aimed at someone is a threat to that someone
                # (aimed at: the object of its act or of "on"/"against", not "could turn to Russia's jets")
                retaliation = lemma(warned[0]) in RETALIATION_VERBS
                # ("would respond to any provocation by Seoul": the one whose provocation is answered)
                answered = [b for o in _prep_objects(warned[0], ("to",)) for b in (_prep_objects(o, ("by",)) or [o])] \
                    if retaliation else []
                # ("will take action in response to the allies' drills": those whose act is answered)
                answered += [b for r in warned[0].subtree if r.lemma_.lower() == "response" and r.dep_ == "pobj"
                             for o in _prep_objects(r, ("to",)) for b in (_prep_objects(o, ("by",)) or [o])]
                targets = [r for r in self._actors(_prep_objects(warned[0], ("on", "against")) + answered + [
                    t for c in [warned[0], *_children(warned[0], "xcomp")] for o in _children(c, "dobj")
                    for t in [o, *_prep_objects(o, ("on", "against"))]], possessor=True)
                    if r.key() not in {a.key() for a in self._actors(_subject_tokens(tok))}]
                forceful = retaliation and any(t.lemma_.lower() in FORCE_WORDS for t in warned[0].subtree)
                if not targets and not forceful:
                    self._note(tok, "a warning of something, not a threat: no event")
                    return None
                etype, mode = "THREATEN", "violence" if forceful else None
                recip_toks = []
                warned_targets = targets
            elif inner is None and frame == "threaten" and lemma(tok) == "warn" and not recip_toks:
                self._note(tok, "a warning of something, not a threat: no event")
                return None
            elif inner is None and frame in ("promise", "threaten") and any(
                    o.lemma_.lower() in RETALIATION_NOUNS for o in _children(tok, "dobj")) and (answered := next(
                    (d for t in HOSTILE_TYPES if (d := self.story.earlier_doers(t, 2, self._actors(actor_toks)))), [])):
                # "promised a response in kind", "vowed retaliation": an answer to the hostile act told before
                # (not "promised a swift response to the victims' needs")
                etype, mode = "THREATEN", None
                recip_toks = []
                warned_targets = answered
            elif inner is None and frame == "promise" and (vowed := [
                    c for c in _children(tok, "xcomp", "ccomp")
                    if {t.lemma_.lower() for t in c.subtree if not _walkout(t)} & VOWED_FORCE]):
                # ("the union said it was prepared to strike": a walkout, not force)
                # "vowed to keep striking ships linked to Israel", "vowed the offensive would go on until the
                # militants are driven out": force promised is a threat to whom it is aimed at
                aimed = [t for t in vowed[0].subtree if t.dep_ in ("dobj", "nsubjpass") and t.i != tok.i
                         and t not in _subject_tokens(tok)]
                # ("ships linked to Israel", "vessels bound for Israeli ports": whose they are)
                aimed += [o for t in aimed for c in t.children if c.dep_ == "acl"
                          for o in _prep_objects(c, ("to", "with", "for"))]
                # ("vowed to keep fighting until foreign forces leave": those whose going ends the fight)
                aimed += [t for c in vowed[0].subtree if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "until" for m in c.children) for t in _subject_tokens(c)
                    if t.pos_ != "PRON"]
                recip_toks = [t for t in aimed if self._actor(t) is not None or self._owner(t) is not None][:2]
                if not recip_toks and not {t.lemma_.lower() for t in vowed[0].subtree if t.lemma_.lower() != "strike"} \
                        & (FORCE_WORDS | {"striking", "offensive", "bomb", "retaliate", "avenge", "crush"}):
                    self._note(tok, "a vow to fight something, no one named: a promise, not a threat")
                    return None
                etype, mode = "THREATEN", "violence"
            elif inner is not None:
                etype, mode = self._frame_type(rule, inner)
                if frame == "request" and inner[2] and recip_toks and all(
                        self.lexicon.lookup(t.lemma_.lower(), "NOUN") for t in recip_toks):
                    recip_toks = inner[2]  # the object is the act asked for, not the one asked
                if not recip_toks and frame == "request":
                    # "demanded that Baghdad free the detainees": the one asked is Baghdad, not the freed
                    recip_toks = [t for c in _children(tok, "ccomp") for t in _subject_tokens(c)
                                  if (c.tag_ == "VB" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
                                  and t.pos_ != "PRON" and self._actor(t) is not None][:2]
                if not recip_toks and inner[2]:
                    recip_toks = inner[2]
            if not recip_toks and frame in ("threaten", "promise", "agree"):
                recip_toks = _condition_subjects(tok)  # "threatened to strike unless Baghdad accepts"
            if not recip_toks and frame in ("request", "reject"):
                # "demanded that the US cancel ...": the one asked is the complement's subject
                for comp in _children(tok, "ccomp"):
                    recip_toks = [t for t in _subject_tokens(comp) if t.pos_ != "PRON"]
                    if recip_toks:
                        break
        if frame == "host":
            actor_toks, recip_toks = recip_toks, actor_toks
            # hosting refugees or tourists is not a visit: the visitor must be a political actor
            if any((a.sector or "") in ("CVL", "REF") for a in self._actors(actor_toks)):
                self._note(tok, "the hosted are a population, not a visitor: no visit")
                return None
        if frame == "meet" and etype == "CONSULT":  # (a treaty signed during a visit is no visit)
            mode = self._meet_mode(tok, actor_toks, recip_toks, mode)
            if mode == "visit":
                actor_toks, recip_toks = self._visitor_first(actor_toks, recip_toks)
        actors = self._actors(actor_toks)
        if not actors and etype in ATTEMPTED_TYPES:
            # "The attack killed 20 soldiers", "two died in the raid": the attack told before, by its doer
            told = [t for t in actor_toks if t.lemma_.lower() in CIRCUMSTANCE_NOUNS] or [
                n for p in _children(tok, "prep") if p.lower_ in ("in", "during") for n in _children(p, "pobj")
                if n.lemma_.lower() in CIRCUMSTANCE_NOUNS]
            if told and _definite(told[0]):
                actors = self.story.earlier_doers(etype)
            if told and not actors:
                # "a Turkish drone strike killed three PKK members": Turkey's strike (its maker named on the
                # noun or by "by" -- not a place "in" or a target "of")
                makers = [a for c in told[0].children if c.dep_ in ("poss", "amod", "compound")
                          and (a := self._actor(c)) is not None and a.kind in ("state", "organization", "group")
                          and a.resolved_by not in ("lexicon:place", "lexicon:city", "lexicon:population")]
                actors = makers[:1] or self._actors(_prep_objects(told[0], ("by",)))
        recipients = [r for r in self._actors(recip_toks, possessor=True) if r.key() not in {a.key() for a in actors}]
        if warned_targets:
            recipients = [r for r in warned_targets if r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "ACCUSE":
            recipients = self._conjoined_state(tok, actors)
        if not recipients and frame in ("threaten", "promise", "agree"):
            # "vowed to execute captives unless the state pays ...": whom the condition binds
            recipients = [r for r in self._actors(_condition_subjects(tok)) if r.key() not in {a.key() for a in actors}]
        situation = any(t.lemma_.lower() in VIOLENCE_NOUNS | SITUATIONS for t in recip_toks)
        if not recipients and not situation and frame not in ("meet", "visit", "host") and etype != "MOBILIZE" \
                and not any(o.pos_ == "PRON" and o.lower_ not in ("what", "which") for o in _children(tok, "dobj")) \
                and not (_is_passive(tok) and _children(tok, "nsubjpass") and lemma(tok) not in STATIVE_PARTICIPLES) \
                and not (frame == "request" and _children(tok, "xcomp") and _children(tok, "dobj")):
            # (a passive's subject is who suffered it, even when it names no known actor)
            # (nor is the one asked deeper down when the request names whom it asks: "urged the panel to
            # press the parties" asks the panel, even when the panel is not a known actor)
            # (what is mobilised is not a target; nor is a thing the rule asks as object)
            thing = rule.objects is not None and "@ACTOR" not in rule.objects
            recipients = self._nearest_recipient(tok, actors, deeper=thing)
            if etype == "COERCE" and mode == "deport" or etype == "SANCTION" and mode == "expel" and any(
                    p.lower_ == "to" for p in _children(tok, "prep")):
                # "deported 40 people to China", "expelled them to the United States": the destination is
                # not who was sent away
                recipients = []
        if not recipients and etype == "ASSAULT" and not _is_passive(tok):
            # "drones struck energy facilities in Odesa": the people of the place the target is in
            places = [p for o in _children(tok, "dobj") if self._actor(o) is None
                      for p in _prep_objects(o, ("in", "near", "outside")) + _prep_objects(tok, ("in", "near", "outside"))]
            recipients = [r if r.sector == "CVL" else r.model_copy(update={"sector": "CVL", "kind": "group"})
                          for r in self._actors(places) if r.country and (r.sector == "CVL" or r.kind == "state")]
        # ("condemned the launch as a breach of Security Council resolutions": what it is called is not whom)
        said_as = {self._base + t.idx for h in [tok, *_children(tok, "dobj")] for p in _children(h, "prep")
                   if p.lower_ == "as" for t in p.subtree}
        called = recipients if recipients and etype in ("ACCUSE", "SUPPORT") and all(
            r.start in said_as for r in recipients) else []
        recipients = [r for r in recipients if r not in called]  # (kept when no act told before answers)
        if not recipients and (etype in ("ACCUSE", "SUPPORT") and frame == "plain" or etype == "REJECT"):
            # "Japan and South Korea condemned the launch": the doer of the act told before; "the AU
            # welcomed the agreement": its parties; "Beijing rejected the complaint": whoever made it
            for o in _children(tok, "dobj"):
                o = _called(o)  # "condemned what it called a cowardly act": the act
                if not (_definite(o) or o.i != tok.i and o.dep_ in ("attr", "oprd")) or self._pos(o) != "NOUN" \
                        or _children(o, "poss") or _prep_objects(o, ("by",)):
                    continue
                types = [r.type for r in self.lexicon.lookup(o.lemma_.lower(), "NOUN")] + (
                    TOLD_NOUNS[o.lemma_.lower()].split("|") if o.lemma_.lower() in TOLD_NOUNS else [])
                if o.lemma_.lower() in GENERIC_ACTS:
                    # "called the decision illegal", "condemned the move": the act told just before
                    recipients = recipients or self.story.last_other_act(actors)
                    continue
                if o.lemma_.lower() in ("act", "incident") and any(
                        self.lexicon.classes.get("UNNAMED_DOER", set()) & {c.lemma_.lower()} or c.lemma_.lower() in (
                            "terrorist", "cowardly", "criminal", "barbaric", "heinous", "violent") for c in o.children):
                    types = ["ASSAULT"]  # "this cowardly act", "the terrorist incident": the attack told before
                for told in dict.fromkeys(types):
                    if told in TOLD_TYPES:
                        recipients = recipients or self.story.earlier_doers(told, besides=actors, word=o.lemma_)
        recipients = recipients or called
        if not recipients and etype == "ACCUSE" and mode == "disapprove" and frame == "plain" and not any(
                self._pos(o) == "NOUN" and o.lemma_.lower() not in VIOLENCE_NOUNS | SITUATIONS | GENERIC_ACTS
                and not self.lexicon.lookup(o.lemma_.lower(), "NOUN") for o in _children(tok, "dobj")):
            # "voiced grave concern", "condemned the violence" after an attack: aimed at whoever did it
            recipients = self.story.last_other_act(actors)
        if not recipients and etype == "ACCUSE" and lemma(tok) == "hold":
            # "Warsaw holds Minsk responsible": whom the blame is put on
            recipients = [r for r in self._actors([t for c in _children(tok, "ccomp", "oprd") for t in _subject_tokens(c)])
                          if r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "REJECT" and not _children(tok, "dobj", "xcomp", "ccomp"):
            # "UNHCR implored Dhaka to let them ashore. A spokesman in Dhaka refused": refused the one who asked
            recipients = self.story.askers(actors)
        if not recipients and etype == "THREATEN" and lemma(tok) == "reserve":
            recipients = self.story.last_other_act(actors)  # "reserved the right to respond": to the act told just before
        if not recipients and etype in ("RETREAT", "CONCEDE") and any(
                o.lemma_.lower() in self.lexicon.classes.get("SANCTIONOBJ", set()) and _definite(o)
                for o in _children(tok, "dobj", "nsubjpass")):
            # "Washington had eased the sanctions": those the sanctions told before were on
            recipients = [a for a in self.story.sanctioned() if a.key() not in {b.key() for b in actors}]
        if not recipients and etype == "REQUEST" and mode == "yield" and frame == "request":
            recipients = self._holders(tok, actors)
        if not recipients and frame in ("reject", "agree", "plain") and etype in ("REJECT", "AGREE", "SUPPORT", "ACCUSE"):
            # "Tehran rejected its offer": a proposal's owner named by a pronoun is the other side
            recipients = self._other_owner(tok, actors)
        if not recipients and etype == "ACCUSE" and lemma(tok) in ALLEGE_VERBS:
            # "Kyiv alleged that Russian troops shelled the hospital": the accused is the one said to have done it
            recipients = [r for r in self._actors([t for c in _children(tok, "ccomp") for t in _doers(c)])
                          if r.key() not in {a.key() for a in actors}]
        if not recipients and etype in ("SUPPORT", "ACCUSE"):
            # "hailed the news that Chile had signed", "condemned reports that police beat
            # protesters": the one the news is about
            recipients = [r for r in self._actors([t for o in _children(tok, "dobj") for c in o.children
                                                   if c.dep_ in ("acl", "ccomp") for t in _doers(c)
                                                   if t.pos_ != "PRON"])
                          if r.key() not in {a.key() for a in actors}]
        if not recipients and etype in ("AGREE", "REQUEST") and any(
                c.dep_ == "cc" and c.lower_ == "but" for c in tok.children):
            # "one side proposed a truce, but the other refused": the proposal was put to the other side
            recipients = [r for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                          for r in self._actors(_subject_tokens(c)) if r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "REJECT":
            # "defied calls for dialogue by the Security Council", "rejected offers from Canada": the one refused
            # (the parser may hang "by" on an active verb, where it cannot name the doer)
            callers = [t for o in _children(tok, "dobj") for t in _prep_objects(o, ("by", "from"))] + (
                _prep_objects(tok, ("by",)) if _children(tok, "dobj") and not _is_passive(tok) else [])
            recipients = [r for r in self._actors(callers) if r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "REJECT" and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "one side proposed a truce, but the other refused": it refused the proposer
            recipients = [r for r in self._actors(_subject_tokens(tok.head)) if r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "AID" and lemma(tok) in ("help", "assist"):
            # "helped Vietnam build a port": the helped is the subject of what it was helped to do
            recipients = [r for r in self._actors([t for c in _children(tok, "ccomp", "xcomp")
                                                   for t in _subject_tokens(c) if t.pos_ != "PRON"])
                          if r.key() not in {a.key() for a in actors}]
        if etype == "COERCE" and mode in ("deport", "arrest"):
            # "broke up a cell in Bamako": a place is not who was arrested
            recipients = [r for r in recipients if not (r.resolved_by or "").startswith(
                ("lexicon:capital", "lexicon:place", "lexicon:city"))]
        borders = [b for p in _children(tok, "prep") if p.lower_ in ("to", "toward", "towards", "along", "near")
                   for b in _children(p, "pobj") if b.lemma_.lower() in ("border", "frontier")]
        if etype == "AID" and borders and any(c.dep_ == "poss" and c.lower_ == "its" for b in borders for c in b.children):
            # "sent tanks and troops to its border with Cambodia": forces moved on its own side, not help given
            etype, mode, recipients = "MOBILIZE", "troops", []
        if not recipients and etype == "MOBILIZE":
            # "massed troops for an offensive against the rebels": whom the build-up is aimed at; "sent troops
            # to its border with Cambodia": the state across the border
            across = [t for b in borders for t in _prep_objects(b, ("with",))]
            recipients = [r for r in self._actors(self._aimed_at(tok)) if r.key() not in {a.key() for a in actors}] \
                or [r for r in self._actors(across) if r.kind == "state" and r.key() not in {a.key() for a in actors}]
        if not recipients and etype == "SANCTION" and mode == "discontinue" and any(
                o.lemma_.lower() in self.lexicon.classes.get("TALKS", set()) and _definite(o) for o in _children(tok, "dobj")):
            # "the government suspended the negotiations": the other side of the talks told before
            recipients = self.story.earlier_doers("CONSULT", besides=actors)
        if not self._states_leaving(tok, rule, actors):
            return None
        protesters = self.lexicon.classes.get("PROTESTERS", set())
        if etype == "ASSAULT" and actors and all(a.sector == "CVL" and any(
                w.rstrip("s") in protesters for w in _WORD.findall(a.text.lower())) for a in actors):
            etype, mode = "PROTEST", "riot"  # "demonstrators set fire to the embassy": a violent protest
        if etype == "SANCTION" and mode == "expel" and lemma(tok) == "suspend" and recipients \
                and all(r.sector == "JRN" for r in recipients):
            etype, mode = "COERCE", "censor"  # "the junta suspended the BBC": a broadcaster silenced, not expelled
        if frame == "visit" and actors and all(_names_any(a.text, self.lexicon.classes.get("AIDCREWS", set()))
                                               for a in actors):
            # "Turkish rescue teams arrived in Morocco": help sent to the country they arrive in
            hosts = [r.model_copy(update={"sector": "GOV", "kind": "state"}) if r.resolved_by == "lexicon:place"
                     else r for r in recipients if r.country and r.country not in {a.country for a in actors}]
            return RawEvent("AID", None, actors, hosts, modality, tok, rule.name, rule.weight,
                            self._place_tokens(tok), "plain")
        if frame == "visit" and actors and all(a.kind == "group" and a.sector in ("MIL", "COP")
                                               or a.kind in ("group", "organization") and "peacekeep" in a.text.lower()
                                               for a in actors):
            # "more troops arrived in the capital": a deployment, not a visit
            return RawEvent("MOBILIZE", "police" if all(a.sector == "COP" for a in actors) else "troops",
                            actors, [], modality, tok, rule.name, rule.weight,
                            self._place_tokens(tok), "plain")
        if frame == "visit":
            # only people travel on visits ("it arrived in China" is a ship)
            if not actors or not any(a.kind == "person" and not (a.resolved_by or "").startswith("coref:pronoun")
                                     or a.title for a in actors):
                return None
            recipients = recipients or []
        if not actors and modality == "future" and etype in CONFLICT_TYPES and (said := _said_by(tok)) is not None:
            # '"The gunmen will be tracked down," the governor said': the speaker threatens
            actors = [a for a in self._actors(_subject_tokens(said)) if a.key() not in {r.key() for r in recipients}]
        if not actors and not recipients:
            self._note(tok, "no participant resolved to a known actor: no event")
            return None
        if etype == "CONSULT" and _media_only(actors, recipients):
            self._note(tok, "talking to reporters is not a meeting between political actors: no event")
            return None
        if etype == "CONSULT" and mode == "visit" and frame in ("plain", "visit"):
            hosts = self._visited(tok, actors, recipients)
            if hosts is None:
                return None
            recipients = hosts
        if etype == "AID" and actors and all(a.kind == "group" and a.sector in ("CVL", "EDU") and not a.org
                                             for a in actors):
            self._note(tok, "people helping people is not aid between political actors: no event")
            return None
        if etype == "CONSULT" and mode == "visit" and actors and all(
                a.kind == "group" and a.sector in ("CVL", "BUS", "EDU") for a in actors):
            self._note(tok, "tourists or students visiting a country is not a diplomatic visit: no event")
            return None
        if etype == "CONSULT" and any(a.sector in ("UAF", "CRM") for a in actors + recipients):
            self._note(tok, "gunmen or criminals meeting someone is not a political consultation: no event")
            return None
        if etype == "REQUEST" and any(t.lemma_.lower() in CUSTODY for p in _children(tok, "prep", "advmod")
                                      for t in p.subtree if t.dep_ == "pobj"):
            # "ordered the journalist back to prison": a detention, not a request
            etype, mode = "COERCE", "arrest"
        if etype == "REQUEST" and lemma(tok) == "order" and recipients:
            ordered = {lemma(c) for c in _children(tok, "xcomp", "ccomp")}
            homes = {a.country for a in actors if a.country}
            if ordered & {"leave", "quit", "depart", "exit"} and all(
                    (r.country and homes and r.country not in homes) or r.sector in ("NGO", "IGO", "JRN") or r.org
                    for r in recipients):
                etype, mode = "SANCTION", "expel"  # "ordered the French envoy to leave the country": an expulsion
            elif ordered & {"suspend", "stop", "cease", "halt", "close", "shut"} and all(
                    r.sector in ("JRN", "NGO", "PTY", "OPP", "EDU", "BUS") for r in recipients):
                # "ordered the newspaper to suspend publication": the state closes it down
                etype, mode = "COERCE", "censor" if all(r.sector == "JRN" for r in recipients) else "ban"
        if etype == "CONSULT" and not recipients and len(actors) == 1 and actors[0].kind == "group" \
                and actors[0].sector == "CVL" and not actors[0].country:
            self._note(tok, "people in general talking among themselves: not a meeting")
            return None
        if etype == "CONSULT" and lemma(tok) in ("talk", "speak") and not recip_toks and any(
                p.lower_ in ("about", "of") for p in _children(tok, "prep")):
            self._note(tok, "talking about something, with no one named: not a meeting")
            return None
        if rule.objects and "@ACTOR" in rule.objects and not recipients:
            self._note(tok, "the rule needs an actor as object and none was resolved: no event")
            return None
        if etype == "ASSAULT" and lemma(tok) in VERBAL_ATTACKS and actors and all(
                a.kind == "person" and a.sector in ("GOV", "LEG", "PTY", "OPP", "ELI", "JUD") for a in actors) \
                and not any(t.lemma_.lower() in self.lexicon.classes.get("UNNAMED_DOER", set())
                            or t.lemma_.lower() in self.lexicon.classes.get("WEAPON", set()) for t in tok.sent):
            # "the president attacked the newspaper": a politician's attack is in words
            etype, mode = "ACCUSE", "disapprove"
        if etype == "ACCUSE" and lemma(tok) == "dismiss" and not recipients:
            self._note(tok, "dismissing an idea no one is named for: no criticism of anyone")
            return None
        if etype == "ACCUSE" and not recipients and any(t.lemma_.lower() in SITUATIONS for t in recip_toks):
            self._note(tok, "concern about a situation ('heightened tensions') aimed at no one: no event")
            return None
        if etype == "ACCUSE" and lemma(tok) == "share" and not recipients:
            self._note(tok, "sharing a concern about no one named: no event")
            return None
        aims = ("at", "on", "against", "toward", "towards", "into")
        if etype == "MOBILIZE" and mode == "weapons" and lemma(tok) in ("fire", "launch") and (targets := [
                r for r in self._actors(_prep_objects(tok, aims) + [
                    t for o in _children(tok, "dobj") for c in [o, *_children(o, "conj")] for t in _prep_objects(c, aims)])
                if r.key() not in {a.key() for a in actors}]):
            # ("launched 400 drones and 40 missiles at Ukraine": the parser may hang the target on an object)
            etype, mode, recipients = "ASSAULT", "heavy-weapons", targets  # "launched missiles at Kyiv": a strike
        if etype == "ASSAULT" and lemma(tok) in ("fire", "launch") and not recipients and objects \
                & self.lexicon.classes.get("WEAPON", set()) and not any(
                    o.lemma_.lower() in self.lexicon.classes.get("VEHICLE", set())
                    for o in _prep_objects(tok, ("at", "on", "against", "toward", "towards"))):
            # (but "fired a missile at a ship" is a strike on it, whose owner is not named)
            etype, mode = "MOBILIZE", "weapons"  # "fired two missiles into the sea": a test, aimed at no one
        if _conditional_step(tok, etype, modality):
            # "will withdraw its force unless ...", "NATO may suspend the talks if the raids go on": a
            # hostile step, or a concession withheld, on a condition is a threat
            mode = "relations" if etype in CONCESSION_TYPES or modality == "future" and etype == "SANCTION" \
                and _unless(tok) else self._threat_mode(etype, mode)
            etype, modality = "THREATEN", "asserted"
            recipients = recipients or self._actors(_condition_subjects(tok))
        if modality == "future" and etype in COOPERATIVE_FUTURE | CONCESSION_TYPES:
            if etype == "RETREAT" and mode == "withdraw":
                recipients = _not_withdrawn_troops(actors, recipients)  # (also in a promised withdrawal)
            etype, mode, modality = "AGREE", None, "asserted"
        # (not inviting or offering is no act, and no refusal of anything asked: it stays negated)
        if modality == "negated" and lemma(tok) not in ("invite", "propose", "offer", "promise") and not any(
                c.dep_ == "aux" and c.lower_ in ("has", "have", "had")
                for c in tok.children) and (etype in ("CONCEDE", "AGREE") or (
                etype in ("SUPPORT", "AID") and lemma(tok) in ("accept", "agree", "allow", "admit", "take", "recognize",
                                                               "recognise"))):
            etype, mode, modality = "REJECT", None, "asserted"  # "will not accept" is a refusal
        if modality == "future" and etype == "MOBILIZE" and (not recipients or (hosts := [
                a for p in _children(tok, "prep") if p.lower_ in ("in", "to", "into")
                for a in self._actors(_children(p, "pobj"))
                if a.kind == "state" and a.country not in {b.country for b in actors}])):
            # forces to be sent to a country ("will station troops in Lithuania", "will deploy police to
            # Haiti") are military support promised to it (CAMEO 0334, AGREE); forces to be moved at home
            # ("the army will be deployed to more sites") threaten no one: a plan, not output
            if recipients:
                etype, mode, modality, recipients = "AGREE", None, "asserted", hosts
        elif modality == "future" and etype in CONFLICT_TYPES | {"PROTEST"} and etype != "THREATEN":
            # announcing a hostile act ("said they would boycott", "plans to impose") is a threat
            etype, mode, modality = "THREATEN", self._threat_mode(etype, mode), "asserted"
            if (said := _said_by(tok)) is not None:
                # "the premier said the militia would be wiped out (by the army)": the speaker threatens it
                speaker = [a for a in self._actors(_subject_tokens(said))
                           if a.key() not in {r.key() for r in recipients}]
                if speaker and (not actors or {a.country for a in actors} <= {a.country for a in speaker}):
                    actors = speaker
        if modality == "hypothetical" and etype in CONFLICT_TYPES and etype != "THREATEN" and recipients and actors \
                and any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in tok.children) \
                and (said := _said_by(tok) or (tok.head if tok.dep_ == "ccomp" and lemma(tok.head) in (
                    "warn", "hint", "signal", "suggest") else None)) is not None \
                and {a.country for a in actors} <= {a.country for a in self._actors(_subject_tokens(said))} - {None}:
            # "Beijing said it could impose tariffs on Spanish pork": a speaker naming its own possible
            # hostile step against someone is a threat
            etype, mode, modality = "THREATEN", self._threat_mode(etype, mode), "asserted"
        if etype == "AID" and objects & self.lexicon.classes.get("TROOPS", set()) \
                and actors and all(r.country in {a.country for a in actors} for r in recipients):
            # "Guatemala sent 3,000 troops to its southern border": its own forces moved, not aid to anyone
            etype, mode, recipients = "MOBILIZE", "troops", []
        if etype == "REQUEST" and lemma(tok) in ("order", "force", "instruct") and recipients and actors \
                and all(r.sector == "JRN" for r in recipients) \
                and all(a.sector in STATE_SECTORS for a in actors) \
                and self._inner_words & {"suspend", "close", "stop", "shut", "halt", "cease"}:
            # "the government ordered the newspaper to suspend publication": censorship (CAMEO 1721), not a request
            etype, mode = "COERCE", "censor"
        if etype == "SANCTION" and objects & self.lexicon.classes.get("ASSETS", set()) and recipients \
                and all(r.sector in DOMESTIC_TARGETS and (r.country is None or r.country in {a.country for a in actors})
                        for r in recipients):
            etype, mode = "COERCE", "seize"  # a state freezing its own newspaper's or party's assets: a seizure
        if lemma(tok) == "charge" and etype == "ACCUSE" and {o.lemma_.lower() for o in _prep_objects(tok, ("with", "on"))} & {
                "baton", "truncheon", "stick", "club", "horse", "horseback", "teargas", "gas", "bayonet", "cane"}:
            etype, mode = "ASSAULT", "crowd-control"  # "police charged the protesters with batons": a baton charge
        if lemma(tok) == "charge" and etype == "ACCUSE" and rule.objects is None and rule.particle is None \
                and not _children(tok, "ccomp"):
            self._note(tok, "'charged' with neither someone charged nor a claim: no accusation")
            return None
        if lemma(tok) == "reserve" and not {t.lemma_.lower() for t in tok.subtree} & {
                "respond", "retaliate", "react", "defend", "response", "countermeasure", "measure", "action"}:
            self._note(tok, "a right reserved to do something other than respond: no threat")
            return None
        if etype == "SUPPORT" and lemma(tok) in ("reaffirm", "reiterate") and not [
                r for r in recipients if (r.country, r.org) not in {(a.country, a.org) for a in actors}]:
            self._note(tok, "a commitment reaffirmed to no one else (\"to an open ocean\"): no event")
            return None
        if (etype == "COERCE" and mode == "seize" or etype == "ASSAULT" and mode is None and lemma(tok) == "seize") \
                and recipients and all(
                r.kind == "person" or r.sector in ("CVL", "AGR", "LAB", "JRN", "EDU", "MED", "REL", "REF", "NGO")
                for r in recipients) and actors and lemma(tok) in ("seize", "grab", "snatch", "capture") \
                and (taken := [tok.head if o.lower_ in ("which", "that", "who") and tok.dep_ == "relcl" else o
                               for o in _children(tok, "dobj") + _children(tok, "nsubjpass")]) \
                and all(self._actor(o) is not None for o in taken):
            # people seized, not property: an abduction by armed groups, an arrest by the state
            etype, mode = ("COERCE", "arrest") if all(a.sector in STATE_SECTORS for a in actors) else ("ASSAULT", "abduct")
        if etype == "COERCE" and mode in ("arrest", None) and lemma(tok) in ("jail", "imprison") and any(
                t.lemma_.lower() in ("year", "month", "life") for p in _children(tok, "prep") if p.lower_ == "for"
                for t in p.subtree):
            etype, mode = "SANCTION", "convict"  # "jailed him for 16 years": a sentence, not an arrest
        if etype == "COERCE" and mode == "curfew" and {t.lemma_.lower() for t in tok.sent if t.lower_ != "fire"} & (  # ("opened fire")
                self.lexicon.classes.get("DISASTER", set()) | self.lexicon.classes.get("DISEASE", set())):
            self._note(tok, "an emergency declared over a fire, flood or epidemic is disaster relief, not repression: no event")
            return None
        if etype == "SANCTION" and mode is None and not recipients and actors \
                and objects & {"restriction", "curb", "ban", "curfew"} \
                and not {t.lemma_.lower() for o in _children(tok, "dobj") for t in o.subtree} \
                & (self.lexicon.classes.get("TRADEOBJ", set()) | {"tariff", "duty", "sanction", "embargo", "good"}) \
                and not {e.country for m in self._index.mentions for e in m.entries
                         if e.kind in ("country", "demonym", "capital") and e.country} - {a.country for a in actors}:
            # "the junta imposed curbs on publishing", "imposed a ban on rallies": a state restricting
            # its own people's doings, no foreign target named (the codebook's COERCE ban, not a SANCTION)
            etype, mode = "COERCE", "ban"
        etype = _withdrawal_type(etype, mode, recipients)
        if etype == "RETREAT" and mode == "release" and actors and all(a.sector in ("MIL", "COP") for a in actors) \
                and objects & {"hostage", "captive", "passenger", "abductee"}:
            etype, mode = "AID", None  # security forces freeing hostages: a rescue (the codebook's AID), not a release
        if lemma(tok) == "retaliate" and any(p.lower_ == "by" and _children(p, "pcomp") for p in _children(tok, "prep")):
            self._note(tok, "'retaliated by doing X': X is the act, coded on its own")
            return None
        if etype == "RETREAT" and mode == "withdraw" and lemma(tok) == "pull" and not _children(tok, "dobj") \
                and not _prep_objects(tok, ("from", "of")):
            self._note(tok, "'pulled out' from nowhere ('pulled out front'): no withdrawal")
            return None
        if etype == "REQUEST" and actors and all(a.sector in ("UAF", "REB", "CRM") for a in actors) \
                and recipients and all(r.sector == "CVL" and not r.org for r in recipients):
            self._note(tok, "gunmen telling their captives what to do is part of the attack, not a request")
            return None
        if etype == "PROTEST" and (missions := [o for p in _children(tok, "prep") if p.lower_ in ("outside", "at", "near", "before")
                                                for o in _children(p, "pobj") if o.lemma_.lower() in ("embassy", "consulate")]):
            # "protested outside the Israeli consulate in Istanbul": against the state the mission stands for
            owners = [a for o in missions if (a := self._owner(o)) is not None and a.kind == "state"]
            recipients = owners or recipients
        places = self._place_tokens(tok)
        if etype == "PROTEST" and (backed := _supportive(tok)) is not None:
            # a crowd gathering "in honour of" a coach: a rally for, not a protest against
            self._note(tok, "a gathering in support of something: SUPPORT, not PROTEST")
            etype, mode = "SUPPORT", None
            recipients = [r for r in self._actors(backed, possessor=True) if r.key() not in {a.key() for a in actors}]
        if etype in ("COERCE", "ASSAULT") and (crowd := self._crowd(tok, actors)):
            recipients = crowd
        recipients = self._final_recipients(tok, etype, mode, actors, recipients)
        if etype == "SANCTION" and mode == "discontinue" and not recipients and (
                objects & self.lexicon.classes.get("AIDOBJ", set())
                and not objects & (self.lexicon.classes.get("RELATIONS", set()) | self.lexicon.classes.get("TRADEOBJ", set()))
                or actors and all(a.sector == "BUS" for a in actors)):  # ("airlines cancelled flights")
            self._note(tok, "help or subsidies cut for no one named: a policy, not a sanction")
            return None
        etype, mode, recipients = self._by_participants(tok, etype, mode, actors, recipients, objects)
        if etype == "COERCE" and mode == "deport" and (not recipients or not all(r.country for r in recipients)) \
                and (lemma(tok) in ("repatriate", "return") or any(c.lower_ == "back" for c in tok.children)) \
                and (homes := [a for a in self._actors(_prep_objects(tok, ("to",)) + [
                    t for o in _children(tok, "dobj") for t in _prep_objects(o, ("to",))]) if a.kind == "state" and a.country]):
            # "sent 40 others back to China", "repatriated the migrants to Haiti": people of the country they
            # are sent back to, when the sentence gives them no other ("deported 177 detainees to Honduras"
            # may be a stop on the way: no country)
            home = homes[0].country
            recipients = [r.model_copy(update={"country": home, "resolved_by": "location"}) if not r.country else r
                          for r in recipients] or [Actor(text=homes[0].text, name=f"people of {homes[0].name}",
                                                         country=home, sector="CVL", kind="group",
                                                         start=homes[0].start, end=homes[0].end, resolved_by="location")]
        if etype == "REQUEST" and lemma(tok) == "expect" and (tok.tag_ == "VBG" or not actors or any(
                a.kind == "person" for a in actors)):
            # "Tashkent expects Kabul to secure the border" is a demand; "a commander said he was expecting
            # the rebels to strike soon" is a forecast
            self._note(tok, "a person's expectation is a forecast, not a demand: no event")
            return None
        if etype == "CONSULT" and mode == "visit" and not recipients and rule.pos == "VERB" \
                and lemma(tok) in ("visit", "tour", "inspect"):
            self._note(tok, "a visit to a place where no one is met (a tour of flooded villages) is no meeting: no event")
            return None
        if etype in ("ASSAULT", "RETREAT") and frame == "meet" and not recipients and len(
                {(a.country, a.org, a.sector) for a in actors}) >= 2:
            # "Indian and Pakistani troops traded fire", "Armenian and Azerbaijani forces clashed", "the two
            # sides swapped prisoners": each side acts on the other; the first named is coded as actor, the
            # other as recipient
            actors, recipients = actors[:1], actors[1:]
        return RawEvent(etype, mode, actors, recipients, modality, tok, rule.name, rule.weight, places, frame)

    def _by_participants(self, tok: Token, etype: str, mode: str | None, actors: list[Actor],
                         recipients: list[Actor], objects: set[str]) -> tuple[str, str | None, list[Actor]]:
        """The type a trigger's act takes from who does it to whom: a government's "protest" is in words,
        a state that "blocks" restricts, people "expelled" are deported, one's own citizens "repatriated"
        are helped home."""
        if etype == "PROTEST" and mode == "demo" and actors and all(a.sector == "GOV" and a.kind in ("state", "group", "organization")
                                                                    for a in actors):
            # "Bolivia's government protested the decision": a government protests in words (it does not
            # march), at whoever took the decision told before
            etype, mode = "ACCUSE", "disapprove"
            recipients = [r for r in recipients if r.sector != "GOV" or r.country not in {a.country for a in actors}] \
                or self.story.last_other_act(actors)
        if etype == "COERCE" and lemma(tok) == "repatriate" and (any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for o in _children(tok, "dobj") for c in o.children)
                or recipients and {r.country for r in recipients} <= {a.country for a in actors}):
            # "France repatriated its citizens from Gaza": bringing one's own people home is help, not deportation
            etype, mode = "AID", None
        if etype == "SANCTION" and mode == "expel" and recipients and all(
                r.sector in PEOPLE_SECTORS and r.kind != "organization" for r in recipients):
            # "expelled 135 political prisoners to Guatemala": a state sending people out is a deportation
            # (expelling diplomats, monitors or a mission is the sanction)
            etype, mode = "COERCE", "deport"
        if etype == "PROTEST" and mode == "obstruct" and actors and all(a.sector in STATE_FORCES for a in actors):
            # "the government blocked access to the app", "police blocked the road to the border": a
            # state that blocks restricts (or censors), it does not protest
            etype, mode = "COERCE", "censor" if objects & self.lexicon.classes.get("MEDIA", set()) else "restrict"
        return etype, mode, recipients

    def _crowd(self, tok: Token, actors: list[Actor]) -> list[Actor]:
        """Who staged the protest a force breaks up or fires on ("broke up an opposition rally", "dispersed
        a march by students", "used tear gas to break up a student protest"): the rally's organisers
        ("by", "of") or the group its modifier names, not the place it was in."""
        protests = self.lexicon.classes.get("PROTESTOBJ", set())
        verbs = [tok, *_children(tok, "xcomp", "advcl")]
        found: list[Actor] = []
        taken = {a.key() for a in actors}
        for verb, noun in ((v, o) for v in verbs for o in _children(v, "dobj", "nsubjpass") if o.lemma_.lower() in protests):
            members = _prep_objects(noun, ("by", "of")) + [c for c in noun.children if c.dep_ in ("compound", "amod")]
            if not _is_passive(verb):  # (an active verb's "by" after the object is the object's: the parser's slip)
                members += [p for a in _children(verb, "agent") if a.i > noun.i for p in _children(a, "pobj")]
            found += [a for a in self._actors(members) if a.key() not in taken and a.kind != "state"
                      and a.resolved_by not in ("lexicon:place", "lexicon:city", "lexicon:capital")]
        return found

    def _other_owner(self, tok: Token, actors: list[Actor]) -> list[Actor]:
        """The owner of "its offer", "their demands" (a proposal the trigger takes as object) when the
        pronoun cannot be the actor itself: the last state or organisation met other than the actor."""
        if self.resolver is None:
            return []
        proposals = self.lexicon.classes.get("PROPOSAL", set())
        for obj in _children(tok, "dobj"):
            owner = next((c for c in obj.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
            if owner is None or obj.lemma_.lower() not in proposals:
                continue
            names = {a.name for a in actors if a.name}
            found = self.resolver.registry.last({"state", "organization"}, exclude=names)
            if found is not None and found.key() not in {a.key() for a in actors} \
                    and found.country not in {a.country for a in actors if a.kind == "state" or a.sector == "GOV"}:
                return [found.model_copy(update={"text": owner.text, "start": self._base + owner.idx,
                                                 "end": self._base + owner.idx + len(owner),
                                                 "resolved_by": "coref:pronoun"})]
        return []

    def _nearest_recipient(self, tok: Token, actors: list[Actor], deeper: bool = False,
                           skip: int = -1) -> list[Actor]:
        """No recipient where the rule looks: the nearest actor below the trigger ("offered to hand
        over to Britain", "promised to continue aid to Mozambique"), not through a locative and not the
        event noun ``skip`` itself ("began naval exercises": the exercises are the event, not its
        target). ``deeper`` (the rule names a thing as object) searches one level deeper, through
        the thing's own arguments: "suspended part of an aid programme for Bosnia"."""
        taken = {a.key() for a in actors}
        goods = self.lexicon.classes.get("AIDOBJ", set())

        def place_or_cause(c: Token) -> bool:
            # ("pledged $50 million in aid to Ukraine": "in aid" says what is given, not where)
            return _locative(c) and not (c.lower_ == "in" and any(o.lemma_.lower() in goods for o in _children(c, "pobj")))

        # (nor through a clause fronted before the verb: "Surrounding the passengers, the rebels demanded
        # fuel": a circumstance, whose object is not whom the demand is put to)
        frontier = [c for c in tok.children if c.dep_ in _DOWN_DEPS and not place_or_cause(c) and not _own_clause(c)
                    and not (c.dep_ == "advcl" and c.i < tok.i)
                    # ("accused the two men of spying for Somalia": whom they spied for is not the accused)
                    and not _charge(c, tok)]
        for _depth in range(5 if deeper else 4):
            found: list[Actor] = []
            nxt: list[Token] = []
            for node in frontier:
                if node.i in self._patients:
                    continue
                # (the object of a verb stays a candidate even when the rule names a thing: the people of
                # "the settlements" it evacuates are the ones it is done to)
                thing = node.i == skip or node.i in self._patient_heads
                if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("dobj", "pobj", "dative", "attr", "appos") \
                        and not thing:
                    first = self._actors([node], possessor=True)
                    # ("with Ghana and Peru": the conjoined of the same kind too)
                    for actor in first + [a for a in self._actors(_conjuncts(node)[1:]) if first and (a.country or a.org)
                                          and "person" not in (a.kind, first[0].kind)
                                          and a.resolved_by not in ("lexicon:place", "lexicon:city")]:
                        if actor.key() not in taken:
                            found.append(actor)
                    if found:
                        continue
                if node.pos_ == "NOUN" and node.lemma_.lower() in PATIENT_NOUNS:
                    continue  # who suffered an arrest or a killing is not whom the act is aimed at
                # (and the doer of a participle on the object: "stopped a march organised BY students")
                nxt += [c for c in node.children if (c.dep_ in _DOWN_DEPS or c.dep_ == "agent" and node.dep_ == "acl")
                        and not place_or_cause(c) and not _own_clause(c)
                        and not _charge(c, tok)
                        # ("condemned violence AGAINST civilians": the civilians suffer it)
                        and not (node.lemma_.lower() in VIOLENCE_NOUNS and c.lower_ in ("against", "on"))]
            if found:
                return found
            frontier = nxt
        return []

    def _conjoined_state(self, tok: Token, actors: list[Actor]) -> list[Actor]:
        """"condemned the arrest and urged Uganda to free him": a criticism that names no one is
        aimed at the state the coordinated verb addresses."""
        verbs = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            verbs.append(tok.head)
        taken = {a.key() for a in actors}
        for verb in verbs:
            for obj in _children(verb, "dobj"):
                a = self._actor(obj)
                if a is not None and a.key() not in taken and (a.kind == "state" or a.sector == "GOV"):
                    return [a]
        return []

    def _bound_by_curfew(self, tok: Token, actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
        """The recipients of a curfew, martial law or state of emergency (imposed, extended or
        threatened): the people of the city or region it is "in" (named on the verb or the noun),
        or, where it names none and the emergency itself was taken for the recipient ("extended the
        state of emergency"), the people of the one country imposing it. Other recipients stay."""
        words = {t.lemma_.lower() for t in tok.subtree}
        if not words & {"curfew", "emergency"} and not {"martial", "law"} <= words:
            return recipients
        if not all(r.kind == "state" or r.resolved_by in ("lexicon:capital", "lexicon:place", "lexicon:city")
                   or {"emergency", "curfew", "law"} & set(r.text.lower().split()) for r in recipients):
            return recipients  # someone named: "imposed a curfew on the protesters"
        areas = [p for t in tok.subtree if t.dep_ == "prep" and t.lower_ == "in" for p in _children(t, "pobj")]
        people = [found.model_copy(update={"sector": "CVL", "kind": "group", "org": None,
                                           "resolved_by": "lexicon:population"})
                  for found in self._actors(areas) if found.country and (
                      found.kind == "state" or found.resolved_by in ("lexicon:capital", "lexicon:place", "lexicon:city"))]
        homes = {a.country for a in actors if a.country}
        emergency = [r for r in recipients if {"emergency", "curfew", "law"} & set(r.text.lower().split())]
        if not people and emergency and len(homes) == 1:
            home = next(iter(homes))
            info = self.resolver.kb.country(home) if self.resolver is not None else None
            people = [Actor(text=r.text, name=info.name if info else home, country=home, sector="CVL",
                            kind="group", start=r.start, end=r.end, resolved_by="lexicon:population")
                      for r in emergency[:1]]
        return people or recipients

    def _final_recipients(self, tok: Token, etype: str, mode: str | None, actors: list[Actor],
                          recipients: list[Actor]) -> list[Actor]:
        """The recipients as the event's type reads them: never the actor's own state for a hostile act,
        a capital's people for physical acts, the state for a protest in one of its places, the people
        bound by a curfew or an emergency."""
        if not recipients and (etype == "ASSAULT" or etype in ("COERCE", "SANCTION", "THREATEN") and _plural_owner_mismatch(tok)):
            recipients = self._speakers_own(tok, actors)
        if etype == "COERCE" or etype == "THREATEN" and mode in ("restrict", None):
            recipients = self._bound_by_curfew(tok, actors, recipients)
        if etype == "CONSULT" and mode != "visit":
            # "met the warring parties in Jeddah": one meets people, not the town where they meet
            recipients = [r for r in recipients if r.resolved_by not in ("lexicon:place", "lexicon:city")]
        if etype == "RETREAT" and mode == "withdraw":
            recipients = _not_withdrawn_troops(actors, recipients)
        people_mode = mode
        if etype == "THREATEN" and mode == "restrict" and any(
                t.lemma_.lower() in self.lexicon.classes.get("SANCTIONOBJ", set()) for t in tok.sent):
            people_mode = None  # (sanctions threatened on Ankara are aimed at the government, not the city)
        recipients = _not_own_state(etype, actors, recipients)
        if not (etype == "AID" and {t.lemma_.lower() for t in tok.subtree} & (
                self.lexicon.classes.get("WEAPON", set()) | {"arm", "ammunition", "munition", "drone", "battery"})):
            recipients = _cities_as_people(etype, people_mode, recipients)  # (arms sent to Moscow go to the state)
        recipients = self._protest_targets(etype, recipients)
        own = {(a.country, a.sector, a.org) for a in actors}
        others = [r for r in recipients if (r.country, r.sector, r.org) not in own
                  or etype == "CONSULT" and r.kind == "person"]
        # ("praised Tehran and Caracas's partnership", said by Tehran's envoy: the other party is the
        # recipient; but a governor meeting the president meets a person of his own state)
        return others if others else recipients

    def _speakers_own(self, tok: Token, actors: list[Actor]) -> list[Actor]:
        """"The ministry said enemy forces had fired on its positions": an attack on what "its" or
        "their" owns, told by someone other than the attacker, is aimed at the teller (the attacker
        was left out as the recipient of its own attack; a ban or a shutdown of "its" own network is
        the doer's own, so only attacks are read so)."""
        verb = tok.head if tok.dep_ in ("dobj", "attr") and tok.pos_ == "NOUN" else tok
        say = _said_by(verb)
        own = [t for c in verb.children if c.dep_ not in ("conj", "ccomp", "advcl", "xcomp", "cc") for t in c.subtree]
        if say is None or not any(c.dep_ == "poss" and c.lower_ in ("its", "their") and c.head.dep_ in ("pobj", "dobj")
                                  for c in own):
            return []
        taken = {a.key() for a in actors}
        return [r for r in self._actors([t for t in _subject_tokens(say) if t.pos_ != "PRON"]) if r.key() not in taken]

    def _holders(self, tok: Token, actors: list[Actor]) -> list[Actor]:
        """Whom a demand for someone's release is put to: the state holding them -- where they are held
        ("two journalists held in Russia"), else the state of the one held when it is not the speaker's
        ("the detained Istanbul mayor", "a jailed Egyptian activist")."""
        if self.resolver is None:
            return []
        releases = [n for c in _children(tok, "dobj") for n in [c] if n.lemma_.lower() in ("release", "freeing")] + [
            n for p in _children(tok, "prep") if p.lower_ == "for" for n in _children(p, "pobj")
            if n.lemma_.lower() in ("release", "freeing")]
        own = {a.country for a in actors}
        out: list[Actor] = []
        for held in (o for n in releases for o in _prep_objects(n, ("of",)) + _children(n, "poss")):
            places = [t for c in held.children if c.dep_ == "acl" and lemma(c) in HOLDING_VERBS
                      for t in _prep_objects(c, ("in", "by"))]
            states = [a.country for a in self._actors(places) if a.country]
            if not states and (who := self._actor(held)) is not None and who.country and who.country not in own:
                states = [who.country]
            for country in states:
                if country in own or any(o.country == country for o in out):
                    continue
                out.append(government_of(self.resolver.kb, country, "location:holder"))
        if releases and not out:
            # "rebels seized a rancher ... Petro demanded his release": those who took or hold him
            out = [a for a in self.story.captors() if a.country not in own or a.sector not in STATE_SECTORS]
        home = self.resolver.registry.dominant_country
        if releases and not out and home and home not in own:
            # "an activist held in Minsk since 2021 ... Warsaw urged that he be freed": the state the story is
            # about holds him, when no one else is said to
            out = [government_of(self.resolver.kb, home, "location:holder")]
        return out

    def _protest_targets(self, etype: str, recipients: list[Actor]) -> list[Actor]:
        """A protest "in Mombasa" or "outside parliament in Warsaw" is addressed to the state, not to the city's people."""
        if etype != "PROTEST" or self.resolver is None:
            return recipients
        out: list[Actor] = []
        for r in recipients:
            place_like = r.resolved_by in ("lexicon:place", "lexicon:capital", "lexicon:city") or (
                r.resolved_by == "lexicon:population" and (set(r.text.lower().split()) & THOROUGHFARES
                                                            or {"city", "capital", "town"} & set(r.text.lower().split())))
            if place_like and r.country:
                r = government_of(self.resolver.kb, r.country, "location", r.text, r.start, r.end)
            if r.key() not in {o.key() for o in out}:
                out.append(r)
        return out

    @staticmethod
    def _doer_in_circumstance(tok: Token) -> list[Token]:
        """A passive act's doer named in its circumstance: "killed in an airstrike BY Israeli jets",
        "wounded in clashes WITH police", "detained during a raid BY soldiers"."""
        for prep in _children(tok, "prep"):
            if prep.lower_ not in ("in", "during"):
                continue
            for event_noun in _children(prep, "pobj"):
                if event_noun.lemma_.lower() not in CIRCUMSTANCE_NOUNS:
                    continue
                doers = _prep_objects(event_noun, ("by",))
                if not doers and event_noun.lemma_.lower() in CLASH_NOUNS:
                    doers = _prep_objects(event_noun, ("with",))
                if doers:
                    return doers
        return []

    @staticmethod
    def _aimed_at(tok: Token, depth: int = 3) -> list[Token]:
        """The objects of "against" (or of a border's "with") below ``tok`` (through objects and prepositions,
        not clauses)."""
        frontier = [tok]
        for _ in range(depth):
            nxt: list[Token] = []
            for node in frontier:
                for c in node.children:
                    if c.dep_ == "prep" and c.lower_ == "against" or c.dep_ == "prep" and c.lower_ == "with" \
                            and node.lemma_.lower() in ("border", "frontier", "boundary"):
                        # ("massed troops against the rebels", "on its border with Finland")
                        return [t for p in _children(c, "pobj") for t in _conjuncts(p)]
                    if c.dep_ in ("dobj", "prep", "pobj"):
                        nxt.append(c)
            frontier = nxt
        return []

    def _frame_type(self, rule: TriggerRule, inner: tuple[str, str | None, list[Token]]) -> tuple[str, str | None]:
        inner_type, inner_mode, _ = inner
        if rule.frame in ("agree", "promise"):
            # a promise to withdraw or release is willingness to end a conflict: AGREE
            if inner_type in CONFLICT_TYPES:
                return "THREATEN", self._threat_mode(inner_type, inner_mode)
            return "AGREE", None
        if rule.frame == "threaten":
            return "THREATEN", self._threat_mode(inner_type, inner_mode)
        if rule.frame in ("request", "reject"):
            words = self._inner_words
            if words & YIELD_WORDS:
                return rule.type, "yield"  # "urged Russia to accept a ceasefire"
            if words & MEET_WORDS:
                return rule.type, "meet"
            return rule.type, MODE_FROM_INNER[rule.type].get(inner_type, "change")
        return rule.type, rule.mode

    @staticmethod
    def _threat_mode(inner_type: str, inner_mode: str | None) -> str | None:
        if inner_type == "COERCE":
            return THREATEN_COERCE_MODES.get(inner_mode or "", "restrict")
        if inner_type == "SANCTION" and inner_mode == "expel":
            return "expel"
        if inner_type == "SANCTION" and inner_mode is None:
            return "restrict"
        return MODE_FROM_INNER["THREATEN"].get(inner_type)

    def _complement(self, tok: Token, consumed: set[int],
                    clauses: list[Token] | None = None) -> tuple[str, str | None, list[Token]] | None:
        """The event a frame verb governs: its clausal complement, or a nominal object/``for``;
        ``clauses`` adds candidates the parser hung elsewhere ("renewed its call that ...")."""
        self._inner_words = set()  # (not those of an earlier frame verb's complement)
        cands = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "dobj", "pcomp")]
        for prep in _children(tok, "prep"):
            if prep.lower_ in ("for", "to", "of", "on", "against"):
                cands += _children(prep, "pobj", "pcomp")
        for obj in _children(tok, "dobj"):
            cands += [c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
        cands += clauses or []
        for cand in cands:
            rule = self._match(cand)
            if rule is None and (cand.dep_ in ("xcomp", "ccomp") or cand.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in cand.children)):
                loose = self._match(cand, relaxed=True)
                fought = _children(cand, "dobj")
                if fought and not any(self._actor(o) is not None or self._owner(o) is not None for o in fought) \
                        or _walkout(cand):
                    # "vowed to fight corruption": a policy, not a hostile act against anyone; "said it was
                    # prepared to strike": a walkout
                    loose = None
                if loose is not None and loose.type in CONFLICT_TYPES:
                    # "vowed to fight until ...": no target named, still a hostile act promised
                    consumed.add(cand.i)
                    self._inner_words = {lemma(cand)}
                    return loose.type, loose.mode, []
            if rule is None:
                continue
            consumed.add(cand.i)
            recips: list[Token] = []
            if self._pos(cand) == "NOUN" and cand.lemma_.lower() in PATIENT_NOUNS:
                holders = {t.i for p in _prep_objects(cand, ("of",)) for prep in _children(p, "prep")
                           if prep.lower_ == "from" for t in prep.subtree}  # "... of diplomats FROM France"
                self._patients |= {t.i for p in _prep_objects(cand, ("of",)) for t in p.subtree} - holders
                self._patient_heads.add(cand.i)
            elif self._pos(cand) == "NOUN":
                # "demanded the withdrawal of foreign troops": the ones asked own the action (not in
                # "demanded the freeing of detainees": the detainees are what is asked for); "requested
                # talks with Washington": the other side of the talks; "an admission by Moscow": Moscow
                recips = (_prep_objects(cand, ("with",)) if rule.frame == "meet" else []) \
                    or _prep_objects(cand, ("by",)) \
                    or [c for c in cand.children if c.dep_ == "poss"] + _prep_objects(cand, ("of",))
            if self._pos(cand) == "VERB":
                recips = _recipient_tokens(cand, rule.recipient) if rule.frame != "host" else []
                if not recips and rule.type in ("AID", "COOPERATE", "MOBILIZE"):
                    # "offered to send engineers to help Cuba repair its grid": the one helped
                    for helper in (c for c in cand.children if c.dep_ in ("advcl", "xcomp")
                                   and lemma(c) in ("help", "assist", "support")):
                        recips = _children(helper, "dobj") or [
                            t for c in _children(helper, "ccomp", "xcomp") for t in _subject_tokens(c)]
                if not recips and "dobj" in rule.recipient and _is_passive(cand):
                    recips = _children(cand, "nsubjpass")  # "warned the attackers would be hunted down"
                for o in _children(cand, "dobj"):
                    if lemma(cand) not in FACTIVE_VERBS:  # ("to investigate the killing of ...": it happened)
                        consumed.add(o.i)
            # the person asked ("urged Israel to ...") is found on the frame verb itself
            self._inner_words = _object_lemmas(cand) | {cand.lemma_.lower(), lemma(cand)}
            return rule.type, rule.mode, recips
        return None

    def _meet_mode(self, tok: Token, actor_toks: list[Token], recip_toks: list[Token], mode: str | None) -> str | None:
        if mode:
            return mode
        for t in actor_toks + recip_toks:
            if any(c.lower_ in ("visiting",) for c in t.subtree):
                return "visit"
        sent = tok.sent
        if any(t.lemma_ in ("visit", "visiting") for t in sent):
            return "visit"
        if any(t.lower_ in ("phone", "telephone", "video") for t in sent):
            return "phone"
        return None

    def _visitor_first(self, actor_toks: list[Token], recip_toks: list[Token]) -> tuple[list[Token], list[Token]]:
        """In a visit the visitor is the ACTOR: swap when the object is the one 'visiting'."""
        def visiting(toks: list[Token]) -> bool:
            return any(c.lower_ == "visiting" for t in toks for c in t.subtree)
        if visiting(recip_toks) and not visiting(actor_toks):
            return recip_toks, actor_toks
        return actor_toks, recip_toks

    def _adjectival(self, tok: Token, rule: TriggerRule, consumed: set[int]) -> RawEvent | None:
        """'X is ready/willing to cooperate with Y' → AGREE (or THREATEN by the complement);
        'X is opposed to Y' → the adjective's own type."""
        if rule.frame == "plain":
            head = tok.head if tok.dep_ in ("acomp", "amod") else tok
            actors = self._actors(_subject_tokens(head))
            if not actors:
                return None
            recipients = [r for r in self._actors(_prep_objects(tok, rule.recipient), possessor=True)
                          if r.key() not in {a.key() for a in actors}]
            if rule.type == "ACCUSE" and not recipients:
                return None  # "consumers are concerned about prices": a feeling, not a criticism of anyone
            return RawEvent(rule.type, rule.mode, actors, recipients, modality_of(head), tok, rule.name,
                            rule.weight, self._place_tokens(head), rule.frame)
        if not any(c.dep_ == "xcomp" for c in tok.children):
            return None
        # "ready to talk": willingness whatever the verb; a trigger in the complement sets the type
        inner = self._complement(tok, consumed) or ("AGREE", None, [])
        head = tok.head if tok.dep_ in ("acomp", "amod") else tok
        actors = self._actors(_subject_tokens(head) if head is not tok else _subject_tokens(tok))
        if not actors:
            return None
        etype, mode = self._frame_type(rule, inner)
        recipients = [r for r in self._actors(inner[2], possessor=True) if r.key() not in {a.key() for a in actors}]
        recipients = recipients or self._nearest_recipient(tok, actors)
        modality = modality_of(head)
        if modality == "future":
            modality = "asserted"
        return RawEvent(etype, mode, actors, recipients, modality, tok, rule.name, rule.weight,
                        self._place_tokens(head), rule.frame)

    def _nominal(self, tok: Token, rule: TriggerRule, consumed: set[int]) -> RawEvent | None:
        if rule.type == "PROTEST" and tok.lower_ == "protest" and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                and (verb := tok.head.head).pos_ == "VERB" and not any(
                    {o.lemma_.lower(), o.doc[o.left_edge.i:o.i + 1].text.lower().split(" ")[-1]}
                    & self.lexicon.classes.get("PROTESTOBJ", set()) for o in _children(verb, "dobj")) \
                and not any(r.type == "PROTEST" for r in self.lexicon.lookup(lemma(verb), "VERB")):
            # "recalled its ambassador in protest at the decision": why the act was done, not a protest held
            # (but a sit-in staged "in protest of" a ruling is the protest, and "erupted in protests" one too)
            self._note(tok, "'in protest' gives the motive of the act it hangs on: no event of its own")
            return None
        if tok.lemma_.lower() == "call" and not (tok.dep_ in ("dobj", "attr") and lemma(tok.head) in LIGHT_VERBS) \
                and not (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") and any(
                    c.dep_ in ("compound", "amod") and c.lower_ in ("phone", "telephone", "video") for c in tok.children)):
            # "renewed its call on Phnom Penh to ...": a call is news when someone makes or repeats it,
            # not when it is a topic ("Ishiba's call for an Asian NATO stems from ..."), or the call in which
            # the sentence's act was done ("In a phone call, Xi told Ruto ...": read below as a setting)
            self._note(tok, "a call named as a topic, not made: no event")
            return None
        if rule.objects is not None:
            # "a suspension of attacks", "a halt to protests": what the rule named is part of this event
            consumed.update(o.i for p in _children(tok, "prep") if p.lower_ in ("of", "to")
                            for o in _children(p, "pobj") if o.lemma_.lower() in rule.objects)
        actor_toks: list[Token] = []
        recip_toks: list[Token] = []
        unnamed_doer = False
        claimed = False
        obj = tok
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            obj = tok.head  # "undertook a mediation mission between ..."
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "attr"):
            obj = tok.head.head  # "launched ten days of war games", "held two rounds of talks"
        head = obj.head
        modality_node = tok
        # "met with opposition from": the noun hangs on the verb's "with"
        receiver = head.head if obj.dep_ == "pobj" and head.lower_ == "with" and lemma(head.head) == "meet" else head
        givers = (_prep_objects(tok, ("from",)) or _prep_objects(receiver, ("from",))) \
            if rule.frame != "meet" and lemma(receiver) in RECEIVING else []
        # a light verb: "held talks", "launched an attack", "paid a visit", "extended a welcome"
        if givers and (obj.dep_ == "dobj" or receiver is not head):
            # "the plan drew criticism from Amnesty", "Kenya received aid from Japan": roles reversed
            actor_toks, recip_toks = givers, _subject_tokens(receiver)
            modality_node = receiver
        elif obj.dep_ in ("dobj", "attr") and lemma(head) in LIGHT_VERBS and not _children(head, "oprd") \
                and not _predicates(head):
            # ("called the meeting a success": calling something a name does not convene it)
            actor_toks, recip_toks = self._verb_roles(head, rule)
            recip_toks = [t for t in recip_toks if t.i != tok.i]
            recip_toks = _recipient_tokens(tok, rule.recipient) or _prep_objects(head, rule.recipient) or [
                t for o in _prep_objects(tok, ("of",)) for t in _recipient_tokens(o, rule.recipient)
                if "of" not in rule.recipient]  # ("announced the recall of its envoy to Rome": Rome)
            modality_node = head
            # "the group said it carried out the attack": owning an attack told before is a claim
            claimed = rule.type == "ASSAULT" and head.dep_ == "ccomp" and lemma(head.head) in SAY_VERBS \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) \
                and any(t.pos_ == "PRON" for t in _subject_tokens(head))
        elif tok.dep_ == "nsubjpass" and lemma(head) in LIGHT_VERBS:
            actor_toks = _agent_tokens(head)
            modality_node = head
        elif tok.dep_ == "pobj" and head.lower_ == "for" and (
                head.head.lemma_.lower() in CLAIMED
                or any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED for c in head.head.children)):
            # "claimed responsibility for the bombing", "took credit for the attack": the claimant did it
            claim = head.head.head if head.head.lemma_.lower() in CLAIMED else head.head
            actor_toks = _subject_tokens(claim)
            modality_node = claim
            claimed = True
        elif tok.dep_ == "pobj" and head.lower_ == "under" and lemma(head.head) in ("come", "be"):
            # "the train came under attack": the subject suffered it (the doer may go unnamed)
            recip_toks = _subject_tokens(head.head)
            modality_node = head.head
            unnamed_doer = rule.type == "ASSAULT"
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ not in (
                "despite", "amid", "over", "against", "because") and not (
                rule.type != "CONSULT" and head.lower_ in ("after", "before", "following", "since", "until")) \
                and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in tok.children) and (
                rule.type == "CONSULT" or rule.type == "PROTEST" and not _is_passive(head.head) and not (
                    (hit := self._match(head.head, relaxed=True)) is not None and hit.type in ("ASSAULT", "COERCE"))
                or rule.type == "MOBILIZE" and not any(
                    c.dep_ in ("compound", "amod") and self._actor(c) is not None for c in tok.children)
                and not ((shot := self._match(head.head, relaxed=True)) is not None and shot.type in ("ASSAULT", "COERCE"))
                or lemma(head.head) in ("engage", "participate", "take", "join", "involve")):
            # ("shot at an army patrol": the patrol is the army's, not the shooter's; "detained 100 people
            # during protests", "was beaten during a protest": the protesters are others)
            # "arrived for a two-day visit", "converged for a rally", "threw stones during demonstrations"
            actor_toks = _subject_tokens(head.head)
            modality_node = head.head
            if rule.type == "CONSULT" and not _recipient_tokens(tok, rule.recipient):
                # "told the premier in a phone call": the one told is the other side
                recip_toks = [t for c in _children(head.head, "dobj", "dative") if c.pos_ in ("PROPN", "NOUN")
                              for t in _conjuncts(c)]
        elif rule.type == "CONSULT" and tok.lemma_.lower() == "call" and tok.dep_ == "pobj" \
                and head.lower_ in ("in", "during") and head.head.pos_ == "NOUN" \
                and (setting := next((a for a in tok.ancestors if a.pos_ == "VERB"), None)):
            # "settled on plans in a telephone call": the parser hangs the call on the noun; the call is
            # still the setting of the verb's act, made by its subject
            actor_toks = _subject_tokens(setting)
            modality_node = setting
        if not actor_toks:
            for done in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                         and lemma(c) in LIGHT_VERBS | {"file", "bring", "level", "carry", "lodge", "impose", "claim"}):
                # "lawsuits filed against DHS by the ACLU", "an attack carried out by al-Shabab" ("an attack
                # claimed by the BLA": a claim, which names the doer of the attack the sentence tells)
                actor_toks = _agent_tokens(done)
                claimed = claimed or (lemma(done) == "claim" and rule.type == "ASSAULT" and bool(actor_toks))
                recip_toks = recip_toks or _recipient_tokens(done, rule.recipient) \
                    or _prep_objects(done, ("against", "on"))
        # the noun's own arguments
        possessors = [c for c in tok.children if c.dep_ == "poss"]
        if tok.lemma_.lower() in PATIENT_NOUNS:
            # "the editor's arrest", "the journalist's killing": the possessor suffers the act
            own_actor = []
            recip_toks = recip_toks or possessors
        else:
            own_actor = possessors
        # ("the bombing of a base by Ivorian jets": the parser may hang the "by" on the target)
        doers = _prep_objects(tok, ("by",)) or [d for o in _prep_objects(tok, ("of",)) if not self.lexicon.lookup(
            o.lemma_.lower(), "NOUN") for d in _prep_objects(o, ("by",))]  # (but "the threat of attacks by X")
        own_actor += doers
        if (rule.type == "RETREAT" and rule.mode in ("withdraw", "resign") or rule.type == "MOBILIZE") and not doers:
            # "the withdrawal of the troops", "the deployment of ..." (but "the pullout of soldiers BY
            # America": the forces are what America withdraws)
            own_actor += _prep_objects(tok, ("of",))
        between = _prep_objects(tok, ("between", "among")) or _prep_objects(obj, ("between", "among"))
        if not between:
            for of_obj in _prep_objects(tok, ("of",)):
                between = _prep_objects(of_obj, ("between", "among"))
                if between:
                    break
        if between:
            if actor_toks and rule.type == "CONSULT" and not {t.i for t in actor_toks} & {t.i for t in between}:
                recip_toks = between  # "led mediation between X and Y": the mediator and the parties
            actor_toks = actor_toks or between
            if actor_toks is between:
                recip_toks = []
        if own_actor and not actor_toks:
            actor_toks = [t for a in own_actor for t in _conjuncts(a)]
        if not actor_toks:
            # "U.S. sanctions", "Israeli airstrikes": a state or organisation modifier acts
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
            actor_toks = [m for m in mods if (a := self._actor(m)) is not None
                          and a.kind in ("state", "organization", "person")
                          and not (rule.type in PHYSICAL and a.resolved_by in ("lexicon:capital", "lexicon:place"))]
            # ("the Kabul attack" happened in Kabul: the city does not attack)
            if rule.frame == "meet" and len(actor_toks) == 1 and actor_toks[0].pos_ == "PROPN" \
                    and (a := self._actor(actor_toks[0])) is not None and a.kind == "state":
                actor_toks = []  # "the Geneva talks", "the Doha summit": the venue, not a party
        if not recip_toks:
            recip_toks = _recipient_tokens(tok, rule.recipient)
        actors = self._actors(actor_toks)
        if not actors and rule.type in ANAPHORIC_TYPES and _definite(tok) and not (unnamed_doer and recip_toks) \
                and tok.lemma_.lower() != "fighting":
            actors = self.story.earlier_doers(rule.type)  # "the attack", "the protests" (not "the fighting": a state of war)
        if not actors and (rule.type == "COERCE" and rule.mode in ("arrest", "seize") or tok.lemma_.lower() in (
                "trial", "indictment")) and not any(
                c.dep_ == "poss" for c in tok.children) and (of := _prep_objects(tok, ("of",))) and all(
                (a := self._actor(o)) is not None and a.kind != "state"
                and (a.sector not in STATE_SECTORS or rule.type == "ACCUSE") for o in of):
            # "the arrest of the activist", "the trial of two soldiers": by authorities or a court the story
            # may not name ("Israel's arrests of ...": the possessor arrests; "the arrest of the governor"
            # is left alone)
            recip_toks, unnamed_doer = of, True
        crowd = not actors and rule.type == "PROTEST" and rule.mode != "strike" and not any(
            c.dep_ == "mark" and c.lower_ in ("since", "until", "before") for c in head.children) and (
            tok.dep_ == "nsubj" and lemma(head) in OCCURRING_VERBS
            or tok.dep_ == "nsubjpass" and lemma(head) in LIGHT_VERBS)
        if crowd:
            # "protests erupted in Tehran", "rallies were held in dozens of cities": by people the story
            # does not name (the pipeline gives them the country the sentence names)
            unnamed_doer = True
        if not actors and not (unnamed_doer and (recip_toks or crowd)):
            self._note(tok, "nominal trigger without a resolvable actor (no light verb subject, 'by', "
                            "'between' or possessive): no event")
            return None
        recipients = [r for r in self._actors(recip_toks, possessor=True) if r.key() not in {a.key() for a in actors}]
        if not self._states_leaving(tok, rule, actors):
            return None
        if rule.frame == "host":
            actors, recipients = recipients, actors
            if not actors:
                return None
        elif not recipients and rule.frame != "meet" and not unnamed_doer and rule.type != "MOBILIZE":
            # (what is mobilised is not a target: "the call-up of reservists")
            recipients = self._nearest_recipient(tok, actors)
            if not recipients and modality_node is not tok:
                recipients = self._nearest_recipient(modality_node, actors, deeper=True, skip=tok.i)
        modality = modality_of(modality_node)
        if tok.dep_ in ("nsubj", "nsubjpass") and modality == "asserted":
            modality = modality_of(head)
        if obj.i != tok.i and any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in obj.children):
            modality = "negated"  # "had no confirmation of their release", "saw no sign of a pullout"
        if modality in ("future", "hypothetical") and modality_node is tok and not any(
                c.lower_ in ("no", "any") for c in tok.children) and (
                tok.dep_ == "pobj" and tok.head.lower_ in ("after", "following")
                or tok.dep_ == "dobj" and rule.type in ("ASSAULT", "COERCE") and lemma(tok.head) in FACTIVE_VERBS):
            # "urged its allies to send air defences after a Russian drone attack on Kyiv", "urged Abuja to
            # investigate the killing of 30 villagers by soldiers": what a plea comes after, or asks to be
            # looked into, has happened
            modality = "asserted"
        if modality == "asserted" and _aggregate(tok):
            modality = "generic"
        if modality == "asserted" and tok.dep_ in ("compound", "amod") \
                and tok.head.lemma_.lower() in CLAIM_NOUNS | {"charge", "report", "case", "trial"}:
            modality = "hypothetical"  # "the abduction allegations", "a murder charge": alleged, not told as fact
        if modality == "asserted" and tok.dep_ == "pobj" and tok.head.lower_ in ("over", "about", "on") \
                and lemma(tok.head.head) in TOPIC_VERBS:
            modality = "hypothetical"  # "disagreed over US aid": what a dispute is about, not an act told
        if modality == "asserted" and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                and tok.head.head.lemma_.lower() in RISK_NOUNS:
            modality = "hypothetical"  # "the threat of attacks", "fears of a crackdown": what may come
        if modality == "asserted" and tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of", "on") \
                and tok.head.head.lemma_.lower() in self.lexicon.classes.get("PROPOSAL", set()) - {"agreement", "deal"}:
            modality = "hypothetical"  # "rejected an offer of talks", "a call for a boycott": asked for, not held
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if modality == "asserted" and verb is not None and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
            modality = "hypothetical"  # "if Europe keeps its tariff on whiskey": a condition, not a fact
        etype, mode = rule.type, rule.mode
        if etype == "PROTEST" and mode == "strike" and tok.lemma_.lower() == "strike" and actors \
                and all(a.kind == "state" or a.sector == "MIL" for a in actors):
            etype, mode = "ASSAULT", None  # "after the Indian strikes": a state's strikes are military ones
        if etype == "AGREE" and modality == "negated" and modality_node is not tok and modality_node.dep_ == "xcomp" \
                and lemma(modality_node.head) == "fail" and not any(c.dep_ == "neg" for c in modality_node.head.children):
            # "the two sides failed to reach agreement": talks that ended in refusal (the GSR and CAMEO's
            # "refuse to agree"), not nothing
            etype, modality = "REJECT", "asserted"
            if not recipients and len(actors) >= 2:
                actors, recipients = actors[:1], actors[1:]  # (one side refuses the other, as dyads are coded)
        if mode == "multilateral" and not any(a.kind == "organization" for a in actors + recipients) \
                and len({a.country for a in actors + recipients if a.country}) < 3:
            mode = None  # a summit of two states is not a meeting in a multilateral (alliance, IGO) setting
        if rule.frame in ("request", "threaten"):
            # "renewed its call that Ethiopia restore ...": the clause may hang on the light verb
            verb_clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i > tok.i] \
                if modality_node is head and obj.dep_ == "dobj" else []
            inner = self._complement(tok, consumed, verb_clauses)
            if inner is not None:
                etype, mode = self._frame_type(rule, inner)
            if not recipients:
                # "its demand that Israel ease restrictions": the one asked is the clause's subject
                clause_subjects = [t for c in [*tok.children, *verb_clauses] if c.dep_ in ("acl", "ccomp", "relcl")
                                   for t in _subject_tokens(c) if t.pos_ != "PRON"]
                clause_subjects = clause_subjects or _condition_subjects(tok)
                recipients = [r for r in self._actors(clause_subjects)
                              if r.key() not in {a.key() for a in actors}]
        if modality == "future" and etype in COOPERATIVE_FUTURE | CONCESSION_TYPES:
            if etype == "RETREAT" and mode == "withdraw":
                recipients = _not_withdrawn_troops(actors, recipients)  # (also in a promised withdrawal)
            etype, mode, modality = "AGREE", None, "asserted"
        etype = _withdrawal_type(etype, mode, recipients)
        if unnamed_doer and not actors and not recipients and not crowd:
            return None  # "the train came under attack": nobody known on either side
        if etype == "CONSULT" and _media_only(actors, recipients):
            self._note(tok, "an interview with the press is not a meeting between political actors: no event")
            return None
        if etype == "ACCUSE" and modality_node.i != tok.i and lemma(modality_node) in ("attend", "join", "participate"):
            self._note(tok, "attending a hearing is not investigating anyone: no event")
            return None
        if etype in ("CONSULT", "THREATEN") and modality_node.i == tok.i and not recipients and len(actors) == 1 \
                and not between and actors[0].kind in ("state", "person"):
            # "China's annual political meetings", "the China threat": one side named by a modifier only
            # (an organisation's own meeting is multilateral: "the G7 talks", "a Security Council meeting")
            self._note(tok, "one party named only as a modifier, nobody on the other side: no event")
            return None
        if etype == "CONSULT" and mode == "visit" and rule.frame == "plain":
            hosts = self._visited(tok, actors, recipients)
            if hosts is None:
                return None
            recipients = hosts
        recipients = self._final_recipients(tok, etype, mode, actors, recipients)
        return RawEvent(etype, mode, actors, recipients, modality, tok, rule.name, rule.weight * 0.9,
                        self._place_tokens(modality_node), rule.frame, claimed=claimed)

    def _states_leaving(self, tok: Token, rule: TriggerRule, actors: list[Actor]) -> bool:
        """Leaving an organisation of states (an @BODY rule) is a state's act: "Niger left ECOWAS" is a
        sanction, an official "leaving the EU bureaucracy" for another job or the building is not."""
        if rule.objects is None or "@BODY" not in rule.objects or (actors and all(a.sector == "GOV" for a in actors)):
            return True
        self._note(tok, "someone other than a government leaving an organisation: no event")
        return False

    def _inquiry_founder(self, tok: Token) -> Token | None:
        """The verb that set up or sent the body an infinitive of purpose says is to do ``tok``
        ("appointed a panel to investigate", "set up commissions to investigate", "a team sent to
        investigate"), or None."""
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None
        bodies = self.lexicon.classes.get("INQUIRY", set())
        founding = self.lexicon.classes.get("FOUNDING", set())
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in bodies and lemma(tok.head.head) in founding:
            return tok.head.head
        if tok.dep_ in ("advcl", "xcomp") and lemma(tok.head) in founding and any(
                o.lemma_.lower() in bodies for o in _children(tok.head, "dobj")):
            return tok.head
        return None

    def _visited(self, tok: Token, actors: list[Actor], recipients: list[Actor]) -> list[Actor] | None:
        """Whom a visit (verbal or nominal) is paid to, or None when it is no event.

        "The interior minister visited Quetta" is a trip at home (or to a place we cannot place), not a
        visit to a foreign government or organisation; "the chancellor flew to Shanghai" is a visit to
        the state the city is in, not to its people."""
        if actors and recipients and all(
                not (r.country or r.sector or r.org) or (r.resolved_by or "").startswith("lexicon:place")
                and r.country in {a.country for a in actors} for r in recipients):
            self._note(tok, "a visit to a place at home, not to another party: no event")
            return None
        return [r.model_copy(update={"sector": "GOV", "resolved_by": "lexicon:place-host"})
                if r.resolved_by == "lexicon:place" and r.country else r for r in recipients]

    @staticmethod
    def _place_tokens(tok: Token) -> list[Token]:
        out: list[Token] = []
        for node in (tok, tok.head):
            for prep in _children(node, "prep"):
                if prep.lower_ in ("in", "at", "near", "to", "inside", "outside", "across"):
                    out += _children(prep, "pobj")
            if node.dep_ == "ROOT":
                break
        return out

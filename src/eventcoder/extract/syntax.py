"""Dependency-tree helpers shared by the actor and event extractors (spaCy English labels).

Who is the subject of a verb (inherited through coordination, control and relative clauses), who
is its agent in the passive, what are the objects of its prepositions.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}




def conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(conjuncts(child))
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def tree_order(doc: Doc) -> list[Token]:
    """The tokens of a parsed sentence by depth in the dependency tree, then by position, worked out
    once per sentence: the look-ahead (once or twice) and the final extraction each visit the
    sentence in this order, and the parse does not change between them (named entities added later
    leave the tree as it is)."""
    order = _ORDERS.get(doc)
    if order is None:
        order = _ORDERS[doc] = tuple(t.i for t in sorted(doc, key=lambda t: (len(list(t.ancestors)), t.i)))
    return [doc[i] for i in order]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per parsed sentence: spaCy joins the tokens' texts anew on every
    access, and extraction reads a sentence's text for every phrase it resolves (the tokens of a
    parsed sentence are never changed afterwards)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


# what tree_order and doc_text worked out, per Doc (by identity, for as long as the Doc lives: the Doc
# itself is left untouched, so that nothing of this shows in it or in what it serialises)
_ORDERS: WeakKeyDictionary[Doc, tuple[int, ...]] = WeakKeyDictionary()
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


# verbs that report speech ("X said ...") and those that report an obligation or a warning ("X insisted
# that Y must ...") -- together, the verbs that introduce a quotation ('"...," X said')
SAY_VERBS = {"say", "announce", "state", "declare", "tell", "confirm", "add", "report", "indicate", "insist"}
OBLIGATION_REPORTERS = {"reiterate", "insist", "stress", "conclude", "warn", "demand", "argue", "write"}
QUOTING_VERBS = SAY_VERBS | OBLIGATION_REPORTERS | {"note"}

# what a group claims for an attack it carried out ("claimed responsibility for", "took credit for")
CLAIMED = {"responsibility", "credit"}
# an appointment: "the envoys are scheduled (set, due) to meet": the one appointed acts, and later
APPOINTMENT_HEADS = {"schedule", "set", "due"}
CULPABLE = {"guilty", "responsible", "culpable"}  # "X is guilty of violating ...": X did it
# texts that say what their author says ("a statement demanding ...")
STATEMENTS = {"statement", "declaration", "letter", "communique", "resolution", "motion", "message", "note", "petition",
              "appeal", "open letter", "memo", "memorandum", "editorial", "decree"}


def speaker_label(tok: Token) -> bool:
    """The name before a colon that opens an interview turn ("VOA: Why did ...?"), which the parser
    may take for the subject of the sentence."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and tok.i - tok.sent.start <= 3


def finite_in_relative(verb: Token) -> bool:
    """A finite verb the parser hung on a noun inside the relative clause of the sentence's subject
    ("Egypt, which is mediating with Qatari support, called on both sides ..." read as "support
    called"): the sentence's head is a noun with that relative clause, and a comma closes it."""
    root = verb.sent.root
    return verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and root.pos_ in ("NOUN", "PROPN") \
        and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].lower_ == "," \
        and any(c.dep_ == "relcl" and c.i < verb.i and (verb in c.subtree or verb.head.i == root.i) for c in root.children)


def said_after_report(verb: Token) -> bool:
    """A verb in the simple past coordinated with the clause a verb of saying reports, when that clause
    is told in another tense (a copula, the present, the past perfect): the parser hangs "and threatened"
    on "was" in "said the position was unacceptable and threatened to ...", but the speaker threatens."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                         for c in verb.children):
        return False
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in QUOTING_VERBS:
        return False
    return head.pos_ == "AUX" or head.tag_ in ("VBZ", "VBP") or any(
        c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in head.children)


def is_passive(verb: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("a leader killed in a raid") or
    making a clause of its own ("..., killed in a raid")."""
    if finite_in_relative(verb):
        return False
    if verb.dep_ in ("acl", "relcl", "advcl") and verb.tag_ == "VBN" and not any(
            c.dep_ in ("nsubj", "aux") for c in verb.children):
        return True  # (and a participle clause: "the commander is dead, killed in a raid")
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _claimant(for_prep: Token, depth: int) -> list[Token] | None:
    """Who claims what the "for" of ``for_prep`` names ("claimed responsibility for ...", "took credit
    for ..."), or None when the "for" hangs on no claim."""
    claim = for_prep.head
    if claim.lemma_.lower() in CLAIMED:
        return subject_tokens(claim.head, depth + 1)
    if any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED for c in claim.children):
        return subject_tokens(claim, depth + 1)
    return None


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The grammatical subject of a verb, inherited through coordination, xcomp and relatives."""
    subs = children(verb, "nsubj", "nsubjpass", "expl")
    subs = [s for s in subs if s.dep_ != "expl" and not speaker_label(s)]
    if subs:
        head = subs[0]
        if head.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            antecedent = verb.head
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ in ("on", "against") \
                    and antecedent.head.head.pos_ == "NOUN" and head.lower_ in ("that", "which") \
                    and antecedent.head.head.lemma_.lower() in STRIKE_NOUNS:
                # "an attack on an army base that wounded seven soldiers": the attack wounded them, not
                # the base (the parser hangs the relative clause on the nearest noun); an attack someone
                # "claimed responsibility for" is the claimant's
                attack = antecedent.head.head
                if attack.dep_ == "pobj" and attack.head.lower_ == "for" \
                        and (claimant := _claimant(attack.head, depth)) is not None:
                    return claimant
                return [attack]
            return conjuncts(antecedent)
        if head.pos_ == "VERB" and head.tag_ == "VBG" and (inner := [
                c for c in children(head, "nsubj") if c.i < head.i and c.pos_ in ("PROPN", "NOUN")]):
            return conjuncts(inner[0])  # "the Red Cross working in Chad said", parsed as a gerund subject
        return conjuncts(head)
    if depth > 4:
        return []
    if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return subject_tokens(verb.head.head, depth + 1)  # "X was the first (country) to reject it": X did
    if verb.dep_ == "relcl":
        return conjuncts(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and (claimant := _claimant(verb.head, depth)) is not None:
        return claimant  # "the group claimed responsibility for attacking the convoy": the claimant did it
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in CULPABLE \
            and verb.head.head.dep_ == "acomp":
        return subject_tokens(verb.head.head.head, depth + 1)  # "the army is guilty of violating the truce"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("by", "after", "before", "while",
                                                                                   "without", "in", "since") \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_tokens(verb.head.head, depth + 1)  # "retaliated by announcing tariffs": the retaliator
    if said_after_report(verb):
        # "the ministry said the position was unacceptable and threatened to ...", "said Thai soldiers had
        # opened fire first and demanded ...": a simple past after a clause in another tense goes back
        # to the one who speaks
        return subject_tokens(verb.head.head, depth + 1)
    if (verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") or verb.dep_ == "dep" and verb.tag_ == "VBD") \
            and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        # (an unlabelled finite verb hung on the main one shares its subject: "villagers opposed to the
        # mine blocked the road", parsed with "opposed" as the main verb)
        if is_passive(verb.head) and not is_passive(verb) and not (
                verb.dep_ == "xcomp" and verb.head.lemma_.lower() in APPOINTMENT_HEADS):
            # "the camp was attacked by militiamen, killing 156": the killers are the agents (but "the
            # envoys are scheduled to meet": the subject of the appointment keeps it)
            return agent_tokens(verb.head)
        return subject_tokens(verb.head, depth + 1)
    if finite_in_relative(verb):
        return conjuncts(verb.sent.root)  # "Egypt, which is mediating ..., called on ...": Egypt called
    if verb.dep_ == "acl" and not is_passive(verb):
        text = verb.head
        if text.lemma_.lower() in STATEMENTS:
            # "issued a statement demanding ...", "a letter from the union urging ...": the author demands
            author = prep_objects(text, ("by", "from"))
            if author:
                return author
            if text.dep_ == "dobj":
                return subject_tokens(text.head, depth + 1)
        return conjuncts(text)
    return []


def agent_tokens(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            return [t for p in children(child, "pobj") for t in conjuncts(p)]
    # "was accused of graft by prosecutors": the parser hangs the agent on the charge
    for prep in children(verb, "prep"):
        if prep.lower_ in ("of", "with", "for", "over"):
            for charge in children(prep, "pobj"):
                for by in charge.children:
                    if by.dep_ in ("prep", "agent") and by.lower_ == "by":
                        return [t for p in children(by, "pobj") for t in conjuncts(p)]
    return []


# nouns of attacks a relative clause after their target may belong to ("a strike on a hospital that killed six")
STRIKE_NOUNS = frozenset({"attack", "strike", "airstrike", "bombing", "raid", "assault", "ambush", "shelling",
                          "offensive", "bombardment"})

# particles the parser hangs a verb's preposition on ("pulled out of the deal", "moved away from the
# border", "sent him back to prison")
PREP_PARTICLES = ("out", "away", "back")


def particles(tok: Token) -> list[Token]:
    """The particles among the token's children that carry its prepositions (``PREP_PARTICLES``)."""
    return [c for c in tok.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in PREP_PARTICLES]


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of the token's prepositions ``preps``, also behind a particle (``PREP_PARTICLES``)."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for p in children(child, "pobj"):
                out.extend(conjuncts(p))
    for particle in particles(tok):
        out.extend(prep_objects(particle, preps))
    return out


def infinitive_subjects(tok: Token) -> list[Token]:
    """The object the parser made the subject of the infinitive after the verb ("allowed X to hold a
    rally" parsed as "allowed [X to hold a rally]"): X."""
    return [t for c in children(tok, "ccomp") if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for s in children(c, "nsubj") for t in conjuncts(s)]


def recipient_tokens(tok: Token, spec: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for kind in spec:
        if kind == "dobj":
            for o in children(tok, "dobj"):
                out.extend(conjuncts(o))
            for up in (c for c in tok.children if not out and c.dep_ == "prt" and c.lower_ == "up"):
                out.extend(prep_objects(up, ("to",)) or prep_objects(tok, ("to",)))  # "kidnapped up to 16 advisers"
            if not out:
                out.extend(infinitive_subjects(tok))
        elif kind == "dative":
            for o in children(tok, "dative"):
                if o.pos_ in ("NOUN", "PROPN", "PRON"):
                    out.extend(conjuncts(o))
                out.extend(prep_objects(tok, ("to",)) if o.lower_ == "to" else [])
        else:
            out.extend(prep_objects(tok, (kind,)))
        if out:
            return out
    return out

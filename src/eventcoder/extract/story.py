"""What a story has told so far: the acts later sentences name again.

A reaction names an earlier act without its doer ("ECOWAS welcomed the agreement", "Tehran called the
decision illegal", "Beijing rejected the complaint", "a spokesman refused", "Petro demanded his
release"). The event extractor records each asserted event it codes here, sentence by sentence, and
asks, when a reaction names no one, whom the act it answers was by or aimed at.

Reads: the type, mode, actors and recipients of asserted events, in the order of the text.
Answers, looking back a few sentences only (a reaction follows the act it answers):

* :meth:`StoryMemory.earlier_doers` -- who did the last act of one type ("the launch", "the agreement");
* :meth:`StoryMemory.last_other_act` -- the doers of the last act by someone not on the speaker's side;
* :meth:`StoryMemory.askers` -- who last asked the speaker for something;
* :meth:`StoryMemory.sanctioned` -- whom the last sanctions were on;
* :meth:`StoryMemory.captors` -- who last took, arrested or jailed someone.

Pure: no parse, no knowledge tables; one memory per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Actor

ANAPHORIC_TYPES = {"ASSAULT", "COERCE", "PROTEST"}  # "the attack", "the arrests", "the protests" name one told before
# acts whose parties a later "welcomed the agreement", "criticised the talks" is aimed at: both sides of a
# joint act, the doer of a one-sided one ("praised the release": whoever freed them)
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
TOLD_TYPES = ANAPHORIC_TYPES | {"MOBILIZE", "SANCTION"} | JOINT_TYPES | {"SUPPORT", "RETREAT", "CONCEDE", "AID",
                                                                   "ACCUSE", "REQUEST", "THREATEN"}
STATEMENTS_NOT_ACTS = {"ACCUSE", "REQUEST", "SUPPORT"}  # what "the decision", "the move" never names
TAKING = {("ASSAULT", "abduct"), ("COERCE", "arrest"), ("COERCE", "seize"), ("SANCTION", "convict")}  # someone taken or held


def _stem(word: str | None) -> str:
    """"shelling" and "shell", "strikes" and "strike" alike."""
    w = (word or "").lower()
    for end in ("ings", "ing", "s"):
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def _lent(actors: list[Actor]) -> list[Actor]:
    return [a.model_copy(update={"resolved_by": "coref:event"}) for a in actors]


@dataclass
class StoryMemory:
    """The asserted events of one document so far, by sentence (``sentence`` counts the sentences read)."""

    sentence: int = 0
    _doers: dict[str, tuple[list[Actor], int]] = field(default_factory=dict)  # by type: last doers (or parties)
    # by type and the word that told it ("strike", "attack"): the last doers of an act told by that word
    _worded: dict[tuple[str, str], tuple[list[Actor], int]] = field(default_factory=dict)
    _acts: list[tuple[list[Actor], int]] = field(default_factory=list)  # doers of every act, in order
    _requests: list[tuple[list[Actor], list[Actor], int]] = field(default_factory=list)  # who asked whom
    _sanctioned: tuple[list[Actor], int] | None = None
    _captors: tuple[list[Actor], int] | None = None

    def next_sentence(self) -> None:
        self.sentence += 1

    def remember(self, etype: str, mode: str | None, actors: list[Actor], recipients: list[Actor],
                 joint: bool, word: str | None = None) -> None:
        """Record one asserted event; ``joint``: its recipients are parties too (a meeting, a signing);
        ``word``: the lemma of the word that told it."""
        if etype == "SANCTION" and recipients:
            self._sanctioned = (recipients, self.sentence)  # ("sanctions were imposed on X": no doer needed)
        if not actors:
            return
        if etype not in STATEMENTS_NOT_ACTS:
            self._acts.append((actors, self.sentence))
        if etype == "REQUEST" and recipients:
            self._requests.append((actors, recipients, self.sentence))
        if (etype, mode) in TAKING:
            self._captors = (actors, self.sentence)
        if etype in TOLD_TYPES and not any((a.resolved_by or "").startswith("coref:event") for a in actors):
            self._doers[etype] = (actors + (recipients if joint else []), self.sentence)
            if word:
                self._worded[(etype, _stem(word))] = self._doers[etype]
            if etype == "SUPPORT" and joint:
                self._doers["AGREE"] = self._doers[etype]  # what was signed is "the agreement"

    def earlier_doers(self, etype: str, within: int = 3, besides: list[Actor] | None = None,
                      word: str | None = None) -> list[Actor]:
        """Who did the act of type ``etype`` told last with its doer (an act of another type is never
        lent its doer): "the attack", "the launch", "the agreement" name it again. ``besides``: a
        speaker whose own side is left out ("Lima praised the agreement" it signed with Chile: Chile).
        ``word``: the noun that names it again ("denounced the strike"): an act told by that word
        ("warplanes struck") comes before a later one told by another ("fired rockets")."""
        found = self._worded.get((etype, _stem(word))) if word else None
        if found is None or self.sentence - found[1] > within:
            found = self._doers.get(etype)
        if found is None or self.sentence - found[1] > within:
            return []
        own = {(b.country, b.sector) for b in besides or []}
        keys = {b.key() for b in besides or []}
        return _lent([a for a in found[0] if a.key() not in keys and (a.country, a.sector) not in own])

    def last_other_act(self, actors: list[Actor], within: int = 2) -> list[Actor]:
        """The doers of the last act by someone other than ``actors``' side: the act a reaction answers
        ("called the decision illegal" -- not the speaker's own)."""
        own = {(b.country, b.sector) for b in actors}
        for doers, at in reversed(self._acts):
            if self.sentence - at > within:
                break
            others = [a for a in doers if (a.country, a.sector) not in own]
            if others:
                return _lent(others)
        return []

    def askers(self, actors: list[Actor], within: int = 2) -> list[Actor]:
        """Who last asked ``actors``' state or body for something ("UNHCR implored Dhaka ... Dhaka refused")."""
        asked = {(a.country, a.org) for a in actors}
        for askers, addressed, at in reversed(self._requests):
            if self.sentence - at <= within and asked & {(r.country, r.org) for r in addressed}:
                return [a for a in askers if (a.country, a.org) not in asked]
        return []

    def sanctioned(self, within: int = 3) -> list[Actor]:
        """Whom the last sanctions told were on ("eased the sanctions")."""
        if self._sanctioned is None or self.sentence - self._sanctioned[1] > within:
            return []
        return self._sanctioned[0]

    def captors(self, within: int = 3) -> list[Actor]:
        """Who last took, arrested or jailed someone ("demanded his release")."""
        if self._captors is None or self.sentence - self._captors[1] > within:
            return []
        return self._captors[0]

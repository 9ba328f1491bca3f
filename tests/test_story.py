"""The story so far (eventcoder.extract.story): whom a later reaction answers."""

from __future__ import annotations

from eventcoder.extract.story import StoryMemory
from eventcoder.models import Actor


def state(code: str, sector: str = "GOV") -> Actor:
    return Actor(text=code, name=code, country=code, sector=sector, kind="state")


def test_a_reaction_answers_the_last_act_by_someone_else_within_two_sentences() -> None:
    story = StoryMemory()
    story.remember("SANCTION", None, [state("USA")], [state("VEN")], joint=False)
    story.next_sentence()
    story.remember("COERCE", "arrest", [state("VEN")], [], joint=False)
    # Venezuela's government reacting: not its own arrest, the US sanctions before it
    assert [a.country for a in story.last_other_act([state("VEN")])] == ["USA"]
    assert all(a.resolved_by == "coref:event" for a in story.last_other_act([state("VEN")]))
    assert [a.country for a in story.sanctioned()] == ["VEN"]
    for _ in range(3):
        story.next_sentence()
    assert story.last_other_act([state("VEN")]) == []  # too far back to be answered


def test_joint_acts_lend_both_parties_and_a_signing_is_the_agreement() -> None:
    story = StoryMemory()
    story.remember("SUPPORT", None, [state("PER")], [state("CHL")], joint=True)
    assert {a.country for a in story.earlier_doers("AGREE")} == {"PER", "CHL"}
    story.remember("ASSAULT", None, [state("RUS", "MIL")], [state("UKR", "CVL")], joint=False)
    assert {a.country for a in story.earlier_doers("ASSAULT")} == {"RUS"}
    assert story.earlier_doers("PROTEST") == []


def test_a_refusal_answers_who_asked_and_a_release_demand_who_took_someone() -> None:
    story = StoryMemory()
    unhcr = Actor(text="UNHCR", name="UNHCR", sector="IGO", org="UNHCR", kind="organization")
    story.remember("REQUEST", None, [unhcr], [state("BGD")], joint=False)
    assert [a.org for a in story.askers([state("BGD")])] == ["UNHCR"]
    assert story.askers([state("IND")]) == []
    gunmen = Actor(text="gunmen", name="gunmen", country="NGA", sector="UAF", kind="group")
    story.remember("ASSAULT", "abduct", [gunmen], [], joint=False)
    assert story.captors() == [gunmen]

"""The coder on single sentences: types, modes, roles, modality, places — on sentences written for
these tests (realistic news phrasing, not taken from any gold set)."""

from __future__ import annotations

import pytest
from coding_helpers import coding_at, only

from eventcoder.config import Settings
from eventcoder.pipeline import Coder

PUBLISHED = "2024-05-14"  # a Tuesday


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(Settings())


@pytest.fixture(scope="module")
def modal_coder() -> Coder:
    return Coder(Settings(include_modal=True))


code = coding_at(PUBLISHED)


def countries(actors) -> set[str | None]:
    return {a.country for a in actors}


def test_a_visit_puts_the_visitor_as_actor_and_happens_where_the_host_is(coder):
    events = code(coder, "Indonesian Foreign Minister Retno Marsudi met with the visiting Australian "
                         "Foreign Minister Penny Wong in Jakarta on Tuesday.")
    event = only(events, "CONSULT")
    assert event.event_mode == "visit"
    assert [a.name for a in event.actors] == ["Penny Wong"]
    assert event.actors[0].country == "AUS" and event.actors[0].sector == "GOV"
    assert [a.name for a in event.recipients] == ["Retno Marsudi"]
    assert event.location is not None and (event.location.country, event.location.name) == ("IDN", "Jakarta")
    assert event.date.value == "2024-05-14" and event.date.resolution == "relative"
    assert event.directed is False  # a meeting: either side may be named first


def test_welcoming_a_visitor_is_hosting_a_visit(coder):
    event = only(code(coder, "Kenyan President William Ruto welcomed the visiting Nigerian president to Nairobi."),
                 "CONSULT")
    assert countries(event.actors) == {"NGA"}
    assert [a.name for a in event.recipients] == ["William Ruto"]
    assert event.location.country == "KEN"


def test_a_landmark_places_the_event_in_its_city(coder):
    event = only(code(coder, "Russian President Vladimir Putin received the Indian prime minister at the Kremlin."),
                 "CONSULT")
    assert countries(event.actors) == {"IND"}
    assert event.location.country == "RUS" and event.location.name == "Moscow"


def test_passive_voice_swaps_the_roles_back(coder):
    event = only(code(coder, "Three journalists were arrested by Turkish police in Istanbul on Sunday."), "COERCE")
    assert event.event_mode == "arrest"
    assert (event.actors[0].country, event.actors[0].sector) == ("TUR", "COP")
    assert event.recipients and event.recipients[0].text == "Three journalists"
    assert event.date.value == "2024-05-12"  # the Sunday before publication


def test_a_request_takes_its_mode_from_what_is_asked(coder):
    event = only(code(coder, "The European Union urged Israel to allow aid convoys into Gaza."), "REQUEST")
    assert event.actors[0].org == "EU" and event.actors[0].sector == "IGO" and event.actors[0].country is None
    assert countries(event.recipients) == {"ISR"}
    assert event.event_mode == "yield"


def test_a_threat_to_attack_is_a_threat_not_an_attack(coder):
    events = code(coder, "North Korea threatened to strike US military bases.")
    assert [e.event_type for e in events] == ["THREATEN"]
    assert events[0].event_mode == "violence"
    assert countries(events[0].actors) == {"PRK"} and countries(events[0].recipients) == {"USA"}


def test_the_owner_of_a_rejected_proposal_is_the_recipient(coder):
    event = only(code(coder, "Hamas rejected the Egyptian proposal."), "REJECT")
    assert event.actors[0].org == "HAMAS" and event.actors[0].sector == "REB"
    assert countries(event.recipients) == {"EGY"}


def test_a_joint_signing_has_both_signatories_as_actors(coder):
    event = only(code(coder, "Japan and the Philippines signed a defence pact on Monday."), "SUPPORT")
    assert countries(event.actors) == {"JPN", "PHL"} and event.recipients == []
    assert event.directed is False
    assert event.date.value == "2024-05-13"


def test_sanctions_on_a_group_of_people(coder):
    event = only(code(coder, "The United States imposed sanctions on three Venezuelan officials."), "SANCTION")
    assert countries(event.actors) == {"USA"} and countries(event.recipients) == {"VEN"}


def test_an_air_raid_with_a_known_armed_force_and_civilian_victims(coder):
    event = only(code(coder, "Sudanese army warplanes bombed a market in El Fasher, killing 20 civilians."),
                 "ASSAULT")
    assert event.actors[0].country == "SDN" and event.actors[0].sector == "MIL"
    assert (event.recipients[0].country, event.recipients[0].sector) == ("SDN", "CVL")
    assert event.location.name == "El Fasher"


@pytest.mark.parametrize("sentence, modality", [
    ("Russia did not attack the convoy.", "negated"),
    ("The rebels could attack the convoy.", "hypothetical"),
    ("Analysts believe the army will attack the town.", "hypothetical"),
])
def test_events_that_did_not_happen_are_flagged_and_left_out_by_default(coder, modal_coder, sentence, modality):
    assert [e for e in code(coder, sentence) if e.event_type == "ASSAULT"] == []
    flagged = [e for e in code(modal_coder, sentence) if e.event_type == "ASSAULT"]
    assert [e.modality for e in flagged] == [modality]


def test_a_planned_visit_is_an_agreement_to_meet(coder):
    events = code(coder, "The Iranian foreign minister will visit Moscow next week.")
    assert [e.event_type for e in events] == ["AGREE"]
    assert countries(events[0].actors) == {"IRN"} and countries(events[0].recipients) == {"RUS"}


def test_refusing_to_accept_is_a_rejection(coder):
    events = code(coder, "Syria said it will not accept the proposal.")
    assert [e.event_type for e in events] == ["REJECT"]
    assert countries(events[0].actors) == {"SYR"}  # "it" is the one who said it


def test_a_description_or_an_opinion_is_not_an_event(coder):
    assert code(coder, "The economy grew by three percent last year, according to the central bank.") == []
    assert code(coder, "Many analysts think the talks are a waste of time.") == []


def test_coreference_of_surnames_titles_and_pronouns_across_sentences(coder):
    text = ("UN Secretary-General Antonio Guterres arrived in Kabul on Monday. "
            "Guterres urged the Taliban to reopen schools for girls. "
            "He also praised Pakistan for hosting refugees.")
    events = code(coder, text)
    request = only(events, "REQUEST")
    assert request.actors[0].name == "António Guterres"  # the canonical name from the leaders table
    assert request.actors[0].org == "UN"
    assert request.recipients[0].org == "TALIBAN"
    praise = only(events, "SUPPORT")
    assert praise.actors[0].name == "António Guterres"
    assert countries(praise.recipients) == {"PAK"}
    assert praise.actors[0].resolved_by.startswith("coref")


def test_reports_of_one_meeting_in_several_sentences_are_one_event(coder):
    text = ("Egyptian President Abdel Fattah al-Sisi met Jordan's King Abdullah in Cairo on Sunday. "
            "The two leaders held talks on the war in Gaza. "
            "Sisi and Abdullah also discussed trade.")
    consults = [e for e in code(coder, text) if e.event_type == "CONSULT"]
    assert len(consults) == 1
    assert len(consults[0].evidence) == 3
    assert countries(consults[0].actors + consults[0].recipients) == {"EGY", "JOR"}
    assert consults[0].date.value == "2024-05-12"


def test_evidence_offsets_point_into_the_original_text_with_its_boilerplate(coder):
    text = ("Home > World > Africa\n"
            "Share this article\n"
            "NAIROBI — Kenyan police arrested two opposition leaders in Nairobi on Monday.\n")
    result = coder.code_text(text, published=PUBLISHED)
    event = only(result.events, "COERCE")
    ev = event.evidence[0]
    assert text[ev.start:ev.end] == ev.sentence
    assert text[ev.trigger_start:ev.trigger_end] == "arrested"
    actor = event.actors[0]
    assert text[actor.start:actor.end] == "Kenyan police"
    assert "NAIROBI" not in ev.sentence  # the dateline is not part of the sentence


def test_contexts_come_from_the_sentence_and_the_document(coder):
    text = ("The UN human rights office criticised Belarus over the detention of activists. "
            "Human rights groups say hundreds are held.")
    event = only(code(coder, text), "ACCUSE")
    assert "human_rights" in event.contexts


def test_every_event_carries_confidence_between_zero_and_one(coder):
    events = code(coder, "The European Union imposed sanctions on Iran, and Tehran threatened to retaliate.")
    assert events and all(0.0 < e.confidence < 1.0 for e in events)

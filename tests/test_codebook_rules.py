"""Acts whose PLOVER type the CAMEO->PLOVER table settles (a broken truce is an attack, observers
withdrawn are a sanction, aid cut is a sanction, human shields are an abduction), and where the
participants of statements and texts are found. Sentences written for these tests."""

from __future__ import annotations

from coding_helpers import code as code_at
from coding_helpers import only

from eventcoder.models import Event
from eventcoder.pipeline import Coder

PUBLISHED = "2025-09-15"


def code(coder: Coder, text: str) -> list[Event]:
    return code_at(coder, text, PUBLISHED)


def sides(actors) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in actors}


def test_violating_a_truce_is_an_attack_and_violating_a_law_a_refusal(coder):
    attack = only(code(coder, "Sudanese paramilitaries violated the ceasefire agreement near El Fasher on "
                              "Friday."), "ASSAULT")
    assert sides(attack.actors) == {("SDN", "MIL")} or {a.country for a in attack.actors} == {"SDN"}
    events = code(coder, "The Hungarian government violated the European Union's asylum rules.")
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_withdrawing_observers_is_a_sanction_and_withdrawing_troops_a_retreat(coder):
    sanction = only(code(coder, "Norway withdrew its election observers from Belarus on Sunday."), "SANCTION")
    assert sanction.event_mode == "expel"
    assert {a.country for a in sanction.recipients} == {"BLR"}
    retreat = only(code(coder, "Norway withdrew its troops from Mali on Sunday."), "RETREAT")
    assert {a.country for a in retreat.actors} == {"NOR"}


def test_cutting_aid_is_a_sanction_but_cutting_flights_for_a_disease_is_not(coder):
    sanction = only(code(coder, "The European Union reduced its development aid to Niger after the coup."),
                    "SANCTION")
    assert sanction.event_mode == "discontinue"
    assert {a.country for a in sanction.recipients} == {"NER"}
    events = code(coder, "Airlines in Kenya reduced flights to Europe during the flu outbreak.")
    assert not [e for e in events if e.event_type == "SANCTION"]


def test_holding_people_as_human_shields_is_an_abduction(coder):
    event = only(code(coder, "Islamic State fighters held civilians in Raqqa as human shields, Syrian "
                             "officials said."), "ASSAULT")
    assert event.event_mode == "abduct"
    assert "civilians" in event.recipients[0].text


def test_a_passive_accusation_names_its_accuser_even_when_hung_on_the_charge(coder):
    event = only(code(coder, "The former mayor has been accused of fraud by Brazilian prosecutors."), "ACCUSE")
    assert sides(event.actors) == {("BRA", "JUD")}
    assert "mayor" in event.recipients[0].text


def test_a_statement_demanding_something_is_its_authors_demand_of_whom_the_clause_names(coder):
    event = only(code(coder, "The Somali opposition issued a statement demanding that the Kenyan government "
                             "return the seized fishing boats."), "REQUEST")
    assert {a.country for a in event.actors} == {"SOM"}
    assert sides(event.recipients) == {("KEN", "GOV")}


def test_a_letter_from_someone_urging_speaks_for_its_author(coder):
    event = only(code(coder, "A letter from the Chilean government urging Peru to reopen the border was made "
                             "public on Monday."), "REQUEST")
    assert sides(event.actors) == {("CHL", "GOV")}
    assert {a.country for a in event.recipients} == {"PER"}


def test_protesting_that_someone_does_wrong_is_criticism_of_them(coder):
    event = only(code(coder, "Human Rights Watch protested that Ethiopian authorities are blocking food aid "
                             "to Tigray."), "ACCUSE")
    assert event.event_mode == "disapprove"
    assert sides(event.recipients) == {("ETH", "GOV")}
    events = code(coder, "Thousands of workers protested in Lagos against fuel prices on Monday.")
    assert not [e for e in events if e.event_type == "ACCUSE"]


def test_warning_that_something_will_no_longer_be_tolerated_is_a_threat(coder):
    event = only(code(coder, "The Egyptian interior minister warned that the police will no longer tolerate "
                             "sit-ins by students."), "THREATEN")
    assert sides(event.actors) == {("EGY", "GOV")}
    # a warning of a danger is not a threat
    events = code(coder, "The Egyptian interior minister warned that floods will hit the Nile delta.")
    assert not [e for e in events if e.event_type == "THREATEN"]


def test_refusing_refugees_is_a_rejection_and_taking_them_in_is_aid(coder):
    reject = only(code(coder, "Lebanon said on Tuesday it would not accept any more refugees from Syria."),
                  "REJECT")
    assert {a.country for a in reject.actors} == {"LBN"}
    aid = only(code(coder, "Uganda accepted 3,000 refugees from South Sudan last month."), "AID")
    assert {a.country for a in aid.actors} == {"UGA"}


def test_a_hostile_step_on_a_condition_is_a_threat_but_an_analysts_guess_is_not(coder):
    event = only(code(coder, "The African Union may suspend its aid to Guinea if the junta delays the elections, the "
                             "commission chairman said."), "THREATEN")
    assert {a.org for a in event.actors} == {"AU"}
    events = code(coder, "Analysts said the European Union could impose sanctions on Serbia if the talks fail.")
    assert not [e for e in events if e.event_type in ("THREATEN", "SANCTION")]


def test_an_attack_being_prepared_is_a_show_of_force_not_an_attack_or_a_threat(coder):
    event = only(code(coder, "Ukrainian troops prepared to launch an offensive against Russian forces near "
                             "Kherson."), "MOBILIZE")
    assert {a.country for a in event.actors} == {"UKR"}
    assert not [e for e in code(coder, "Ukrainian troops prepared to attack Russian positions near Kherson.")
                if e.event_type in ("ASSAULT", "THREATEN")]


def test_a_protest_after_which_something_happened_is_not_done_by_the_main_subject(coder):
    events = code(coder, "Peruvian authorities imposed a curfew in the city of Arequipa after a protest.")
    curfew = only(events, "COERCE")
    assert sides(curfew.actors) == {("PER", "GOV")}
    # the curfew binds the people of the place, and the authorities did not protest
    assert sides(curfew.recipients) == {("PER", "CVL")}
    assert not [e for e in events if e.event_type == "PROTEST" and sides(e.actors) == {("PER", "GOV")}]


def test_a_meeting_after_which_someone_spoke_was_theirs(coder):
    event = only(code(coder, "The Kenyan president told reporters after a meeting with the Ugandan foreign "
                             "minister on Monday that the border would stay open."), "CONSULT")
    assert {a.country for a in event.actors + event.recipients} == {"KEN", "UGA"}


def test_talks_offered_or_called_for_are_not_held(coder):
    events = code(coder, "Armenia's prime minister rejected an offer from Azerbaijan for direct talks on "
                         "the border.")
    reject = only(events, "REJECT")
    assert {a.country for a in reject.recipients} == {"AZE"}
    assert not [e for e in events if e.event_type == "CONSULT"]


def test_a_number_after_up_to_is_the_object(coder):
    event = only(code(coder, "Gunmen kidnapped up to 30 Nigerian students from a school in Kaduna."), "ASSAULT")
    assert sides(event.recipients) == {("NGA", "EDU")} or {a.country for a in event.recipients} == {"NGA"}
    assert "students" in event.recipients[0].text


def test_an_infinitive_under_a_refusal_is_not_a_fact(coder):
    events = code(coder, "The junta refused to allow Red Cross planes to land and evacuate the wounded "
                         "from Niamey.")
    assert only(events, "REJECT")
    assert not [e for e in events if e.event_type == "AID"]


def test_swearing_to_fight_is_a_threat(coder):
    event = only(code(coder, "Houthi fighters have sworn to fight until Saudi troops leave Yemen."), "THREATEN")
    assert {a.country for a in event.actors} == {"YEM"}


def test_an_order_to_leave_is_an_expulsion_of_foreigners_only(coder):
    event = only(code(coder, "Niger's junta ordered the French ambassador to leave the country within 48 "
                             "hours."), "SANCTION")
    assert event.event_mode == "expel"
    assert sides(event.recipients) == {("FRA", "GOV")}
    events = code(coder, "The Chadian president ordered the army to leave the capital.")
    assert not [e for e in events if e.event_type == "SANCTION"]


def test_an_order_to_stop_publishing_is_censorship(coder):
    event = only(code(coder, "The Nicaraguan government ordered the newspaper La Voz to suspend publication."),
                 "COERCE")
    assert event.event_mode == "censor"
    assert sides(event.actors) == {("NIC", "GOV")}

"""Who did it to whom when the sentence says it indirectly: recipients inside objects and clauses,
countries of groups, unnamed attackers and authorities, attempts, verbs done again. Sentences
written for these tests."""

from __future__ import annotations

import pytest
from coding_helpers import coding_at, only
from coding_helpers import sides as codes

PUBLISHED = "2025-03-11"


code = coding_at(PUBLISHED)


def test_the_owner_of_a_criticised_act_is_the_recipient(coder):
    event = only(code(coder, "Greece on Monday condemned as reckless Turkey's deployment of drilling ships "
                             "near Crete."), "ACCUSE")
    assert ("GRC", "GOV") in codes(event.actors)
    assert {a.country for a in event.recipients} == {"TUR"}


def test_a_demand_clause_hung_on_the_light_verb_names_who_is_asked(coder):
    events = code(coder, "The World Health Organization repeated its demand that Ethiopia restore "
                         "internet access in the northern region.")
    event = only(events, "REQUEST")
    assert {a.org for a in event.actors} == {"WHO"}
    assert {a.country for a in event.recipients} == {"ETH"}
    # what is asked for is not an event that happened
    assert not [e for e in events if e.event_type in ("CONCEDE", "RETREAT")]


def test_a_mobilisation_aimed_at_a_state_names_it_as_recipient(coder):
    event = only(code(coder, "Armenia mobilized its reservists for a possible conflict against Azerbaijan "
                             "on Thursday."), "MOBILIZE")
    assert {a.country for a in event.recipients} == {"AZE"}


def test_the_beneficiary_inside_a_suspended_programme_is_the_recipient(coder):
    event = only(code(coder, "Germany suspended part of its development aid for Niger after the coup."),
                 "SANCTION")
    assert {a.country for a in event.recipients} == {"NER"}


def test_a_group_facing_a_states_police_belongs_to_that_state(coder):
    event = only(code(coder, "Kenyan police fired tear gas at demonstrators on Tuesday, "
                             "arresting dozens."), "ASSAULT")
    assert ("KEN", "COP") in codes(event.actors)
    assert {a.country for a in event.recipients} == {"KEN"}


def test_an_attack_with_no_named_attacker_is_coded_to_an_unidentified_armed_actor(coder):
    event = only(code(coder, "A roadside bomb killed four Afghan policemen on Sunday in Kandahar "
                             "province, officials said."), "ASSAULT")
    assert codes(event.actors) == {("AFG", "UAF")}
    assert event.actors[0].resolved_by == "location:unattributed"
    assert ("AFG", "COP") in codes(event.recipients)
    assert event.location is not None and event.location.country == "AFG"
    # a weaker claim than a named attacker
    named = only(code(coder, "Taliban fighters killed four Afghan policemen near Kandahar on Sunday."),
                 "ASSAULT")
    assert event.confidence < named.confidence


def test_an_attack_with_no_stated_place_and_no_attacker_is_not_coded(coder):
    assert not [e for e in code(coder, "Two soldiers were killed in an ambush, the army said.")
                if e.event_type == "ASSAULT"]


def test_an_arrest_in_a_named_country_is_by_its_authorities(coder):
    event = only(code(coder, "A French aid worker was arrested in Mali on suspicion of spying."), "COERCE")
    assert event.event_mode == "arrest"
    assert codes(event.actors) == {("MLI", "GOV")}
    assert {a.country for a in event.recipients} == {"FRA"}


def test_an_attempted_assassination_is_an_assault(coder):
    event = only(code(coder, "Gunmen tried to assassinate the governor of Kirkuk province on Friday, "
                             "Iraqi police said."), "ASSAULT")
    assert event.modality == "asserted"
    assert event.event_mode == "assassinate"


def test_trying_to_reach_a_deal_is_not_an_agreement(coder):
    assert not [e for e in code(coder, "Serbia tried to reach an agreement with Kosovo on Monday.")
                if e.event_type == "AGREE"]


def test_a_restriction_imposed_again_is_coded_like_the_first_time(coder):
    event = only(code(coder, "Israel reimposed a blockade on the West Bank town of Jenin on Friday."), "COERCE")
    assert event.event_mode == "restrict"
    assert ("ISR", "GOV") in codes(event.actors)


def test_lifting_a_blockade_is_a_retreat(coder):
    event = only(code(coder, "Egypt lifted its blockade of the Rafah crossing on Saturday."), "RETREAT")
    assert {a.country for a in event.actors} == {"EGY"}


def test_declaring_a_ceasefire_is_a_retreat(coder):
    event = only(code(coder, "The rebel group announced a ceasefire in the Kivu provinces on "
                             "Wednesday."), "RETREAT")
    assert event.event_mode == "ceasefire"


@pytest.mark.parametrize("sentence", [
    "Prime Minister Kaja Kallas resigned on Monday.",
    "Moscow recalled its ambassador from Vilnius.",
])
def test_re_words_that_are_other_verbs_are_not_read_as_repeats(coder, sentence):
    # "resign" is not "sign again" and "recall" is not "call again"
    assert not [e for e in code(coder, sentence) if e.event_type in ("SUPPORT", "REQUEST")]


@pytest.mark.parametrize("sentence", [
    # a habit described in a relative clause
    "Lawmakers who criticise the ruling party often lose their seats.",
    # a yearly statistic
    "The insurgents carried out 312 attacks in 2024, a think tank reported.",
    # a source's silence
    "The defence ministry declined to comment on the report.",
])
def test_habits_statistics_and_no_comment_are_not_events(coder, sentence):
    assert code(coder, sentence) == []


def test_a_few_strikes_on_one_day_are_still_an_event(coder):
    event = only(code(coder, "Russian forces launched three missile strikes on Kharkiv on Monday."), "ASSAULT")
    assert event.modality == "asserted"


def test_the_people_whose_release_is_demanded_are_not_the_ones_asked(coder):
    event = only(code(coder, "The rebel group demanded the release of 40 detained fighters on Sunday."), "REQUEST")
    assert event.event_mode == "yield"
    assert event.recipients == []


def test_a_participle_clause_makes_the_subject_the_victim(coder):
    event = only(code(coder, "The militia's commander is dead, killed in a raid by Nigerian troops."), "ASSAULT")
    assert codes(event.actors) == {("NGA", "MIL")}
    assert "commander" in event.recipients[0].text


def test_condemning_an_arrest_targets_whoever_made_it_not_the_prisoner(coder):
    event = only(code(coder, "Press freedom groups condemned the arrest of the editor by Ugandan police."), "ACCUSE")
    assert codes(event.actors) == {(None, "NGO")}
    assert codes(event.recipients) == {("UGA", "COP")}


def test_a_seat_of_government_speaks_for_its_government(coder):
    event = only(code(coder, "Downing Street condemned the missile test on Sunday."), "ACCUSE")
    assert codes(event.actors) == {("GBR", "GOV")}


def test_a_summit_of_two_leaders_is_not_multilateral(coder):
    events = code(coder, "Presidents Macron and Lula met at a summit in Brasilia on Tuesday. "
                         "Leaders of the African Union held a summit in Addis Ababa.")
    modes = sorted((e.location.country, e.event_mode or "-") for e in events if e.event_type == "CONSULT")
    assert modes == [("BRA", "-"), ("ETH", "multilateral")]


def test_a_people_named_by_two_demonyms_belongs_to_the_state_they_live_in(coder):
    event = only(code(coder, "Bosnian Serbs condemned the ruling of the constitutional court."), "ACCUSE")
    assert codes(event.actors) == {("BIH", "CVL")}


def test_an_official_of_an_unnamed_country_takes_the_country_of_the_towns_named(coder):
    event = only(code(coder, "Governor Abba Yusuf imposed a curfew in Kano and Ibadan after clashes."), "COERCE")
    assert codes(event.actors) == {("NGA", "GOV")}


def test_an_unattributed_arrest_in_a_story_about_one_country_is_by_its_authorities(coder):
    text = ("Zimbabwe's government faces new criticism over press freedom. A Harare journalist was arrested "
            "on February 24 after interviewing a critic of the ruling party.")
    event = only(code(coder, text), "COERCE")
    assert codes(event.actors) == {("ZWE", "GOV")}
    assert event.date.value == "2025-02-24"


def test_an_unattributed_attack_needs_a_place_in_its_own_sentence(coder):
    text = ("Nigeria's army is fighting insurgents in the northeast. Two villagers were killed by a "
            "roadside bomb on Monday.")
    assert not [e for e in code(coder, text) if e.event_type == "ASSAULT" and "bomb" in e.evidence[0].sentence]


def test_expelled_from_a_party_is_expelled_by_the_party(coder):
    event = only(code(coder, "Veteran lawmaker John Banda was expelled from the ANC on Friday."), "SANCTION")
    assert event.event_mode == "expel"
    assert {a.org for a in event.actors} == {"ANC"}


def test_an_organisation_named_as_the_modifier_of_a_forum_or_body_acts(coder):
    event = only(code(coder, "On Friday the ASEAN forum agreed on joint coastguard patrols."), "AGREE")
    assert {a.org for a in event.actors} == {"ASEAN"}


def test_they_in_an_adverbial_clause_is_the_main_clauses_subject(coder):
    text = "Protesters chanted slogans as they marched in Khartoum on Thursday, days after the council was formed."
    event = only(code(coder, text), "PROTEST")
    assert codes(event.actors) == {("SDN", "CVL")}


def test_a_mediator_acts_and_the_parties_between_are_recipients(coder):
    event = only(code(coder, "Oman's foreign minister began a new round of mediation between Iran and "
                             "the United States on Sunday."), "CONSULT")
    assert event.event_mode == "third-party"
    assert codes(event.actors) == {("OMN", "GOV")}
    assert {a.country for a in event.recipients} == {"IRN", "USA"}


def test_seeking_refuge_asks_the_country_of_refuge(coder):
    event = only(code(coder, "Families fleeing the fighting in Darfur have sought refuge in Chad."), "REQUEST")
    assert {a.country for a in event.recipients} == {"TCD"}


def test_stopping_a_rally_targets_who_staged_it(coder):
    event = only(code(coder, "Riot police prevented a march organised by students in Belgrade on Friday."), "COERCE")
    assert {a.sector for a in event.recipients} == {"EDU"}


@pytest.mark.parametrize("sentence, country", [
    ("Thousands of Kenyans marched in Mombasa on Saturday to protest new taxes.", "KEN"),
    ("Farmers blocked roads in Poland on Monday to protest grain imports.", "POL"),
    ("Protesters marched through the capital city of Lima on Monday.", "PER"),
])
def test_a_protest_in_a_city_or_on_its_roads_is_aimed_at_the_state(coder, sentence, country):
    event = only(code(coder, sentence), "PROTEST")
    assert (country, "GOV") in codes(event.recipients)
    assert not [r for r in event.recipients if r.sector == "CVL"]


@pytest.mark.parametrize("sentence, sector", [
    ("The president of the Supreme Court rejected the government's appeal on Monday.", "JUD"),
    ("The opposition party's leader rejected the government's offer of talks.", "OPP"),
])
def test_the_head_of_a_body_belongs_to_that_body(coder, sentence, sector):
    event = only(code(coder, sentence), "REJECT")
    assert {a.sector for a in event.actors} == {sector}


@pytest.mark.parametrize("sentence, event_type, mode", [
    ("Sudanese army troops recaptured the town of Wad Madani from the paramilitary group.", "ASSAULT", None),
    ("Rebels overran an army base in North Kivu on Sunday.", "ASSAULT", None),
    ("Pakistan shut the Torkham crossing and closed its border with Afghanistan after clashes.", "COERCE", "restrict"),
    ("Settlers set fire to a mosque in the West Bank on Friday.", "ASSAULT", None),
    ("The president threatened to use force against the protesters.", "THREATEN", "violence"),
])
def test_territory_borders_arson_and_force(coder, sentence, event_type, mode):
    event = only(code(coder, sentence), event_type)
    assert event.event_mode == mode


def test_a_proposal_to_set_a_price_is_not_a_threat_of_arson(coder):
    events = code(coder, "Beijing offered to set a floor price for its electric cars in its talks with Brussels.")
    assert not [e for e in events if e.event_type in ("THREATEN", "ASSAULT")]


@pytest.mark.parametrize("sentence, actor", [
    ("Iranian-backed militias attacked a US base in eastern Syria on Sunday.", ("SYR", "UAF")),
    ("Israeli-occupied West Bank residents protested in Nablus on Friday.", ("PSE", "CVL")),
])
def test_a_sponsor_or_occupier_is_not_who_the_group_is(coder, sentence, actor):
    events = code(coder, sentence)
    assert actor in {(a.country, a.sector) for e in events for a in e.actors}
    assert not {"IRN", "ISR"} & {a.country for e in events for a in e.actors}


@pytest.mark.parametrize("sentence", [
    "The Pakistani Taliban claimed responsibility for the bombing of a police station in Peshawar.",
    "The Pakistani Taliban took credit for bombing a police station in Peshawar.",
])
def test_claiming_an_attack_makes_the_claimant_its_actor(coder, sentence):
    event = only(code(coder, sentence), "ASSAULT")
    assert {a.sector for a in event.actors} == {"REB"}


def test_coming_under_attack_makes_the_subject_the_target(coder):
    event = only(code(coder, "A Nigerian army patrol came under a bomb attack near Maiduguri on Monday."), "ASSAULT")
    assert event.actors[0].resolved_by == "location:unattributed"
    assert {a.country for a in event.recipients} == {"NGA"}


def test_a_bare_secretary_general_is_of_the_organisation_named_just_before(coder):
    events = coder.code_text("Amnesty International said on Friday that detainees in Eritrea were tortured. "
                             "Secretary General Agnes Okello urged Asmara to free them.",
                             published="2025-03-12").events
    urged = next(e for e in events if e.event_type == "REQUEST")
    assert [(a.org, a.sector) for a in urged.actors] == [("AI", "NGO")]
    events = coder.code_text("NATO ministers met in Brussels on Friday. Secretary General Mark Rutte urged "
                             "Moscow to withdraw its troops.", published="2025-03-12").events
    assert [(a.org, a.sector) for a in next(e for e in events if e.event_type == "REQUEST").actors] == [("NATO", "IGO")]


def test_another_nations_body_named_like_a_known_one_is_not_the_known_one(coder):
    # "National Liberation Army" alone is Colombia's ELN; with another nation's name in front it is a
    # namesake: that nation's, and still an armed group (not the commanders' military)
    event = only(code(coder, "Peruvian police arrested three commanders of the Bolivian National Liberation "
                             "Army on Monday."), "COERCE")
    assert codes(event.recipients) == {("BOL", "REB")} and not any(r.org for r in event.recipients)
    # a state body's name ("Congress") says nothing codable about an exile group named like it
    event = only(code(coder, "Police detained two members of the Tibetan Youth Congress in Kathmandu."), "COERCE")
    assert all(r.country != "USA" for r in event.recipients)


def test_supporters_of_a_leader_are_a_crowd_not_the_leader(coder):
    event = only(code(coder, "Hundreds of supporters of former President Evo Morales blocked roads in La Paz "
                             "on Monday."), "PROTEST")
    assert codes(event.actors) == {("BOL", "OPP")}  # not the former president himself (ELI)
    assert all(a.kind == "group" and a.title is None for a in event.actors)


@pytest.mark.parametrize("sentence, etype", [
    ("Police imposed a curfew in Mombasa on Monday.", "COERCE"),
    ("The president threatened to impose a curfew in Mombasa after days of unrest.", "THREATEN"),
])
def test_a_curfew_in_a_city_binds_its_people(coder, sentence, etype):
    event = only(code(coder, sentence), etype)
    assert codes(event.recipients) == {("KEN", "CVL")}


def test_civilians_hit_beside_a_named_city_are_its_people(coder):
    event = only(code(coder, "Russian forces shelled Kherson overnight, killing four civilians."), "ASSAULT")
    assert codes(event.recipients) == {("UKR", "CVL")}


def test_what_is_given_in_aid_leads_to_whom_it_is_given(coder):
    # "in aid" names the form of the pledge, not a place: the recipient is behind it
    event = only(code(coder, "Japan pledged 50 million dollars in aid to Ukraine."), "AGREE")
    assert codes(event.recipients) == {("UKR", "GOV")}


def test_hostages_are_civilians_not_their_state(coder):
    event = only(code(coder, "The militia freed six Thai hostages on Saturday."), "RETREAT")
    assert codes(event.recipients) == {("THA", "CVL")}
    # "hostage-takers" are not hostages
    assert not [r for e in code(coder, "Police said they would not meet the hostage-takers' demands in Mali.")
                for r in e.recipients if r.sector == "CVL" and "hostage" in r.text]


def test_a_clause_fronted_before_a_demand_does_not_name_whom_it_is_put_to(coder):
    events = code(coder, "Surrounding the passengers with armed men, the rebels demanded fuel.")
    request = only(events, "REQUEST")
    assert not [r for r in request.recipients if r.sector == "CVL"]


@pytest.mark.parametrize("sentence, group", [
    ("Police broke up a student protest in Dhaka on Monday.", ("BGD", "EDU")),
    ("Troops dispersed a march by opposition supporters in Harare.", ("ZWE", "OPP")),
])
def test_breaking_up_a_protest_is_done_to_those_who_staged_it_not_the_city(coder, sentence, group):
    event = only(code(coder, sentence), "COERCE")
    assert codes(event.recipients) == {group}


def test_a_state_of_emergency_binds_the_people_not_the_state(coder):
    event = only(code(coder, "The junta in Myanmar extended the state of emergency by six months."), "COERCE")
    assert codes(event.recipients) == {("MMR", "CVL")}


def test_a_local_group_meeting_the_storys_own_government_is_of_its_country(coder):
    event = only(code(coder, "Village elders met Malian government officials in Bamako on Tuesday."), "CONSULT")
    assert codes(event.actors + event.recipients) == {("MLI", "CVL"), ("MLI", "GOV")}
    # a meeting with another state's officials says nothing about whose the elders are
    event = only(code(coder, "Village elders met French officials in Bamako on Tuesday."), "CONSULT")
    assert ("MLI", "CVL") not in codes(event.actors + event.recipients)


def test_a_person_a_party_at_home_expels_is_of_its_country(coder):
    event = only(code(coder, "Ghana's ruling party expelled Kofi Mensah-Boateng, a former organiser, on Tuesday."),
                 "SANCTION")
    assert [r.country for r in event.recipients] == ["GHA"]


def test_captors_and_kidnappers_are_named_by_their_role_not_by_whose_they_are(coder):
    # "their captors" are not an institution of those "their" names
    event = only(code(coder, "The pupils were released by their captors near Kaduna on Sunday."), "RETREAT")
    assert codes(event.actors) == {("NGA", "CRM")} and codes(event.recipients) == {("NGA", "EDU")}
    event = only(code(coder, "Their kidnappers released 40 schoolboys in Zamfara on Sunday."), "RETREAT")
    assert codes(event.actors) == {("NGA", "CRM")} and codes(event.recipients) == {("NGA", "EDU")}


def test_the_actors_own_side_is_not_a_recipient_beside_the_other_party(coder):
    event = only(code(coder, "Iran's ambassador praised Tehran and Caracas's new partnership on Sunday."), "SUPPORT")
    assert codes(event.recipients) == {("VEN", "GOV")}


def test_some_of_whom_are_the_ones_the_clause_is_about(coder):
    events = code(coder, "Turkish police fired tear gas at Kurdish protesters, some of whom hurled bottles at "
                         "the officers.")
    riot = only(events, "PROTEST")
    assert all(a.sector == "CVL" for a in riot.actors) and riot.actors


def test_a_capitalised_institution_owned_by_a_pronoun_is_the_owners(coder):
    event = only(code(coder, "Opposition senators praised Ruto and his Cabinet on Tuesday."), "SUPPORT")
    assert codes(event.recipients) == {("KEN", "GOV")}


def test_a_known_organisation_the_tagger_takes_for_a_person_is_the_organisation(coder):
    # the tagger may read "Al-Shabab" as a person's name; "it" in what the group said is the group
    event = only(code(coder, "Al-Shabab said it attacked an army base in Somalia on Monday."), "ASSAULT")
    assert [a.org for a in event.actors] == ["SHABAAB"]


@pytest.mark.parametrize("sentence, sector", [
    # "them" later in the sentence names a plural object before it
    ("The kidnappers picked out four soldiers, blindfolded them and shot them in Zamfara.", "MIL"),
    # a security worker is security, not labour
    ("A suicide bomber detonated explosives near a police convoy in Bannu, killing one security worker.", "COP"),
    # officers in a sentence about the police are police officers
    ("Gunmen ambushed a police patrol in Katsina, killing six officers.", "COP"),
])
def test_who_an_attack_hits_when_a_pronoun_or_a_compound_role_names_them(coder, sentence, sector):
    event = only(code(coder, sentence), "ASSAULT")
    assert {r.sector for r in event.recipients} == {sector}


def test_a_leader_holding_a_state_and_a_party_office_acts_for_the_state(coder):
    # president and party general secretary at once: the tables list both offices
    event = only(code(coder, "Xi Jinping received the visiting Brazilian president in Beijing on Monday."),
                 "CONSULT")
    xi = [a for a in event.actors + event.recipients if a.name == "Xi Jinping"]
    assert [(a.country, a.sector, a.org) for a in xi] == [("CHN", "GOV", None)]


@pytest.mark.parametrize(("sentence", "country", "name"), [
    ("President Bashar al-Assad received the visiting Iranian foreign minister in Damascus.", "SYR",
     "Bashar al-Assad"),
    ("Sudan's army chief Abdel Fattah al-Burhan rejected the ceasefire proposal on Monday.", "SDN",
     "Abdel Fattah al-Burhan"),
])
def test_a_leader_with_a_hyphenated_name_is_known(coder, sentence, country, name):
    events = code(coder, sentence)
    named = [a for e in events for a in e.actors + e.recipients if a.name == name]
    assert named and {a.country for a in named} == {country}


@pytest.mark.parametrize("sentence", [
    "Trump hosted Kenyan President William Ruto at the White House on Thursday.",
    "Trump first imposed 40% levies on Indian textiles, then paused them.",
])
def test_a_sentence_opening_with_a_surname_english_uses_as_a_verb_is_parsed_as_a_name(coder, sentence):
    events = code(coder, sentence)
    assert events, "the name read as a verb broke the parse"
    assert all(("USA", "GOV") in codes(e.actors + e.recipients) for e in events)


def test_a_wrong_told_in_the_passive_accuses_its_agent_not_the_wronged(coder):
    event = only(code(coder, "The farm minister said growers had been cheated for years by Dutch traders."),
                 "ACCUSE")
    assert codes(event.recipients) == {("NLD", "BUS")}
    assert not code(coder, 'The president said, "We have been cheated for years."')


def test_a_first_name_that_is_a_place_gives_the_person_no_country(coder):
    event = only(code(coder, "Opposition leader Milan Petrovic accused the Serbian government of rigging "
                             "the vote."), "ACCUSE")
    assert "ITA" not in {a.country for a in event.actors}
    assert codes(event.recipients) == {("SRB", "GOV")}
    activist = only(code(coder, "Activist Victoria Chen condemned the arrests of the students."), "ACCUSE")
    assert {a.country for a in activist.actors} == {None}  # not the Seychelles of its capital
    # a country or city standing alone, or before a role or a possessive, is still the country
    assert codes(only(code(coder, "Jordan criticized Israel on Monday."), "ACCUSE").actors) == {("JOR", "GOV")}
    assert codes(only(code(coder, "Paris police arrested two activists."), "COERCE").actors) == {("FRA", "COP")}


def test_the_head_of_a_state_body_or_known_organisation_is_of_it(coder):
    event = only(code(coder, "The head of Egypt's intelligence service met Hamas leaders in Cairo on Sunday."),
                 "CONSULT")
    assert ("EGY", "SPY") in codes(event.actors + event.recipients)
    led = only(code(coder, "Ali Rezaei, who heads Iran's Atomic Energy Organization, rejected the inspectors' "
                           "report on Monday."), "REJECT")
    assert {a.country for a in led.actors} == {"IRN"}


def test_the_head_of_a_body_known_only_by_its_role_words_is_not_a_state_official(coder):
    events = code(coder, "Chris Miller, who heads the Cider Makers Council of the United States, "
                         "criticized the levy.")
    assert not [e for e in events if ("USA", "GOV") in codes(e.actors)]


def test_a_cell_broken_up_and_nationals_arrested_are_named_recipients(coder):
    cell = only(code(coder, "The Algerian security service dismantled an extremist cell in Oran on Saturday."),
                "COERCE")
    assert codes(cell.actors) == {("DZA", "SPY")}
    assert codes(cell.recipients) == {("DZA", "REB")}
    held = only(code(coder, "Police in Ghana detained nine Togolese nationals near the border."), "COERCE")
    assert codes(held.recipients) == {("TGO", "CVL")}  # people of a country, not its government


def test_every_country_of_origin_of_the_goods_a_tariff_hits_is_a_recipient(coder):
    event = only(code(coder, "Mexico raised duties on steel imports from Turkey and Egypt."), "SANCTION")
    assert {a.country for a in event.recipients} == {"TUR", "EGY"}


def test_an_apposition_on_the_last_word_of_an_unknown_name_says_who_it_is(coder):
    event = only(code(coder, "The Centre for Open Debate, a Swedish human rights group, was blacklisted by "
                             "Moscow on Tuesday."), "SANCTION")
    assert {a.country for a in event.recipients} == {"SWE"}


def test_a_count_misparsed_onto_a_country_is_not_part_of_its_name(coder):
    event = only(code(coder, "Ghana agreed to return to Togo six of its soldiers captured in the clash."), "AGREE")
    assert codes(event.recipients) == {("TGO", "GOV")}


def test_the_taliban_are_insurgents_or_the_government_by_when_the_story_was_written(coder):
    text = "The Taliban detained three aid workers in Herat on Sunday."
    before = only(coder.code_text(text, published="2019-10-07").events, "COERCE")
    after = only(coder.code_text(text, published="2024-10-07").events, "COERCE")
    assert codes(before.actors) == {("AFG", "REB")}
    assert codes(after.actors) == {("AFG", "GOV")}
    fighters = only(coder.code_text("Taliban fighters shot dead two smugglers near the border on Sunday.",
                                    published="2024-10-07").events, "ASSAULT")
    assert codes(fighters.actors) == {("AFG", "MIL")}


def test_welcoming_or_criticising_an_agreement_told_before_is_aimed_at_its_parties(coder):
    events = code(coder, "Ghana's president met his Togolese counterpart in Lome on Monday. The two leaders agreed "
                         "to reopen the border. ECOWAS welcomed the agreement and urged both governments to "
                         "act quickly.")
    welcome = only(events, "SUPPORT")
    assert {a.org for a in welcome.actors} == {"ECOWAS"}
    assert codes(welcome.recipients) == {("GHA", "GOV"), ("TGO", "GOV")}
    # the pair the welcome was lent is still "both governments"
    assert codes(only(events, "REQUEST").recipients) == {("GHA", "GOV"), ("TGO", "GOV")}
    # a government does not welcome its own act
    alone = code(coder, "Peru signed a trade agreement with Chile on Monday. The government in Lima praised the "
                        "agreement.")
    praise = [e for e in alone if e.event_type == "SUPPORT" and e.evidence[0].trigger == "praised"]
    assert len(praise) == 1 and codes(praise[0].recipients) == {("CHL", "GOV")}  # the other signatory


def test_an_armed_group_of_no_one_country_is_coded_as_an_international_militant_group(coder):
    event = only(code(coder, "Al-Qaeda vowed on Sunday to strike French targets across the Sahel."), "THREATEN")
    assert [(a.country, a.sector, a.org) for a in event.actors] == [("IMG", "REB", "AQ")]
    # a group of one country keeps its country
    local = only(code(coder, "Boko Haram fighters attacked a village in Borno state on Friday."), "ASSAULT")
    assert codes(local.actors) == {("NGA", "REB")}


def test_a_condemned_act_or_a_rejected_complaint_named_again_is_aimed_at_who_did_or_made_it(coder):
    events = code(coder, "Gunmen attacked a police post in Niger's Tillaberi region on Monday, killing five officers. "
                         "The government condemned what it called a barbaric terrorist act.")
    assert codes(only(events, "ACCUSE").recipients) == {("NER", "UAF")}
    events = code(coder, "Hanoi summoned China's ambassador on Friday to protest the seizure of a fishing boat. "
                         "Beijing rejected the complaint on Saturday.")
    assert codes(only(events, "REJECT").recipients) == {("VNM", "GOV")}


def test_the_fighters_of_an_armed_group_named_by_its_are_its_members(coder):
    event = only(code(coder, "The Arakan Army said on Monday that its fighters had attacked an army base near "
                             "Sittwe."), "ASSAULT")
    assert [(a.country, a.sector, a.org) for a in event.actors] == [("MMR", "REB", "ARAKANARMY")]


def test_the_decision_or_the_verdict_named_again_is_aimed_at_whoever_took_it(coder):
    events = code(coder, "Britain expelled two Iranian diplomats on Monday. Tehran called the decision illegal and "
                         "said it reserved the right to respond.")
    assert codes(only(events, "ACCUSE").recipients) == {("GBR", "GOV")}
    assert codes(only(events, "THREATEN").recipients) == {("GBR", "GOV")}
    verdict = code(coder, "A court in Baku jailed a journalist for nine years on Friday. Germany deplored the "
                          "verdict.")
    assert codes(only(verdict, "ACCUSE").recipients) == {("AZE", "JUD")}
    assert not code(coder, "The airline reserved the right to cancel the flights.")


def test_arms_sent_to_a_capital_go_to_its_government(coder):
    event = only(code(coder, "North Korea sent artillery shells and missiles to Moscow last year."), "AID")
    assert codes(event.recipients) == {("RUS", "GOV")}
    food = only(code(coder, "The WFP sent food to Kabul on Monday."), "AID")
    assert codes(food.recipients) == {("AFG", "CVL")}  # relief for the city's people


def test_a_charge_that_someone_did_something_accuses_them_and_a_baton_charge_is_force(coder):
    event = only(code(coder, "Uganda charged that Sudanese troops were shelling border villages."), "ACCUSE")
    assert codes(event.recipients) == {("SDN", "MIL")}
    baton = only(code(coder, "Riot police charged the marchers with batons in Dhaka."), "ASSAULT")
    assert baton.event_mode == "crowd-control"
    assert not code(coder, "The utility said it was charging 20% more for power from Monday.")


def test_sanctions_eased_are_eased_for_those_they_were_imposed_on(coder):
    events = code(coder, "The European Union imposed sanctions on Belarus in 2021. Brussels eased the sanctions "
                         "last month.")
    assert codes(only(events, "RETREAT").recipients) == {("BLR", "GOV")}


def test_condemning_the_violence_after_an_attack_is_aimed_at_the_attackers(coder):
    events = code(coder, "Gunmen killed 12 villagers in Burkina Faso's north on Sunday. The African Union condemned "
                         "the violence.")
    condemned = only(events, "ACCUSE")
    assert {a.org for a in condemned.actors} == {"AU"}
    assert codes(condemned.recipients) == {("BFA", "UAF")}


def test_two_named_officials_of_one_government_make_two_statements(coder):
    events = code(coder, "Egyptian President Abdel Fattah el-Sisi condemned Israel on Monday. Foreign Minister Badr "
                         "Abdelatty also condemned Israel on Monday.")
    assert len([e for e in events if e.event_type == "ACCUSE"]) == 2


def test_a_refusal_with_nothing_named_refuses_whoever_asked(coder):
    events = code(coder, "The Red Cross urged Tunisia to let the migrants disembark. A government spokesman in Tunis "
                         "refused on Tuesday.")
    refusal = only(events, "REJECT")
    assert codes(refusal.actors) == {("TUN", "GOV")}
    assert {a.org for a in refusal.recipients} == {only(events, "REQUEST").actors[0].org}


def test_an_operation_launched_against_a_group_is_an_attack_on_it(coder):
    event = only(code(coder, "Kenyan troops launched an operation against al-Shabaab near Lamu on Monday."), "ASSAULT")
    assert codes(event.recipients) == {("SOM", "REB")} or {a.org for a in event.recipients} == {"SHABAAB"}
    assert not code(coder, "The government launched a vaccination operation in the north.")


def test_the_maker_named_on_an_attack_noun_that_kills_is_the_attacker(coder):
    event = only(code(coder, "A Pakistani drone strike killed four members of the TTP near the Afghan border."),
                 "ASSAULT")
    assert codes(event.actors) == {("PAK", "MIL")} and event.event_mode == "drone"
    assert "TTP" in {a.org for a in event.recipients}
    # a place the attack was in, or the target it was on, is not who made it
    bombing = only(code(coder, "Four guards were killed in a bomb attack at a checkpoint near Gao on Friday."),
                   "ASSAULT")
    assert not [a for a in bombing.actors if a.sector == "GOV"]


def test_a_count_arrested_is_a_crowd_and_the_two_countries_are_the_states_named_last(coder):
    arrests = only(code(coder, "Dozens were arrested in Kampala on Monday, the police said."), "COERCE")
    assert codes(arrests.recipients) == {("UGA", "CVL")}
    events = code(coder, "Indian and French warships began joint drills off Goa on Monday, a week after the two "
                         "countries signed a maritime cooperation agreement.")
    assert codes(only(events, "SUPPORT").actors) == {("IND", "GOV"), ("FRA", "GOV")}


def test_he_or_him_can_be_one_person_known_only_by_a_role_word(coder):
    events = code(coder, "Police arrested a journalist in Harare on Monday. A court later charged him with "
                         "incitement.")
    assert codes(only(events, "ACCUSE").recipients) == {("ZWE", "JRN")}
    # a person named before still comes first
    named = code(coder, "Police arrested a journalist and opposition leader Amos Banda in Lusaka. Prosecutors "
                        "charged him with treason on Tuesday.")
    assert {a.name for a in only(named, "ACCUSE").recipients} == {"Amos Banda"}


def test_the_bloc_the_vote_and_the_announcement_named_again(coder):
    bloc = code(coder, "The African Union suspended Gabon on Thursday. The junta's spokesman accused the bloc of "
                       "bowing to foreign pressure.")
    assert {a.org for a in only(bloc, "ACCUSE").recipients} == {"AU"}
    vote = code(coder, "The U.N. Security Council voted on Friday to lift sanctions on Liberia. Rebel leaders "
                       "denounced the vote.")
    assert {a.org for a in only(vote, "ACCUSE").recipients} == {"UNSC"}
    plan = code(coder, "Rwanda will send 500 police officers to the Central African Republic, its minister said. "
                       "The government in Bangui welcomed the announcement.")
    assert codes(only(plan, "SUPPORT").recipients) == {("RWA", "GOV")}


def test_a_release_demanded_after_a_kidnapping_is_put_to_the_kidnappers(coder):
    events = code(coder, "Gunmen kidnapped a Nigerian priest in Kogi state on Sunday. The bishop demanded his "
                         "immediate release.")
    assert codes(only(events, "REQUEST").recipients) == {("NGA", "UAF")}

"""Participants a news story names across clauses and sentences, and statements that are not
events: the target of a struggle, object pronouns, definite descriptions of a named group, denials
of allegations, acts that are only claimed. Sentences written for these tests."""

from __future__ import annotations

from coding_helpers import coding_at, only

from eventcoder.config import Settings
from eventcoder.pipeline import Coder

PUBLISHED = "2025-06-02"


code = coding_at(PUBLISHED)


def test_the_target_of_a_struggle_is_what_it_is_waged_against(coder):
    event = only(code(coder, "The rebel movement has fought a guerrilla war against the Colombian army "
                             "since 2019."), "ASSAULT")
    assert {(a.country, a.sector) for a in event.recipients} == {("COL", "MIL")}
    assert all("war" not in a.text for a in event.recipients)


def test_an_object_pronoun_names_the_actor_just_met_not_the_subject(coder):
    event = only(code(coder, "The insurgents have fought the Nigerian army for a decade, accusing it of "
                             "burning villages in the north."), "ACCUSE")
    assert {(a.country, a.sector) for a in event.recipients} == {("NGA", "MIL")}
    assert event.recipients[0].resolved_by == "coref:pronoun"
    assert not {a.key() for a in event.actors} & {a.key() for a in event.recipients}


def test_a_definite_description_names_the_group_met_before(coder):
    events = code(coder, "Fighters of the Balochistan Liberation Army stormed a police station in Quetta on "
                         "Sunday. The separatist group blames Islamabad for plundering the province.")
    accuse = only(events, "ACCUSE")
    assert accuse.actors[0].org == "BLA"
    assert accuse.actors[0].country == "PAK"
    assert accuse.actors[0].resolved_by == "coref:definite"


def test_the_court_after_a_named_court_is_that_court_even_beside_a_country(coder):
    # "the court" is the tribunal named before, not a court of the country the sentence names
    events = code(coder, "The International Court of Justice opened hearings on the border dispute on "
                         "Monday. The court criticised Ghana for staying away.")
    accuse = next(e for e in events if e.event_mode == "disapprove")
    assert [a.org for a in accuse.actors] == ["ICJ"] and accuse.actors[0].resolved_by == "coref:definite"
    assert {r.country for r in accuse.recipients} == {"GHA"}


def test_a_government_boycotting_is_not_protesting_against_itself_and_a_walkout_is_one_protest(coder):
    boycott = only(code(coder, "Ghana boycotted the hearings in The Hague."), "PROTEST")
    assert not [r for r in boycott.recipients if r.country == "GHA" and r.sector == "GOV"]
    only(code(coder, "Ghanaian lawmakers walked out of parliament in protest on Tuesday."), "PROTEST")


def test_rejecting_an_allegation_is_a_denial_not_a_refusal(coder):
    events = code(coder, "The Ugandan government on Tuesday rejected allegations that it armed rebels "
                         "in eastern Congo.")
    assert not [e for e in events if e.event_type == "REJECT"]
    # and what the allegation says happened is not asserted either
    assert not [e for e in events if e.event_type in ("AID", "ASSAULT")]
    # nor is brushing off a suggestion or a question a refusal of anything asked
    for sentence in ("Officials in Islamabad rejected suggestions that the raid was an intelligence failure.",
                     "The Nigerian army rejected questions about its role in the clashes."):
        assert not [e for e in code(coder, sentence) if e.event_type == "REJECT"], sentence


def test_rejecting_a_proposal_is_still_a_refusal(coder):
    event = only(code(coder, "Hamas on Tuesday rejected an Egyptian proposal for a six-week truce."), "REJECT")
    assert {a.country for a in event.recipients} == {"EGY"}


def test_an_act_inside_a_claim_is_not_asserted(coder):
    events = code(coder, "Kenyan officials dismissed claims that police shot protesters in Nairobi on Friday.")
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_drills_alone_are_a_show_of_force_and_joint_drills_cooperation(coder):
    show = only(code(coder, "China staged large naval drills around Taiwan on Saturday."), "MOBILIZE")
    assert {a.country for a in show.actors} == {"CHN"}
    assert {a.country for a in show.recipients} == {"TWN"}
    joint = only(code(coder, "India and France began joint naval drills off the coast of Goa on "
                             "Monday."), "COOPERATE")
    assert {a.country for a in joint.actors + joint.recipients} == {"IND", "FRA"}


def test_the_exercise_itself_is_not_its_own_target(coder):
    event = only(code(coder, "Russia began naval exercises in the Barents Sea on Tuesday."), "MOBILIZE")
    assert event.recipients == []


def test_an_interview_label_is_not_the_subject(coder):
    events = code(coder, "Reporter: Last week Iran sent warships toward the strait and praised the crews.")
    assert all(a.sector != "JRN" for e in events for a in e.actors)


def test_calling_something_a_name_is_not_a_phone_call(coder):
    events = code(coder, "Beijing called the sanctions a provocation on Monday.")
    assert not [e for e in events if e.event_type == "CONSULT"]


def test_talking_to_the_press_is_not_a_meeting_but_speaking_with_a_leader_is(coder):
    assert not [e for e in code(coder, "The Kenyan foreign minister spoke to reporters in Nairobi on "
                                       "Monday.") if e.event_type == "CONSULT"]
    assert not [e for e in code(coder, "The Kenyan foreign minister talked with journalists in Nairobi on "
                                       "Monday.") if e.event_type == "CONSULT"]
    event = only(code(coder, "The Kenyan foreign minister spoke with Ethiopian Prime Minister Abiy Ahmed "
                             "on Monday."), "CONSULT")
    assert {a.country for a in event.actors + event.recipients} == {"KEN", "ETH"}


def test_a_question_asserts_nothing(coder):
    assert code(coder, "Did the Kenyan president meet the Ethiopian prime minister on Monday?") == []


def test_concern_about_someone_is_criticism_and_concern_about_prices_is_not(coder):
    event = only(code(coder, "Western envoys said they were very concerned about President "
                             "Museveni's latest decrees."), "ACCUSE")
    assert {a.country for a in event.recipients} == {"UGA"}
    assert code(coder, "Kenyan farmers are mostly concerned about what fertiliser costs.") == []


def test_holding_hostages_is_an_abduction(coder):
    event = only(code(coder, "Armed men are holding dozens of hostages at a gas plant in Algeria."), "ASSAULT")
    assert event.event_mode == "abduct"


def test_a_threat_with_a_condition_is_aimed_at_whom_the_condition_binds(coder):
    event = only(code(coder, "The kidnappers threatened to execute the captives unless the Malian "
                             "government pays a ransom."), "THREATEN")
    assert {a.country for a in event.recipients} == {"MLI"}


def test_an_attack_on_a_forces_vehicle_is_an_attack_on_the_force(coder):
    event = only(code(coder, "Insurgents attacked a police convoy near Mosul on Sunday."), "ASSAULT")
    assert {a.sector for a in event.recipients} == {"COP"}


def test_troops_arriving_are_a_deployment_not_a_visit(coder):
    event = only(code(coder, "Some 400 Rwandan troops arrived in Mozambique on Friday."), "MOBILIZE")
    assert {a.country for a in event.actors} == {"RWA"}
    assert event.location is not None and event.location.country == "MOZ"
    # an organisation's peacekeepers arriving are its deployment too
    event = only(code(coder, "About 300 more African Union peacekeepers arrived in Somalia on Friday."), "MOBILIZE")
    assert [a.org for a in event.actors] == ["AU"]


def test_a_criticism_naming_no_one_is_aimed_at_the_state_urged_in_the_same_breath(coder):
    event = only(code(coder, "Journalist unions condemned the detention of the editor and urged the "
                             "Tanzanian government to free her."), "ACCUSE")
    assert {a.country for a in event.recipients} == {"TZA"}


def test_a_clause_with_its_own_subject_lends_no_recipient(coder):
    events = code(coder, "A roadside bomb killed six miners in the north, while the rebels claimed an "
                         "attack on an army post.")
    assert not [e for e in events if e.event_type == "ASSAULT" and any(a.sector == "MIL" for a in e.recipients)
                and not e.actors]
    bomb = [e for e in events if e.evidence[0].trigger == "killed"]
    assert all(not any(a.sector == "MIL" for a in e.recipients) for e in bomb)


def test_a_measure_named_in_a_condition_is_not_imposed(coder):
    events = code(coder, "The president said that if Canada keeps its tariff on American dairy, he will "
                         "respond.")
    assert not [e for e in events if e.event_type == "SANCTION" and e.modality == "asserted"]


def test_a_complaint_is_aimed_at_whom_it_is_about_not_where_it_is_lodged(coder):
    event = only(code(coder, "Egypt complained to the Security Council over Ethiopian dam filling on "
                             "Monday."), "ACCUSE")
    assert {a.country for a in event.recipients} == {"ETH"}


def test_charging_a_price_is_not_an_accusation(coder):
    assert not [e for e in code(coder, "The Quebec premier said the province now charges a 30% premium for "
                                       "electricity sold to Michigan.") if e.event_type == "ACCUSE"]
    event = only(code(coder, "Turkish prosecutors charged the Istanbul mayor with corruption on "
                             "Wednesday."), "ACCUSE")
    assert {a.sector for a in event.actors} == {"JUD"}


def test_what_a_demand_asks_to_undo_is_not_an_event_of_its_own(coder):
    events = code(coder, "Washington demanded that Ottawa drop its tariff on American dairy products.")
    assert [e.event_type for e in events] == ["REQUEST"]


def test_asking_for_anonymity_is_not_a_request(coder):
    assert code(coder, "A Nigerian official, who requested anonymity, described the meeting as "
                       "tense.") == []


def test_a_relation_noun_does_not_stand_for_its_possessor(coder):
    event = only(code(coder, "Mexico imposed tariffs on the United States' trading partners in Asia."),
                 "SANCTION")
    assert "USA" not in {a.country for a in event.recipients}


def test_a_politicians_attack_is_in_words(coder):
    event = only(code(coder, "The Kenyan opposition leader Raila Odinga attacked the electoral commission "
                             "on Monday."), "ACCUSE")
    assert event.event_mode == "disapprove"
    violent = only(code(coder, "Gunmen attacked the electoral commission offices in Kisumu with grenades."),
                   "ASSAULT")
    assert {a.sector for a in violent.actors} == {"UAF"}


def test_talking_about_something_is_not_a_meeting(coder):
    assert code(coder, "The Kremlin talks about a chance of new trade with Washington.") == []


def test_rejecting_a_charge_in_a_relative_clause_is_a_denial(coder):
    events = code(coder, "Pakistan blamed India for the bombing, a charge that India swiftly rejected.")
    assert not [e for e in events if e.event_type == "REJECT"]
    assert only(events, "ACCUSE").recipients[0].country == "IND"


def test_releasing_a_report_is_publishing_and_releasing_prisoners_is_not(coder):
    assert not [e for e in code(coder, "The Kenyan interior ministry released a report on prison "
                                       "conditions on Tuesday.") if e.event_type == "RETREAT"]
    event = only(code(coder, "The Ethiopian army released 40 prisoners of war on Tuesday."), "RETREAT")
    assert event.event_mode == "release"


def test_ordering_someone_back_to_prison_is_a_detention(coder):
    event = only(code(coder, "A Peruvian judge ordered the former president back to prison on Monday."), "COERCE")
    assert event.event_mode == "arrest"
    assert {a.country for a in event.actors} == {"PER"}


def test_declining_comment_and_a_reputation_are_not_events(coder):
    assert code(coder, "A spokesman for the Kenyan police declined comment on Monday.") == []
    assert code(coder, "The Lima daily was famous for its exposés of graft in Peru.") == []


def test_attending_a_hearing_is_not_investigating(coder):
    assert code(coder, "The Guatemalan editor sat through the hearing in court on Tuesday.") == []


def test_a_states_own_meeting_is_not_a_consultation_but_an_organisations_is(coder):
    assert not [e for e in code(coder, "China's yearly political meetings closed in Beijing on "
                                       "Sunday.") if e.event_type == "CONSULT"]
    event = only(code(coder, "The NATO summit in Vilnius ended on Wednesday."), "CONSULT")
    assert {a.org for a in event.actors} == {"NATO"}


def test_people_in_general_discussing_is_not_a_meeting(coder):
    assert code(coder, "People keep discussing what happens to our islands without asking us.") == []


def test_a_relative_pronoun_is_its_antecedent(coder):
    event = only(code(coder, "Colombia's attorney general, whom the United States sanctioned in 2024, "
                             "resigned on Friday."), "SANCTION")
    assert {(a.country, a.sector) for a in event.recipients} == {("COL", "JUD")}
    assert event.date.value == "2024"


def test_the_main_act_does_not_take_the_date_of_a_relative_clause(coder):
    events = code(coder, "Colombia's attorney general, whom the United States sanctioned in 2024, "
                         "resigned on Friday.")
    assert only(events, "RETREAT").date.value == "2025-05-30"


def test_a_law_is_not_an_actor(coder):
    assert code(coder, "The Chinese Exclusion Act allowed Chinese merchants to enter the United States.") == []


def test_a_trade_ban_is_a_sanction(coder):
    event = only(code(coder, "The United States has banned the export of advanced chips to China."), "SANCTION")
    assert {a.country for a in event.recipients} == {"CHN"}
    assert not [e for e in code(coder, "The United States has banned the export of advanced chips to "
                                       "China.") if e.event_type == "COERCE"]


def test_asking_for_more_time_is_procedure_not_a_request(coder):
    assert code(coder, "In Harare the judge asked for extra time to study the bail application.") == []


def test_endangering_stability_is_not_a_threat(coder):
    assert not [e for e in code(coder, "The Serbian minister said the plan was threatening the stability of "
                                       "the region.") if e.event_type == "THREATEN"]


def test_a_biography_in_a_relative_clause_is_not_an_event(coder):
    events = code(coder, "Sung Kim, a former U.S. envoy who had held talks with Pyongyang for years, "
                         "said talks were unlikely.")
    assert not [e for e in events if e.event_type == "CONSULT"]


def test_what_was_already_going_on_is_a_state_of_affairs(coder):
    assert code(coder, "The World Food Programme was already providing food to 2 million Haitians before "
                       "the storm.") == []


def test_a_story_told_in_the_past_keeps_its_time(coder):
    events = code(coder, "The two leaders met in Hanoi in February. There, the Chinese premier asked "
                         "Vietnam for access to its ports. Vietnam's president refused the request.")
    assert only(events, "REJECT").date.value == "2025-02"


def test_lawyers_for_a_journalist_are_lawyers(coder):
    event = only(code(coder, "Attorneys acting for the Ugandan reporter asked the High Court to free him on bail."),
                 "REQUEST")
    assert {a.sector for a in event.actors} == {"JUD"}


def test_one_speakers_statements_to_different_addressees_stay_apart(coder):
    text = ("The Taliban condemned the delay in the pullout of foreign troops on Saturday. "
            "The movement's spokesman said the Americans were to blame. "
            "It also criticised attacks on Afghan civilians by government forces.")
    accusations = [e for e in code(coder, text) if e.event_type == "ACCUSE"]
    assert len(accusations) >= 2


def test_a_report_released_by_someone_is_published(coder):
    assert not [e for e in code(coder, "Cases rose, said a study the Kenyan health ministry released on Monday; "
                                       "rose.") if e.event_type == "RETREAT"]


def test_declining_to_answer_questions_is_no_comment_but_refusing_a_demand_is_a_refusal(coder):
    assert code(coder, "The Kenyan interior ministry declined to answer questions put by reporters on the raid.") == []
    event = only(code(coder, "Hamas refused to answer an Egyptian demand to free the captives."), "REJECT")
    assert {a.country for a in event.recipients} == {"EGY"}


def test_a_city_named_before_an_attack_is_where_it_happened(coder):
    events = code(coder, "The president announced three days of mourning after the Kabul attack.")
    assert not [e for e in events if e.event_type == "ASSAULT" and any(a.country == "AFG" and a.sector == "GOV"
                                                                      for a in e.actors)]


def test_gunmen_meeting_fugitives_is_not_a_consultation(coder):
    assert code(coder, "The escaped inmates were met outside the prison in Haiti by armed men.") == []


def test_an_analysts_guess_is_not_a_commitment(coder):
    assert code(coder, "Experts say Ankara would be glad to see the Russian base shut.") == []
    event = only(code(coder, "Indian officials said India would back the deal between Britain and "
                             "Mauritius."), "AGREE")
    assert {a.country for a in event.actors} == {"IND"}


def test_talks_abroad_do_not_make_the_parties_locals(coder):
    event = only(code(coder, "In Doha on Monday, U.S. envoys held talks with the insurgents."), "CONSULT")
    assert "QAT" not in {a.country for a in event.actors + event.recipients}


def test_international_forces_are_not_the_host_countrys(coder):
    events = code(coder, "The Afghan government said international forces withdrew from Kandahar on "
                         "Tuesday.")
    assert not [a for e in events for a in e.actors if a.country == "AFG" and a.sector == "MIL"]


def test_an_attack_told_without_its_doer_belongs_to_the_group_that_claimed_it(coder):
    events = code(coder, "Eight Pakistani soldiers were killed on Tuesday in Balochistan. "
                         "A day later the Balochistan Liberation Army claimed responsibility for the ambush.")
    event = only(events, "ASSAULT")
    assert {a.org for a in event.actors} == {"BLA"}
    assert {(a.country, a.sector) for a in event.recipients} == {("PAK", "MIL")}
    assert event.actors[0].resolved_by == "coref:claimed"


def test_fighters_killed_and_old_attacks_are_not_the_claimants(coder):
    events = code(coder, "Sixteen militants were killed in the army operation on Wednesday. In 2009 forty "
                         "villagers were killed near Quetta. The Balochistan Liberation Army claimed "
                         "responsibility for Tuesday's attack on the train.")
    claimed = [e for e in events if any(a.resolved_by == "coref:claimed" for a in e.actors)]
    assert claimed == []


def test_assurances_are_commitments(coder):
    event = only(code(coder, "The Japanese foreign minister assured the Philippine president that Tokyo "
                             "would stand by Manila."), "AGREE")
    assert {a.country for a in event.actors} == {"JPN"}
    assert {a.country for a in event.recipients} == {"PHL"}


def test_closing_media_outlets_is_censorship(coder):
    event = only(code(coder, "Ethiopian authorities closed three independent newspapers in Addis Ababa on "
                             "Monday."), "COERCE")
    assert event.event_mode == "censor"


def test_owners_are_business(coder):
    event = only(code(coder, "The Indonesian governor urged restaurant owners to stop selling dog meat."),
                 "REQUEST")
    assert {a.sector for a in event.recipients} == {"BUS"}


def test_a_number_that_declined_is_not_a_refusal(coder):
    assert code(coder, "Refugee numbers at the Kenyan camp declined to 230,000 last year.") == []


def test_proposing_or_approving_a_law_is_lawmaking(coder):
    assert code(coder, "Sudanese authorities passed a bill dissolving the former ruling party on "
                       "Thursday.") == []


def test_offering_no_evidence_is_not_an_offer(coder):
    assert code(coder, "The Taliban spokesman offered no evidence to back the claim.") == []


def test_tourists_visiting_are_not_a_diplomatic_visit(coder):
    assert code(coder, "Some two million holidaymakers from China visited Vietnam this year.") == []


def test_the_threat_of_attacks_is_not_an_attack(coder):
    assert code(coder, "Somalis fear the constant threat of attacks by al-Shabab in Mogadishu.") == []


def test_people_counted_by_demonym_are_people_not_the_state(coder):
    event = only(code(coder, "Thousands of Sudanese protested in Khartoum on Thursday."), "PROTEST")
    assert {(a.country, a.sector) for a in event.actors} == {("SDN", "CVL")}


def test_both_countries_are_two_states_not_the_last_pair_met(coder):
    events = code(coder, "The Israeli prime minister promised ministers at their weekly meeting that order would be kept. "
                         "Turkey and Israel withdrew their ambassadors in 2018.")
    assert not [a for e in events for a in e.actors + e.recipients if "meeting" in a.text]


def test_protests_by_others_before_a_refusal_are_theirs(coder):
    events = code(coder, "Despite protests by Italian hotel owners, the government refused to lift the "
                         "travel rules.")
    assert not [e for e in events if e.event_type == "PROTEST" and any(a.sector == "GOV" for a in e.actors)]


def test_people_protesting_their_own_state_are_its_people(coder):
    event = only(code(coder, "Migrant workers protested on Monday against a Swedish plan to deport "
                             "them."), "PROTEST")
    assert {a.country for a in event.actors} == {"SWE"}


def test_a_former_chief_no_longer_speaks_for_the_organisation(coder):
    event = only(code(coder, "Former NATO chief Jens Stoltenberg urged democracies to form "
                             "an economic alliance."), "REQUEST")
    assert all(a.org != "NATO" for a in event.actors)
    assert {a.sector for a in event.actors} == {"ELI"}


def test_a_hijacking_is_an_abduction_and_an_alleged_one_is_not_told_as_fact(coder):
    event = only(code(coder, "The hijacking of the Sahel Express by Tuareg separatists ended on "
                             "Wednesday."), "ASSAULT")
    assert event.event_mode == "abduct"
    assert code(coder, "Tehran dismissed the kidnapping allegations as groundless.") == []


def test_what_one_side_alleges_is_not_told_as_fact(coder):
    events = code(coder, "The rebel leader alleged that the army had shelled three villages near Goma.")
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_an_open_question_asserts_nothing(coder):
    assert not [e for e in code(coder, "How far Washington would go to protect the Philippines was not "
                                       "clear.") if e.modality == "asserted" and e.event_type == "AGREE"]


def test_the_scene_of_an_attack_is_not_news(coder):
    events = code(coder, "Gunmen attacked a hotel in Kismayo where clan elders were meeting.")
    assert not [e for e in events if e.event_type == "CONSULT"]


def test_forces_withdrawn_by_a_country_are_that_countrys(coder):
    event = only(code(coder, "The withdrawal of soldiers by the United States from Kandahar began on "
                             "Sunday."), "RETREAT")
    assert {a.country for a in event.actors} == {"USA"}


def test_what_someone_is_urged_to_do_is_not_done(coder):
    events = code(coder, "The UN envoy urged the Sudanese army to stop the fighting and resume peace talks "
                         "with the RSF.")
    assert [e.event_type for e in events] == ["REQUEST"]


def test_victims_of_condemned_violence_are_not_the_accused(coder):
    events = code(coder, "The Kenyan bishops condemned the violence against protesters in Nairobi.")
    assert not [e for e in events if e.event_type == "ACCUSE" and any(a.sector == "CVL" for a in e.recipients)]


def test_an_unresolved_object_pronoun_lends_no_deeper_recipient(coder):
    events = code(coder, "Haitian police charged him with intimidating people living in the slum.")
    assert not [e for e in events if any("residents" in a.text for a in e.recipients)]


def test_pointing_a_finger_is_an_accusation(coder):
    event = only(code(coder, "The Afghan president pointed the finger at the Taliban after the bombing."), "ACCUSE")
    assert {a.org for a in event.recipients} == {"TALIBAN"}


def test_telling_someone_they_must_understand_is_a_warning_not_a_request(coder):
    assert not [e for e in code(coder, "The Turkish foreign minister said American senators must understand "
                                       "that sanctions will fail.") if e.event_type == "REQUEST"]


def test_habits_and_standing_status_are_not_news(coder):
    assert code(coder, "Nairobi has repeatedly blamed Somali militants for raids on its border towns.") == []
    assert code(coder, "Both tankers are sanctioned by the U.S. Treasury as vessels of an Iranian shipping "
                       "line.") == []
    event = only(code(coder, "Ukraine is committed to a ceasefire with Russia, the Ukrainian foreign minister "
                             "said."), "AGREE")
    assert {a.country for a in event.actors} == {"UKR"}


def test_an_impression_is_not_an_act(coder):
    assert code(coder, "North Korea appears to be preparing to test a long-range missile.") == []


def test_a_year_that_framed_a_statistic_does_not_date_the_next_news(coder):
    text = ("In 2023, separatists killed nearly 300 people in over 400 attacks. "
            "Officials in Islamabad accused India of backing the gunmen.")
    event = only(code(coder, text), "ACCUSE")
    assert event.date.value == PUBLISHED


def test_shared_concern_about_someone_is_criticism(coder):
    event = only(code(coder, "Seoul and Tokyo shared concerns over Pyongyang's expanding missile arsenal."),
                 "ACCUSE")
    assert {a.country for a in event.recipients} == {"PRK"}
    assert code(coder, "The refugee agency shares that concern.") == []


def test_a_lawsuit_against_the_state_is_an_accusation(coder):
    event = only(code(coder, "Human rights groups filed a lawsuit against the Kenyan government on "
                             "Monday."), "ACCUSE")
    assert {a.country for a in event.recipients} == {"KEN"}


def test_missiles_fired_at_no_one_are_a_test_and_at_a_city_an_attack(coder):
    test = only(code(coder, "Pyongyang fired three ballistic missiles into the sea on Friday."), "MOBILIZE")
    assert test.event_mode == "weapons"
    attack = only(code(coder, "Houthi rebels fired missiles at Eilat on Friday."), "ASSAULT")
    assert {a.country for a in attack.recipients} == {"ISR"}


def test_sanctions_ramped_up_are_sanctions(coder):
    event = only(code(coder, "The European Union ramped up sanctions on Belarus in 2021."), "SANCTION")
    assert {a.country for a in event.recipients} == {"BLR"}


def test_the_prosecutions_case_and_alleged_acts_are_not_findings(coder):
    assert not [e for e in code(coder, "The federal prosecutor said Moscow paid two men to follow the "
                                       "dissident.") if e.modality == "asserted" and e.event_type != "ACCUSE"]
    assert code(coder, "Iranian agents allegedly offered money to the activist's cousins.") == []


def test_an_ongoing_war_is_background(coder):
    assert not [e for e in code(coder, "The rebel movement has been fighting the Malian army for a decade.")
                if e.event_type == "ASSAULT"]
    assert only(code(coder, "The rebel movement attacked a Malian army post on Monday."), "ASSAULT")


def test_calling_something_unbearable_is_not_a_request_but_a_judgement(coder):
    events = code(coder, "On Thursday the Dutch premier called the Brazilian beef quotas unbearable.")
    assert [(e.event_type, e.event_mode) for e in events] == [("ACCUSE", "disapprove")]
    assert {a.country for a in events[0].recipients} == {"BRA"}


def test_a_based_modifier_is_where_an_organisation_sits_not_who_it_is(coder):
    event = only(code(coder, "Islamabad is negotiating a loan with the U.S.-based International Monetary "
                             "Fund."), "CONSULT")
    assert {a.org for a in event.recipients} == {"IMF"}


def test_coordinated_demonyms_name_one_actor_each(coder):
    event = only(code(coder, "Security forces in Guinea have tortured scores of Ghanaian and Liberian "
                             "refugees."), "ASSAULT")
    assert {a.country for a in event.recipients} == {"GHA", "LBR"}


def test_a_chain_of_pronouns_keeps_the_person_talked_about(coder):
    # three sentences after the name, "him" is still the man each "he" in between named
    text = ("Marc Dupuy, a gang leader, escaped on Friday. Dupuy had been jailed in 2009. He walked free in "
            "April 2016. Officers detained him again two years later. Police charged him with murder.")
    charge = only(code(coder, text), "ACCUSE")
    assert [(r.text, r.sector) for r in charge.recipients] == [("him", "CRM")]


def test_the_militants_after_a_named_armed_group_are_that_group(coder):
    text = "Al-Shabab fighters stormed a hotel in Mogadishu. Security forces killed the militants after a long siege."
    killing = [e for e in code(coder, text) if e.event_type == "ASSAULT" and any(a.sector == "COP" for a in e.actors)]
    assert [r.org for r in killing[0].recipients] == ["SHABAAB"]


def test_acts_told_as_the_sum_of_many_counted_acts_over_a_period_are_a_tally_not_an_event(coder):
    assert not code(coder, "Last year, insurgents killed nearly 300 villagers in more than 400 attacks across "
                           "the region.")
    # two attacks on one day are news
    assert only(code(coder, "Insurgents killed 12 soldiers in two attacks in Borno on Monday."), "ASSAULT")


def test_an_accusation_in_the_simple_present_deep_in_a_story_is_a_standing_grievance(coder):
    story = ("Gunmen attacked a bus in Cabo Delgado on Tuesday. Police said six passengers died. Officials said "
             "the insurgents fled. The region is rich in gas. Residents accuse the government of neglecting the "
             "province.")
    assert not [e for e in code(coder, story) if e.event_type == "ACCUSE"]
    # in the lead, the present tense tells the news
    assert only(code(coder, "Mozambique accuses Tanzania of harbouring the insurgents."), "ACCUSE")


def test_an_attack_by_unnamed_gunmen_that_a_group_says_it_carried_out_is_one_attack_by_the_group(coder):
    events = code(coder, "Gunmen killed five police officers in Peshawar on Monday. The Pakistani Taliban said "
                         "it carried out the attack.")
    attack = only(events, "ASSAULT")
    assert [a.org for a in attack.actors] == ["TTP"] and attack.date.value == "2025-06-02"
    assert {r.sector for r in attack.recipients} == {"COP"}


def test_a_finite_verb_after_the_subjects_relative_clause_keeps_that_subject(coder):
    # the parser hangs "called" on a noun inside the relative clause; the sentence's subject still asks
    event = only(code(coder, "Egypt, which is mediating the negotiations with Qatari support, called on both "
                             "sides to respect a three-day truce."), "REQUEST")
    assert [a.country for a in event.actors] == ["EGY"]


def test_envoys_from_two_bodies_speak_for_each_body(coder):
    text = ("Envoys from Sudan's army and the paramilitary Rapid Support Forces resumed talks in Jeddah on "
            "Monday. Egypt, which is hosting the talks, urged both sides to observe a truce.")
    events = code(coder, text)
    talks = [e for e in events if e.event_type == "CONSULT" and any(a.org == "SAF" for a in e.actors + e.recipients)]
    parties = {(a.org, a.sector) for a in talks[0].actors + talks[0].recipients}
    assert {("SAF", "MIL"), ("RSF", "REB")} <= parties  # the army's envoys are the army's, not a ministry's
    request = only(events, "REQUEST")
    assert {a.org for a in request.recipients} == {"SAF", "RSF"}


def test_an_attack_on_its_positions_is_aimed_at_whoever_reports_it(coder):
    event = only(code(coder, "Georgia's interior ministry said on Friday that Russian troops had fired on its "
                             "checkpoints near the boundary line overnight."), "ASSAULT")
    assert [a.country for a in event.actors] == ["RUS"] and event.event_mode == "firearms"
    assert [a.country for a in event.recipients] == ["GEO"]
    # a shutdown of "its" own network is the doer's own act, not one on the speaker
    censor = only(code(coder, "Activists said Nauru had shut down its internet on Friday."), "COERCE")
    assert not [a for a in censor.recipients if a.sector == "CVL" and a.text == "Activists"]


def test_a_warning_of_action_in_response_to_someones_drills_threatens_them(coder):
    event = only(code(coder, "Moscow has warned it will take tough action in response to Finland's drills."),
                 "THREATEN")
    assert [a.country for a in event.recipients] == ["FIN"]
    vow = only(code(coder, "The rebels vowed to keep fighting until foreign troops leave the country."), "THREATEN")
    assert {a.sector for a in vow.recipients} == {"MIL"}


def test_whom_the_accused_spied_for_is_not_the_accused(coder):
    event = only(code(coder, "Kenya accuses the two men of spying for Somalia."), "ACCUSE")
    assert "SOM" not in {a.country for a in event.recipients}
    # but an unknown body accused "of acting on the orders of" someone keeps its own state
    ordered = only(code(coder, "Cambodian opposition leaders accused the National Election Committee of bias."),
                   "ACCUSE")
    assert {(a.country, a.sector) for a in ordered.recipients} == {("KHM", "GOV")}


def test_rejecting_a_resolution_or_a_report_answers_whoever_issued_it(coder):
    text = ("Canada's parliament on Tuesday passed a motion urging an inquiry into the disputed vote in Ghana. "
            "A day later, Ghana's government rejected the resolution as meddling.")
    rejection = only(code(coder, text), "REJECT")
    assert {(a.country, a.sector) for a in rejection.recipients} == {("CAN", "LEG")}


def test_an_act_in_a_when_clause_on_a_date_is_that_dates(coder):
    event = only(code(coder, "Boko Haram has fought Chadian soldiers around the lake since 2015, when N'Djamena "
                             "deployed troops to the region."), "MOBILIZE")
    assert event.date.value == "2015"
    fronted = only(code(coder, "Since March 2019, when the governor called on the police to clear the camps, the "
                               "district has been calm."), "REQUEST")
    assert fronted.date.value == "2019-03"


def test_a_case_foreseen_in_a_when_clause_under_a_warning_is_no_act(coder):
    events = code(coder, "The army said on Monday it would hit back hard when the rebels attack.")
    assert not [e for e in events if any(a.sector == "REB" for a in e.actors)]


def test_an_unknown_advocacy_body_is_known_by_its_name(coder):
    event = only(code(coder, "The London-based Gulf Centre for Prisoners' Rights petitioned the Bahraini "
                             "government to free political detainees."), "REQUEST")
    assert [(a.sector, a.kind) for a in event.actors] == [("NGO", "organization")]
    assert event.actors[0].resolved_by == "lexicon:name"
    # a body's word without a cause's word says nothing sure
    assert not code(coder, "The Gulf Shipping Institute petitioned the Bahraini government to cut port fees.")


def test_the_government_named_again_is_the_one_named_before_not_the_hosts(coder):
    text = ("Peru's government and the Shining Path remnants resumed talks in Havana on Monday. The talks are hosted "
            "by Cuba, with Cuban officials in the room. The government suspended the talks in May.")
    suspended = [e for e in code(coder, text) if e.event_type == "SANCTION"]
    assert suspended and {a.country for a in suspended[0].actors} == {"PER"}


def test_a_weapon_nobody_is_said_to_own_is_no_actor(coder):
    events = code(coder, "Iran's foreign minister called his Saudi counterpart on Monday, days after a tanker was "
                         "struck by a drone off the coast of Yemen.")
    assert not [e for e in events if e.event_type == "ASSAULT"]
    # a nationality names the owner
    owned = only(code(coder, "Russian drones struck Odesa overnight."), "ASSAULT")
    assert [a.country for a in owned.actors] == ["RUS"]


def test_people_expelled_to_another_country_are_deported_not_the_destination(coder):
    events = code(coder, "Last year, authorities in Managua stripped more than 300 critics of their citizenship and "
                         "expelled dozens of them to the United States.")
    deport = [e for e in events if e.event_mode == "deport"]
    assert deport and "USA" not in {a.country for a in deport[0].recipients}
    assert {a.sector for a in deport[0].recipients} == {"CVL"}
    assert [e for e in events if e.event_type == "COERCE" and e.event_mode == "restrict"]  # the citizenship
    # diplomats expelled are the sanction
    assert only(code(coder, "Mali expelled the French ambassador on Monday."), "SANCTION").event_mode == "expel"


def test_money_released_is_aid_and_a_tour_of_villages_no_meeting(coder):
    aid = only(code(coder, "The United Nations said on Monday it had released $3 million from its emergency fund "
                           "for the flood victims."), "AID")
    assert aid.actors[0].org == "UN"
    assert not code(coder, "Prime Minister Adhikari toured the devastated villages by helicopter on Sunday.")


def test_a_simple_past_after_a_reported_clause_in_another_tense_is_the_speakers(coder):
    events = code(coder, "In a statement, Morocco's foreign ministry said the Spanish position was unacceptable "
                         "and threatened to suspend cooperation on fisheries.")
    threat = only(events, "THREATEN")
    assert [a.country for a in threat.actors] == ["MAR"]
    demand = only(code(coder, "Laos said Thai soldiers had opened fire first and demanded that Bangkok pull its "
                              "forces back."), "REQUEST")
    assert [a.country for a in demand.actors] == ["LAO"] and [a.country for a in demand.recipients] == ["THA"]


def test_a_response_promised_after_a_hostile_act_is_a_threat_to_its_doer(coder):
    text = "Norway expelled two Russian diplomats on Thursday. Moscow condemned the move and promised a response."
    threat = only(code(coder, text), "THREATEN")
    assert [a.country for a in threat.recipients] == ["NOR"]
    assert not [e for e in code(coder, "The minister promised a swift response to the flood victims' needs.")
                if e.event_type == "THREATEN"]


def test_a_government_protests_in_words_and_in_protest_is_a_motive(coder):
    text = "Brazil granted asylum to a former Bolivian minister on Friday. Bolivia's government protested the decision."
    accuse = only(code(coder, text), "ACCUSE")
    assert [a.country for a in accuse.recipients] == ["BRA"]
    recall = code(coder, "Algeria recalled its ambassador to Paris on Wednesday in protest at France's decision.")
    assert [e.event_type for e in recall] == ["SANCTION"]


def test_officers_after_the_police_are_police(coder):
    events = code(coder, "Ugandan police arrested the opposition leader on Wednesday. Officers beat his supporters "
                         "with batons.")
    beating = only(events, "ASSAULT")
    assert {(a.country, a.sector) for a in beating.actors} == {("UGA", "COP")}


def test_the_strike_denounced_is_the_one_told_by_that_word(coder):
    text = ("Israeli warplanes struck targets in southern Lebanon on Tuesday, killing a Hezbollah commander. "
            "Hezbollah said it had fired rockets at an Israeli army base in retaliation. Lebanon's prime minister "
            "denounced the strike as a violation of Lebanese sovereignty.")
    accuse = only(code(coder, text), "ACCUSE")
    assert {a.country for a in accuse.recipients} == {"ISR"}


def test_the_one_person_told_before_by_that_word_is_named_again(coder):
    freed = only(code(coder, "Rebels kidnapped a police officer in Arauca in May. The rebels freed the officer on "
                             "Saturday."), "RETREAT")
    assert [(r.sector, r.resolved_by) for r in freed.recipients] == [("COP", "coref:definite")]
    arrest = only(code(coder, "A court convicted retired Army General Tomas Vidal on Tuesday. Federal police had "
                              "arrested the general in February."), "COERCE")
    assert [r.name for r in arrest.recipients] == ["Tomas Vidal"]
    # a phrase that says which one is not the one before
    events = code(coder, "The governor of Lima met the minister. The governor of Cusco protested the decision.")
    assert not any(a.resolved_by == "coref:definite" for e in events for a in e.actors)


def test_a_release_demanded_is_put_to_whoever_took_or_holds_the_person(coder):
    text = ("Colombia's ELN released a kidnapped rancher on Thursday, 12 days after its fighters seized him from his "
            "farm. President Gustavo Petro had demanded his immediate release.")
    demand = only(code(coder, text), "REQUEST")
    assert [a.org for a in demand.recipients] == ["ELN"]
    # no one said to hold him: the state the story is about
    held = only(code(coder, "Opposition activist Ales Petrov was detained in Minsk in 2021 after protests against "
                            "the Belarusian government. On Monday Poland called for his immediate release."), "REQUEST")
    assert {a.country for a in held.recipients} == {"BLR"}


def test_its_boat_blocked_by_plural_vessels_is_the_tellers(coder):
    event = only(code(coder, "The Philippine coast guard said Chinese vessels blocked its supply boat on Monday."),
                 "COERCE")
    assert {a.country for a in event.recipients} == {"PHL"}
    commissioner = only(code(coder, "Ukraine's human rights commissioner condemned the abuse of prisoners."),
                        "ACCUSE")
    assert {(a.country, a.sector) for a in commissioner.actors} == {("UKR", "GOV")}


def test_an_attack_told_by_the_other_side_or_a_rights_group_is_also_its_allegation(coder):
    events = code(coder, "Georgia's interior ministry said on Friday that Russian troops had opened fire on its "
                         "checkpoints overnight.")
    accuse = only(events, "ACCUSE")
    assert [a.country for a in accuse.actors] == ["GEO"] and [a.country for a in accuse.recipients] == ["RUS"]
    assert accuse.event_mode == "allege" and only(events, "ASSAULT")
    ngo = only(code(coder, "Rights groups said Sudan's army had carried out a dozen air strikes on markets."), "ACCUSE")
    assert {a.sector for a in ngo.actors} == {"NGO"}
    # a state's own police telling an attack, a witness, or what someone "should" do accuse no one
    for text in ("Kenyan police said gunmen raided a bank in Nakuru.", "Residents said soldiers beat several men.",
                 "Chad's foreign ministry said Sudanese troops should withdraw from the border."):
        assert not [e for e in code(coder, text) if e.event_type == "ACCUSE" and e.event_mode == "allege"], text


def test_forces_sent_to_a_border_face_the_state_across_it(coder):
    event = only(code(coder, "Thailand's army sent tanks and additional troops to its border with Cambodia on "
                             "Sunday."), "MOBILIZE")
    assert [a.country for a in event.recipients] == ["KHM"]
    # tanks sent to another state are help
    assert only(code(coder, "Germany sent tanks to Ukraine on Monday."), "AID")


def test_suspended_talks_and_a_praised_gesture_answer_the_other_side(coder):
    events = code(coder, "Peru's government and the Shining Path remnants resumed talks in Havana on Monday. The "
                         "government suspended the negotiations in May after the rebels kidnapped a soldier.")
    assert {a.org for e in events if e.event_type == "SANCTION" for a in e.recipients} == {"SENDERO"}
    praise = only(code(coder, "The rebels freed the soldier on Saturday. Chief negotiator Ana Vidal praised the "
                              "gesture."), "SUPPORT")
    assert {a.sector for a in praise.recipients} == {"REB"}


def test_the_measures_named_again_act_for_whoever_imposed_them():
    modal = Coder(Settings(include_modal=True))
    events = code(modal, "The European Union on Thursday imposed sanctions on six Iranian officials. The measures "
                         "bar the officials from travelling to the bloc.")
    ban = next(e for e in events if e.event_type == "COERCE")
    assert [a.org for a in ban.actors] == ["EU"]

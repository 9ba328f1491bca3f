"""Which date an event takes when its sentence, or the sentence before, names one that belongs to
another act. Sentences written for these tests."""

from __future__ import annotations

from coding_helpers import coding_at, only

from eventcoder.pipeline import Coder

PUBLISHED = "2025-03-13"  # a Thursday
code = coding_at(PUBLISHED)


def dates(coder: Coder, text: str) -> dict[str, tuple[str | None, str]]:
    result = coder.code_text(text, published=PUBLISHED)
    assert result.error is None
    return {e.event_type: (e.date.value, e.date.resolution) for e in result.events}


def test_an_act_in_a_participle_clause_does_not_take_the_main_verbs_date(coder):
    # the arrest came before the hearing, on a day the sentence does not give: undated, not the
    # publication day (judged wrong on real news when it was)
    text = "On Wednesday judges in Harare heard the appeal of a cartoonist arrested for mocking ministers."
    assert dates(coder, text)["COERCE"] == (None, "none")


def test_an_act_told_as_later_or_earlier_than_another_has_no_day_of_its_own(coder):
    text = ("Police arrested the editor in 2021. A tribunal later sentenced him to a four-year term. "
            "Months later, the army seized power.")
    assert dates(coder, text)["SANCTION"] == (None, "none")
    # a date in the clause itself still counts
    this_week = dates(coder, "A tribunal earlier this week sentenced the editor to a four-year term.")["SANCTION"]
    assert this_week[1] == "relative" and this_week[0] is not None


def test_the_main_verb_keeps_its_date(coder):
    assert dates(coder, "Police arrested the reporter in Harare on Wednesday.")["COERCE"] == ("2025-03-12", "relative")


def test_present_perfect_news_does_not_inherit_the_previous_sentences_date(coder):
    text = ("Last year the reporter was jailed for two months in Harare. "
            "Press freedom groups have condemned the new charges and urged the government to free him.")
    found = dates(coder, text)
    assert found["SANCTION"] == ("2024", "relative")  # (jailed for a term: a sentence)
    assert found["ACCUSE"] == (PUBLISHED, "publication")
    assert found["REQUEST"] == (PUBLISHED, "publication")


def test_a_simple_past_sentence_still_inherits_the_date_just_before(coder):
    text = "Police arrested the reporter in Harare on Monday. Press freedom groups condemned the arrest."
    assert dates(coder, text)["ACCUSE"] == ("2025-03-10", "context")


def test_a_week_the_tagger_cut_short_keeps_its_this(coder):
    # the tagger marks only "week" in "this week's raid"; the sentence must not take the year the
    # sentence before it named for an old attack
    text = ("The deadliest bombing in the town, in 2011, killed 40 people. "
            "Days after this week's raid, the Kenyan army said it killed 20 al-Shabab fighters.")
    assert dates(coder, text)["ASSAULT"] == ("2025-03", "relative")


def test_a_day_after_for_is_a_day_not_a_span(coder):
    # "responsibility for Tuesday's attack" names Tuesday; "for two weeks" would be a span
    assert dates(coder, "The rebels claimed responsibility for Tuesday's attack on the convoy.")["ASSAULT"] \
        == ("2025-03-11", "relative")


def test_a_date_in_what_is_said_does_not_date_the_saying(coder):
    from coding_helpers import code, only

    event = only(code(coder, "Venezuela's U.N. mission criticized the meeting, saying the sanctions would expire "
                             "in October.", "2025-03-12"), "ACCUSE")
    assert (event.date.value, event.date.resolution) == ("2025-03-12", "publication")


def test_a_weekday_of_a_past_saying_is_not_the_coming_one(coder):
    from coding_helpers import code, only

    plan = only(code(coder, "India's foreign ministry said Saturday that Prime Minister Narendra Modi will visit "
                            "the Maldives.", "2025-03-12"), "AGREE")
    assert plan.date.value == "2025-03-08"  # (not the coming Saturday, after publication)
    # the coming Tuesday is the meeting's day; the promise to meet is news of the day it is reported
    meeting = only(code(coder, "On Tuesday, the Saudi and Iranian envoys will meet in Riyadh.", "2025-03-12"), "AGREE")
    assert (meeting.date.value, meeting.date.resolution) == ("2025-03-12", "publication")


def test_a_date_to_come_is_not_carried_to_the_next_sentence(coder):
    from coding_helpers import code, only

    events = code(coder, "Britain wants the sanctions back before the deal expires in October. Iran's ambassador "
                         "attended the council's meeting.", "2025-03-13")
    meeting = only(events, "CONSULT")
    assert (meeting.date.value, meeting.date.resolution) == ("2025-03-13", "publication")


def test_a_meeting_scheduled_for_a_weekday_is_a_promise_made_now_not_on_that_day(coder):
    # published Monday 10 March 2025: Tuesday is the coming one, and the promise is the news of the day
    events = coding_at("2025-03-10")(coder, "Egyptian and Sudanese officials are scheduled to meet in Cairo on "
                                            "Tuesday.")
    promise = only(events, "AGREE")
    assert {a.country for a in promise.actors + promise.recipients} == {"EGY", "SDN"}
    assert (promise.date.value, promise.date.resolution) == ("2025-03-10", "publication")
    one = coding_at("2025-03-07")(coder, "Egypt's foreign minister is set to fly to Sudan on Wednesday for talks "
                                         "with Sudanese officials.")
    assert len([e for e in one if e.event_type == "AGREE"]) == 1  # one promise, told by a verb and a noun
    # the meeting told by a noun behind a preposition ("will join X for the talks") is still to come
    joined = only(code(coder, "On Friday, the Kenyan foreign minister will join the defence minister for the "
                              "Geneva talks with Ugandan officials."), "AGREE")
    assert (joined.date.value, joined.date.resolution) == ("2025-03-13", "publication")
    # a month named for an act to come is not the last such month: the promise is dated when made
    promised = only(code(coder, "Britain will complete the withdrawal of its forces from Mali by September."),
                    "AGREE")
    assert (promised.date.value, promised.date.resolution) == ("2025-03-13", "publication")
    assert not [r for r in promised.recipients if r.country == "GBR"]  # its own forces are not the recipient
    # ... but the day the promise was said on stays
    said = only(code(coder, "Portugal will back Ghana's bid, the Portuguese president said on Tuesday."), "AGREE")
    assert said.date.value == "2025-03-11"
    # a conditional threat told with "would" is made when reported, not on the last such day
    threat = only(code(coder, "Trump said he would raise tariffs on cars from Mexico on May 5 unless Mexico City "
                              "acts."), "THREATEN")
    assert (threat.date.value, threat.date.resolution) == ("2025-03-13", "publication")


def test_a_year_in_front_of_a_noun_names_the_thing_not_the_time_of_the_act(coder):
    event = only(code(coder, "Ecuador quit the 2004 fisheries pact on Monday."), "SANCTION")
    assert event.date.value == "2025-03-10"
    event = only(code(coder, "Ecuador quit the 2004 fisheries pact."), "SANCTION")
    assert event.date.value == PUBLISHED and event.date.resolution == "publication"


def test_a_date_hung_on_a_participle_that_says_what_something_is_dates_the_act(coder):
    # the parser hangs "on Monday" on "linked"; a tie to a group has no day, the raid has
    assert dates(coder, "Spanish police dismantled a smuggling ring linked to a cartel on Monday.")["COERCE"] == (
        "2025-03-10", "relative")

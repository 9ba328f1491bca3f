"""Within-document merging of reports of one event (pure functions over Event models)."""

from __future__ import annotations

from eventcoder.dedup import actor_codes, compatible, merge_within_document
from eventcoder.models import Actor, DateValue, Event, Evidence

FAMILY = {"OHCHR": {"OHCHR", "UN"}, "UN": {"UN"}, "UNHCR": {"UNHCR", "UN"}}


def family(code: str) -> set[str]:
    return FAMILY.get(code, {code})


def person(name: str, country: str | None = None, org: str | None = None, sector: str = "GOV") -> Actor:
    return Actor(text=name, name=name, country=country, org=org, sector=sector, kind="person")


def state(iso3: str) -> Actor:
    return Actor(text=iso3, name=iso3, country=iso3, sector="GOV", kind="state")


def event(n: int, etype: str, actors, recipients, *, mode=None, date=None, resolution="none", directed=True,
          confidence=0.6) -> Event:
    sentence = f"Sentence number {n}."
    return Event(id=f"e{n}", doc_id="d1", event_type=etype, event_mode=mode, actors=actors, recipients=recipients,
                 date=DateValue(value=date, resolution=resolution), directed=directed, confidence=confidence,
                 evidence=[Evidence(sentence=sentence, start=n * 100, end=n * 100 + len(sentence), trigger="x",
                                    trigger_start=n * 100, trigger_end=n * 100 + 1)])


ENVOY = person("Amina Diallo", org="OHCHR", sector="IGO")
MINISTER = person("Li Wei", country="CHN")


def test_codes_include_the_parent_organisation_and_separate_non_state_groups():
    assert actor_codes(ENVOY, family) == {"OHCHR", "UN"}
    assert actor_codes(MINISTER, family) == {"CHN"}
    rebels = Actor(text="rebels", country="MLI", sector="REB", kind="group")
    army = Actor(text="army", country="MLI", sector="MIL", kind="group")
    assert actor_codes(rebels, family) != actor_codes(army, family)


def test_a_meeting_reported_three_ways_is_one_event_oriented_by_the_visit():
    headline = event(1, "CONSULT", [MINISTER], [Actor(text="UN envoy", org="UN", sector="IGO")], directed=False)
    lead = event(2, "CONSULT", [ENVOY], [MINISTER], mode="visit", date="--06-03", resolution="partial",
                 directed=False)
    arrival = event(3, "CONSULT", [ENVOY], [state("CHN")], mode="visit", date="--06-03", resolution="partial",
                    directed=False)
    merged = merge_within_document([headline, lead, arrival], family)
    assert len(merged) == 1
    one = merged[0]
    assert one.event_mode == "visit"
    assert [a.name for a in one.actors] == ["Amina Diallo"]  # the visitor, as the visit report has it
    assert "Li Wei" in [r.name for r in one.recipients]
    assert one.date.value == "--06-03"
    assert [e.start for e in one.evidence] == [100, 200, 300]
    assert one.confidence > 0.6  # several reports raise confidence


def test_praise_in_opposite_directions_stays_two_events():
    praise = event(1, "SUPPORT", [ENVOY], [MINISTER])
    praise_back = event(2, "SUPPORT", [MINISTER], [ENVOY])
    assert len(merge_within_document([praise, praise_back], family)) == 2


def test_a_signing_is_not_merged_with_praise():
    signing = event(1, "SUPPORT", [MINISTER, ENVOY], [], directed=False)
    praise = event(2, "SUPPORT", [ENVOY], [MINISTER])
    assert not compatible(signing, praise, family)


def test_different_dates_or_modality_keep_events_apart():
    first = event(1, "ASSAULT", [state("ISR")], [state("LBN")], date="2024-05-01", resolution="explicit")
    second = event(2, "ASSAULT", [state("ISR")], [state("LBN")], date="2024-05-09", resolution="explicit")
    assert len(merge_within_document([first, second], family)) == 2
    planned = event(3, "ASSAULT", [state("ISR")], [state("LBN")]).model_copy(update={"modality": "future"})
    assert not compatible(first, planned, family)


def test_an_unstated_date_is_compatible_with_a_stated_one_and_the_stated_one_wins():
    dated = event(1, "SANCTION", [state("USA")], [state("IRN")], date="2024-04-02", resolution="explicit")
    undated = event(2, "SANCTION", [state("USA")], [state("IRN")], date="2024-04-20", resolution="publication")
    merged = merge_within_document([undated, dated], family)
    assert len(merged) == 1 and merged[0].date.value == "2024-04-02"


def test_the_named_person_replaces_the_state_with_the_same_codes():
    by_state = event(1, "ACCUSE", [state("CHN")], [state("USA")])
    by_minister = event(2, "ACCUSE", [MINISTER], [state("USA")])
    merged = merge_within_document([by_state, by_minister], family)
    assert [a.name for a in merged[0].actors] == ["Li Wei"]


def test_two_summits_in_two_countries_are_two_events(coder):
    text = ("Prime Minister Modi and President Xi met at a summit in Wuhan in April 2018. "
            "A second summit between the two leaders, in Chennai, followed in October 2019.")
    consults = [e for e in coder.code_text(text, published="2019-10-14").events if e.event_type == "CONSULT"]
    assert sorted(e.location.country for e in consults) == ["CHN", "IND"]



def test_a_vague_group_counts_as_unknown_but_a_named_stranger_does_not():
    vague = Actor(text="the international community", name="the international community", sector="IGO",
                  kind="group")
    assert compatible(event(1, "SUPPORT", [MINISTER], [ENVOY]), event(2, "SUPPORT", [state("CHN")], [vague]),
                      family)
    stranger = person("Omar Haddad", sector="CVL")
    assert not compatible(event(1, "SUPPORT", [MINISTER], [ENVOY]),
                          event(2, "SUPPORT", [state("CHN")], [stranger]), family)


def test_an_act_told_as_earlier_this_month_is_not_the_day_the_story_tells_of():
    from eventcoder.dedup import dates_compatible
    from eventcoder.models import DateValue

    day = DateValue(value="2025-03-11", text="Tuesday", granularity="day", resolution="relative")
    earlier = DateValue(value="2025-03", text="Earlier this month", granularity="month", resolution="relative")
    month = DateValue(value="2025-03", text="March", granularity="month", resolution="relative")
    assert not dates_compatible(day, earlier)
    assert dates_compatible(day, month)


def test_one_speakers_sentence_is_one_statement_whatever_its_modes():
    # "alleged that ..., calling it a crime": an allegation and a disapproval from one sentence are one accusation
    alleged = event(4, "ACCUSE", [ENVOY], [], mode="allege")
    calling = event(4, "ACCUSE", [ENVOY], [state("AFG")], mode="disapprove")
    [merged] = merge_within_document([alleged, calling], family)
    assert merged.event_mode == "allege" and {r.country for r in merged.recipients} == {"AFG"}
    # but two sentences with two modes stay two statements, and acts of force never merge across modes
    assert len(merge_within_document([alleged, event(5, "ACCUSE", [ENVOY], [], mode="disapprove")], family)) == 2
    assert len(merge_within_document([event(6, "ASSAULT", [MINISTER], [], mode="beat"),
                                      event(6, "ASSAULT", [MINISTER], [], mode="abduct")], family)) == 2

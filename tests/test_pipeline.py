"""The pipeline over several documents: order, failures that do not stop a batch, parallel workers,
dates carried through a story, and `explain`."""

from __future__ import annotations

import pytest

from eventcoder.config import Settings
from eventcoder.explain import explain_text
from eventcoder.ingest import document_from_text
from eventcoder.models import Document
from eventcoder.pipeline import Coder

STORY_A = ("ABUJA, Feb. 2, 2024 -- Nigerian troops killed 14 Boko Haram fighters in an ambush in Borno state "
           "on Thursday, the army said.\nThe militants had attacked a village near Maiduguri earlier in the week.")
STORY_B = ("Brazil's President Luiz Inacio Lula da Silva met Argentine President Javier Milei in Brasilia "
           "on March 3. The two presidents signed an energy agreement the same day.")
STORY_NO_DATE = ("Foreign Minister Ana Costa met the visiting German chancellor on June 5.\n"
                 "Costa later praised Germany for its support.")


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(Settings())


def docs() -> list[Document]:
    return [document_from_text(STORY_A, source="a.txt"), document_from_text(STORY_B, source="b.txt",
                                                                              published="2024-03-04")]


def test_results_come_back_in_input_order_with_dates_from_the_dateline(coder):
    results = list(coder.code(docs()))
    assert [r.document.source for r in results] == ["a.txt", "b.txt"]
    a, b = results
    assert a.document.published == "2024-02-02"  # from the dateline
    assault = next(e for e in a.events if e.event_type == "ASSAULT")
    assert assault.actors[0].country == "NGA" and assault.actors[0].sector == "MIL"
    assert assault.date.value == "2024-02-01"  # "on Thursday" before Friday 2 February
    signing = next(e for e in b.events if e.event_type == "SUPPORT")
    assert {x.country for x in signing.actors} == {"BRA", "ARG"}
    assert signing.date.value == "2024-03-03"  # "the same day": the date of the paragraph


def test_without_a_publication_date_the_storys_date_carries_and_stays_partial(coder):
    result = coder.code_text(STORY_NO_DATE)
    assert result.document.published is None
    dates = {e.event_type: e.date for e in result.events}
    assert dates["CONSULT"].value == "--06-05" and dates["CONSULT"].resolution == "partial"
    assert dates["SUPPORT"].value == "--06-05" and dates["SUPPORT"].resolution == "context"


def test_a_document_that_fails_does_not_stop_the_batch(coder):
    too_big = Document(id="huge", text="Rebels attacked the town. " * 10, source="huge.txt")
    small = Coder(Settings(max_bytes=100))
    results = list(small.code([too_big, document_from_text("Police arrested two men.", source="ok.txt")]))
    assert results[0].error is not None and "huge.txt" in results[0].error and "E105" in results[0].error
    assert results[1].error is None


def test_a_bug_met_on_one_documents_sentence_gives_up_that_document_not_the_batch(monkeypatch):
    fresh = Coder()
    screen = fresh._screen.has_trigger

    def fragile(sent):
        if "Zorbania" in sent.text:
            raise RuntimeError("cannot screen this sentence")
        return screen(sent)

    monkeypatch.setattr(fresh._screen, "has_trigger", fragile)
    results = list(fresh.code([document_from_text("Zorbania attacked the town.", source="bad.txt"),
                               document_from_text("Kenyan police arrested two men.", source="ok.txt")]))
    assert results[0].error is not None and "bad.txt" in results[0].error
    assert results[1].error is None and [e.event_type for e in results[1].events] == ["COERCE"]


def test_two_worker_processes_give_the_same_events(coder):
    many = [document_from_text(f"{STORY_B} Story {i}.", source=f"{i}.txt", published="2024-03-04")
            for i in range(6)]
    one = [(r.document.id, [e.model_dump() for e in r.events]) for r in coder.code(many, batch_size=2)]
    two = [(r.document.id, [e.model_dump() for e in r.events])
           for r in coder.code(many, batch_size=2, workers=2)]
    assert one == two


def test_explain_shows_triggers_actors_and_why_an_event_was_dropped():
    text = "Russia did not attack the convoy. The village was shelled overnight."
    report = explain_text(text, Settings())
    assert "trigger rule verb:attack->ASSAULT" in report
    assert "negated" in report and "--include-modal" in report
    assert "no participant resolved to a known actor" in report  # shelled by whom?
    assert "pre-filter" not in report.split("sentence 1")[1].split("sentence 2")[0]


def test_a_document_over_the_time_limit_is_given_up_and_the_next_one_is_coded():
    slow = Coder(Settings(max_seconds=0.0001))
    text = " ".join(f"Rebels attacked the town of Goma on day {n}." for n in range(200))
    results = list(slow.code([document_from_text(text, source="long.txt")]))
    assert results[0].error is not None and "E109" in results[0].error and "long.txt" in results[0].error
    unlimited = Coder(Settings(max_seconds=0))
    assert unlimited.code_text("Police arrested two men in Nairobi.").error is None


@pytest.mark.parametrize("text, etype, recipient", [
    # the first sentence holds no event: it is read only because it names someone a later event does,
    # by surname ...
    ("Tomas Varga, a former interior minister of Slovakia, now lives in Vienna.\n"
     "The European Union imposed sanctions on Varga last year.", "SANCTION", ("Varga", "SVK", "ELI")),
    # ... or by a pronoun in one of the next two sentences (a title in front of the name does not hide it)
    ("Governor Paulo Mendes of Bahia faced questions at home.\n"
     "On Monday he was criticized by Brazilian senators.", "ACCUSE", ("he", "BRA", "GOV")),
])
def test_a_person_introduced_in_a_sentence_without_an_event_is_who_a_later_event_names(coder, text, etype,
                                                                                        recipient):
    result = coder.code_text(text, published="2024-05-06")
    [event] = [e for e in result.events if e.event_type == etype]
    assert [(r.text, r.country, r.sector) for r in event.recipients] == [recipient]


def test_a_sports_report_codes_no_event_between_teams_named_by_their_countries(coder):
    report = ("Ghana beat Nigeria 2-0 in Accra on Saturday to reach the final of the African Nations Championship, "
              "with their captain scoring both goals. Nigeria's coach said his team had been outplayed.")
    assert not coder.code_text(report, published="2025-02-08").events
    # a match with political news in it keeps the news
    riot = ("Police fired tear gas at fans after Ghana beat Nigeria 2-0 in Accra on Saturday in the final of the "
            "championship, the interior ministry said.")
    assert [e.event_type for e in coder.code_text(riot, published="2025-02-08").events] == ["ASSAULT"]

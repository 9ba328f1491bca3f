"""NER only where entities can change the events: same events as running NER on every screened
sentence that has a date word or an unknown name, on fewer sentences.

Each story below (written for this test) needs one part of the look-ahead: a name that only NER
makes an actor (stand-in PERSON entities), a date carried from an event-less sentence, a person named
in an event-less sentence and referred to later."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventcoder import pipeline
from eventcoder.config import DEFAULT_MODEL
from eventcoder.ingest import document_from_text
from eventcoder.nlp import add_entities, parse
from eventcoder.pipeline import Coder, _Prepared

PUBLISHED = "2024-06-26"
NAME_ONLY = "Tusk criticized Carney over the trade dispute."  # both actors are names only NER finds
DATE_CARRIED = ("Talks on the ceasefire were held in Doha on Monday without result. "
                "Israel later struck targets in Gaza.")  # the strike takes Monday from the talks
PERSON_CARRIED = ("Judge Peter Ssemanda could free the editor next week, lawyers said. "
                  "On Tuesday he ordered Ugandan police to release two other reporters.")
LONG_STORY = (
    "KAMPALA, June 25, 2024 -- Ugandan police fired tear gas at hundreds of opposition supporters in Kampala "
    "on Tuesday, a day after the arrest of their leader.\n"
    "The National Unity Platform said its leader, Daniel Mwangi, was detained at his home on Monday. "
    "Mwangi has been a fierce critic of the government since the 2021 election, and he has been arrested "
    "several times before. \"We will not be silenced,\" said party spokesman Joel Ssenyonyi.\n"
    "The European Union called on Uganda to release Mwangi and respect the right to protest. "
    "Police spokesman Fred Enanga said officers had acted within the law. He said 23 people were arrested "
    "for rioting. Kenya's foreign ministry said it was following the situation closely.\n"
    "Lawyers for Mwangi said they would ask a court to free him this week. Judge Margaret Tibulya could "
    "rule on Friday. On Wednesday she ordered prison officials to allow his lawyers to visit him.\n"
    "Diplomats in Nairobi said on Thursday that talks between the government and the opposition could "
    "resume in July. Analyst Grace Atim said the protests might spread to Gulu and Mbarara next month. "
    "The government may appeal any ruling in August, according to Justice Minister Norbert Mao."
)
STORIES = [NAME_ONLY, DATE_CARRIED, PERSON_CARRIED, LONG_STORY]


class EverywhereNER(Coder):
    """The reference: NER on every screened sentence with a date word or an unknown name."""

    def _add_entities(self, prepared):  # type: ignore[no-untyped-def]
        self._run_ner([(p, i) for p in prepared if isinstance(p, _Prepared) and p.failed is None
                       for i in p.candidates if self._needs_entities(p, i, p.parsed[i])])


class NoStandIns(Coder):
    def _eventful(self, p):  # type: ignore[no-untyped-def]
        runs = pipeline._unknown_name_runs
        pipeline._unknown_name_runs = lambda sdoc, mentions: []
        try:
            return super()._eventful(p)
        finally:
            pipeline._unknown_name_runs = runs


class NoDateContext(Coder):
    def _context_sentences(self, p, eventful):  # type: ignore[no-untyped-def]
        return {i for i in super()._context_sentences(p, eventful) if i + 1 not in eventful}


class NoPersonContext(Coder):
    def _context_sentences(self, p, eventful):  # type: ignore[no-untyped-def]
        return {i for i in super()._context_sentences(p, eventful) if i + 1 in eventful and
                not any(t.lower_ in ("he", "she") for t in p.parsed[i + 1])} if eventful else set()


def _like(coder: Coder, cls: type[Coder]) -> Coder:
    """The same loaded coder (knowledge, lexicon) with another entity policy."""
    other = object.__new__(cls)
    other.__dict__.update(coder.__dict__)
    return other


def _events(coder: Coder, text: str) -> list[dict]:
    result = coder.code_text(text, doc_id="story", published=PUBLISHED)
    assert result.error is None
    return [e.model_dump() for e in result.events]


@pytest.fixture(scope="module")
def reference(coder: Coder) -> Coder:
    return _like(coder, EverywhereNER)


@pytest.mark.parametrize("text", STORIES, ids=["name-only", "date-carried", "person-carried", "long-story"])
def test_same_events_as_ner_on_every_screened_sentence(coder, reference, text):
    expected = _events(reference, text)
    assert expected  # (each story codes something)
    assert _events(coder, text) == expected


@pytest.mark.parametrize(("text", "without"), [(NAME_ONLY, NoStandIns), (DATE_CARRIED, NoDateContext),
                                               (PERSON_CARRIED, NoPersonContext)],
                         ids=["stand-in names", "date context", "person context"])
def test_each_part_of_the_look_ahead_is_needed(coder, reference, text, without):
    assert _events(_like(coder, without), text) != _events(reference, text)


def test_details_that_need_entities_survive(coder):
    blame = _events(coder, NAME_ONLY)[0]
    assert (blame["event_type"], blame["actors"][0]["country"], blame["recipients"][0]["country"]) == \
        ("ACCUSE", "POL", "CAN")
    strike = next(e for e in _events(coder, DATE_CARRIED) if e["event_type"] == "ASSAULT")
    assert strike["date"]["value"] == "2024-06-24" and strike["date"]["resolution"] == "context"
    order = _events(coder, PERSON_CARRIED)[0]
    assert order["actors"][0]["name"] == "Peter Ssemanda"


def test_ner_runs_on_fewer_sentences(coder, reference, monkeypatch):
    counts: dict[str, int] = {}

    def counting(name: str):  # type: ignore[no-untyped-def]
        def run(docs, model, batch_size=64):  # type: ignore[no-untyped-def]
            docs = list(docs)
            counts[name] = counts.get(name, 0) + len(docs)
            return add_entities(docs, model, batch_size)
        return run

    monkeypatch.setattr(pipeline, "add_entities", counting("reference"))
    _events(reference, LONG_STORY)
    monkeypatch.setattr(pipeline, "add_entities", counting("look-ahead"))
    _events(coder, LONG_STORY)
    assert 0 < counts["look-ahead"] < counts["reference"]


def test_stand_in_entities_leave_no_trace(coder):
    """After the look-ahead, NER sees the parse exactly as if no entity had ever been set."""
    document = document_from_text(LONG_STORY, source="story")
    p = coder._prepare(document)
    texts = [p.clean.text[p.sentences[i].start:p.sentences[i].end] for i in p.candidates]
    p.parsed = dict(zip(p.candidates, parse(texts, DEFAULT_MODEL, entities=False), strict=True))
    coder._eventful(p)
    assert all(not d.has_annotation("ENT_IOB") for d in p.parsed.values())
    fresh: list[Doc] = list(add_entities(parse(texts, DEFAULT_MODEL, entities=False), DEFAULT_MODEL))
    after = list(add_entities((p.parsed[i] for i in p.candidates), DEFAULT_MODEL))
    assert [d.to_bytes() for d in after] == [d.to_bytes() for d in fresh]

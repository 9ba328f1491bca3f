"""The pipeline: documents in, coded events out — every stage, per-document error handling.

    coder = Coder(Settings.from_env())
    for result in coder.code(documents):      # DocumentResult per document, in input order
        ...

Per batch of documents: clean → split sentences → find known phrases (countries, organisations,
roles, places, leaders) → keep the sentences that can hold an event → parse those with spaCy in
one ``nlp.pipe`` call, without NER → keep those where a trigger rule matches → a first extraction
on that parse to learn which sentences yield events → NER only on the sentences whose entities can
change an event (:meth:`Coder._add_entities`) → per document, in sentence order: actors (with
coreference), events, dates, places, contexts → merge reports of one event → filter by modality
and confidence.

A document that fails at any stage yields a ``DocumentResult`` with ``error`` set; the batch goes on.
"""

from __future__ import annotations

import calendar
import hashlib
import multiprocessing
import re
import signal
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .clean import clean
from .config import Settings
from .dedup import dates_compatible, merge_within_document
from .errors import EventcoderError, TimeLimitError, TooLargeError
from .extract import contexts as ctx
from .extract.actors import (
    FOREIGN_WORDS,
    PRONOUNS_PERSON,
    QUOTE_MARKS,
    ActorRegistry,
    ActorResolver,
    MentionIndex,
    dominant_country,
    government_of,
)
from .extract.dates import (
    FUTURE_AUX,
    clause_date,
    dates_coming_act,
    dates_past_act,
    forward_weekday,
    named_date,
    resolve_date,
    resolve_sentence_date,
    when_date,
)
from .extract.events import (
    CUSTODY,
    EventExtractor,
    RawEvent,
    is_candidate,
    lemma,
    load_lexicon,
    names_speaker,
)
from .extract.places import asides, attribution_spans, locate
from .extract.syntax import APPOINTMENT_HEADS, SAY_VERBS, doc_text, is_passive
from .knowledge import Knowledge, Mention, favour_country, load_knowledge
from .models import Actor, CleanText, DateValue, Document, DocumentResult, Event, Evidence
from .nlp import SentenceSpan, add_entities, load_pipeline, parse, split_sentences


@dataclass
class _Prepared:
    """A document between the cheap stages and the parse."""

    document: Document
    clean: CleanText
    sentences: list[SentenceSpan]
    mentions: list[Mention]
    candidates: list[int]  # indexes into sentences
    parsed: dict[int, Doc] = field(default_factory=dict)
    speakers: set[int] = field(default_factory=set)  # candidates read only for who speaks a quotation
    introductions: set[int] = field(default_factory=set)  # ... or for whom they name (``_introductions``)
    home: str | None = None  # the country the document is about (``dominant_country`` of its mentions)
    started: float = 0.0
    failed: str | None = None  # why the document was given up (time limit)
    clock: float = 0.0  # when its own parsing began (the time limit counts from there)


class Coder:
    """Codes documents into events. Loads knowledge, lexicon and the spaCy model once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.kb: Knowledge = load_knowledge(self.settings.knowledge_paths)
        self.lexicon = load_lexicon()
        self._screen = EventExtractor(self.lexicon, None)  # matches triggers only, resolves no actors

    # -- public ----------------------------------------------------------------------------
    def code(self, documents: Iterable[Document], batch_size: int = 16, workers: int = 1) -> Iterator[DocumentResult]:
        """Code documents, one result per document, in input order.

        ``workers`` > 1 codes batches in that many processes (each loads the model once; results come
        back in input order, as each batch is done)."""
        it = iter(documents)
        batches = iter(lambda: list(islice(it, batch_size)), [])
        if workers <= 1:
            for batch in batches:
                yield from self._code_batch(batch)
            return
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(self.settings,)) as pool:
            for results in pool.imap(_code_in_worker, batches):
                yield from results

    def code_text(self, text: str, *, doc_id: str | None = None, published: str | None = None,
                  title: str | None = None) -> DocumentResult:
        """Code one text (a convenience for the API, tests and `explain`)."""
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        doc = Document(id=doc_id or digest[:16], text=text, title=title, published=published,
                       source="<text>", content_hash=digest)
        return next(self.code([doc]))

    # -- stages ----------------------------------------------------------------------------
    def _prepare(self, document: Document, vocab: Vocab | None = None) -> _Prepared:
        started = time.perf_counter()
        if len(document.text.encode("utf-8", "surrogatepass")) > self.settings.max_bytes:
            raise TooLargeError(f"document is larger than max_bytes={self.settings.max_bytes}",
                                source=document.source or document.id)
        cleaned = clean(document.text)
        sentences = split_sentences(cleaned.text, vocab)
        mentions = self.kb.find(cleaned.text)
        home = dominant_country(mentions)
        mentions = favour_country(mentions, home)
        candidates = [
            i for i, s in enumerate(sentences)
            if s.end - s.start <= self.settings.max_sentence_chars
            and is_candidate(cleaned.text[s.start:s.end], self.lexicon)
        ]
        # the sentence that names who speaks a quotation an event sentence goes on with ('"We will not
        # accept this," Zelenskyy said. "We reject their offer."') is read too: "we" is his government
        speakers = [i - 1 for i in candidates if i > 0
                    and cleaned.text[sentences[i].start:sentences[i].start + 1] in QUOTE_MARKS
                    and sentences[i - 1].end - sentences[i - 1].start <= self.settings.max_sentence_chars
                    and names_speaker(cleaned.text[sentences[i - 1].start:sentences[i - 1].end])]
        introductions = _introductions(cleaned.text, sentences, set(candidates), mentions,
                                       self.settings.max_sentence_chars)
        candidates = sorted(set(candidates) | set(speakers) | introductions)
        return _Prepared(document, cleaned, sentences, mentions, candidates, started=started, speakers=set(speakers),
                         introductions=introductions, home=home)

    def _code_batch(self, batch: list[Document]) -> Iterator[DocumentResult]:
        # the model's vocabulary for the sentence split too: the text's lexemes are made once
        # (a model that cannot be loaded raises here, out of code(), as it would at the parse)
        vocab = load_pipeline(self.settings.model).vocab
        prepared: list[_Prepared | DocumentResult] = []
        for document in batch:
            try:
                prepared.append(self._prepare(document, vocab))
            except Exception as err:  # noqa: BLE001 — one bad document never stops a batch
                prepared.append(DocumentResult(document=document, error=_message(document, err)))
        jobs = [(p, i) for p in prepared if isinstance(p, _Prepared) for i in p.candidates]
        parsed = self._parse_within_limits(jobs, prepared)
        keep = [k for k, sdoc in enumerate(parsed) if sdoc is not None and self._screened(jobs[k], sdoc)]
        for k in keep:
            p, i = jobs[k]
            p.parsed[i] = parsed[k]  # type: ignore[assignment]
        for p in prepared:
            if isinstance(p, _Prepared):
                p.candidates = [i for i in p.candidates if i in p.parsed]
        self._add_entities(prepared)
        for p in prepared:
            if isinstance(p, DocumentResult):
                yield p
                continue
            if p.failed is not None:
                yield DocumentResult(document=p.document, error=p.failed)
                continue
            try:
                with _hard_limit(self.settings.max_seconds, p.document):
                    events = self._extract(p)
                yield DocumentResult(document=p.document, events=events,
                                     seconds=round(time.perf_counter() - p.started, 4))
            except Exception as err:  # noqa: BLE001 — one bad document never stops a batch
                yield DocumentResult(document=p.document, error=_message(p.document, err))

    def _screened(self, job: tuple[_Prepared, int], sdoc: Doc) -> bool:
        """Can this parsed sentence hold an event (or name a speaker a later one needs)? A sentence
        the screen fails on gives its document up, not the batch."""
        p, i = job
        if p.failed is not None:
            return False
        try:
            return self._screen.has_trigger(sdoc) or i in p.speakers or i in p.introductions
        except Exception as err:  # noqa: BLE001 — one bad document never stops a batch
            p.failed = _message(p.document, err)
            return False

    def _parse_within_limits(self, jobs: list[tuple[_Prepared, int]],
                             prepared: list[_Prepared | DocumentResult]) -> list[Doc | None]:
        """Parse the candidate sentences in chunks; a document still being parsed after
        ``max_seconds`` is given up (its sentences left unparsed), the others go on."""
        parsed: list[Doc | None] = []
        limit = self.settings.max_seconds
        for start in range(0, len(jobs), _CHUNK):
            chunk = jobs[start:start + _CHUNK]
            now = time.perf_counter()
            for p, _ in chunk:
                p.clock = p.clock or now  # a document's clock starts with its own sentences
            live = [(p, i) for p, i in chunk if p.failed is None]
            texts = (p.clean.text[p.sentences[i].start:p.sentences[i].end] for p, i in live)
            done = iter(parse(texts, self.settings.model, entities=False))
            parsed += [next(done) if p.failed is None else None for p, _ in chunk]
            if limit:
                now = time.perf_counter()
                for p in {id(p): p for p, _ in chunk}.values():
                    if p.failed is None and now - p.clock > limit:
                        p.failed = str(TimeLimitError(
                            f"still being coded after {limit:g} s (max_seconds); the document was given up",
                            source=p.document.source or p.document.id))
        return parsed

    def _add_entities(self, prepared: list[_Prepared | DocumentResult]) -> None:
        """Run NER on the parsed sentences whose entities can change the document's events.

        Named entities matter to a sentence's own events (their date; people's names) and, through
        the document, to other sentences' events (the date a next sentence inherits; people named
        for a later "she" or surname). So extraction is first run on the NER-less parse to learn
        which sentences can yield an event (:meth:`_eventful`); NER runs on those (first round),
        then on the sentences those events may take a date or a person from (second round,
        :meth:`_context_sentences`) — in both rounds, as before, only when the sentence has a date
        word or a name the knowledge tables do not know (:meth:`_needs_entities`). Both rounds are
        one batched NER call over the documents of the batch. A document whose look-ahead fails
        is given up; the batch goes on.
        """
        looked: list[tuple[_Prepared, set[int]]] = []
        first: list[tuple[_Prepared, int]] = []
        for p in prepared:
            if not isinstance(p, _Prepared) or p.failed is not None:
                continue
            try:
                with _hard_limit(self.settings.max_seconds, p.document):
                    eventful = self._eventful(p)
            except Exception as err:  # noqa: BLE001 — one bad document never stops a batch
                p.failed = _message(p.document, err)
                continue
            looked.append((p, eventful))
            first += [(p, i) for i in p.candidates if i in eventful and self._needs_entities(p, i, p.parsed[i])]
        self._run_ner(first)
        second: list[tuple[_Prepared, int]] = []
        for p, eventful in looked:
            context = self._context_sentences(p, eventful)
            second += [(p, i) for i in p.candidates if i in context and self._needs_entities(p, i, p.parsed[i])]
        self._run_ner(second)

    def _run_ner(self, todo: list[tuple[_Prepared, int]]) -> None:
        docs = add_entities((p.parsed[i] for p, i in todo), self.settings.model)
        for (p, i), sdoc in zip(todo, docs, strict=True):
            p.parsed[i] = sdoc

    def _eventful(self, p: _Prepared) -> set[int]:
        """The candidate sentences from which extraction on the NER-less parse brings out an event
        that can be kept: asserted (any modality with ``include_modal``), with or without coded
        actors — modality comes from the parse alone, actors may depend on names. The document is
        read in order as :meth:`_extract` reads it, so coreference builds up the same way. NER's
        people are stood in for by the runs of proper nouns the knowledge tables do not know, as
        PERSON entities (a name can make an actor: "Yang said"), removed again afterwards (entity
        annotation "missing": NER later sees the parse as if they had never been set); a sentence
        with such names and no event is read once more without them, as it would be read if it got
        no NER (a name can also unmake an actor)."""
        document = p.document
        year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
        registry = document_registry(p)
        resolver = ActorResolver(self.kb, registry, year, document.published)
        extractor = EventExtractor(self.lexicon, resolver)
        out: set[int] = set()
        for i in p.candidates:
            registry.sentence = i
            sent = p.sentences[i]
            sdoc = p.parsed[i]
            local = sentence_mentions(p.mentions, sent)
            index = MentionIndex(local)
            names = _unknown_name_runs(sdoc, local)
            if names:
                sdoc.set_ents(names, default="missing")
            try:
                raw_events = extractor.extract(sdoc, index, sent.start)
                if names:
                    self._register_people(sdoc, resolver, index, sent.start)
            finally:
                if names:
                    sdoc.set_ents([], default="missing")
            if names and not self._keepable(raw_events):
                # and as the sentence would be read if it got no NER: without any entity
                raw_events = extractor.extract(sdoc, index, sent.start)
            if self._keepable(raw_events):
                out.add(i)
        return out

    def _keepable(self, raw_events: list[RawEvent]) -> bool:
        return any(raw.modality == "asserted" or self.settings.include_modal for raw in raw_events)

    def _context_sentences(self, p: _Prepared, eventful: set[int]) -> set[int]:
        """Event-less candidate sentences whose entities an event sentence may take over (its
        entities already set where it needed them):

        * dates (as :meth:`_extract` carries them): with a publication date, an event sentence
          without a date of its own takes the date of the sentence just before it; without one,
          the last date stated anywhere before;
        * people (see ``ActorRegistry``): a sentence naming someone (a proper noun the knowledge
          tables do not know as anything but a person) whose name a later event sentence repeats,
          or who is at most two sentences before an event sentence with a personal pronoun.
        """
        candidates = set(p.candidates)
        undated: list[int] = []
        for j in sorted(eventful):
            if resolve_sentence_date(p.parsed[j][:], p.document.published).resolution not in (
                    "explicit", "relative", "partial"):
                undated.append(j)
        if p.document.published:
            out = {j - 1 for j in undated if j - 1 in candidates}
        else:
            out = {i for i in candidates if undated and i < undated[-1]}
        later = sorted(eventful)
        if not later:
            return out - eventful
        words = {j: {t.lower_ for t in p.parsed[j]} for j in later}
        pronoun = {j for j in later if words[j] & PRONOUNS_PERSON}
        for i in p.candidates:
            if i >= later[-1]:
                break
            if i in eventful or i in out:
                continue
            names = _person_words(p.parsed[i], sentence_mentions(p.mentions, p.sentences[i]))
            if names and any(j > i and (names & words[j] or (j in pronoun and j - i <= 2)) for j in later):
                out.add(i)
        return out - eventful

    @staticmethod
    def _needs_entities(p: _Prepared, i: int, sdoc: Doc) -> bool:
        if _DATE_WORD.search(doc_text(sdoc)):
            return True
        known = [(m.start, m.end) for m in sentence_mentions(p.mentions, p.sentences[i])]
        return any(t.pos_ == "PROPN" and not any(a <= t.idx < b for a, b in known) for t in sdoc)

    def _extract(self, p: _Prepared) -> list[Event]:
        document, cleaned = p.document, p.clean
        year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
        registry = document_registry(p)
        resolver = ActorResolver(self.kb, registry, year, document.published)
        extractor = EventExtractor(self.lexicon, resolver)
        doc_contexts = ctx.document_contexts(cleaned.text)
        sports = sports_story(cleaned.text)
        events: list[Event] = []
        extract_started = time.perf_counter()
        dated_at = -10  # index of the last sentence that stated a date
        orphans: list[tuple[SentenceSpan, RawEvent, DateValue, list[Mention], str]] = []
        claimants: list[tuple[list[Actor], DateValue]] = []
        carried_at = -10  # ... and of the last one that took it over
        last_date: dict[int, DateValue] = {}  # paragraph (-1: whole document) -> last stated date
        for i in p.candidates:
            sent = p.sentences[i]
            if self.settings.max_seconds and time.perf_counter() - extract_started > self.settings.max_seconds:
                raise TimeLimitError(f"still being coded after {self.settings.max_seconds:g} s (max_seconds); "
                                     "the document was given up", source=document.source or document.id)
            sdoc = p.parsed[i]
            registry.sentence = i
            local = sentence_mentions(p.mentions, sent)
            index = MentionIndex(local)
            raw_events = extractor.extract(sdoc, index, sent.start)
            self._register_people(sdoc, resolver, index, sent.start)
            resolver.note_speaker(sdoc, index, sent.start)
            date = resolve_sentence_date(sdoc[:], document.published)
            if date.resolution in ("explicit", "relative", "partial"):
                if dates_coming_act(sdoc[:], date.text):
                    # "the deal expires in October": a date to come is not the day later sentences tell of
                    last_date.pop(sent.paragraph, None)
                else:
                    last_date[sent.paragraph] = last_date[-1] = date
                dated_at = i
            else:
                # no date in the sentence: the date of the sentence just before it in its paragraph
                # (with a publication date to fall back on) or the last one of the document (without)
                if document.published:
                    # (a story told in the simple past goes on in the same time: "There, Kim asked for
                    # a loan. The president turned the plea down.")
                    follows = i - dated_at <= 1 or (i - carried_at == 1 and any(
                        t.dep_ == "ROOT" and t.tag_ == "VBD" for t in sdoc))
                    inherited = last_date.get(sent.paragraph) if follows else None
                    if inherited is not None and inherited.granularity == "year" and document.published \
                            and inherited.value != document.published[:4]:
                        inherited = None  # "In 2024, 400 were killed." frames a statistic, not the next news
                else:
                    inherited = last_date.get(-1)
                if inherited is not None:
                    date = inherited.model_copy(update={"resolution": "context"})
                    carried_at = i
            sentence_text = cleaned.text[sent.start:sent.end]
            for raw in raw_events:
                if raw.modality != "asserted" and not self.settings.include_modal:
                    continue
                event_date = _event_date(raw, date, document.published)
                if i >= BACKGROUND_FROM and event_date.resolution in ("publication", "none") \
                        and (_background_perfect(raw.trigger) or raw.type == "ACCUSE" and _standing_charge(raw.trigger)
                             and not any(a.kind == "person" for a in raw.actors)):
                    continue  # "Brussels has banned the export of some drones", told deep in a story: background
                here = [e for e in events if e.event_type == raw.type and e.evidence[0].start >= _original_start(
                    cleaned, sent)] if raw.claimed else []
                if raw.claimed and (here or event_date.resolution in ("publication", "none", "context")) and (told := here or [
                        e for e in events if e.event_type == raw.type
                        and e.date.resolution in ("explicit", "relative", "partial")]):
                    # ("a bomb killed four soldiers, in an attack claimed by the BLA": the attack of this sentence)
                    # "the group said it carried out the attack" (a claim): the attack told last, and its day
                    event_date = told[-1].date
                    # ... done by "militants" or "gunmen" the story did not name (every report of it in that
                    # sentence, "attacked a train, killing 20"): by the claimant; the reports then merge
                    last = told[-1].evidence[0].start
                    for e in told:
                        if raw.actors and e.evidence[0].start == last and e.actors \
                                and all(a.sector == "UAF" and not a.org for a in e.actors):
                            e.actors = [a.model_copy(update={"resolved_by": "coref:claimed"}) for a in raw.actors]
                            if registry.dominant_country:
                                _actors_at_home(e.actors, registry.dominant_country)
                if raw.claimed and raw.actors:
                    claimants.append((raw.actors, event_date))
                if raw.type == "ASSAULT" and _told_without_doer(raw):
                    # an attack whose doer the sentence does not name: the group that claims it may
                    orphans.append((sent, raw, event_date, local, sentence_text))
                    continue
                event = self._event(document, cleaned, sent, raw, event_date, local,
                                    sentence_text, doc_contexts, registry.dominant_country)
                if event is not None and sports and not any(
                        a.org or a.title or a.sector not in ("GOV", None) for a in event.actors):
                    continue  # "Senegal beat Cameroon 3-1", "Fiji crushed Samoa": teams, not states
                if event is not None and event.confidence >= self.settings.min_confidence:
                    events.append(event)
        events += self._claimed(document, cleaned, orphans, claimants, doc_contexts, registry.dominant_country)
        events.sort(key=lambda e: e.evidence[0].start)  # (stable: the order within a sentence stays)
        merged = merge_within_document(events, self._org_family)
        for event in merged:
            _people_of_the_place(event)
            _recipients_at_home(event, registry.dominant_country)
        return merged

    def _claimed(self, document: Document, cleaned: CleanText,
                 orphans: list[tuple[SentenceSpan, RawEvent, DateValue, list[Mention], str]],
                 claimants: list[tuple[list[Actor], DateValue]], doc_contexts: set[str],
                 home: str | None) -> list[Event]:
        """Attacks told without their doer ("eight soldiers were killed"), given to the one group
        the story says claimed responsibility; with no claimant, or several, the usual rules apply
        (an unidentified armed group where the sentence pins it on a weapon, else no event)."""
        groups = {tuple(a.key() for a in actors): (actors, when) for actors, when in claimants}
        out: list[Event] = []
        for sent, raw, date, local, sentence_text in orphans:
            if len(groups) == 1 and _same_time(date, next(iter(groups.values()))[1]):
                [(actors, _when)] = groups.values()
                raw.actors = [a.model_copy(update={"resolved_by": "coref:claimed"}) for a in actors]
            event = self._event(document, cleaned, sent, raw, date, local, sentence_text, doc_contexts, home)
            if event is not None and event.confidence >= self.settings.min_confidence:
                out.append(event)
        return out

    def _register_people(self, sdoc: Doc, resolver: ActorResolver, index: MentionIndex, base: int) -> None:
        """Every named person of a parsed sentence goes into the registry (later 'she', 'Qian')."""
        for ent in sdoc.ents:
            # one-word "persons" are often not people ("COVID"); they are kept only if known
            if ent.label_ == "PERSON" and (len(ent) > 1 or self.kb.persons_named(ent.text)):
                resolver.resolve(ent.root, index, base)

    def _event(self, document: Document, cleaned: CleanText, sent: SentenceSpan, raw: RawEvent,
               date: DateValue, mentions: list[Mention], sentence_text: str,
               doc_contexts: set[str], home: str | None = None) -> Event | None:
        """The event record of a raw event, or None when no actor has a code: PLOVER codes who
        acted, and an unknown person or a quoted analyst is not a political actor we can code.
        ``home`` is the country the document is about (for arrests whose makers go unnamed)."""
        o_start, o_end = cleaned.to_original(sent.start, sent.end)
        t_start = sent.start + raw.trigger.idx
        t_end = t_start + len(raw.trigger)
        ot_start, ot_end = cleaned.to_original(t_start, t_end)
        evidence = Evidence(sentence=document.text[o_start:o_end], start=o_start, end=o_end,
                            trigger=raw.trigger.text, trigger_start=ot_start, trigger_end=ot_end)
        place = locate(raw.place_tokens, mentions, sentence_text, self.kb, raw.type, raw.mode,
                       raw.actors, raw.recipients, attribution_spans(raw.trigger.sent) + asides(raw.trigger),
                       trigger=raw.trigger)
        if place is not None and place.country:
            raw = self._localise(raw, place.country, stated=place.resolution in ("sentence", "sentence-any"))
        _domestic_counterpart(raw)
        if home:
            _at_home(raw, home)
        unattributed = False
        if not any(a.country or a.sector or a.org for a in raw.actors):
            stated = place.country if place is not None and place.resolution in ("sentence", "sentence-any") \
                else None
            country = stated or home
            if not country or not _unattributed(raw, country, self.lexicon.classes.get("UNNAMED_DOER", set()),
                                                stated=stated is not None):
                return None
            unattributed = True
        confidence = raw.weight * (0.8 if unattributed else 1.0)
        if not raw.recipients:
            confidence *= 0.85
        if any((a.resolved_by or "").startswith("coref") for a in raw.actors + raw.recipients):
            confidence *= 0.9
        if date.resolution in ("publication", "none") and document.published:
            # no date in or before the sentence: told as news or as undated background (or background told
            # as before or after another act: no date at all). On the judged real news (docs/pipeline.md)
            # 43 % of such events were accepted against 65 % of the dated ones
            confidence *= 0.85
        ident = hashlib.sha1(f"{document.id}|{raw.type}|{ot_start}|{raw.rule}".encode()).hexdigest()[:16]
        return Event(
            id=ident, doc_id=document.id, event_type=raw.type, event_mode=raw.mode,
            actors=[_transnational(self._to_original(a, cleaned)) for a in raw.actors],
            recipients=[_transnational(self._to_original(a, cleaned)) for a in raw.recipients],
            date=date, location=place, directed=_directed(raw),
            modality=raw.modality,  # type: ignore[arg-type]
            contexts=ctx.event_contexts(sentence_text, doc_contexts),
            confidence=round(min(confidence, 0.99), 3), evidence=[evidence], stage="rules", rule=raw.rule,
        )

    def _localise(self, raw: RawEvent, country: str, stated: bool) -> RawEvent:
        """Where the text leaves it open: a people or group without a country belongs to the place
        the sentence names for the event, and a protest with no target is addressed to the
        government of the country where it happens."""
        away = _away(raw.type, raw.mode)
        for actor in raw.actors + raw.recipients:
            if stated and not away and actor.country is None and actor.org is None \
                    and actor.sector in NONSTATE_LOCAL:
                actor.country = country
        if raw.type == "PROTEST" and not raw.recipients and (stated or any(a.country == country
                                                                             for a in raw.actors)) \
                and not any(a.country == country and a.sector == "GOV" for a in raw.actors):
            # (a government that boycotts a hearing does not protest against itself)
            raw.recipients = [government_of(self.kb, country, "location")]
        return raw

    @staticmethod
    def _to_original(actor: Actor, cleaned: CleanText) -> Actor:
        if actor.start is None or actor.end is None:
            return actor
        start, end = cleaned.to_original(actor.start, actor.end)
        return actor.model_copy(update={"start": start, "end": end})

    def _org_family(self, code: str) -> set[str]:
        out = {code}
        entry = self.kb.organization(code)
        while entry is not None and entry.parent and entry.parent not in out:
            out.add(entry.parent)
            entry = self.kb.organization(entry.parent)
        return out


NONSTATE_LOCAL = {"CVL", "REB", "OPP", "UAF", "REF", "CRM", "LAB", "EDU", "REL", "JRN", "MED", "BUS", "AGR"}
# a state's police and courts act at home; so does a government when it coerces or gives in
DOMESTIC_SECTORS = {"COP", "JUD"}
DOMESTIC_GOV_TYPES = {"COERCE", "CONCEDE", "PROTEST"}  # (people protest against their own state)


# "are scheduled to meet on Tuesday", "is due to arrive on Friday": an act to come, as with "will"
SCHEDULED = APPOINTMENT_HEADS | {"expect", "plan", "prepare", "intend"}


def _event_date(raw: RawEvent, date: DateValue, published: str | None) -> DateValue:
    """The date of one event: its act's (:func:`_act_date`), except that a promise or a threat ("will
    meet on Friday") is made when it is reported; the day named is that of the act to come."""
    when = _act_date(raw, date, published)
    if raw.type in ("AGREE", "THREATEN") and published and when.value and when.value[:1].isdigit() \
            and when.value[:10] > published:
        return resolve_date([], published)
    verb = _clause_verb(raw.trigger)
    if raw.type in ("AGREE", "THREATEN") and published and when.resolution in ("relative", "partial") and when.text \
            and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would", "'d"} for c in verb.children) \
            and when.text in raw.trigger.doc.text[verb.left_edge.idx:verb.right_edge.idx + len(verb.right_edge)] \
            and not _said_when(verb, when.text):
        # "will complete the withdrawal by September": the month of the act to come, read as the last
        # one; the promise is made when it is reported (but "will support X, the president said on
        # Tuesday": the saying's day)
        return resolve_date([], published)
    return when


def _said_when(verb: Token, text: str) -> bool:
    """Does the date ``text`` hang on a saying verb below ``verb`` ("will provide aid ..., the agency
    said on Monday")?"""
    first = text.split()[0]
    for tok in verb.subtree:
        if tok.text == first:
            for anc in tok.ancestors:
                if anc.i == verb.i:
                    break
                if lemma(anc) in SAY_VERBS:
                    return True
    return False


def _act_date(raw: RawEvent, date: DateValue, published: str | None) -> DateValue:
    """The sentence's date, unless it belongs to another clause of the sentence: an act in a
    participle or relative clause ("a court on Monday heard the case of a blogger detained over his
    posts") takes only a date of the phrase it modifies, not the main verb's, and an act in the present perfect ("groups have
    condemned") is news of now, not of the date the sentence before named. Then the publication date."""
    if (named := named_date(raw.trigger, published)) is not None:
        return named
    if (when := when_date(raw.trigger, published)) is not None:
        return when  # "since 2014, when the army moved into the north": that year's act
    verb = _clause_verb(raw.trigger)
    if date.resolution == "context" and _present_perfect(verb):
        return resolve_date([], published)
    if date.resolution in ("explicit", "relative", "partial") and (own := clause_date(raw.trigger, published)) \
            is not None and not (raw.trigger.dep_ in ("acl", "relcl") and own.resolution == "publication"):
        return own  # the sentence's date belongs to a relative clause the act is not in
    clause = raw.trigger.doc.text[verb.left_edge.idx:verb.right_edge.idx + len(verb.right_edge)]
    if date.resolution in ("explicit", "relative", "partial") and date.text and verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("before", "since") for c in verb.children) and date.text not in clause:
        return DateValue()  # "... today, years after Russia invaded": the main clause's day is not the invasion's
    shifts = [c for c in verb.children if c.dep_ in ("advmod", "npadvmod") and c.lower_ in ("later", "earlier", "previously")]
    if shifts and not (date.text and date.text in clause) and (date.resolution == "publication" or any(
            g.lemma_.lower() in ("month", "year", "decade", "week") for c in shifts for g in c.children)):
        # "a court later sentenced him" with no day before it, "months later, the army invaded": a day the
        # story does not give (but "met on June 5 ... later praised": that day's, as the context says)
        return DateValue()
    phrase = list(raw.trigger.head.subtree)  # (the noun a participle or relative clause modifies, with it)
    in_phrase = bool(date.text) and date.text in raw.trigger.doc.text[phrase[0].idx:phrase[-1].idx + len(phrase[-1])]
    if raw.trigger.dep_ == "acl" and raw.trigger.tag_ == "VBN" and raw.trigger.i > raw.trigger.head.i and not in_phrase:
        return DateValue()  # "heard the appeal of a blogger detained for her posts": a detention before, undated
    if date.resolution == "relative" and (any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
                                          or any(a.dep_ == "xcomp" and a.head.lemma_.lower() in SCHEDULED
                                                 for a in [raw.trigger, *raw.trigger.ancestors])) \
            and not dates_past_act(raw.trigger.sent, date.text) \
            and (ahead := forward_weekday(date.text, published)) is not None:
        return ahead  # "on Tuesday, the envoys will meet": the coming Tuesday, not the last one
    if date.resolution in ("explicit", "relative", "partial") and date.text and raw.trigger.dep_ in ("acl", "relcl") \
            and not in_phrase:
        # (the noun the clause modifies may carry it: "the February 2020 pact the US negotiated")
        return resolve_date([], published)
    return date


def _original_start(cleaned: CleanText, sent: SentenceSpan) -> int:
    """Where a sentence of the clean text starts in the original text (where evidence offsets point)."""
    return cleaned.to_original(sent.start, sent.end)[0]


def _told_without_doer(raw: RawEvent) -> bool:
    """An attack told in the passive or as something suffered ("eight soldiers were killed", "the
    convoy came under fire"), no doer named, on people who are not themselves fighters (fighters
    killed are the forces' doing, not the claimant's)."""
    if any(a.country or a.org for a in raw.actors) or not raw.recipients:
        return False
    if any(r.sector in ("REB", "UAF") or (r.resolved_by or "").startswith("coref:pronoun") for r in raw.recipients):
        return False
    verb = raw.trigger if raw.trigger.pos_ in ("VERB", "AUX") else raw.trigger.head.head
    return is_passive(raw.trigger) or is_passive(verb) or (raw.trigger.dep_ == "pobj" and raw.trigger.head.lower_ == "under")


def _same_time(a: DateValue, b: DateValue) -> bool:
    """Dates that may be one, as dedup compares them, except that an unstated date stands for the
    publication's month ("in 2009" is not this week's attack)."""
    def month(d: DateValue) -> DateValue:
        if d.resolution != "publication" or not d.value:
            return d
        return d.model_copy(update={"value": d.value[:7], "resolution": "relative"})
    return dates_compatible(month(a), month(b))


def _unattributed(raw: RawEvent, country: str, weapons: set[str], stated: bool = True) -> bool:
    """An act whose doer the sentence does not name: "a bomb killed three soldiers near Kandahar"
    (the codebook's unidentified armed actor, UAF, of the country the sentence names) and "a
    journalist was arrested" (the authorities of the country the sentence names or, when it names
    none (``stated`` False), of the country the story is about). Only for violence the sentence pins
    on a weapon or unnamed gunmen (``weapons``: "killed in an airstrike" or "in a battle with police"
    has a doer the story names), against people who are not themselves fighters, and for arrests
    and seizures; True when an actor was set."""
    if raw.type == "PROTEST" and not raw.actors and raw.trigger.pos_ == "NOUN" \
            and raw.trigger.dep_ in ("nsubj", "nsubjpass"):
        # "protests erupted in Tehran": people of the country the sentence names (or the story is about)
        raw.actors = [Actor(text="protesters", name="protesters", country=country, sector="CVL", kind="group",
                            resolved_by="location:unattributed")]
        return True
    if not raw.recipients or raw.actors and any(a.kind == "person" for a in raw.actors):
        return False
    if not stated and not ((raw.trigger.tag_ == "VBN" and any(
            c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in raw.trigger.children)
            or raw.trigger.pos_ == "NOUN" and raw.type in ("COERCE", "ACCUSE"))
            and any(r.country or r.sector for r in raw.recipients)):
        return False  # the story's country only for a reported arrest of someone known: "X was arrested",
        # "the arrest of X"
    if raw.type == "ASSAULT":
        if not stated:
            return False
        if any(r.sector in ("REB", "UAF", "MIL") and not r.country for r in raw.recipients) \
                or all(r.sector in ("REB", "UAF") for r in raw.recipients):
            return False  # fighters killed: by the forces the story is about, not by persons unknown
        if not any(t.lemma_.lower() in weapons or t.lower_ in weapons for t in raw.trigger.sent):
            return False
        raw.actors = [Actor(text="unidentified attackers", name="unidentified attackers", country=country,
                            sector="UAF", kind="group", resolved_by="location:unattributed")]
        return True
    if raw.type == "ACCUSE" and lemma(raw.trigger) in ("trial", "indictment") or raw.type == "SANCTION" \
            and raw.mode == "convict" and raw.trigger.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in raw.trigger.children):
        # "the trial of two soldiers opened in Paris", "the reporter was jailed for two months": by the court of
        # the country the sentence names
        raw.actors = [Actor(text="court", name="court", country=country, sector="JUD", kind="group",
                            resolved_by="location:unattributed")]
        return True
    if raw.type == "ACCUSE" and lemma(raw.trigger) in ("charge", "indict", "prosecute") \
            and raw.trigger.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in raw.trigger.children):
        # "the journalist was charged with incitement": by the prosecutors of the country the sentence names
        raw.actors = [Actor(text="prosecutors", name="prosecutors", country=country, sector="JUD",
                            kind="group", resolved_by="location:unattributed")]
        return True
    if raw.type == "RETREAT" and raw.mode == "release" and raw.trigger.tag_ == "VBN" and any(
            p.lower_ in ("from", "on") and any(o.lemma_.lower() in CUSTODY | {"bail", "parole"} for o in p.children)
            for p in raw.trigger.children if p.dep_ == "prep"):
        # "the journalist was freed from prison", "released on bail": by the authorities that held him (not
        # hostages freed by captors, whom the story would name)
        raw.actors = [Actor(text="authorities", name="authorities", country=country, sector="GOV",
                            kind="state", resolved_by="location:unattributed")]
        return True
    if raw.type == "COERCE" and raw.mode in ("arrest", "seize"):  # (a deportation names where to)
        raw.actors = [Actor(text="authorities", name="authorities", country=country, sector="GOV",
                            kind="state", resolved_by="location:unattributed")]
        return True
    return False


HOME_SECTORS = NONSTATE_LOCAL | {"OPP", "LEG", "COP", "JUD"}
_LOCAL_NGO = re.compile(r"\b(?:rights (?:groups?|organi[sz]ations?|activists?)|civil society|local)\b", re.IGNORECASE)


def _away(etype: str, mode: str | None) -> bool:
    """An event whose place says nothing about whose its participants are: the venue of a meeting
    ("the insurgents" at talks in Doha are not Qatar's) or where people are sent (deportees flown to
    Honduras are not Honduras's)."""
    return etype == "CONSULT" or (etype == "COERCE" and mode in ("deport", "expel"))


def _at_home(raw: RawEvent, home: str) -> None:
    """What a story leaves without a country belongs to the country the story is about: "opposition
    parties", "armed men", "striking workers" in a story about Pakistan are Pakistan's
    (``resolved_by: location:home``); bare state roles ("the government") get it when resolved. Not
    the venue of a meeting or the destination of deportees, not soldiers (often foreign)."""
    if _away(raw.type, raw.mode) and not (raw.type == "CONSULT" and {
            a.country for a in raw.actors + raw.recipients if a.country and a.kind != "unknown"} == {home}):
        # (but "local elders met government officials", the government the story's own, meet at home)
        return
    _actors_at_home(raw.actors, home)  # (recipients keep what the sentence says: they decide which reports merge)


def _actors_at_home(actors: list[Actor], home: str) -> None:
    """Give the story's country to the groups among ``actors`` that :func:`_at_home` describes."""
    for actor in actors:
        if actor.country is not None or actor.org is not None or actor.kind not in ("group", "unknown"):
            continue
        if actor.sector in HOME_SECTORS or actor.sector == "NGO" and _LOCAL_NGO.search(actor.text) and not (
                set(actor.text.lower().split()) & (FOREIGN_WORDS | {"global", "world", "press"})):
            # ("immigrants' rights groups" in a story about a country are its own; "international rights
            # groups", press freedom groups and aid agencies often are not)
            actor.country = home
            actor.resolved_by = "location:home"


# the sentence (0-based) from which an undated act in the present perfect is background, not news: a
# story's lead tells its news in the present perfect ("Peru has recalled its ambassador"), later
# paragraphs its background ("Brussels has banned the export of some drones")
BACKGROUND_FROM = 4


def _clause_verb(trigger: Token) -> Token:
    """The verb whose tense and auxiliaries the trigger's act has: the trigger itself, the verb of a
    nominal trigger, the first of coordinated participles ("have condemned ... and urged")."""
    # (a noun's verb, through any preposition: "will join Waltz for the talks")
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), trigger.head)
    while verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head
    return verb


def _present_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)


def _standing_charge(trigger: Token) -> bool:
    """Is the trigger an accusation in the simple present ("the group accuses Islamabad of plundering
    the province", "critics blame the army for ...")? Deep in a story, by a group or a state, a standing
    grievance, not news (a person's, "the ambassador accuses Kenya of ...", is told as news)."""
    # (not what a quotation says now: '"The embassy condemns the attack," it said')
    return trigger.tag_ in ("VBZ", "VBP") and trigger.dep_ in ("ROOT", "conj") \
        and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children) \
        and not any(t.text in QUOTE_MARKS for t in trigger.sent)


def _background_perfect(trigger: Token) -> bool:
    """Is the trigger's clause in the present perfect ("has barred", "have accused"), without "also"
    (which ties it to the news: "the UN has also urged")?"""
    verb = _clause_verb(trigger)
    return _present_perfect(verb) and not any(
        c.lower_ in ("also", "now", "just", "today") for c in verb.children if c.dep_ == "advmod")


def _people_of_the_place(event: Event) -> None:
    """After merging: civilians with no country hit beside a place ("shelled Kharkiv, killing three
    civilians") are that place's people, when the recipients name places of one country only."""
    places = {r.country for r in event.recipients if r.country and r.resolved_by in (
        "lexicon:city", "lexicon:place", "lexicon:population")}
    if len(places) != 1:
        return
    for r in event.recipients:
        if r.country is None and r.org is None and r.sector == "CVL":
            r.country = next(iter(places))
            r.resolved_by = "location:co-recipient"


def _recipients_at_home(event: Event, home: str | None) -> None:
    """After merging (recipients decide which reports merge): a group the event is done to that the
    story leaves without a country ("33 militants", "affected people", "passengers") is of the
    country the story is about -- unless the event happens somewhere else, or is a meeting or a
    deportation (whose place says nothing about whose they are); so is a person the story's own
    courts, police, government or parties arrest, convict, charge, expel or free."""
    if not home or _away(event.event_type, event.event_mode):
        return
    if event.location is not None and event.location.country and event.location.country != home:
        return
    # a person the story's own courts, police or government act on ("a court sentenced the mayor") is of its country
    domestic = event.event_type in ("COERCE", "SANCTION", "ACCUSE", "RETREAT") and bool(event.actors) and all(
        a.country == home and a.sector in ("GOV", "JUD", "COP", "LEG", "MIL", "PTY") for a in event.actors)
    # (but an international official a government bars is of no country: "barred the UN rapporteur")
    for r in event.recipients:
        if r.country is None and r.org is None and (
                r.kind == "group" and r.sector in NONSTATE_LOCAL or r.kind == "person" and domestic and r.sector != "IGO"):
            r.country = home
            r.resolved_by = "location:home"


_SPORT_CUES = re.compile(
    r"\b(?:cup|match|matches|tournament|championship|league|striker|midfielder|goalkeeper|coach|final whistle|"
    r"semi-?finals?|quarter-?finals?|grand slam|olympics?|title|tries|hat-trick|innings|wickets?|medals?|stadium|"
    r"fans|scored|scoring|goals?|penalty|sets|defender|captain|team|squad|kick-off|half-time|podium|final|"
    r"champions?|seeded|tennis|football|soccer|rugby|cricket|basketball|athletics|marathon|baseline)\b", re.IGNORECASE)
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?!-)")


def sports_story(text: str) -> bool:
    """Is this a sports report (a score and the words of a match)? There "Senegal beat Cameroon" and
    "Fiji crushed Samoa" name teams: no event is coded with a country alone as its actor."""
    cues = {m.group(0).lower() for m in _SPORT_CUES.finditer(text)}
    return len(cues) >= 2 and bool(_SCORE.search(text))  # (a story about politics at a match has no score)


def _transnational(actor: Actor) -> Actor:
    """An armed group of no one country (al-Qaeda, the Islamic State) and its members carry PLOVER's
    non-state code IMG (international militant group) as country, as the PLOVER gold standard codes them."""
    if actor.country is None and actor.org and actor.sector in ("REB", "UAF"):
        return actor.model_copy(update={"country": "IMG"})
    return actor


def _domestic_counterpart(raw: RawEvent) -> None:
    """A group with no country ("demonstrators", "the rebels") facing one state's police or courts
    (or its government arresting, banning, giving in) is that state's: police disperse their own
    country's crowds. Only when every coded counterpart belongs to that one country, and not for a
    deportation (those a state deports are mostly not its own)."""
    if raw.type == "COERCE" and raw.mode == "deport":
        return
    for side, other in ((raw.actors, raw.recipients), (raw.recipients, raw.actors)):
        countries = {a.country for a in other if a.country}
        if len(countries) != 1 or not any(
                a.sector in DOMESTIC_SECTORS or (a.sector == "GOV" and raw.type in DOMESTIC_GOV_TYPES)
                for a in other if a.country):
            continue
        for actor in side:
            if actor.country is None and actor.org is None and actor.sector in NONSTATE_LOCAL:
                actor.country = next(iter(countries))


# words that can start a date expression: a sentence without one needs no DATE entities
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|\b(?:yesterday|today|tomorrow|tonight|ago|week|weekend|month|year|decade|century|earlier|later|morning"
    r"|afternoon|evening|night|dawn|noon|midnight|spring|summer|autumn|fall|winter)s?\b|\b(?:1[89]|20)\d\d\b",
    re.IGNORECASE)
_CHUNK = 64  # sentences parsed between two looks at the clock


@contextmanager
def _hard_limit(seconds: float, document: Document) -> Iterator[None]:
    """A timer signal that interrupts extraction stuck inside one sentence (main thread only: the
    CLI and worker processes; threads rely on the checks between sentences)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitError(f"still being coded after {seconds:g} s (max_seconds); the document was given up",
                             source=document.source or document.id)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
_WORKER_CODER: Coder | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_CODER
    _WORKER_CODER = Coder(settings)


def _code_in_worker(batch: list[Document]) -> list[DocumentResult]:
    assert _WORKER_CODER is not None
    return list(_WORKER_CODER._code_batch(batch))


# a run of two or more capitalised words: a full name ("Tomas Varga", "Ana B. Costa")
_NAME_RUN = re.compile(r"\b[A-Z][a-z'\u2019-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z'\u2019-]+)+\b")
_PERSONAL = re.compile(r"\b(?:" + "|".join(sorted(PRONOUNS_PERSON)) + r")\b", re.IGNORECASE)


def _introductions(text: str, sentences: list[SentenceSpan], candidates: set[int], mentions: list[Mention],
                   max_chars: int) -> set[int]:
    """Sentences (with or without a trigger) that introduce someone by full name whose surname a later
    candidate sentence repeats, or who a personal pronoun of one of the next two may stand for:
    "Tomas Varga, a former interior minister, lives in Vienna. ... The EU sanctioned Varga" -- the
    later "Varga" is the former minister only if the first sentence is read (parsed, its people
    registered). The earliest such sentence per surname; a
    name the knowledge tables know as something else than a person ("New Delhi") introduces no
    one. A string test before any parse: the sentences it keeps are parsed with the candidates and
    kept when the parse shows no trigger."""
    others = [(m.start, m.end) for m in mentions if not any(e.kind == "person" for e in m.entries)]
    later = sorted(candidates)
    seen: set[str] = set()
    out: set[int] = set()
    for i, sent in enumerate(sentences):
        if not later or i >= later[-1]:
            break
        if sent.end - sent.start > max_chars:
            continue
        for run in _NAME_RUN.finditer(text, sent.start, sent.end):
            surname = run.group().split()[-1]
            if any(a < run.end() and run.end() - len(surname) < b for a, b in others):
                continue  # (the name, not a title in front of it: "President Jovenel Moise")
            if surname in seen:
                continue
            seen.add(surname)
            said = re.compile(rf"\b{re.escape(surname)}\b")
            if any(j > i and (said.search(text, sentences[j].start, sentences[j].end)
                              or j - i <= 2 and _PERSONAL.search(text, sentences[j].start, sentences[j].end))
                   for j in later):
                out.add(i)
    return out


def _person_words(sdoc: Doc, mentions: list[Mention]) -> set[str]:
    """The proper nouns of a sentence (lower case) that may name a person: outside the known
    phrases, or inside one that can stand for a person."""
    known = [(m.start, m.end) for m in mentions if not any(e.kind == "person" for e in m.entries)]
    return {t.lower_ for t in sdoc if t.pos_ == "PROPN" and not any(a <= t.idx < b for a, b in known)}


_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)


def _month_of_date(tok: Token) -> bool:
    """"May" in "in May 2017" or "on May 4" is a month, not Theresa May."""
    doc = tok.doc
    return tok.lower_ in _MONTHS and any(0 <= j < len(doc) and doc[j].like_num for j in (tok.i - 1, tok.i + 1))


def _unknown_name_runs(sdoc: Doc, mentions: list[Mention]) -> list[Span]:
    """Maximal runs of proper nouns outside the known phrases, as PERSON spans: where NER may
    find a person the knowledge tables do not name."""
    known = [(m.start, m.end) for m in mentions]
    runs: list[Span] = []
    start = None
    for tok in sdoc:
        name = tok.pos_ == "PROPN" and not any(a <= tok.idx < b for a, b in known) and not _month_of_date(tok)
        if name and start is None:
            start = tok.i
        elif not name and start is not None:
            runs.append(Span(sdoc, start, tok.i, label="PERSON"))
            start = None
    if start is not None:
        runs.append(Span(sdoc, start, len(sdoc), label="PERSON"))
    return runs


def _directed(raw: RawEvent) -> bool:
    """Reciprocal events (meetings, cooperation, mutual agreements, joint signings) have no direction; a
    promise is directed when it names whom it is made to, whatever frame it came from ("will hold
    meetings with Y" as much as "will travel to Y")."""
    if raw.type == "AGREE":
        return bool(raw.recipients)
    return not (raw.frame == "meet" or raw.type in ("CONSULT", "COOPERATE"))


def document_registry(p: _Prepared) -> ActorRegistry:
    """A document's empty actor registry, with its main country, text and named organisations."""
    registry = ActorRegistry(p.home, p.clean.text)
    registry.organizations = [m for m in p.mentions if any(e.kind == "org" for e in m.entries)]
    registry.people = [m for m in p.mentions if any(e.kind == "person" for e in m.entries)]
    return registry


def sentence_mentions(mentions: list[Mention], sent: SentenceSpan) -> list[Mention]:
    """The document's known-phrase mentions inside one sentence, in the sentence's offsets
    (``mentions`` sorted by start, as ``Knowledge.find`` returns them: a bisect, not a scan)."""
    lo = bisect_left(mentions, sent.start, key=lambda m: m.start)
    hi = bisect_left(mentions, sent.end, lo=lo, key=lambda m: m.start)
    return [Mention(m.start - sent.start, m.end - sent.start, m.text, m.entries)
            for m in mentions[lo:hi] if m.end <= sent.end]


def _message(document: Document, err: BaseException) -> str:
    if isinstance(err, EventcoderError):
        return str(err)
    return f"{document.source or document.id}: {type(err).__name__}: {err}"

"""The pipeline: documents in, coded events out — every stage, per-document error handling.

    coder = Coder(Settings.from_env())
    for result in coder.code(documents):      # DocumentResult per document, in input order
        ...

Per batch of documents: clean → split sentences → find known phrases (countries, organisations,
roles, places, leaders) → keep the sentences that can hold an event → parse those with spaCy in
one ``nlp.pipe`` call → per document, in sentence order: actors (with coreference), events,
dates, places, contexts → merge reports of one event → filter by modality and confidence.

A document that fails at any stage yields a ``DocumentResult`` with ``error`` set; the batch goes on.
"""

from __future__ import annotations

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

from spacy.tokens import Doc

from .clean import clean
from .config import Settings
from .dedup import merge_within_document
from .errors import EventcoderError, TimeLimitError, TooLargeError
from .extract import contexts as ctx
from .extract.actors import ActorRegistry, ActorResolver, MentionIndex, dominant_country
from .extract.dates import resolve_sentence_date
from .extract.events import EventExtractor, RawEvent, is_candidate, load_lexicon
from .extract.places import attribution_spans, locate
from .knowledge import Knowledge, Mention, load_knowledge
from .models import Actor, CleanText, DateValue, Document, DocumentResult, Event, Evidence
from .nlp import SentenceSpan, add_entities, parse, split_sentences


@dataclass
class _Prepared:
    """A document between the cheap stages and the parse."""

    document: Document
    clean: CleanText
    sentences: list[SentenceSpan]
    mentions: list[Mention]
    candidates: list[int]  # indexes into sentences
    parsed: dict[int, Doc] = field(default_factory=dict)
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
    def _prepare(self, document: Document) -> _Prepared:
        started = time.perf_counter()
        if len(document.text.encode("utf-8", "surrogatepass")) > self.settings.max_bytes:
            raise TooLargeError(f"document is larger than max_bytes={self.settings.max_bytes}",
                                source=document.source or document.id)
        cleaned = clean(document.text)
        sentences = split_sentences(cleaned.text)
        mentions = self.kb.find(cleaned.text)
        candidates = [
            i for i, s in enumerate(sentences)
            if s.end - s.start <= self.settings.max_sentence_chars
            and is_candidate(cleaned.text[s.start:s.end], self.lexicon)
        ]
        return _Prepared(document, cleaned, sentences, mentions, candidates, started=started)

    def _code_batch(self, batch: list[Document]) -> Iterator[DocumentResult]:
        prepared: list[_Prepared | DocumentResult] = []
        for document in batch:
            try:
                prepared.append(self._prepare(document))
            except Exception as err:  # noqa: BLE001 — one bad document never stops a batch
                prepared.append(DocumentResult(document=document, error=_message(document, err)))
        jobs = [(p, i) for p in prepared if isinstance(p, _Prepared) for i in p.candidates]
        parsed = self._parse_within_limits(jobs, prepared)
        # named entities (dates, people) only where a trigger rule really matches, and only when
        # the sentence has a date word or a name the knowledge tables do not know
        keep = [k for k, sdoc in enumerate(parsed) if sdoc is not None and self._screen.has_trigger(sdoc)]
        named = [k for k in keep if self._needs_entities(jobs[k][0], jobs[k][1], parsed[k])]
        for k, sdoc in zip(named, add_entities((parsed[k] for k in named), self.settings.model), strict=True):
            parsed[k] = sdoc
        for k in keep:
            p, i = jobs[k]
            if parsed[k] is not None:
                p.parsed[i] = parsed[k]
        for p in prepared:
            if isinstance(p, _Prepared):
                p.candidates = [i for i in p.candidates if i in p.parsed]
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

    @staticmethod
    def _needs_entities(p: _Prepared, i: int, sdoc: Doc) -> bool:
        if _DATE_WORD.search(sdoc.text):
            return True
        known = [(m.start, m.end) for m in sentence_mentions(p.mentions, p.sentences[i])]
        return any(t.pos_ == "PROPN" and not any(a <= t.idx < b for a, b in known) for t in sdoc)

    def _extract(self, p: _Prepared) -> list[Event]:
        document, cleaned = p.document, p.clean
        year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
        registry = ActorRegistry(dominant_country(p.mentions))
        resolver = ActorResolver(self.kb, registry, year)
        extractor = EventExtractor(self.lexicon, resolver)
        doc_contexts = ctx.document_contexts(cleaned.text)
        events: list[Event] = []
        extract_started = time.perf_counter()
        dated_at = -10  # index of the last sentence that stated a date
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
            date = resolve_sentence_date(sdoc[:], document.published)
            if date.resolution in ("explicit", "relative", "partial"):
                last_date[sent.paragraph] = last_date[-1] = date
                dated_at = i
            else:
                # no date in the sentence: the date of the sentence just before it in its paragraph
                # (with a publication date to fall back on) or the last one of the document (without)
                if document.published:
                    inherited = last_date.get(sent.paragraph) if i - dated_at <= 1 else None
                else:
                    inherited = last_date.get(-1)
                if inherited is not None:
                    date = inherited.model_copy(update={"resolution": "context"})
            sentence_text = cleaned.text[sent.start:sent.end]
            for raw in raw_events:
                if raw.modality != "asserted" and not self.settings.include_modal:
                    continue
                if not any(a.country or a.sector or a.org for a in raw.actors):
                    # PLOVER codes who acted: an event whose actor has no code (an unknown
                    # person, an analyst quoted) is not a political event we can code
                    continue
                event = self._event(document, cleaned, sent, raw, date, local, sentence_text, doc_contexts)
                if event.confidence >= self.settings.min_confidence:
                    events.append(event)
        return merge_within_document(events, self._org_family)

    def _register_people(self, sdoc: Doc, resolver: ActorResolver, index: MentionIndex, base: int) -> None:
        """Every named person of a parsed sentence goes into the registry (later 'she', 'Qian')."""
        for ent in sdoc.ents:
            # one-word "persons" are often not people ("COVID"); they are kept only if known
            if ent.label_ == "PERSON" and (len(ent) > 1 or self.kb.persons_named(ent.text)):
                resolver.resolve(ent.root, index, base)

    def _event(self, document: Document, cleaned: CleanText, sent: SentenceSpan, raw: RawEvent,
               date: DateValue, mentions: list[Mention], sentence_text: str,
               doc_contexts: set[str]) -> Event:
        o_start, o_end = cleaned.to_original(sent.start, sent.end)
        t_start = sent.start + raw.trigger.idx
        t_end = t_start + len(raw.trigger)
        ot_start, ot_end = cleaned.to_original(t_start, t_end)
        evidence = Evidence(sentence=document.text[o_start:o_end], start=o_start, end=o_end,
                            trigger=raw.trigger.text, trigger_start=ot_start, trigger_end=ot_end)
        place = locate(raw.place_tokens, mentions, sentence_text, self.kb, raw.type, raw.mode,
                       raw.actors, raw.recipients, attribution_spans(raw.trigger.sent))
        if place is not None and place.country:
            raw = self._localise(raw, place.country, stated=place.resolution in ("sentence", "sentence-any"))
        confidence = raw.weight
        if not raw.recipients:
            confidence *= 0.85
        if any((a.resolved_by or "").startswith("coref") for a in raw.actors + raw.recipients):
            confidence *= 0.9
        ident = hashlib.sha1(f"{document.id}|{raw.type}|{ot_start}|{raw.rule}".encode()).hexdigest()[:16]
        return Event(
            id=ident, doc_id=document.id, event_type=raw.type, event_mode=raw.mode,
            actors=[self._to_original(a, cleaned) for a in raw.actors],
            recipients=[self._to_original(a, cleaned) for a in raw.recipients],
            date=date, location=place, directed=_directed(raw),
            modality=raw.modality,  # type: ignore[arg-type]
            contexts=ctx.event_contexts(sentence_text, doc_contexts),
            confidence=round(min(confidence, 0.99), 3), evidence=[evidence], stage="rules", rule=raw.rule,
        )

    def _localise(self, raw: RawEvent, country: str, stated: bool) -> RawEvent:
        """Where the text leaves it open: a people or group without a country belongs to the place
        the sentence names for the event, and a protest with no target is addressed to the
        government of the country where it happens."""
        for actor in raw.actors + raw.recipients:
            if stated and actor.country is None and actor.org is None and actor.sector in NONSTATE_LOCAL:
                actor.country = country
        if raw.type == "PROTEST" and not raw.recipients and (stated or any(a.country == country
                                                                             for a in raw.actors)):
            info = self.kb.country(country)
            raw.recipients = [Actor(text=info.name if info else country, name=info.name if info else country,
                                    country=country, sector="GOV", kind="state", resolved_by="location")]
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


NONSTATE_LOCAL = {"CVL", "REB", "OPP", "UAF", "REF", "CRM", "LAB", "EDU", "REL", "MED", "BUS"}


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


def _directed(raw: RawEvent) -> bool:
    """Reciprocal events (meetings, cooperation, mutual agreements, joint signings) have no direction."""
    if raw.frame == "meet" or raw.type in ("CONSULT", "COOPERATE"):
        return False
    return not (raw.type == "AGREE" and not raw.recipients)


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

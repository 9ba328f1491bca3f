"""The array-based sentence split gives exactly the boundaries of spaCy's sentencizer followed by the
two quote corrections and the run-in subheading split (the implementation it replaced, kept here as
the reference)."""

from __future__ import annotations

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventcoder.nlp import (
    _HEADING_ENDS,
    _OPENERS,
    _PARAGRAPH,
    _QUOTES,
    keep_title_abbreviations,
    split_sentences,
)

_REFERENCE = spacy.blank("en")
keep_title_abbreviations(_REFERENCE)  # (a tokenizer setting of eventcoder's, in both)
_REFERENCE.add_pipe("sentencizer")


def _reference_split(text: str) -> list[tuple[int, int, int]]:
    def fix_quotes(doc: Doc) -> None:
        for i in range(1, len(doc) - 1):
            tok, nxt = doc[i], doc[i + 1]
            if (tok.text in _QUOTES and nxt.is_sent_start and doc[i - 1].is_punct and tok.whitespace_ == ""
                    and doc[i - 1].whitespace_):
                tok.is_sent_start = True
                nxt.is_sent_start = False

    def end_quotes_on_initialisms(doc: Doc) -> None:
        for i in range(len(doc) - 2):
            tok, quote, nxt = doc[i], doc[i + 1], doc[i + 2]
            if (re.fullmatch(r"(?:[A-Z]\.){2,}", tok.text) and quote.text in _QUOTES and tok.whitespace_ == ""
                    and quote.whitespace_ and nxt.text[:1].isupper()):
                nxt.is_sent_start = True

    def split_run_in_headings(doc: Doc) -> None:
        # a short unpunctuated subheading run into the next sentence ("Coffee exports The harvest ...")
        found = []
        for i in (t.i for t in doc if t.is_sent_start and t.text[:1].isupper()):
            for j in range(i + 1, min(i + 6, len(doc) - 1)):
                if doc[j - 1].is_punct or not doc[j - 1].text.replace("-", "").isalpha():
                    break
                if doc[j].text in _OPENERS and doc[j + 1].text[:1].islower() \
                        and doc[j - 1].lower_ not in _HEADING_ENDS:
                    found.append(j)
                    break
        for j in found:
            doc[j].is_sent_start = True

    out = []
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    for number, ((base, para), doc) in enumerate(zip(paragraphs, _REFERENCE.pipe(p for _, p in paragraphs),
                                                     strict=True)):
        fix_quotes(doc)
        split_run_in_headings(doc)
        end_quotes_on_initialisms(doc)
        for sent in doc.sents:
            start, end = base + sent.start_char, base + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append((start, end, number))
    return out


def _ours(text: str) -> list[tuple[int, int, int]]:
    return [(s.start, s.end, s.paragraph) for s in split_sentences(text)]


TEXTS = [
    'The minister said: "We will not back down." Talks resume today. "Never," he added.',
    "He left. 'We stay,' she said.'Fine.' “Really?” ‘Yes.’ Done!",
    'Prices rose 2.5% in Jan. and fell in Feb.! Why? "Costs." (Officials disagree.) U.S.-led talks ended...',
    "Line one\n\n  Line two. Still two.\n\"Quoted line.\"\n   \n",
    '"Go," said Mr. Ali. "Now!" — and they went.  Twice.   "Three times."',
    "",
    "…and then? !! ?? ‼ Nothing.",
    "Mr.We a",  # (an abbreviation before an opener is no run-in heading)
]


def test_tricky_texts_split_as_before():
    for text in TEXTS:
        assert _ours(text) == _reference_split(text), text


_PIECES = st.sampled_from(['"', "“", "”", "'", "‘", "’", ".", "!", "?", "...", ",", " ", "  ", "\n", "Mr.",
                           "U.S.", "a", "We", "said", "(", ")", "—", ";", "?!", "\u00a0", "\t", "।", "。", "1.5",
                           "Lt.", "Col.", "Gen."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(["", " "])), max_size=40))
def test_any_mix_of_quotes_and_punctuation_splits_as_before(pieces):
    text = "".join(a + b for a, b in pieces)
    assert _ours(text) == _reference_split(text)


def test_abbreviated_military_and_civil_titles_do_not_end_a_sentence():
    from eventcoder.nlp import split_sentences
    text = ("Lt. Gen. Amadou Diallo resigned on Monday. Maj. Gen. Ruth Okello and Col. Idris Bako "
            "arrived in Juba. Capt. Lee said the ship was safe.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["Lt. Gen. Amadou Diallo resigned on Monday.",
                         "Maj. Gen. Ruth Okello and Col. Idris Bako arrived in Juba.",
                         "Capt. Lee said the ship was safe."]


def test_a_subheading_that_ran_into_the_next_sentence_is_split_off():
    text = ("Reserves fell again. Coffee exports The harvest in Huila has come with losses. "
            "Editors of The Times said so. In The Hague the court met.")
    found = [text[s.start:s.end] for s in split_sentences(text)]
    assert found == ["Reserves fell again.", "Coffee exports", "The harvest in Huila has come with losses.",
                     "Editors of The Times said so.", "In The Hague the court met."]


def test_a_run_in_subheading_names_a_topic_not_an_event(coder):
    events = coder.code_text("Tokyo tightened visas on Monday. Turkish demand The rules for Korean buyers "
                             "have changed.", published="2025-03-12").events
    assert not [e for e in events if e.event_type == "REQUEST"]


def test_a_quotation_closed_on_an_abbreviation_ends_the_sentence():
    text = 'He said the levy "will hurt farmers across the U.S." Trump also criticised the central bank.'
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        'He said the levy "will hurt farmers across the U.S."', "Trump also criticised the central bank."]
    # an abbreviation before an opening quote, or inside one, ends nothing
    for same in ('Officials in the U.S. "Trump" merchandise said so.', 'The "U.S." label Officials use.'):
        assert len(split_sentences(same)) == 1

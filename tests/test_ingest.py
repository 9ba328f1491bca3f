"""Tests for eventcoder.ingest: every input type, ids, dates and every bad-input case."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
from pathlib import Path

import pytest

from eventcoder.config import Settings
from eventcoder.errors import (
    BadJsonLineError,
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    MissingFieldError,
    NoArticleError,
    TooLargeError,
    UnsupportedInputError,
)
from eventcoder.ingest import find_dateline_date, iter_documents
from eventcoder.models import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def ingest(*inputs: str | Path, settings: Settings | None = None, stdin: io.TextIOBase | None = None) -> list:
    return list(iter_documents(list(inputs), settings=settings, stdin=stdin))


def only_doc(*inputs: str | Path, **kwargs) -> Document:
    [result] = ingest(*inputs, **kwargs)
    assert isinstance(result, Document), result
    return result


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- plain text


def test_text_file_is_one_document_with_hash_id_and_raw_text():
    path = FIXTURES / "dateline_story.txt"
    doc = only_doc(path)
    raw = path.read_text(encoding="utf-8")
    assert doc.text == raw  # as found, nothing trimmed
    assert doc.content_hash == sha1(raw)
    assert doc.id == sha1(raw)[:16]
    assert doc.source == str(path)
    assert doc.metadata["input_format"] == "text"


def test_hash_ids_are_stable_across_runs_and_copies(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes((FIXTURES / "dateline_story.txt").read_bytes())
    first = only_doc(FIXTURES / "dateline_story.txt")
    again = only_doc(FIXTURES / "dateline_story.txt")
    elsewhere = only_doc(copy)
    assert first.id == again.id == elsewhere.id
    assert elsewhere.source != first.source


def test_dateline_gives_the_publication_date():
    doc = only_doc(FIXTURES / "dateline_story.txt")
    assert doc.published == "2024-03-03"
    assert doc.metadata["published_source"] == "dateline"


def test_article_without_any_date_has_none():
    doc = only_doc(FIXTURES / "corpus" / "01_story.txt")
    assert doc.published is None
    assert "published_source" not in doc.metadata


def test_unknown_extension_named_explicitly_is_read_as_text():
    doc = only_doc(FIXTURES / "press_release.md")
    assert doc.text.startswith("# Statement by the spokesperson")


def test_cp1252_text_is_decoded_and_the_encoding_recorded():
    doc = only_doc(FIXTURES / "cp1252_story.txt")
    assert doc.metadata["encoding"] == "cp1252"
    assert "Chile\u2019s foreign minister" in doc.text
    assert "\u2014 the first visit" in doc.text
    assert "Jos\u00e9 Ram\u00f3n Valente" in doc.text


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfNepal and India signed a power trade agreement on Thursday.")
    doc = only_doc(path)
    assert doc.text.startswith("Nepal")
    assert "encoding" not in doc.metadata


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(
        codecs.BOM_UTF16_BE + "Uruguay recalled its ambassador to Venezuela.".encode("utf-16-be")
    )
    doc = only_doc(path)
    assert doc.text == "Uruguay recalled its ambassador to Venezuela."
    assert doc.metadata["encoding"] == "utf-16-be"


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("empty.txt", EmptyInputError, "empty"),
        ("whitespace.txt", EmptyInputError, "whitespace"),
        ("scan.txt", BinaryInputError, "binary"),
        ("gbk_story.txt", EncodingError, "UTF-8"),
        ("no_article.html", NoArticleError, "no article text"),
        ("missing.txt", UnsupportedInputError, "no such file"),
    ],
)
def test_bad_file_yields_one_error_naming_the_file(name, error, words):
    [result] = ingest(FIXTURES / name)
    assert isinstance(result, error)
    assert str(FIXTURES / name) in str(result)
    assert words in str(result)
    assert result.code in str(result)


def test_mostly_control_characters_is_binary(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 20 + b"some text")
    [result] = ingest(path)
    assert isinstance(result, BinaryInputError)
    assert "control characters" in str(result)


def test_file_over_max_bytes_is_refused_before_reading():
    path = FIXTURES / "dateline_story.txt"
    [result] = ingest(path, settings=Settings(max_bytes=100))
    assert isinstance(result, TooLargeError)
    assert str(path) in str(result)
    assert "100" in str(result)


def test_errors_are_yielded_and_the_batch_goes_on():
    results = ingest(FIXTURES / "empty.txt", FIXTURES / "missing.txt", FIXTURES / "dateline_story.txt")
    assert [type(r) for r in results] == [EmptyInputError, UnsupportedInputError, Document]
    assert all(isinstance(r, InputError) for r in results[:2])


# --------------------------------------------------------------------------- JSON Lines / JSON


def test_jsonl_good_and_bad_lines():
    path = FIXTURES / "stories.jsonl"
    results = ingest(path)
    kinds = [type(r).__name__ for r in results]
    assert kinds == [
        "Document",  # line 1
        "Document",  # line 3 (line 2 is blank and skipped)
        "BadJsonLineError",  # line 4: broken JSON
        "BadJsonLineError",  # line 5: a list, not an object
        "MissingFieldError",  # line 6: no text
        "Document",  # line 7: no id
        "MissingFieldError",  # line 8: whitespace text
        "Document",  # line 9: the rest still yields after the bad lines
    ]
    errors = {int(str(r.source).rsplit(":", 1)[1]): r for r in results if isinstance(r, InputError)}
    assert set(errors) == {4, 5, 6, 8}
    for lineno, err in errors.items():
        assert f"{path}:{lineno}: " in str(err)
    assert "not valid JSON" in str(errors[4])
    assert "not an object" in str(errors[5])
    assert "'text'" in str(errors[6])
    assert "empty" in str(errors[8])


def test_jsonl_record_fields_and_metadata():
    docs = [r for r in ingest(FIXTURES / "stories.jsonl") if isinstance(r, Document)]
    first = docs[0]
    assert first.id == "kh-001"
    assert first.source == f"{FIXTURES / 'stories.jsonl'}:1"
    assert first.title == "Cambodia, Thailand to open second Poipet checkpoint"
    assert first.url == "https://mekong-wire.example/kh-001"
    assert first.published == "2024-03-05"  # from "2024-03-05T10:00:00Z"
    assert first.metadata["section"] == "Asia"
    assert first.metadata["author"] == "Sokha Chea"
    assert first.content_hash == sha1(first.text)


def test_jsonl_unparsable_published_is_none_and_kept_in_metadata():
    docs = {d.id: d for d in ingest(FIXTURES / "stories.jsonl") if isinstance(d, Document)}
    assert docs["kh-002"].published is None
    assert docs["kh-002"].metadata["published_raw"] == "sometime last spring"


def test_jsonl_without_id_gets_hash_id_and_dateline_date():
    doc = [d for d in ingest(FIXTURES / "stories.jsonl") if isinstance(d, Document)][2]
    assert doc.id == sha1(doc.text)[:16]
    assert doc.published == "2024-04-08"
    assert doc.metadata["published_source"] == "dateline"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2025-03-14 20:30:26Z", "2025-03-14"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-01-31", "2024-01-31"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("yesterday", None),
        ("2024-13-45", None),
        ("", None),
    ],
)
def test_jsonl_published_normalisation(tmp_path, published, expected):
    path = tmp_path / "one.jsonl"
    record = {"id": "x1", "text": "Peru declared a state of emergency in Lima.", "published": published}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = only_doc(path)
    assert doc.published == expected


def test_jsonl_numeric_id_and_non_string_text(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": 4021, "text": "Chad closed its border with Sudan."})
        + "\n"
        + json.dumps({"id": "n2", "text": 42})
        + "\n",
        encoding="utf-8",
    )
    doc, err = ingest(path)
    assert doc.id == "4021"
    assert isinstance(err, MissingFieldError)
    assert f"{path}:2" in str(err) and "not a string" in str(err)


def test_jsonl_line_over_max_bytes_and_invalid_utf8_line(tmp_path):
    path = tmp_path / "big.jsonl"
    small = json.dumps({"id": "s", "text": "Niger expelled the French ambassador."})
    large = json.dumps({"id": "l", "text": "Mali " * 100})
    path.write_bytes((small + "\n" + large + "\n").encode() + b'{"id": "e", "text": "caf\xe9"}\n')
    results = ingest(path, settings=Settings(max_bytes=200))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], TooLargeError) and f"{path}:2" in str(results[1])
    assert isinstance(results[2], EncodingError) and f"{path}:3" in str(results[2])


def test_json_list_file():
    path = FIXTURES / "stories.json"
    docs = ingest(path)
    assert [d.id for d in docs] == ["ph-001", "ph-002"]
    assert docs[1].source == f"{path}:[1]"
    assert docs[1].metadata["tags"] == ["defence"]
    assert docs[0].published == "2024-03-24"


def test_json_file_that_is_not_a_list(tmp_path):
    path = tmp_path / "scalar.json"
    path.write_text('"just a string"', encoding="utf-8")
    [err] = ingest(path)
    assert isinstance(err, BadJsonLineError) and str(path) in str(err)


def test_large_jsonl_streams(tmp_path):
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(20_000):
            fh.write(json.dumps({"id": f"r{i}", "text": f"Record {i}: talks resumed in Doha."}) + "\n")
    stream = iter_documents([path])
    first = next(stream)
    assert first.id == "r0"
    assert sum(1 for _ in stream) == 19_999


# --------------------------------------------------------------------------- HTML


def test_html_main_text_title_date_url():
    doc = only_doc(FIXTURES / "article.html")
    assert doc.title == "Indonesia and Japan agree to expand maritime patrols"
    assert doc.url == "https://lakeside-daily.example/world/asia/indonesia-japan-patrols"
    assert doc.published == "2024-03-05"
    assert doc.metadata["published_source"] == "html"
    assert "joint coast guard patrols in the waters north of the Natuna Islands" in doc.text
    assert "Kure." in doc.text
    for boilerplate in ("Most read", "Floods hit Central Java", "All rights reserved", "Sign in"):
        assert boilerplate not in doc.text
    assert doc.id == sha1(doc.text)[:16]


def test_html_labelled_latin1_is_read_as_cp1252_like_browsers_do(tmp_path):
    body = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 talks</title></head><body><article>'
        "<h1>Caf\u00e9 talks</h1><p>Bolivia\u2019s foreign minister met his Chilean counterpart in La Paz on "
        "Friday and agreed to restart talks on access to the Pacific coast after a pause of five years.</p>"
        "<p>The two ministers said a working group would meet in Santiago next month.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "legacy.htm"
    path.write_bytes(body.encode("cp1252"))
    doc = only_doc(path)
    assert doc.metadata["encoding"] == "cp1252"
    assert "Bolivia\u2019s foreign minister" in doc.text


def test_html_without_date_falls_back_to_dateline(tmp_path):
    page = (
        "<html><body><article>"
        "<p>KAMPALA, Oct. 2, 2023 (Lake Wire) -- Uganda and Tanzania signed an agreement "
        "on Monday to build a joint border post at Mutukula, the two trade ministries said.</p>"
        "<p>The post will let trucks clear customs once instead of twice, officials said.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "nodate.html"
    path.write_text(page, encoding="utf-8")
    doc = only_doc(path)
    assert doc.published == "2023-10-02"
    assert doc.metadata["published_source"] == "dateline"


# --------------------------------------------------------------------------- WARC


def _write_warc(path: Path, records: list[tuple[str, str, bytes, dict[str, str]]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventcoder-tests"}))
        for url, status, payload, headers in records:
            http = StatusAndHeaders(
                status, [("Content-Type", headers.pop("type", "text/html"))], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(record)


UNDATED_PAGE = (
    b"<html><body><article><p>Armenia and Azerbaijan agreed on Tuesday to return four villages along their "
    b"shared border, the Armenian government said after talks between the two deputy prime ministers.</p>"
    b"<p>The commissions will meet again next month to mark the rest of the line.</p></article></body></html>"
)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path, name):
    path = tmp_path / name
    _write_warc(
        path,
        [
            (
                "https://lakeside-daily.example/a",
                "200 OK",
                (FIXTURES / "article.html").read_bytes(),
                {"WARC-Date": "2024-03-07T08:00:00Z"},
            ),
            ("https://lakeside-daily.example/logo.png", "200 OK", b"\x89PNG\x00\x00", {"type": "image/png"}),
            (
                "https://lakeside-daily.example/gone",
                "404 Not Found",
                b"<html><body>Not found</body></html>",
                {},
            ),
            (
                "https://caucasus-news.example/border",
                "200 OK",
                UNDATED_PAGE,
                {"WARC-Date": "2024-04-19T12:00:00Z"},
            ),
        ],
    )
    dated, undated = ingest(path)
    assert dated.url == "https://lakeside-daily.example/a"  # from WARC-Target-URI
    assert dated.published == "2024-03-05"  # the page's own date wins over WARC-Date
    assert dated.source == f"{path}#2"
    assert dated.metadata["input_format"] == "warc"
    assert "Natuna Islands" in dated.text
    assert undated.url == "https://caucasus-news.example/border"
    assert undated.published == "2024-04-19"  # from WARC-Date
    assert undated.metadata["published_source"] == "warc"


def test_warc_page_without_article_is_an_error_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    _write_warc(
        path,
        [
            ("https://lakeside-daily.example/404", "200 OK", (FIXTURES / "no_article.html").read_bytes(), {}),
            ("https://caucasus-news.example/border", "200 OK", UNDATED_PAGE, {}),
        ],
    )
    err, doc = ingest(path)
    assert isinstance(err, NoArticleError) and f"{path}#2" in str(err)
    assert isinstance(doc, Document)


def test_unreadable_warc_is_an_error(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_text("this is not a web archive\n" * 3, encoding="utf-8")
    [err] = ingest(path)
    assert isinstance(err, UnsupportedInputError) and str(path) in str(err)


# --------------------------------------------------------------------------- directories


def test_directory_is_walked_recursively_in_sorted_order_skipping_hidden_and_unknown():
    corpus = FIXTURES / "corpus"
    results = ingest(corpus)
    assert all(isinstance(r, Document) for r in results)
    assert [r.source for r in results] == [
        str(corpus / "01_story.txt"),
        str(corpus / "sub" / "02_page.html"),
        str(corpus / "sub" / "deeper" / "03_batch.jsonl") + ":1",
        str(corpus / "sub" / "deeper" / "03_batch.jsonl") + ":2",
    ]
    texts = " ".join(r.text for r in results)
    assert "Hidden draft" not in texts and "Cached copy" not in texts and "not an article" not in texts


# --------------------------------------------------------------------------- stdin


def test_stdin_text_article():
    text = (FIXTURES / "dateline_story.txt").read_text(encoding="utf-8")
    doc = only_doc("-", stdin=io.StringIO(text))
    assert doc.source == "<stdin>"
    assert doc.text == text
    assert doc.published == "2024-03-03"


def test_stdin_defaults_to_sys_stdin(monkeypatch):
    raw = (FIXTURES / "corpus" / "01_story.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    doc = only_doc("-")
    assert doc.text == raw.decode("utf-8") and doc.source == "<stdin>"


def test_stdin_json_lines():
    text = (FIXTURES / "corpus" / "sub" / "deeper" / "03_batch.jsonl").read_text(encoding="utf-8")
    docs = ingest("-", stdin=io.StringIO(text))
    assert [d.id for d in docs] == ["co-001", "co-002"]
    assert docs[1].source == "<stdin>:2"


def test_stdin_bytes_are_decoded_like_files():
    raw = (FIXTURES / "cp1252_story.txt").read_bytes()
    doc = only_doc("-", stdin=io.TextIOWrapper(io.BytesIO(raw)))
    assert doc.metadata["encoding"] == "cp1252"
    [err] = ingest("-", stdin=io.TextIOWrapper(io.BytesIO((FIXTURES / "scan.txt").read_bytes())))
    assert isinstance(err, BinaryInputError) and "<stdin>" in str(err)
    [err] = ingest("-", stdin=io.StringIO(""))
    assert isinstance(err, EmptyInputError)


def test_stdin_json_lines_stream_past_the_first_chunk():
    lines = [
        json.dumps({"id": f"s{i}", "text": f"Statement {i} on the Nile dam talks."}) for i in range(2_000)
    ]
    raw = io.BytesIO(("\n".join(lines) + "\n").encode())
    stream = iter_documents(["-"], settings=Settings(max_bytes=150), stdin=io.TextIOWrapper(raw))
    first = next(stream)
    assert first.id == "s0"
    assert raw.tell() < 1_000  # lazily read: not the whole input
    rest = list(stream)
    assert [d.id for d in rest] == [f"s{i}" for i in range(1, 2_000)]  # no line lost at the chunk edge


def test_stdin_text_over_max_bytes():
    [err] = ingest("-", settings=Settings(max_bytes=50), stdin=io.StringIO("Kenya " * 30))
    assert isinstance(err, TooLargeError) and "<stdin>" in str(err)


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BEIJING, Nov. 20, 2000 (Xinhua) -- Chinese Vice Premier Qian Qichen met a visiting envoy.",
            "2000-11-20",
        ),
        ("WASHINGTON (AP) — March 3, 2024 — The Senate passed a stopgap spending bill.", "2024-03-03"),
        (
            "Parliament approves budget\nMonday, 4 March 2024\n\nThe parliament approved the budget.",
            "2024-03-04",
        ),
        ("Border talks resume\nBy Amina Yusuf\nMarch 3, 2024\n\nTalks resumed.", "2024-03-03"),
        ("ST. PAUL, Minn., Oct. 7, 2023 — The governor signed the bill.", "2023-10-07"),
        ("Published: 2024-03-05T10:00Z\nThe mayor resigned.", "2024-03-05"),
        ("Updated March 5, 2024 10:32 a.m. EST\nThe mayor resigned.", "2024-03-05"),
        ("Lima, Aug. 1, 2022 (Andes Wire) -- Peru's cabinet resigned.", "2022-08-01"),
        # not datelines: a date inside a sentence, a headline, a date without a year, a late line
        ("On Feb. 24, 2025, the agency broke up a cell.", None),
        ("March 3, 2024 marked a turning point for the talks.", None),
        ("Talks Resume March 3, 2024", None),
        ("NAIROBI, March 3 (Reuters) - Kenya recalled its envoy.", None),
        ("a\nb\nc\nd\ne\nf\nMarch 3, 2024\n", None),
        ("The ceasefire signed on 4 March 2024 held.", None),
    ],
)
def test_find_dateline_date(text, expected):
    assert find_dateline_date(text) == expected

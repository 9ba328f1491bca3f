"""Ingest: files, directories and stdin in, :class:`~eventcoder.models.Document` out.

:func:`iter_documents` is a generator. It yields one ``Document`` per article and,
for each input that cannot be read, one :class:`~eventcoder.errors.InputError`
*instance* (yielded, never raised) so that a batch reports it and goes on.

Formats (chosen by file name, case-insensitive):

====================  =======================================================================
``.txt``              one article per file
``.html``, ``.htm``   main text, title, date and url extracted with trafilatura
``.jsonl``            one JSON object a line: ``id``, ``text``, ``title``, ``url``, ``published``;
                      other fields go to ``metadata``; ``source`` is ``path:LINE``
``.json``             a list of such objects (or one object); ``source`` is ``path:[INDEX]``
``.warc``,            ``response`` records holding HTML (2xx status) go through the HTML path;
``.warc.gz``          ``url`` from ``WARC-Target-URI``; ``source`` is ``path#RECORD``
directory             walked recursively in sorted order; known extensions only; hidden
                      files and directories (name starting with ``.``) skipped
``-``                 standard input: one text article, or JSON Lines when every non-empty
                      line starts with ``{``
other                 an explicitly named file with another extension is read as text
====================  =======================================================================

Decisions:

* **Ids** are the record's ``id`` (JSON Lines/JSON) or else the first 16 hex digits of
  the SHA-1 of the text, so they are stable across runs and machines.
  ``content_hash`` is always the full SHA-1 hex of the text (UTF-8).
* **Encoding.** UTF-8 (a BOM is dropped) is tried first; a UTF-16/32 BOM is honoured.
  Text that is not UTF-8 is *decoded, not rejected*, when it is clearly Western legacy
  text: it must decode as cp1252 (which agrees with latin-1 on every printable latin-1
  character and adds the curly quotes and dashes that Windows text uses, so it reads
  latin-1 text too) and at least 85% of its characters must be ASCII. The codec used is
  recorded in ``metadata["encoding"]`` (``"cp1252"``). Anything else (e.g. GBK,
  Shift-JIS, random high bytes) is an :class:`~eventcoder.errors.EncodingError`:
  convert it to UTF-8 first.
  HTML also honours a ``charset`` declared in its first 2 KB (a latin-1 or ASCII label is read
  as cp1252, as browsers do).
* **Binary.** A NUL byte, or more than 10% control characters in the first 8 KB,
  makes a file binary (:class:`~eventcoder.errors.BinaryInputError`).
* **Size.** ``settings.max_bytes`` is checked with ``stat`` before a file is read. For
  the container formats (JSON Lines, WARC, stdin JSON Lines) it applies to each record,
  so a large corpus file streams; a ``.json`` list is read whole, so the limit applies
  to the file.
* **Publication date** (``"YYYY-MM-DD"`` or None), first found of: the record's
  ``published`` field (ISO datetimes are cut to their date as written, without time-zone
  conversion; an unparsable value gives None and is kept as ``metadata["published_raw"]``),
  trafilatura's page date for HTML, a dateline in the first lines of the text
  (``BEIJING, Nov. 20, 2000 (Xinhua) --``, ``WASHINGTON (AP) — March 3, 2024 —``,
  ``Monday, 4 March 2024``, a lone date line), and last the ``WARC-Date`` (crawl time)
  of a WARC record.
  Only full dates with a written year count; all-numeric ``03/04/2024`` is ambiguous and
  ignored. Dateparser only ever sees the date expression, never the body.
  ``metadata["published_source"]`` tells which source gave the date.
* **Lone surrogates** (a JSON ``\\ud800`` escape with no partner) become U+FFFD, one character for
  one, counted in ``metadata["replaced_surrogates"]``: nothing downstream can encode them.
* ``Document.text`` is the text as found: for HTML, trafilatura's main text (later offsets
  point into it); the title is kept in ``Document.title``.
* An HTML page whose extracted text has no line of at least six words is not an article
  (:class:`~eventcoder.errors.NoArticleError`).
* ``metadata`` holds a record's extra fields plus ``input_format`` (text, html, jsonl,
  json, warc) and, when they apply, ``encoding``, ``published_source``, ``published_raw``,
  ``author``/``sitename``/``hostname`` (HTML) and ``warc_record_id``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

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
from eventcoder.models import Document

__all__ = ["KNOWN_EXTENSIONS", "STDIN", "document_from_text", "find_dateline_date", "iter_documents"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"

_TEXT_EXT = (".txt",)
_HTML_EXT = (".html", ".htm")
_JSONL_EXT = (".jsonl",)
_JSON_EXT = (".json",)
_WARC_EXT = (".warc", ".warc.gz")
KNOWN_EXTENSIONS: tuple[str, ...] = _TEXT_EXT + _HTML_EXT + _JSONL_EXT + _JSON_EXT + _WARC_EXT

_RECORD_FIELDS = ("id", "text", "title", "url", "published")
_SNIFF_BYTES = 8192
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_MIN_ARTICLE_LINE_WORDS = 6


# --------------------------------------------------------------------------- public API


def iter_documents(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Document | InputError]:
    """Yield a Document per article in ``inputs``, or an InputError per bad input.

    ``inputs`` are paths (files or directories) or ``"-"`` for ``stdin`` (default
    ``sys.stdin``). Lazy: nothing is read before it is needed, JSON Lines and WARC
    files are streamed. Errors are yielded, never raised, so a batch goes on.
    """
    settings = settings or Settings()
    for item in inputs:
        if str(item) == STDIN:
            yield from _iter_stdin(stdin if stdin is not None else sys.stdin, settings)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from _iter_file(file, settings)
        elif path.is_file():
            yield from _iter_file(path, settings)
        elif path.exists():
            yield UnsupportedInputError("not a regular file or directory", source=str(path))
        else:
            yield UnsupportedInputError("no such file or directory", source=str(path))


def document_from_text(
    text: str,
    *,
    source: str,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """Build a Document: hash id when none is given, content hash, dateline date fallback.

    Lone UTF-16 surrogates (a JSON ``"\\ud800"`` escape that pairs with nothing) are not text and no
    later stage can encode them: in every field each becomes U+FFFD, one character for one, so offsets
    are unchanged (those of ``text`` are counted in ``metadata["replaced_surrogates"]``).
    """
    meta: dict[str, Any] = _no_surrogates(dict(metadata or {}))
    text, replaced = _LONE_SURROGATE.subn("\ufffd", text)
    if replaced:
        meta["replaced_surrogates"] = replaced
    id, title, url, published = (_no_surrogates(v) for v in (id, title, url, published))
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    if published is None:
        published = find_dateline_date(text)
        if published is not None:
            meta["published_source"] = "dateline"
    return Document(
        id=id or digest[:16],
        text=text,
        title=title,
        url=url,
        published=published,
        source=source,
        content_hash=digest,
        metadata=meta,
    )


def _one_line(error: object) -> str:
    """A library's error message on one line (a batch reports one line per bad input)."""
    return " ".join(str(error).split())


def _no_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate of its strings (in lists and dicts too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- dispatch


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` with a known extension, sorted, hidden ones skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(KNOWN_EXTENSIONS):
                yield Path(dirpath) / name


def _iter_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    name = path.name.lower()
    try:
        if name.endswith(_JSONL_EXT):
            with path.open("rb") as fh:
                yield from _iter_jsonl(enumerate(fh, start=1), str(path), settings)
        elif name.endswith(_WARC_EXT):
            yield from _iter_warc(path, settings)
        elif name.endswith(_JSON_EXT):
            yield from _iter_json(path, settings)
        elif name.endswith(_HTML_EXT):
            yield _html_document(_read_file(path, settings), str(path))
        else:
            raw = _read_file(path, settings)
            text, encoding = _decode(raw, str(path))
            yield _text_document(text, str(path), {"encoding": encoding} if encoding != "utf-8" else {})
    except InputError as err:
        yield err
    except OSError as err:
        yield UnsupportedInputError(f"cannot read file: {_one_line(err.strerror or err)}", source=str(path))


def _read_file(path: Path, settings: Settings) -> bytes:
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise TooLargeError(
            f"file is {size:,} bytes, larger than the limit of {settings.max_bytes:,} (max_bytes)",
            source=str(path),
        )
    return path.read_bytes()


def _text_document(text: str, source: str, metadata: dict[str, Any]) -> Document:
    if not text.strip():
        raise EmptyInputError("contains only whitespace", source=source)
    return document_from_text(text, source=source, metadata={"input_format": "text", **metadata})


# --------------------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


def _decode(raw: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text and the codec used (see the module docstring for the policy)."""
    if not raw:
        raise EmptyInputError("empty (0 bytes)", source=source)
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as err:
                raise EncodingError(
                    f"has a {codec} byte-order mark but is not valid {codec}: {err.reason}", source=source
                ) from None
    sample = raw[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise BinaryInputError("binary file (contains NUL bytes), not text", source=source)
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls > 0.10 * len(sample):
        raise BinaryInputError("binary file (mostly control characters), not text", source=source)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    if declared:
        try:
            codec = codecs.lookup(declared).name
            # As browsers do (WHATWG Encoding), a page labelled latin-1 or ASCII is read as cp1252.
            codec = "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
            return raw.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: the heuristic below decides
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""  # a byte cp1252 leaves undefined: not Western text
    if text and sum(1 for ch in text if ch < "\x80") >= 0.85 * len(text):
        return text, "cp1252"
    raise EncodingError(
        f"not valid UTF-8 (byte {raw[utf8_error.start]:#04x} at offset {utf8_error.start}) and not "
        "recognisably cp1252/latin-1 text; convert it to UTF-8",
        source=source,
    )


# --------------------------------------------------------------------------- HTML


def _html_document(
    raw: bytes,
    source: str,
    *,
    url: str | None = None,
    fallback_date: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """Extract the main text of an HTML page with trafilatura."""
    meta: dict[str, Any] = {"input_format": "html", **(metadata or {})}
    match = _HTML_CHARSET.search(raw[:2048])
    declared = match.group(1).decode("ascii", "replace") if match else None
    html, encoding = _decode(raw, source, declared=declared)
    if encoding != "utf-8":
        meta["encoding"] = encoding
    if not html.strip():
        raise EmptyInputError("contains only whitespace", source=source)
    try:  # heavy imports: only when HTML is met
        import trafilatura
        from lxml.etree import LxmlError
    except ImportError as err:  # e.g. lxml_html_clean missing: trafilatura cannot import without it
        raise UnsupportedInputError(
            f"cannot read HTML: {err} (install trafilatura and lxml_html_clean)", source=source
        ) from None

    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (LxmlError, ValueError, TypeError, LookupError) as err:  # one bad page must not stop a batch
        raise NoArticleError(f"HTML could not be parsed: {_one_line(err)}", source=source) from None
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not any(len(line.split()) >= _MIN_ARTICLE_LINE_WORDS for line in text.splitlines()):
        raise NoArticleError("HTML page with no article text", source=source)
    published = _normalise_date(getattr(extracted, "date", None))
    if published is not None:
        meta["published_source"] = "html"
    else:
        published = find_dateline_date(text)
        if published is not None:
            meta["published_source"] = "dateline"
        elif fallback_date is not None:
            published = fallback_date
            meta["published_source"] = "warc"
    for key in ("author", "sitename", "hostname"):
        value = getattr(extracted, key, None)
        if value:
            meta[key] = value
    return document_from_text(
        text,
        source=source,
        title=getattr(extracted, "title", None) or None,
        url=url or getattr(extracted, "url", None) or None,
        published=published,
        metadata=meta,
    )


# --------------------------------------------------------------------------- JSON Lines / JSON


def _iter_jsonl(
    lines: Iterable[tuple[int, bytes]], name: str, settings: Settings
) -> Iterator[Document | InputError]:
    """Records of a JSON Lines stream; a bad line yields an error and the rest go on."""
    for lineno, line in lines:
        source = f"{name}:{lineno}"
        if len(line) > settings.max_bytes:
            yield TooLargeError(
                f"line is {len(line):,} bytes, larger than the limit of {settings.max_bytes:,} (max_bytes)",
                source=source,
            )
            continue
        try:
            decoded = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield EncodingError(f"line is not valid UTF-8 (at byte {err.start + 1})", source=source)
            continue
        if not decoded.strip():
            continue  # blank lines separate nothing in JSON Lines: skip them quietly
        try:
            value = json.loads(decoded)
        except json.JSONDecodeError as err:
            yield BadJsonLineError(
                f"not valid JSON ({_json_problem(err)}, column {err.colno})", source=source
            )
            continue
        yield _record_document(value, source, "jsonl")


def _iter_json(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    raw = _read_file(path, settings)
    text, _ = _decode(raw, str(path))
    if not text.strip():
        raise EmptyInputError("contains only whitespace", source=str(path))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadJsonLineError(
            f"not valid JSON ({_json_problem(err)}, line {err.lineno} column {err.colno})", source=str(path)
        ) from None
    if isinstance(value, dict):
        yield _record_document(value, str(path), "json")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield _record_document(item, f"{path}:[{index}]", "json")
    else:
        raise BadJsonLineError(
            f"JSON file holds a {type(value).__name__}, not a list of objects", source=str(path)
        )


def _json_problem(err: json.JSONDecodeError) -> str:
    return err.msg.removesuffix(" at").lower()


def _record_document(value: Any, source: str, fmt: str) -> Document | InputError:
    if not isinstance(value, dict):
        return BadJsonLineError(f"a JSON {type(value).__name__}, not an object", source=source)
    text = value.get("text")
    if not isinstance(text, str):
        problem = (
            "has no 'text' field" if text is None else f"'text' is a {type(text).__name__}, not a string"
        )
        return MissingFieldError(problem, source=source)
    if not text.strip():
        return MissingFieldError("'text' is empty", source=source)
    metadata: dict[str, Any] = {k: v for k, v in value.items() if k not in _RECORD_FIELDS}
    metadata["input_format"] = fmt
    raw_published = value.get("published")
    published = _normalise_date(raw_published)
    if published is not None:
        metadata["published_source"] = "field"
    elif raw_published not in (None, ""):
        metadata["published_raw"] = raw_published
    raw_id = value.get("id")
    return document_from_text(
        text,
        source=source,
        id=str(raw_id) if raw_id not in (None, "") and not isinstance(raw_id, (dict, list)) else None,
        title=_as_text(value.get("title")),
        url=_as_text(value.get("url")),
        published=published,
        metadata=metadata,
    )


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


# --------------------------------------------------------------------------- WARC


def _iter_warc(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    """HTML response records of a WARC file (plain or gzipped)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:  # pragma: no cover - warcio is a declared dependency of this feature
        yield UnsupportedInputError("reading WARC files needs the 'warcio' package", source=str(path))
        return
    if not _looks_like_warc(path):
        yield UnsupportedInputError(
            "not a WARC file (it does not start with a WARC/1.x record)", source=str(path)
        )
        return
    with path.open("rb") as fh:
        number = 0
        try:
            for record in ArchiveIterator(fh):
                number += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "text/html").lower()
                if not status.startswith("2") or "html" not in ctype:
                    continue
                source = f"{path}#{number}"
                length = record.length or 0
                if length > settings.max_bytes:
                    yield TooLargeError(
                        f"record is {length:,} bytes, larger than the limit of {settings.max_bytes:,} "
                        "(max_bytes)",
                        source=source,
                    )
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                warc_date = _normalise_date(record.rec_headers.get_header("WARC-Date"))
                body = record.content_stream().read()
                meta = {
                    "input_format": "warc",
                    "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                }
                try:
                    yield _html_document(body, source, url=url, fallback_date=warc_date, metadata=meta)
                except InputError as err:
                    yield err
        except ArchiveLoadFailed as err:
            yield UnsupportedInputError(
                f"not a readable WARC file after record {number}: {_one_line(err)}", source=str(path)
            )


def _looks_like_warc(path: Path) -> bool:
    """True when the file (gzipped or not) starts with a ``WARC/`` version line."""
    import gzip
    import zlib

    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            try:
                with gzip.GzipFile(fileobj=fh) as gz:
                    head = gz.read(5)
            except (OSError, EOFError, zlib.error):
                return False
        else:
            head = fh.read(5)
    return head == b"WARC/"


# --------------------------------------------------------------------------- stdin


def _iter_stdin(stream: TextIO, settings: Settings) -> Iterator[Document | InputError]:
    """stdin as one text article, or as JSON Lines when every non-empty line starts with '{'.

    The bytes underneath are read when the stream has them (``sys.stdin.buffer``), so
    stdin is decoded like a file; a text-only stream (``io.StringIO``) is re-encoded.
    """
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    rest: Iterator[bytes]
    if binary is not None:
        head = binary.read(settings.max_bytes + 1)
        rest = iter(binary)
    else:
        head = stream.read(settings.max_bytes + 1).encode("utf-8", "surrogatepass")
        rest = (line.encode("utf-8", "surrogatepass") for line in stream)
    lines = [line.strip() for line in head.removeprefix(codecs.BOM_UTF8).split(b"\n")]
    if any(lines) and all(line.startswith(b"{") for line in lines if line):
        yield from _iter_jsonl(enumerate(_chain_lines(head, rest), start=1), STDIN_SOURCE, settings)
        return
    if len(head) > settings.max_bytes:
        yield TooLargeError(
            f"input is larger than the limit of {settings.max_bytes:,} bytes (max_bytes)", source=STDIN_SOURCE
        )
        return
    try:
        text, encoding = _decode(head, STDIN_SOURCE)
        yield _text_document(text, STDIN_SOURCE, {"encoding": encoding} if encoding != "utf-8" else {})
    except InputError as err:
        yield err


def _chain_lines(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """The lines of ``head``, then those still in ``rest`` (the head's last line may go on in it)."""
    lines = list(io.BytesIO(head))
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += next(rest, b"")
    yield from lines
    yield from rest


# --------------------------------------------------------------------------- dates

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # March 3, 2024 / Nov. 20, 2000
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 4 March 2024
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?)"  # 2024-03-05 / 2024-03-05T10:00Z
    r"(?![\w-])",
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?"
_LABEL = r"(?i:published|posted|updated|last updated|dated?)\s*(?:on\b|:)?\s*"
_CAPS_PLACE = (  # BEIJING / ST. PAUL, Minn. / BRASÍLIA / SÃO PAULO
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]*[A-ZÀ-ÖØ-Þ.](?:,\s*[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ.' ]*)?"
)
_AGENCY = r"\([A-Za-z .&/]+\)"
# What may stand before the date: nothing, "Published:", a place in capitals with an
# optional (AGENCY) and a separator, a weekday ("WASHINGTON (AP) —", "Monday,").
_DATELINE_PREFIX = re.compile(
    rf"^(?:{_LABEL})?(?:{_CAPS_PLACE}\s*(?:{_AGENCY})?\s*(?:--|[,—–:-])\s*)?(?:{_WEEKDAY}\s*)?$"
)
# A place in title case ("Beijing, Nov. 20, 2000 (Xinhua)") only counts before an agency.
_TITLE_PLACE_PREFIX = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s*$")
# What may follow the date: nothing, a time, an (AGENCY), a dash or a bar.
_DATELINE_SUFFIX = re.compile(
    r"^\s*(?:[.,;:|]?\s*$|\(|--|[—–-]|\|"
    r"|[,;]?\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2}|\s*(?:am|pm|a\.m\.|p\.m\.)))",
    re.IGNORECASE,
)
_DATELINE_LINES = 5


def find_dateline_date(text: str) -> str | None:
    """A publication date from a dateline or lone date line in the first lines of ``text``.

    Returns ``"YYYY-MM-DD"`` or None. Only the first few non-empty lines are looked at,
    and only a date in a dateline position (line start, after a weekday, "Published:",
    or a CAPITALISED place with an optional agency) followed by nothing, a time, an
    agency or a dash. The body is never searched.
    """
    seen = 0
    for line in text[:4000].splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        head = line[:160]
        for match in _DATE.finditer(head):
            prefix, suffix = head[: match.start()], head[match.end() :]
            if not _DATELINE_SUFFIX.match(suffix):
                continue
            if not (
                _DATELINE_PREFIX.match(prefix)
                or (_TITLE_PLACE_PREFIX.match(prefix) and suffix.lstrip().startswith("("))
            ):
                continue
            parsed = _parse_date(match.group(0))
            if parsed is not None:
                return parsed
    return None


_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _normalise_date(value: Any) -> str | None:
    """A date field ("2024-03-05T10:00:00Z", "March 5, 2024", a datetime) to "YYYY-MM-DD"."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _ISO_DATETIME.match(value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    if not _HAS_YEAR.search(value) or len(value) > 60:
        return None  # "yesterday", "soon": relative or not a date at all
    return _parse_date(value)


def _parse_date(expression: str) -> str | None:
    """Parse one date expression with dateparser (English, day/month/year all required)."""
    import dateparser  # slow import: only when a date needs parsing

    parsed = dateparser.parse(
        expression,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed is not None else None

"""Coverage-guided fuzzing of ingest + clean with atheris (libFuzzer for Python).

    pip install atheris                                    # in the dev extras; Linux x86-64 wheels for 3.11
    python benchmarks/fuzz_atheris.py                      # 10 minutes, corpus in /tmp/eventcoder-fuzz/corpus
    python benchmarks/fuzz_atheris.py --minutes 30 --corpus my_corpus/
    python benchmarks/fuzz_atheris.py --replay crash-1234  # run one input (a crash file) through the target

Each input is one byte choosing a path, then the bytes of a file:

    0 text file   1 HTML page    2 JSON Lines    3 JSON file    4 WARC (gzipped when it starts with \\x1f\\x8b)
    5 standard input

The bytes go through ``iter_documents`` (a file in /dev/shm, or a stdin stream), every Document through
``clean``. The target checks the contracts, not just "no exception": ingest yields only Documents and
InputErrors, each error a one-line message with its E1xx code, each Document non-empty, no lone surrogates,
with its SHA-1 content hash; clean's text maps back character by character. libFuzzer stops at the first
crash (an exception, a broken contract) or a hang (``-timeout``, 10 s an input here), writes the input to
``crash-*`` / ``timeout-*`` in the working directory and the script exits non-zero.

The seed corpus is made from tests/fixtures (ingest and articles) the first time. eventcoder's own modules
are instrumented for coverage; the libraries under them (trafilatura, lxml, warcio, json) are exercised but not
instrumented. At the end the script prints executions, executions/s, coverage (edges ``cov`` and features
``ft``), corpus size and the crashes found; docs/reliability.md records a run.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["eventcoder"]):
    from eventcoder.clean import clean
    from eventcoder.config import Settings
    from eventcoder.errors import InputError
    from eventcoder.ingest import iter_documents
    from eventcoder.models import Document

ROOT = Path(__file__).resolve().parent.parent
MODES = (".txt", ".html", ".jsonl", ".json", ".warc", "-")
SETTINGS = Settings(max_bytes=200_000)
# where each input is written as a file (in memory when /dev/shm exists; reused: libFuzzer exits without cleanup)
WORK = Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir()) / f"eventcoder-fuzz-{os.getuid()}"
_CODE = re.compile(r"\[E1\d\d\]$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_document(doc: Document) -> None:
    assert doc.text.strip() and doc.id and doc.source, doc
    assert not _SURROGATE.search(doc.text), "a lone surrogate in Document.text"
    assert doc.content_hash == hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
    assert doc.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published), doc.published
    cleaned = clean(doc.text)
    assert len(cleaned.offsets) == len(cleaned.text) + 1 and cleaned.offsets[-1] == len(doc.text)
    previous = -1
    for i, ch in enumerate(cleaned.text):
        position = cleaned.offsets[i]
        assert position > previous and doc.text[position] == ch, "clean's offsets do not map back"
        previous = position


def check_error(err: InputError) -> None:
    message = str(err)
    assert _CODE.search(message) and err.source, message
    assert "\n" not in message and "\r" not in message, f"a message on two lines: {message!r}"


def target(data: bytes) -> None:
    if not data:
        return
    mode, raw = MODES[data[0] % len(MODES)], data[1:]
    if mode == "-":
        items = iter_documents(["-"], SETTINGS, stdin=io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    else:
        suffix = ".warc.gz" if mode == ".warc" and raw[:2] == b"\x1f\x8b" else mode
        path = WORK / f"input{suffix}"
        path.write_bytes(raw)
        items = iter_documents([path], SETTINGS)
    for item in items:
        if isinstance(item, Document):
            check_document(item)
        elif isinstance(item, InputError):
            check_error(item)
        else:
            raise TypeError(f"iter_documents yielded a {type(item).__name__}")


# Tokens libFuzzer splices into inputs (its -dict): the words of the formats and of news boilerplate.
DICTIONARY = [
    b'{"text": "', b'", "published": "', b'"id": ', b'"title": ', b"null", b"\\ud800", b"\\u00e9", b"[{", b"}]",
    b"<html>", b"<body>", b"<p>", b"</p>", b"<article>", b"<script>", b"<meta charset=", b"utf-16", b"latin-1",
    b"<title>", b"<!--", b"<![CDATA[", b"&amp;", b"&#x", b"<div>" * 8,
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"Content-Length: ", b"Content-Type: text/html\r\n",
    b"HTTP/1.1 200 OK\r\n", b"WARC-Target-URI: ", b"WARC-Date: ", b"\r\n\r\n", b"\x1f\x8b\x08",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
    b"Read more:", b"Share this", b"Advertisement", b"Photo: ", b"(Reuters)", b"(Xinhua/", b"Related articles",
    b"NAIROBI (AP) \xe2\x80\x94 ", b"Nov. 20, 2000", b"Published: ", b"Copyright \xc2\xa9", b" > ", b" | ",
    b"\xe2\x80\x8b", b"\xe2\x80\xae", b"\xd7\xa9", b"\n\n", b"\r",
]


def write_dictionary(path: Path) -> None:
    """The tokens in libFuzzer's dictionary format: one quoted string a line, every byte as \\xNN."""
    lines = ['"' + "".join(rf"\x{byte:02x}" for byte in token) + '"' for token in DICTIONARY]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def seed_corpus(folder: Path) -> int:
    """Write the seed inputs (mode byte + a fixture's bytes) unless the folder has some already."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return 0
    n = 0
    for fixture in sorted((ROOT / "tests" / "fixtures").glob("**/*")):
        if not fixture.is_file() or fixture.stat().st_size > 50_000:
            continue
        name = fixture.name.lower()
        mode = (1 if name.endswith((".html", ".htm")) else 2 if name.endswith(".jsonl")
                else 3 if name.endswith(".json") else 4 if ".warc" in name else 0)
        (folder / f"seed-{n:03d}").write_bytes(bytes([mode]) + fixture.read_bytes())
        n += 1
    for mode, text in enumerate([b"Kenyan police arrested protesters.", b"<p>x</p>", b'{"text": "a"}\n',
                                 b'[{"text": "a"}]', b"WARC/1.0\r\n\r\n", b"hello"]):
        (folder / f"seed-mode-{mode}").write_bytes(bytes([mode]) + text)
        n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "eventcoder-fuzz" / "corpus",
                        help="the corpus folder (kept between runs; seeded from tests/fixtures when empty)")
    parser.add_argument("--max-len", type=int, default=20_000, help="largest input, in bytes (default 20,000)")
    parser.add_argument("--replay", type=Path, help="run one input file through the target and exit")
    args, libfuzzer = parser.parse_known_args()
    if args.replay:
        WORK.mkdir(exist_ok=True)
        target(args.replay.read_bytes())
        print(f"{args.replay}: no failure")
        return
    WORK.mkdir(exist_ok=True)
    seeds = seed_corpus(args.corpus)
    print(f"corpus {args.corpus} ({seeds} seeds written); fuzzing for {args.minutes:g} min; inputs in {WORK}",
          flush=True)
    write_dictionary(WORK / "tokens.dict")
    argv = [sys.argv[0], str(args.corpus), f"-max_total_time={int(args.minutes * 60)}", "-timeout=10",
            f"-dict={WORK / 'tokens.dict'}",
            f"-max_len={args.max_len}", "-rss_limit_mb=4096", "-print_final_stats=1", *libfuzzer]
    atheris.Setup(argv, target)
    atheris.Fuzz()  # libFuzzer prints its final stats and exits the process


if __name__ == "__main__":
    main()

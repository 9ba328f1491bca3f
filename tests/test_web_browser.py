"""The explorer in a real browser: Debian's headless Chromium, driven by Playwright, against
`eventcoder serve` (a subprocess on a free loopback port) over a database coded from examples/ and
tests/fixtures/web/articles.jsonl.

Checks that the page loads with no console error and fetches nothing from another host, that filtering to
one country's dyad puts exactly its events on the timeline, that clicking an event shows its evidence
sentence (and actors) highlighted in the document, and that document text is shown as text, never as HTML.
Saves docs/screenshot-explorer.png. Chromium missing is a failure, not a skip: `.ci/run` installs it.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "docs" / "screenshot-explorer.png"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, coder: object) -> Iterator[str]:
    from eventcoder.run import run

    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    summary = run([str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "web" / "articles.jsonl")], db=db,
                  coder=coder)  # the session's coder (tests/conftest.py): the model loads once
    assert summary.documents == 8 and summary.events > 10, summary.line()
    port = _free_port()
    log = (db.parent / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db),
                                "--host", "127.0.0.1", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, cwd=db.parent)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"eventcoder serve exited: {(db.parent / 'serve.log').read_text()}")
            try:
                _get(base + "/api/summary")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("eventcoder serve did not answer within 30 s")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).is_file() or shutil.which("chromium")):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium` "
                    "(.ci/run does) to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _wait_ready(page: object) -> None:
    page.wait_for_function("() => window.explorer && window.explorer.ready && window.explorer.page !== null")


def _evidence_text(page: object) -> str:
    return page.eval_on_selector_all("#doc-text mark.evidence", "marks => marks.map(m => m.textContent).join('')")


@pytest.mark.slow  # codes the examples, starts a server and a browser: about 10 s
def test_explorer_in_chromium(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(20_000)
    problems: list[str] = []
    requested: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: requested.append(r.url))

    # 1. The page loads: every view drawn, nothing fetched from elsewhere, no console error.
    page.goto(server + "/")
    _wait_ready(page)
    summary = _get(server + "/api/summary")
    state = page.evaluate("() => ({t: window.explorer.timeline.total, rows: window.explorer.page.events.length,"
                          " dyads: window.explorer.dyads, places: window.explorer.places.length})")
    assert state["t"] == summary["events"] and state["rows"] == min(25, summary["events"])
    assert state["places"] > 0 and page.locator("#events tbody tr").count() == state["rows"]
    assert page.locator("#timeline canvas").count() and page.locator("#network canvas").count()
    assert page.locator("#map canvas").count()
    assert all(url.startswith((server, "data:")) for url in requested), requested

    # 2. Click an event: its evidence sentence is highlighted in the document, with its actors.
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#doc-text mark.evidence")
    first_id = page.locator("#events tbody tr").first.get_attribute("data-id")
    detail = _get(f"{server}/api/events/{urllib.request.quote(first_id)}")
    text = detail["document"]["text"]
    spans = sorted((e["start"], e["end"]) for e in detail["event"]["evidence"])
    assert _evidence_text(page) == "".join(text[s:e] for s, e in spans)
    actor_marks = page.eval_on_selector_all("#doc-text mark.actor", "ms => ms.map(m => m.textContent).join('')")
    assert actor_marks == "".join(text[a["start"]:a["end"]] for a in detail["event"]["actors"])
    assert page.locator("#doc-title").text_content() == (detail["document"]["title"] or detail["document"]["id"])
    page.wait_for_timeout(200)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # 3. Filter to one country's dyad: the timeline shows exactly its events.
    dyad = next(d for d in state["dyads"] if d["source"] != d["target"] and d["events"] >= 2
                and any(len(k) == 3 and k in {c["value"] for c in summary["countries"]}
                        for k in (d["source"], d["target"])))
    page.fill("#f-actor", dyad["source"])
    page.fill("#f-with", dyad["target"])
    page.click("#apply")
    page.wait_for_function("() => window.explorer.ready && window.explorer.filter.dyad")
    _wait_ready(page)
    expected = _get(f"{server}/api/events?dyad={dyad['source']},{dyad['target']}&limit=1000")
    ids = {r["event"]["id"] for r in expected["events"]}
    assert expected["total"] == len(ids) >= 2
    drawn = page.evaluate("""() => {
        const option = echarts.getInstanceByDom(document.getElementById('timeline')).getOption();
        return {
            total: option.series.reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0),
            periods: option.xAxis[0].data,
            undated: window.explorer.timeline.undated,
        };
    }""")
    assert drawn["total"] + drawn["undated"] == len(ids)
    months = {r["event"]["date"]["value"][:7] for r in expected["events"] if r["event"]["date"]["value"]}
    assert months <= set(drawn["periods"])
    rows = page.eval_on_selector_all("#events tbody tr", "trs => trs.map(t => t.dataset.id)")
    assert set(rows) == ids
    page.locator("#events tbody tr").first.click()
    page.wait_for_function("(id) => window.explorer.detail && window.explorer.detail.event.id === id",
                           arg=rows[0])
    shown = _get(f"{server}/api/events/{urllib.request.quote(rows[0])}")
    ev = shown["event"]["evidence"][0]
    assert ev["sentence"].strip() in _evidence_text(page)

    # 4. Document text with markup in it is shown as text, never run as HTML.
    page.fill("#f-actor", "")
    page.fill("#f-with", "")
    page.fill("#f-text", "civilians")
    page.click("#apply")
    page.wait_for_function("() => window.explorer.ready && window.explorer.filter.text === 'civilians'")
    _wait_ready(page)
    page.locator("#events tbody tr").first.click()
    page.wait_for_function("() => window.explorer.detail && "
                           "window.explorer.detail.document.id === 'web-escape-check'")
    assert "<img src=x onerror=alert(1)>" in page.locator("#doc-title").text_content()
    assert "<script>alert('x')</script>" in page.locator("#doc-text").text_content()
    assert page.locator("#doc img, #doc script, #doc b").count() == 0
    assert page.locator("#doc-meta a").count() == 0  # a javascript: URL is not made a link
    assert not problems, problems
    page.close()

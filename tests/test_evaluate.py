"""Evaluation: gold loading, the shared scorer's metrics (same values), and the extra breakdowns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventcoder.errors import BadJsonLineError, EventcoderError, UnsupportedInputError
from eventcoder.evaluate import (
    SCORE_KEYS,
    ErrorItem,
    evaluate,
    load_events,
    load_gold,
    render_report,
)
from eventcoder.models import Actor, DateValue, Event, Evidence

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SCORE_PY = SHARED_EVAL / "score.py"
SHARED_GOLD = SHARED_EVAL / "gold"
NO_SHARED = f"the shared evaluation folder {SHARED_EVAL} is not there"


def gov(country: str, name: str | None = None) -> dict[str, Any]:
    return {"country": country, "sector": "GOV", **({"name": name} if name else {})}


# Our own gold: five documents, written for this test.
GOLD: list[dict[str, Any]] = [
    {"doc_id": "warsaw-talks", "exhaustive": True, "events": [
        {"id": "w1", "event_type": "CONSULT", "required": True,
         "actors": [gov("POL", "Radoslaw Sikorski")], "recipients": [gov("UKR", "Dmytro Kuleba")],
         "date": "2024-01-22", "location_country": "POL",
         "note": "the Polish and Ukrainian foreign ministers held talks in Warsaw on grain transit"},
        {"id": "w2", "event_type": "AGREE", "alt_types": ["COOPERATE"], "required": True,
         "actors": [{"country": ["POL", "UKR"], "sector": "GOV"}], "recipients": [], "undirected": True,
         "date": "2024-01-22", "note": "both governments agreed to reopen a crossing for grain lorries"},
        {"id": "w3", "event_type": "SUPPORT", "required": False,
         "actors": [{"country": "EUR", "org": ["EU", "European Commission"]}],
         "recipients": [{"country": "UKR"}], "note": "the European Commission welcomed the deal"},
    ]},
    {"doc_id": "bamako", "exhaustive": True, "types_present": ["SANCTION", "PROTEST", "ACCUSE"],
     "types_allowed": ["REJECT"], "events": [
        {"id": "b1", "event_type": "SANCTION", "required": True,
         "actors": [{"country": "IGO", "sector": "IGO", "org": ["ECOWAS"]}], "recipients": [gov("MLI")],
         "date": "--01-28", "note": "ECOWAS suspended Mali and froze its assets at the regional central bank"},
        {"id": "b2", "event_type": "PROTEST", "required": True,
         "actors": [{"country": "MLI", "sector": "CVL"}], "recipients": [{"country": "IGO", "org": "ECOWAS"}],
         "location_country": "MLI", "note": "thousands marched in Bamako against the sanctions"},
        {"id": "b3", "event_type": "ACCUSE", "required": True, "undirected": False,
         "actors": [gov("MLI")], "recipients": [{"country": "FRA"}],
         "note": "the junta accused France of pushing for the sanctions"},
    ]},
    {"doc_id": "single-sentence-7", "exhaustive": False, "events": [
        {"event_type": "ASSAULT", "actors": [{"country": "ISR", "sector": "MIL"}],
         "recipients": [{"country": "LBN"}], "location_country": "LBN",
         "note": "Israeli artillery shelled villages in southern Lebanon"},
    ]},
    {"doc_id": "london-moscow", "events": [  # exhaustive by default
        {"event_type": "DEMAND", "actors": [{"country": "UK", "sector": "GOV"}], "recipients": [{"country": "RUS"}],
         "date": "2018-03-12", "location_country": "GBR",
         "note": "Britain demanded an explanation from Moscow over the nerve agent attack"},
        {"event_type": "THREATEN", "actors": [{"country": "GBR"}], "recipients": [{"country": "RUS"}],
         "note": "London threatened further measures"},
    ]},
    {"doc_id": "ankara-raid", "exhaustive": True, "events": [
        {"event_type": "COERCE", "actors": [{"country": "TUR", "sector": "COP"}],
         "recipients": [{"country": "TUR", "sector": "JRN"}],
         "note": "police raided the offices of an opposition newspaper"},
    ]},
]


def pred(doc_id: str, event_type: str, actors: list[dict[str, Any]], recipients: list[dict[str, Any]] | None = None,
         **extra: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "event_type": event_type, "actors": actors, "recipients": recipients or [], **extra}


PREDICTIONS: list[dict[str, Any]] = [
    # warsaw-talks: roles swapped on an undirected event, then the same meeting again (a duplicate),
    # the agreement under an accepted alternative type with the wrong day, the optional EU support,
    # and a false alarm
    pred("warsaw-talks", "CONSULT", [gov("UKR", "Dmytro Kuleba")], [gov("POL", "Radoslaw Sikorski")],
         date={"value": "2024-01-22"}, location={"country": "POL"}),
    pred("warsaw-talks", "CONSULT", [gov("POL", "Radoslaw Sikorski")], [gov("UKR", "Dmytro Kuleba")],
         evidence=[{"sentence": "Sikorski and Kuleba met again on Monday evening."}]),
    pred("warsaw-talks", "COOPERATE", [gov("POL"), gov("UKR")], [], date={"value": "2024-01-21"}),
    pred("warsaw-talks", "SUPPORT", [{"country": "EUR", "sector": "IGO", "org": "EU"}], [{"country": "UKR"}]),
    pred("warsaw-talks", "ASSAULT", [{"country": "RUS", "sector": "MIL"}], [{"country": "UKR"}],
         evidence=[{"sentence": "Russian drones struck the port of Izmail overnight."}]),
    # bamako: the sanction by an IGO given by sector, a protest with the wrong participants,
    # and the accusation coded as REJECT
    pred("bamako", "SANCTION", [{"country": None, "sector": "IGO", "org": "ECOWAS"}], [gov("MLI")],
         date={"value": "2022-01-28"}),
    pred("bamako", "PROTEST", [{"country": "MLI", "sector": "CVL"}], []),
    pred("bamako", "REJECT", [gov("MLI")], [{"country": "FRA", "sector": "GOV"}]),
    # single-sentence-7 (not exhaustive): the attack, plus an extra event nobody can judge
    pred("single-sentence-7", "ASSAULT", [{"country": "ISR", "sector": "MIL"}], [{"country": "LBN"}],
         location=None),
    pred("single-sentence-7", "COERCE", [{"country": "ISR", "sector": "MIL"}], [{"country": "LBN"}]),
    # london-moscow: a month where gold has a day, a CAMEO country code, a lower-case type, a plain date
    pred("london-moscow", "REQUEST", [gov("GBR")], [{"country": "RUS"}], date={"value": "2018-03"},
         location={"country": "UK"}),
    pred("london-moscow", "threaten", [gov("GBR")], [gov("RUS")], date="2018-03-14"),
    # a document the gold does not know
    pred("elsewhere", "AID", [gov("JPN")], [gov("PHL")]),
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run_score_py(gold: Path, predicted: Path, *flags: str) -> str:
    done = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(predicted), *flags],
                          capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


@pytest.fixture
def own_files(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "own.gold.jsonl", GOLD), write_jsonl(tmp_path / "own.events.jsonl", PREDICTIONS)


def test_headline_metrics_on_own_gold(own_files: tuple[Path, Path]) -> None:
    gold_path, events_path = own_files
    report = evaluate(load_gold(gold_path), load_events(events_path))
    assert (report.documents, report.gold_events, report.predicted_events) == (5, 9, 13)
    assert report.event_recall == 0.667  # 6 of 9 required
    assert report.event_precision == 0.6  # 6 of 10 predictions in exhaustive documents
    assert report.event_f1 == 0.632
    assert report.right_type_wrong_actors == 1  # the Bamako protest
    assert report.duplicates == 1  # the second Warsaw meeting
    assert report.date_accuracy == 0.5  # right: Warsaw talks, ECOWAS "--01-28"; wrong: 01-21, "2018-03"
    assert report.location_accuracy == 0.667  # POL and UK=GBR right, the shelling has none
    assert report.doc_type_f1 == {"ACCUSE": 0.0, "AGREE": 0.0, "ASSAULT": 0.667, "COERCE": 0.0, "CONSULT": 1.0,
                                  "PROTEST": 1.0, "REQUEST": 1.0, "SANCTION": 1.0, "THREATEN": 1.0}
    assert report.doc_type_macro_f1 == 0.63
    assert report.missed == [
        "bamako: PROTEST thousands marched in Bamako against the sanctions",
        "bamako: ACCUSE the junta accused France of pushing for the sanctions",
        "ankara-raid: COERCE police raided the offices of an opposition newspaper",
    ]


def test_breakdowns_on_own_gold(own_files: tuple[Path, Path]) -> None:
    report = evaluate(load_gold(own_files[0]), load_events(own_files[1]))
    # a prediction that found a gold event counts for the gold type (COOPERATE for AGREE)
    assert report.per_type["AGREE"] == (1.0, 1.0, 1.0)
    assert report.per_type["CONSULT"] == (0.5, 1.0, 0.667)  # the duplicate is a false positive
    assert report.per_type["ASSAULT"] == (0.0, 1.0, 0.0)  # found where not judged, false alarm where judged
    assert report.per_type["REJECT"] == (0.0, 0.0, 0.0)
    assert report.per_type_support["CONSULT"] == (1, 2)
    assert "COOPERATE" not in report.per_type
    assert report.confusion == {("-", "ASSAULT"): 1, ("-", "PROTEST"): 1, ("ACCUSE", "REJECT"): 1,
                                ("COERCE", "-"): 1, ("PROTEST", "-"): 1}
    assert report.type_found_share == 0.8  # every document but the Ankara raid
    kinds = [(e.doc_id, e.kind, e.event_type, e.other_type) for e in report.errors]
    assert kinds == [
        ("warsaw-talks", "duplicate", "CONSULT", None),
        ("warsaw-talks", "false_alarm", "ASSAULT", None),
        ("bamako", "miss", "PROTEST", None),
        ("bamako", "miss", "ACCUSE", "REJECT"),
        ("bamako", "false_alarm", "PROTEST", None),
        ("bamako", "false_alarm", "REJECT", "ACCUSE"),
        ("ankara-raid", "miss", "COERCE", None),
    ]
    assert report.errors[1].text == "Russian drones struck the port of Izmail overnight."
    assert report.errors[1].who == "RUS MIL -> UKR"
    assert report.errors[3].who == "MLI GOV -> FRA"
    json.dumps(report.to_dict())  # JSON-ready


@pytest.mark.skipif(not SCORE_PY.exists(), reason=NO_SHARED)
def test_same_values_as_shared_scorer_on_own_gold(own_files: tuple[Path, Path]) -> None:
    gold_path, events_path = own_files
    expected = json.loads(run_score_py(gold_path, events_path, "--json"))
    report = evaluate(load_gold(gold_path), load_events(events_path))
    assert set(expected) == set(SCORE_KEYS)
    assert report.score_dict() == expected


@pytest.mark.skipif(not SCORE_PY.exists(), reason=NO_SHARED)
def test_render_starts_with_the_shared_scorer_lines(own_files: tuple[Path, Path]) -> None:
    gold_path, events_path = own_files
    theirs = run_score_py(gold_path, events_path).splitlines()
    report = evaluate(load_gold(gold_path), load_events(events_path))
    ours = render_report(report).splitlines()
    n = len(SCORE_KEYS) - 1  # the key lines, then the doc_type_f1 line
    assert ours[:n] == theirs[:n]
    assert [line for line in ours if line.startswith("  missed  ")] == theirs[n:]
    text = render_report(report, errors=True)
    assert "per type" in text and "confusion" in text
    assert "false_alarm warsaw-talks  ASSAULT  RUS MIL -> UKR" in text
    assert "      Russian drones struck the port of Izmail overnight." in text
    assert "miss        bamako  ACCUSE  MLI GOV -> FRA [predicted as REJECT]" in text


def fabricate(gold_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Predictions made from gold: most found, some dropped, some perturbed, some doubled."""
    def actor(spec: dict[str, Any]) -> dict[str, Any]:
        country = spec.get("country")
        org = spec.get("org")
        return {"name": spec.get("name") or spec.get("text"),
                "country": country[0] if isinstance(country, list) else country,
                "sector": spec.get("sector"), "org": org[0] if isinstance(org, list) else org}

    out: list[dict[str, Any]] = []
    k = 0
    for doc in gold_rows:
        for event in doc.get("events", []):
            k += 1
            if k % 5 == 1:
                continue  # dropped
            alt = event.get("alt_types") or []
            p = {"doc_id": doc["doc_id"],
                 "event_type": alt[0] if alt and k % 4 == 0 else event["event_type"],
                 "actors": [actor(s) for s in event.get("actors", [])],
                 "recipients": [actor(s) for s in event.get("recipients", [])],
                 "date": {"value": "1999-01-01" if k % 3 == 0 else event.get("date")},
                 "location": {"country": None if k % 8 == 0 else event.get("location_country")},
                 "evidence": [{"sentence": f"fabricated {k}"}]}
            if k % 7 == 0:
                for a in p["actors"]:
                    a["country"], a["sector"] = "ZZZ", "XXX"
            if k % 6 == 0:
                p["actors"], p["recipients"] = p["recipients"], p["actors"]
            out.append(p)
            if k % 11 == 0:
                out.append(dict(p))
            if k % 9 == 0:
                out.append({**p, "event_type": "PROTEST" if p["event_type"] != "PROTEST" else "ASSAULT"})
    return out


@pytest.mark.parametrize("name", ["seeds", "plover_gsr"])
def test_same_values_as_shared_scorer_on_shared_gold(name: str, tmp_path: Path) -> None:
    gold_path = SHARED_GOLD / f"{name}.gold.jsonl"
    if not (SHARED_GOLD / "seeds.gold.jsonl").exists():
        pytest.skip(NO_SHARED)
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    events_path = write_jsonl(tmp_path / "fabricated.jsonl", fabricate(rows))
    expected = json.loads(run_score_py(gold_path, events_path, "--json"))
    report = evaluate(load_gold(gold_path), load_events(events_path))
    assert report.score_dict() == expected
    assert 0 < report.event_recall < 1 and report.documents == len(rows)


def test_accepts_event_models(own_files: tuple[Path, Path]) -> None:
    event = Event(id="e1", doc_id="ankara-raid", event_type="COERCE",
                  actors=[Actor(text="police", country="TUR", sector="COP")],
                  recipients=[Actor(text="Cumhuriyet", name="Cumhuriyet", country="TUR", sector="JRN")],
                  date=DateValue(value="2016-10-31", granularity="day", resolution="explicit"),
                  evidence=[Evidence(sentence="Police raided the paper.", start=0, end=24, trigger="raided",
                                     trigger_start=7, trigger_end=13)])
    report = evaluate(load_gold(own_files[0]), [event])
    assert report.event_recall == 0.111 and report.event_precision == 1.0
    assert report.per_type["COERCE"] == (1.0, 1.0, 1.0)


def test_no_exhaustive_document_means_no_precision(tmp_path: Path) -> None:
    gold = load_gold(write_jsonl(tmp_path / "g.jsonl", [GOLD[2]]))
    report = evaluate(gold, [PREDICTIONS[8]])
    assert (report.event_recall, report.event_precision, report.event_f1) == (1.0, None, None)
    assert report.errors == [] and report.confusion == {}
    assert evaluate(gold, []).errors == [ErrorItem("single-sentence-7", "miss", "ASSAULT", GOLD[2]["events"][0]["note"],
                                                   "ISR MIL -> LBN")]


@pytest.mark.parametrize(("line", "message"), [
    ('{"doc_id": "a", "events": [', "not JSON"),
    ('["a", "b"]', "not a JSON object"),
    ('{"events": []}', "no 'doc_id'"),
    ('{"doc_id": "a", "events": [{"actors": []}]}', "event 1 has no 'event_type'"),
    ('{"doc_id": "a", "events": [{"event_type": "AID", "actors": ["CHN"]}]}', "'actors' must be a list of objects"),
])
def test_bad_gold_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(json.dumps(GOLD[3]) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(BadJsonLineError) as caught:
        load_gold(path)
    assert f"{path}:3" in str(caught.value) and message in str(caught.value)
    assert isinstance(caught.value, EventcoderError)


def test_bad_events_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(PREDICTIONS[0]) + "\nnot json\n", encoding="utf-8")
    with pytest.raises(BadJsonLineError, match=r"events\.jsonl:2: not JSON"):
        load_events(path)
    with pytest.raises(UnsupportedInputError, match="cannot open"):
        load_gold(tmp_path / "missing.gold.jsonl")

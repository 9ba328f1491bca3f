"""Score coded events against a gold file: the library behind ``eventcoder evaluate``.

The headline metrics are defined as in the shared scorer's documentation
(``event_recall``, ``event_precision``, ``event_f1``, ``right_type_wrong_actors``,
``duplicates``, ``date_accuracy``, ``location_accuracy``, ``doc_type_macro_f1``,
``doc_type_f1``, ``missed``, ``documents``, ``gold_events``,
``predicted_events``) and give the same values on the same files. On top of
them: event-level precision/recall/F1 per type, a type confusion table, the
share of gold documents where a gold type is predicted at all, and a list of
every miss, false alarm and duplicate with its note or evidence.

See docs/evaluation.md for the gold format and each metric's definition.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import BadJsonLineError, EventcoderError, UnsupportedInputError
from eventcoder.models import Event

__all__ = [
    "ActorSpec", "ErrorItem", "EvalReport", "GoldDoc", "GoldEvent",
    "evaluate", "load_events", "load_gold", "render_report",
]

# Country codes some gold files borrow from CAMEO where ISO 3166 differs.
COUNTRY_ALIASES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT", "UK": "GBR"}
# Old PLOVER categories and their current successors.
TYPE_ALIASES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                                "FIGHT": "ASSAULT"}
# PLOVER actor codes that name no state; a gold spec with one is matched by code.
NON_STATE_CODES = frozenset({"IGO", "UNO", "NGO", "ISM", "IMG", "MNC", "EUR"})
# Event types whose roles may be swapped or merged unless the gold says otherwise.
UNDIRECTED_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

# score.py's keys, in its order (the order of the "key value" lines too).
SCORE_KEYS = (
    "documents", "gold_events", "predicted_events", "event_recall", "event_precision", "event_f1",
    "right_type_wrong_actors", "duplicates", "date_accuracy", "location_accuracy",
    "doc_type_macro_f1", "doc_type_f1", "missed",
)
NONE_MARK = "-"  # the empty side of a confusion pair: a miss (gold, "-") or a false alarm ("-", pred)


# ------------------------------------------------------------------ gold model


def canonical_type(raw: object) -> str:
    """An event type as compared: upper case, old PLOVER names mapped to current ones."""
    kind = str(raw or "").upper()
    return TYPE_ALIASES.get(kind, kind)


def canonical_country(code: object) -> str | None:
    """A country code as compared: upper case, CAMEO spellings mapped to ISO 3166."""
    if not code:
        return None
    text = str(code).upper()
    return COUNTRY_ALIASES.get(text, text)


def _sector(value: object) -> str | None:
    return str(value or "")[:3].upper() or None


def _listed(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


@dataclass(frozen=True)
class ActorSpec:
    """Who a gold role asks for; every part optional (an empty spec accepts anyone)."""

    countries: tuple[str | None, ...] = ()
    sector: str | None = None
    orgs: tuple[str, ...] = ()  # accepted organisation names, as written
    name: str | None = None
    org_keys: frozenset[str] = frozenset()  # the same, casefolded

    @classmethod
    def from_json(cls, spec: Mapping[str, Any]) -> ActorSpec:
        orgs = tuple(str(o) for o in _listed(spec.get("org")))
        return cls(
            countries=tuple(canonical_country(c) for c in _listed(spec.get("country"))),
            sector=_sector(spec.get("sector")),
            orgs=orgs,
            name=spec.get("name") or spec.get("text"),
            org_keys=frozenset(o.casefold() for o in orgs),
        )

    def accepts(self, actor: object) -> bool:
        """Does one predicted actor (a dict) meet this spec?"""
        if not isinstance(actor, Mapping):
            return False
        country = canonical_country(actor.get("country"))
        sector = _sector(actor.get("sector"))
        org = str(actor.get("org") or "").casefold()
        codes = {c for c in self.countries if c in NON_STATE_CODES}
        if self.sector in NON_STATE_CODES:
            codes.add(self.sector)
        if codes:  # a non-state actor: the code must be there, in country or sector
            if codes & {"UNO", "IGO"}:
                codes |= {"UNO", "IGO"}
            if not codes & {country, sector}:
                return False
            return not (self.org_keys and org and org not in self.org_keys)
        if self.countries and country not in self.countries:
            return False
        if self.sector and sector:
            return self.sector == sector
        return bool(self.countries) or not self.sector

    def describe(self) -> str:
        parts = [self.name or "", "/".join(c for c in self.countries if c), self.sector or "",
                 self.orgs[0] if self.orgs else ""]
        return " ".join(p for p in parts if p) or "anyone"


@dataclass(frozen=True)
class GoldEvent:
    """One gold event. ``event_type`` is canonical; ``alt_types`` as written in the file."""

    event_type: str
    alt_types: tuple[str, ...] = ()
    required: bool = True
    actors: tuple[ActorSpec, ...] = ()
    recipients: tuple[ActorSpec, ...] = ()
    undirected: bool = False
    date: str | None = None
    location_country: str | None = None
    note: str = ""
    id: str | None = None

    @property
    def accepted_types(self) -> frozenset[str]:
        """The type and every alternative, canonical."""
        return frozenset({self.event_type, *(TYPE_ALIASES.get(t, t) for t in self.alt_types)})

    def who(self) -> str:
        actors = "; ".join(a.describe() for a in self.actors) or "-"
        recipients = "; ".join(a.describe() for a in self.recipients)
        return f"{actors} -> {recipients}" if recipients else actors


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: its events and what is known about its types.

    ``exhaustive``: every event of the document is listed (its unmatched
    predictions are false alarms). ``types_present`` (None when the file does
    not give it) lists every type present, even when the event list does not.
    """

    doc_id: str
    events: tuple[GoldEvent, ...] = ()
    exhaustive: bool = True
    types_present: tuple[str, ...] | None = None
    types_allowed: tuple[str, ...] = ()


class _GoldFormatError(ValueError):
    """A gold line that is JSON but not a gold document (turned into BadJsonLineError)."""


def _flag(record: Mapping[str, Any], key: str, default: bool) -> bool:
    return bool(record[key]) if key in record else default


def _specs(value: object, what: str) -> tuple[ActorSpec, ...]:
    specs = _listed(value)
    if not all(isinstance(s, Mapping) for s in specs):
        raise _GoldFormatError(f"'{what}' must be a list of objects")
    return tuple(ActorSpec.from_json(s) for s in specs)


def _strings(value: object, what: str) -> tuple[str, ...]:
    items = _listed(value)
    if not all(isinstance(i, str) for i in items):
        raise _GoldFormatError(f"'{what}' must be a list of strings")
    return tuple(items)


def _gold_event(record: object, number: int) -> GoldEvent:
    if not isinstance(record, Mapping):
        raise _GoldFormatError(f"event {number} is not an object")
    if not isinstance(record.get("event_type"), str) or not record["event_type"].strip():
        raise _GoldFormatError(f"event {number} has no 'event_type'")
    event_type = canonical_type(record["event_type"])
    note = record.get("note")
    return GoldEvent(
        event_type=event_type,
        alt_types=_strings(record.get("alt_types"), "alt_types"),
        required=_flag(record, "required", True),
        actors=_specs(record.get("actors"), "actors"),
        recipients=_specs(record.get("recipients"), "recipients"),
        undirected=_flag(record, "undirected", event_type in UNDIRECTED_TYPES),
        date=str(record["date"]) if record.get("date") else None,
        location_country=str(record["location_country"]) if record.get("location_country") else None,
        note="" if note is None else str(note),
        id=str(record["id"]) if record.get("id") is not None else None,
    )


def gold_doc_from_json(record: Mapping[str, Any]) -> GoldDoc:
    """One gold line (already parsed) -> GoldDoc; a ValueError says what is wrong."""
    if record.get("doc_id") in (None, ""):
        raise _GoldFormatError("no 'doc_id'")
    events = record.get("events", [])
    if not isinstance(events, list):
        raise _GoldFormatError("'events' must be a list")
    present = record.get("types_present")
    return GoldDoc(
        doc_id=str(record["doc_id"]),
        events=tuple(_gold_event(e, i) for i, e in enumerate(events, 1)),
        exhaustive=_flag(record, "exhaustive", True),
        types_present=None if present is None else _strings(present, "types_present"),
        types_allowed=_strings(record.get("types_allowed"), "types_allowed"),
    )


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; errors name file:line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise UnsupportedInputError(f"cannot open ({err.strerror or err})", source=str(path)) from err
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise BadJsonLineError(f"not JSON ({err.msg}, column {err.colno})",
                                           source=f"{path}:{number}") from err
                if not isinstance(record, dict):
                    raise BadJsonLineError("not a JSON object", source=f"{path}:{number}")
                yield number, record
        except UnicodeDecodeError as err:
            raise BadJsonLineError("not UTF-8 text", source=str(path)) from err


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a gold file (one document a line, see docs/evaluation.md).

    Raises an EventcoderError naming ``file:line`` when a line is not JSON or
    not a valid gold document, and UnsupportedInputError when the file cannot
    be opened.
    """
    path = Path(path)
    docs = []
    for number, record in _json_lines(path):
        try:
            docs.append(gold_doc_from_json(record))
        except _GoldFormatError as err:
            raise BadJsonLineError(f"not a gold document: {err}", source=f"{path}:{number}") from err
    return docs


def load_events(path: Path) -> list[dict[str, Any]]:
    """Read the coder's events (JSON Lines, one event object a line) as plain dicts."""
    return [record for _, record in _json_lines(Path(path))]


# -------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ErrorItem:
    """One miss, false alarm or duplicate, with what explains it.

    ``text``: the gold note (miss) or the prediction's first evidence sentence.
    ``other_type``: for a miss, the type of a prediction with the right
    participants but the wrong type; for a false alarm, the gold type it
    was confused with; else None.
    """

    doc_id: str
    kind: str  # "miss" | "false_alarm" | "duplicate"
    event_type: str
    text: str = ""
    who: str = ""
    other_type: str | None = None


@dataclass
class EvalReport:
    """Every metric of one evaluation run (definitions in docs/evaluation.md)."""

    documents: int
    gold_events: int
    predicted_events: int
    event_recall: float
    event_precision: float | None
    event_f1: float | None
    right_type_wrong_actors: int
    duplicates: int
    date_accuracy: float | None
    location_accuracy: float | None
    doc_type_macro_f1: float
    doc_type_f1: dict[str, float]
    missed: list[str]
    per_type: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    per_type_support: dict[str, tuple[int, int]] = field(default_factory=dict)  # (gold, predicted)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    type_found_share: float | None = None
    errors: list[ErrorItem] = field(default_factory=list)

    def score_dict(self) -> dict[str, Any]:
        """The fields the shared scorer prints, in its order (``score.py --json``)."""
        return {key: getattr(self, key) for key in SCORE_KEYS}

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (confusion as [gold, predicted, count] rows)."""
        data = self.score_dict()
        data["type_found_share"] = self.type_found_share
        data["per_type"] = {t: {"precision": p, "recall": r, "f1": f,
                                "gold": self.per_type_support[t][0], "predicted": self.per_type_support[t][1]}
                            for t, (p, r, f) in self.per_type.items()}
        data["confusion"] = [[g, p, n] for (g, p), n in sorted(self.confusion.items())]
        data["errors"] = [asdict(e) for e in self.errors]
        return data


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _harmonic(p: float, r: float) -> float:
    return _ratio(2 * p * r, p + r)


def _rounded(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


@dataclass
class _Prediction:
    raw: Mapping[str, Any]
    event_type: str
    actors: list[Any]
    recipients: list[Any]
    gold: int | None = None  # index of the gold event it matched
    duplicate: bool = False  # fully matched only gold events already taken
    confused_with: str | None = None  # gold type it was taken for (right participants, wrong type)

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> _Prediction:
        return cls(raw, canonical_type(raw.get("event_type")), _listed(raw.get("actors")),
                   _listed(raw.get("recipients")))

    @property
    def date_value(self) -> str:
        date = self.raw.get("date")
        if isinstance(date, Mapping):
            return str(date.get("value") or "")
        return str(date or "")

    @property
    def country(self) -> str | None:
        location = self.raw.get("location")
        return canonical_country(location.get("country")) if isinstance(location, Mapping) else None

    def evidence(self) -> str:
        for item in _listed(self.raw.get("evidence")):
            if isinstance(item, Mapping) and item.get("sentence"):
                return str(item["sentence"])
        return ""

    def who(self) -> str:
        def names(actors: list[Any]) -> str:
            return "; ".join(
                " ".join(str(a.get(k)) for k in ("name", "country", "sector", "org") if a.get(k))
                for a in actors if isinstance(a, Mapping)) or "-"
        return f"{names(self.actors)} -> {names(self.recipients)}" if self.recipients else names(self.actors)


def _role_met(specs: tuple[ActorSpec, ...], actors: list[Any]) -> bool:
    """A role is met when it asks for no one, or some predicted actor meets some spec."""
    return not specs or any(spec.accepts(actor) for spec in specs for actor in actors)


def _participants_match(gold: GoldEvent, pred: _Prediction) -> bool:
    if _role_met(gold.actors, pred.actors) and _role_met(gold.recipients, pred.recipients):
        return True
    if gold.undirected:  # roles may be swapped or merged
        everyone = pred.actors + pred.recipients
        return _role_met(gold.actors, everyone) and _role_met(gold.recipients, everyone)
    return False


def _date_right(gold_date: str, pred: _Prediction) -> bool:
    value = pred.date_value
    if gold_date.startswith("--"):  # day and month only: any year (or none) will do
        return value.endswith(gold_date[1:]) or value == gold_date
    return value.startswith(gold_date)


def _assign(golds: Sequence[GoldEvent], preds: list[_Prediction]) -> None:
    """In prediction order, give each prediction the first free gold event it fully matches."""
    taken: set[int] = set()
    for pred in preds:
        for index, gold in enumerate(golds):
            if pred.event_type in gold.accepted_types and _participants_match(gold, pred):
                if index in taken:
                    pred.duplicate = True
                    continue
                pred.gold = index
                taken.add(index)
                break


class _Tally:
    """Counters over all documents."""

    def __init__(self) -> None:
        self.required = self.matched = self.type_only = 0
        self.judged = self.true = self.duplicates = 0
        self.date_hits = self.date_total = self.place_hits = self.place_total = 0
        self.doc_types: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn (documents)
        self.gold_by_type: Counter[str] = Counter()
        self.matched_by_type: Counter[str] = Counter()
        self.judged_by_type: Counter[str] = Counter()
        self.true_by_type: Counter[str] = Counter()
        self.confusion: Counter[tuple[str, str]] = Counter()
        self.docs_with_gold = self.docs_type_found = 0
        self.missed: list[str] = []
        self.errors: list[ErrorItem] = []


def _score_required(doc: GoldDoc, preds: list[_Prediction], tally: _Tally) -> None:
    first_by_gold: dict[int, _Prediction] = {}
    for pred in preds:
        if pred.gold is not None:
            first_by_gold.setdefault(pred.gold, pred)
    unmatched = [p for p in preds if p.gold is None and not p.duplicate]
    for index, gold in enumerate(doc.events):
        if not gold.required:
            continue
        tally.required += 1
        tally.gold_by_type[gold.event_type] += 1
        pred = first_by_gold.get(index)
        if pred is not None:
            tally.matched += 1
            tally.matched_by_type[gold.event_type] += 1
            if gold.date:
                tally.date_total += 1
                tally.date_hits += _date_right(gold.date, pred)
            if gold.location_country:
                tally.place_total += 1
                tally.place_hits += pred.country == canonical_country(gold.location_country)
            continue
        if any(p.event_type in gold.accepted_types for p in preds):
            tally.type_only += 1
        tally.missed.append(f"{doc.doc_id}: {gold.event_type} {gold.note}".strip())
        confused = next((p for p in unmatched if p.confused_with is None and _participants_match(gold, p)),
                        None)
        if confused is not None:
            confused.confused_with = gold.event_type
        predicted_as = confused.event_type if confused is not None else None
        tally.confusion[(gold.event_type, predicted_as or NONE_MARK)] += 1
        tally.errors.append(ErrorItem(doc.doc_id, "miss", gold.event_type, gold.note, gold.who(), predicted_as))


def _score_predictions(doc: GoldDoc, preds: list[_Prediction], tally: _Tally) -> None:
    if not doc.exhaustive:
        return  # unlisted events may be real: predictions here are not judged
    for pred in preds:
        tally.judged += 1
        if pred.gold is not None:  # credited to the gold type it found (an accepted alternative too)
            credited = doc.events[pred.gold].event_type
            tally.judged_by_type[credited] += 1
            tally.true += 1
            tally.true_by_type[credited] += 1
            continue
        tally.judged_by_type[pred.event_type] += 1
        kind = "duplicate" if pred.duplicate else "false_alarm"
        if pred.duplicate:
            tally.duplicates += 1
        elif pred.confused_with is None:
            tally.confusion[(NONE_MARK, pred.event_type)] += 1
        tally.errors.append(ErrorItem(doc.doc_id, kind, pred.event_type, pred.evidence(), pred.who(),
                                      pred.confused_with))


def _score_doc_types(doc: GoldDoc, preds: list[_Prediction], tally: _Tally) -> None:
    """Per type, per document: present in gold? predicted?"""
    if doc.types_present is not None:  # an explicit list is exhaustive for types
        present = {TYPE_ALIASES.get(t, t) for t in doc.types_present}
        tolerated = present | {TYPE_ALIASES.get(t, t) for t in doc.types_allowed}
        judge_extra = True
    else:
        present = {g.event_type for g in doc.events if g.required}
        tolerated = {g.event_type for g in doc.events} | {t for g in doc.events for t in g.alt_types}
        judge_extra = doc.exhaustive
    predicted = {p.event_type for p in preds}
    for kind in present | predicted:  # a type tolerated but not present gets no entry at all
        if kind in present:
            tally.doc_types[kind][0 if kind in predicted else 2] += 1
        elif judge_extra and kind not in tolerated:
            tally.doc_types[kind][1] += 1


def _score_type_found(doc: GoldDoc, preds: list[_Prediction], tally: _Tally) -> None:
    wanted = {t for g in doc.events if g.required for t in g.accepted_types}
    if wanted:
        tally.docs_with_gold += 1
        tally.docs_type_found += any(p.event_type in wanted for p in preds)


def _as_mapping(prediction: object) -> Mapping[str, Any]:
    if isinstance(prediction, Mapping):
        return prediction
    if isinstance(prediction, Event):
        return prediction.model_dump(mode="json")
    raise EventcoderError(f"a prediction must be an event object, not {type(prediction).__name__}")


def evaluate(gold: list[GoldDoc], predictions: Sequence[Mapping[str, Any] | Event]) -> EvalReport:
    """Score predictions (event dicts as the coder writes them, or Event models) against gold."""
    by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for prediction in predictions:
        record = _as_mapping(prediction)
        by_doc[str(record.get("doc_id"))].append(record)

    tally = _Tally()
    for doc in gold:
        preds = [_Prediction.of(raw) for raw in by_doc.get(doc.doc_id, [])]
        _assign(doc.events, preds)
        _score_required(doc, preds, tally)
        _score_predictions(doc, preds, tally)
        _score_doc_types(doc, preds, tally)
        _score_type_found(doc, preds, tally)
    return _report(gold, sum(map(len, by_doc.values())), tally)


def _report(gold: list[GoldDoc], predicted: int, tally: _Tally) -> EvalReport:
    recall = _ratio(tally.matched, tally.required)
    judged_any = any(doc.exhaustive for doc in gold)
    precision = _ratio(tally.true, tally.judged) if judged_any else None
    doc_type_f1 = {
        kind: round(_harmonic(_ratio(tp, tp + fp), _ratio(tp, tp + fn)), 3)
        for kind, (tp, fp, fn) in sorted(tally.doc_types.items())
    }
    per_type: dict[str, tuple[float, float, float]] = {}
    support: dict[str, tuple[int, int]] = {}
    for kind in sorted(set(tally.gold_by_type) | set(tally.judged_by_type)):
        p = _ratio(tally.true_by_type[kind], tally.judged_by_type[kind])
        r = _ratio(tally.matched_by_type[kind], tally.gold_by_type[kind])
        per_type[kind] = (round(p, 3), round(r, 3), round(_harmonic(p, r), 3))
        support[kind] = (tally.gold_by_type[kind], tally.judged_by_type[kind])
    return EvalReport(
        documents=len(gold),
        gold_events=tally.required,
        predicted_events=predicted,
        event_recall=round(recall, 3),
        event_precision=None if precision is None else round(precision, 3),
        event_f1=None if precision is None else round(_harmonic(precision, recall), 3),
        right_type_wrong_actors=tally.type_only,
        duplicates=tally.duplicates,
        date_accuracy=_rounded(tally.date_hits, tally.date_total),
        location_accuracy=_rounded(tally.place_hits, tally.place_total),
        doc_type_macro_f1=round(sum(doc_type_f1.values()) / len(doc_type_f1), 3) if doc_type_f1 else 0.0,
        doc_type_f1=doc_type_f1,
        missed=tally.missed,
        per_type=per_type,
        per_type_support=support,
        confusion=dict(sorted(tally.confusion.items())),
        type_found_share=_rounded(tally.docs_type_found, tally.docs_with_gold),
        errors=tally.errors,
    )


# ------------------------------------------------------------------ rendering


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], first_width: int = 12) -> list[str]:
    widths = [max(first_width, len(header[0]))] + [max(6, len(h)) for h in header[1:]]
    lines = ["  " + "  ".join(f"{h:<{w}}" if i == 0 else f"{h:>{w}}" for i, (h, w) in
                              enumerate(zip(header, widths, strict=True)))]
    for row in rows:
        lines.append("  " + "  ".join(f"{c!s:<{w}}" if i == 0 else f"{c!s:>{w}}" for i, (c, w) in
                                      enumerate(zip(row, widths, strict=True))))
    return lines


def render_report(report: EvalReport, errors: bool = False) -> str:
    """The report as terminal text.

    First the shared scorer's ``key value`` lines (same keys, order and values),
    then type_found_share, the per-type table and the confusion table; then
    every miss, false alarm and duplicate with its note or evidence when
    ``errors`` is true, else (like the shared scorer) the first 40 misses.
    """
    scores = report.score_dict()
    lines = [f"{key:26} {value}" for key, value in scores.items() if key not in ("missed", "doc_type_f1")]
    lines.append("doc_type_f1               " + " ".join(f"{k}={v}" for k, v in report.doc_type_f1.items()))
    lines.append(f"{'type_found_share':26} {report.type_found_share}")

    if report.per_type:
        lines += ["", "per type (events; precision over exhaustive documents)"]
        lines += _table(("type", "gold", "pred", "P", "R", "F1"), (
            (kind, *report.per_type_support[kind], f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
            for kind, (p, r, f) in report.per_type.items()))

    if report.confusion:
        gold_types = sorted({g for g, _ in report.confusion} - {NONE_MARK}) + [NONE_MARK]
        pred_types = sorted({p for _, p in report.confusion} - {NONE_MARK}) + [NONE_MARK]
        lines += ["", f"confusion (rows: gold type, columns: predicted type; {NONE_MARK} = none)"]
        lines += _table(("gold \\ pred", *pred_types), (
            (g, *(report.confusion.get((g, p), ".") for p in pred_types)) for g in gold_types))

    if errors:
        lines += ["", f"errors ({len(report.errors)})"]
        for item in report.errors:
            other = ""
            if item.other_type:
                other = (f" [predicted as {item.other_type}]" if item.kind == "miss"
                         else f" [gold says {item.other_type}]")
            lines.append(f"  {item.kind:<11} {item.doc_id}  {item.event_type}  {item.who}{other}")
            if item.text:
                lines.append(f"      {item.text}")
    else:
        lines += [f"  missed  {line}" for line in report.missed[:40]]
    return "\n".join(lines)

"""How many events of sentences written for testing eventcoder codes right, by type and participants.

    python benchmarks/probes.py benchmarks/probes/written-2.jsonl --half odd   # the held-out half
    python benchmarks/probes.py benchmarks/probes/written-1.jsonl --show        # list every miss
    python benchmarks/probes.py benchmarks/probes/written-5.jsonl               # stories, held out

The sets in ``benchmarks/probes/`` were written for the project by people who saw neither its code
nor the evaluation corpora: news sentences and short paragraphs in wire style, each with the events a
careful PLOVER coder would code (``expect``). No sentence comes from a corpus.

An expected event is **right** when eventcoder outputs an event of its type (or of an alternative
written ``"SANCTION|COERCE"``) whose actors include one matching ``actor`` and whose recipients include
one matching ``recipient``; ``"IRN GOV|IRN MIL"`` lists alternatives, ``"IRN *"`` any sector, ``"UN *"``
an organisation code (or a body of it: UNHCR is of the UN; the CAMEO codes UNO, EUR, AFU, WAF are read as
UN, EU, AU, ECOWAS), ``""`` any recipient (the sentence names none). ``sym`` events (meetings, joint
acts) may have the roles swapped; ``optional`` events are never required. **right-mode**: right, but
with another mode; **participants**: the type is output with other participants; **missed**: the type is
not output. Items whose id starts with ``z`` have no event: any output there is a false event.
Items ``m…`` test modality (negated, planned, conditional, denied acts); an expected event written with
a ``modality`` must not be output as a fact, and the ones that are are counted. Written-2's odd-numbered items
(the 2nd, 4th, …) were never read while writing rules; its even items and written-1 were; written-3 was
written at the end of the ninth session and has not been read while writing rules. written-4 and written-5
are short wire stories of three to six sentences (coreference, reactions, background), written by two
more helpers in the tenth session: written-4 was read while writing rules, written-5 never was.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eventcoder.knowledge import load_knowledge
from eventcoder.pipeline import Coder


# the writers' CAMEO-style organisation codes and the knowledge tables' own
CAMEO_ORGS = {"UNO": "UN", "EUR": "EU", "AFU": "AU", "WAF": "ECOWAS"}
_FAMILY: dict[str, set[str]] = {}


def _family(org: str | None) -> set[str]:
    """An organisation's code and those of the bodies it belongs to (UNHCR -> UN)."""
    if not org:
        return set()
    if org not in _FAMILY:
        kb, out = load_knowledge(), {org}
        entry = kb.organization(org)
        while entry is not None and entry.parent and entry.parent not in out:
            out.add(entry.parent)
            entry = kb.organization(entry.parent)
        _FAMILY[org] = out
    return _FAMILY[org]


def _matches(spec: str, actors: list[tuple[str | None, str | None, str | None]]) -> bool:
    for alt in (a.strip() for a in spec.split("|")):
        if alt == "*" or (alt == "" and not actors):
            return True
        if not alt:
            continue
        country, sector = alt.split()
        code = CAMEO_ORGS.get(country, country)
        if any((country == "*" or country == c or code in _family(org)) and (sector == "*" or sector == s)
               for c, s, org in actors):
            return True
    return False


def verdict(expected: dict, events: list[dict]) -> str:
    """right | right-mode | participants | missed, for one expected event."""
    best = "missed"
    for got in events:
        if got["type"] not in expected["type"].split("|"):
            continue
        actors, recipients = got["actors"], got["recipients"]
        if expected.get("sym"):
            both = actors + recipients
            ok = _matches(expected["actor"], both) and (expected["recipient"] == "" or _matches(expected["recipient"], both))
        else:
            ok = _matches(expected["actor"], actors) and (expected["recipient"] == "" or _matches(expected["recipient"], recipients))
        if ok and (not expected.get("mode") or got["mode"] in expected["mode"].split("|")):
            return "right"
        best = "right-mode" if ok else ("participants" if best == "missed" else best)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("items", type=Path, help="a JSON Lines file of written items")
    parser.add_argument("--half", choices=("odd", "even"), help="only the 2nd, 4th, ... (odd) or 1st, 3rd, ... items")
    parser.add_argument("--show", action="store_true", help="print every item not fully right")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.items.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.half:
        items = [it for k, it in enumerate(items) if k % 2 == (1 if args.half == "odd" else 0)]
    coder = Coder()
    counts: Counter[str] = Counter()
    false_events = no_event_items = modal_total = modal_asserted = 0
    for item in items:
        result = coder.code_text(item["text"], published=item.get("published"))
        events = [{"type": e.event_type, "mode": e.event_mode,
                   "actors": [(a.country, a.sector, a.org) for a in e.actors],
                   "recipients": [(a.country, a.sector, a.org) for a in e.recipients]} for e in result.events]
        required = [e for e in item["expect"] if not e.get("optional") and not e.get("modality")]
        # events written with a modality (negated, future, hypothetical, denied) must not come out as facts
        unasserted = [e for e in item["expect"] if e.get("modality")]
        modal_total += len(unasserted)
        # (one with a mode only by an output of that mode: "will visit Seoul" is not the phone call told as done)
        asserted = [e for e in unasserted if verdict(e, events) == "right"]
        modal_asserted += len(asserted)
        if item["id"].startswith("z"):
            no_event_items += 1
            false_events += bool(events)
        verdicts = [verdict(e, events) for e in required]
        counts.update(verdicts)
        if args.show and (any(v != "right" for v in verdicts) or item["id"].startswith("z") and events or asserted):
            print(f"{item['id']} {verdicts}: {item['text'][:160]}")
            for e in required:
                print(f"    expected {e['type']} {e.get('mode')} {e['actor']} -> {e['recipient'] or '-'}")
            for e in asserted:
                print(f"    NOT asserted {e['type']} ({e['modality']}) {e['actor']} -> {e['recipient'] or '-'}")
            for e in events:
                print(f"    coded    {e['type']} {e['mode']} {e['actors']} -> {e['recipients']}")
    total = sum(counts.values())
    right = counts["right"] + counts["right-mode"]
    print(f"{args.items.name}{' (' + args.half + ' half)' if args.half else ''}: {len(items)} items, "
          f"{total} required events")
    print(f"right type, actor and recipient: {right} ({right / max(total, 1):.0%}; "
          f"{counts['right-mode']} of them with another mode)")
    print(f"type with other participants: {counts['participants']}; type missed: {counts['missed']}")
    print(f"items without an event: {no_event_items}, with a false event: {false_events}")
    if modal_total:
        print(f"events not asserted by the text (negated, future, ...): {modal_total}, "
              f"output as facts: {modal_asserted}")


if __name__ == "__main__":
    main()

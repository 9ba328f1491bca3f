"""``eventcoder explain``: how a text is coded, sentence by sentence, and why.

For each sentence: whether the pre-filter sent it to the parser, its dependency parse, the known
phrases found in it, every trigger that matched and what became of it (the actors resolved, the
modality, the reason when no event was produced), and the final events after merging.
"""

from __future__ import annotations

from .config import Settings
from .extract.actors import ActorResolver, MentionIndex
from .extract.events import EventExtractor
from .models import Actor
from .pipeline import Coder, document_registry, sentence_mentions


def _actor(a: Actor) -> str:
    codes = "/".join(x for x in (a.country, a.sector, a.org) if x)
    via = f" via {a.resolved_by}" if a.resolved_by and a.resolved_by != "lexicon" else ""
    return f"{a.name or a.text} [{codes or '?'}]{via}"


def explain_text(text: str, settings: Settings | None = None, published: str | None = None) -> str:
    """A readable account of how ``text`` is coded."""
    coder = Coder(settings)
    result = coder.code_text(text, published=published)
    prepared = coder._prepare(result.document)  # the same cheap stages the coder ran
    lines: list[str] = []
    registry = document_registry(prepared)
    resolver = ActorResolver(coder.kb, registry)
    trace: list[str] = []
    extractor = EventExtractor(coder.lexicon, resolver, trace=trace)
    from .nlp import parse

    lines.append(f"document main country: {registry.dominant_country or '-'}")
    for i, sent in enumerate(prepared.sentences):
        sentence = prepared.clean.text[sent.start:sent.end]
        lines.append("")
        lines.append(f"sentence {i + 1}: {sentence}")
        if i not in prepared.candidates:
            lines.append("  no trigger word: not parsed (pre-filter)")
            continue
        if i in prepared.speakers:
            lines.append("  read for who speaks the quotation the next sentence goes on with")
        sdoc = next(parse([sentence], coder.settings.model))
        registry.sentence = i
        lines.append("  parse: " + " ".join(f"{t.text}/{t.pos_}/{t.dep_}<{t.head.i}" for t in sdoc))
        local = sentence_mentions(prepared.mentions, sent)
        if local:
            lines.append("  known phrases: " + "; ".join(
                f"{m.text} = {m.entries[0].kind}:{m.entries[0].country or m.entries[0].org or m.entries[0].sector}"
                for m in local))
        trace.clear()
        raws = extractor.extract(sdoc, MentionIndex(local), sent.start)
        for ent in sdoc.ents:
            if ent.label_ == "PERSON":
                resolver.resolve(ent.root, MentionIndex(local), sent.start)
        resolver.note_speaker(sdoc, MentionIndex(local), sent.start)
        lines.extend(f"  {t}" for t in trace)
        if not trace:
            lines.append("  no trigger matched its rule (object or particle missing)")
        for raw in raws:
            why = ""
            if raw.modality != "asserted" and not coder.settings.include_modal:
                why = "  (not output: modality; use --include-modal)"
            elif not raw.actors:
                why = "  (not output: no known actor)"
            lines.append(f"  -> {raw.type}/{raw.mode or '-'} {raw.modality}: "
                         f"{', '.join(map(_actor, raw.actors)) or '-'} -> "
                         f"{', '.join(map(_actor, raw.recipients)) or '-'}{why}")
    lines.append("")
    lines.append(f"events after merging reports of one event: {len(result.events)}")
    for e in result.events:
        lines.append(f"  {e.event_type}/{e.event_mode or '-'} {', '.join(map(_actor, e.actors))} -> "
                     f"{', '.join(map(_actor, e.recipients)) or '-'}; date {e.date.value or '-'} "
                     f"({e.date.resolution}); place {e.location.country if e.location else '-'}; "
                     f"confidence {e.confidence}; {len(e.evidence)} sentence(s)")
    return "\n".join(lines)

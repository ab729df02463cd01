"""Appositive relative clauses: "Japan's Prime Minister Shinzo Abe, who visited Tehran in June, also met Trump on
Sunday". A trigger inside the relative clause ("visited") is done by its antecedent (Abe); a trigger after it ("met")
belongs to the main clause, which skips the relative clause's dates, parties and words."""

import re

from timeline.actors import ActorMention

JOINED = re.compile(r"(?:[’']s\s+|\s*,\s*|\s+and\s+|,\s+and\s+)(?:[A-Z][\w.’'-]*\s+){0,4}")
RELATIVE_START = re.compile(r"(?:who|whose|which)\b", re.IGNORECASE)


def relative_clause(text: str, clause_start: int, trigger_start: int) -> tuple[int, int] | None:
    """The span of the appositive relative clause that begins a trigger's clause ("who visited Tehran in June"),
    from its pronoun to the comma that closes it; None when the clause does not begin with one."""
    if not RELATIVE_START.match(text, clause_start):
        return None
    close = text.find(",", clause_start)
    return (clause_start, close if close != -1 else len(text))


def without(text: str, start: int, end: int, span: tuple[int, int] | None) -> str:
    """text[start:end] with the part inside span blanked out (same length, so offsets stay valid)."""
    if span is None or span[1] <= start or span[0] >= end:
        return text[start:end]
    a, b = max(start, span[0]), min(end, span[1])
    return text[start:a] + " " * (b - a) + text[b:end]


def antecedents(text: str, before: list[ActorMention], offset: int) -> list[ActorMention]:
    """The actors a relative clause is about: the last actor before it and those joined to it by "and", a comma
    or a possessive with titles ("France and China, whose", "Japan's Prime Minister Shinzo Abe, who")."""
    out: list[ActorMention] = []
    for m in reversed(before):
        if out and not JOINED.fullmatch(text, m.end - offset, out[0].start - offset):
            break
        out.insert(0, m)
    return out

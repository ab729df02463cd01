"""Date linking: which temporal expression of a sentence belongs to an event trigger."""

import re

from timeline.participants import NP_BEFORE_CHARS
from timeline.timex import Timex

OWN_RELATIVE = re.compile(  # (after the trigger's attachment: "a meeting with Lavrov, his counterpart, that had been")
    r"(?:\s+(?:with|between|among|of|on|over)\s+[^;.]{1,80}?)?\s*,?\s*(?:that|which)\s+(?:[\w’'.-]+\s+){0,6}?"
    r"(?:planned|scheduled|due|set|was|were|had|has|will|hosts|holds|opens|convenes|chairs)\b", re.IGNORECASE
)
RELATIVE = re.compile(
    r"\b(?:that|which|who|whom|whose)\s+(?:[\w’'-]+\s+){0,4}?(?:had|has|have|was|were|is|are|\w+ed)\b", re.IGNORECASE
)
SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,5}?(?:\w+ed|began|broke|took|came|went|fell|won|met|held)\b",
                          re.IGNORECASE)
COORDINATED = re.compile(r"\s(?:and|but|then|before|after)\s+(?:then\s+|later\s+|also\s+)?(?:[\w’'-]+\s+)?$", re.I)
PURPOSE_BEFORE = re.compile(r"\b(?:to|for)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
# a past participle after a common noun of the object, with the date's preposition: "the land occupied in"
PARTICIPLE_MODIFIER = re.compile(
    r"\b(?!(?:was|were|been|be|is|are|had|has|have|being|it|they|he|she|we|you|which|that|who|"
    r"since|when|after|before|once|until)\b)(?-i:[a-z])[\w-]*\s+(?-i:[a-z]+ed|held|won|taken|seized|"
    r"built|begun|lost|made|drawn|fought)\s+(?:in|on|since|during)\s+$")
DEADLINE_BEFORE = re.compile(r"\b(?:by|before)\s+$", re.IGNORECASE)  # "should begin before the end of the year"
# an object relative clause without "that": "let back in the inspectors it expelled at the end of December"
ZERO_RELATIVE = re.compile(
    r"\b(?!(?:since|when|after|before|once|until|because|as|if|where|while|that|which|and|but|or)\b)(?-i:[a-z])[\w-]*"
    r"\s+(?:it|they|he|she|we)\s+(?:had\s+)?(?-i:[a-z]+ed|held|won|took|made|sent|signed|broke|met)\s+"
    r"(?:in|on|at|during|since|last)\s+(?:the\s+)?$")
NOUN_ANCHORED = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|pending|in\s+advance\s+of)\s+(?:the\s+|a\s+|an\s+)?"
                           r"(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)  # a noun event named as what is still ahead
BOUND_WORDS = re.compile(r"\b(?:before|after|until|till|ahead\s+of|prior\s+to)\b", re.I)
ANCHOR_WORDS = re.compile(r"\b(?:after|before|until|till|since|following|ahead\s+of|prior\s+to|by)\b", re.I)
MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.IGNORECASE)
NAME_AFTER = re.compile(r"\s+(?-i:[A-Z])(?:lympics|ames|estival|ession|ouncil|alks|ummit|ffensive|evolution)")
SETTING = re.compile(r",?\s(?:in|at|during)\s+(?:a|an|the|their|his|her|its)\s+(?:[\w-]+\s+){0,3}$", re.I)
SETTING_DATE_CHARS = 200  # a gathering the clause's dated act took place in takes the date this far
NOUN_DATE_CHARS = 70  # a nominal trigger takes a date only this close
POSSESSIVE_AFTER = re.compile(r"[’']s?\s")  # a date owning a later noun: "this month's war", "last years' talks"
VAGUE = re.compile(r"(?:recently|lately|now|currently|earlier|previously|formerly|once|soon|then)", re.IGNORECASE)


def link_date(
    text: str, trigger: tuple[int, int], kind: str, timexes: list[Timex], others: list[tuple[int, int]],
    clause: tuple[int, int], own_noun: bool = False,
) -> Timex | None:
    """The DATE expression that belongs to a trigger: nearest in its clause, not past another trigger. With
    own_noun, the trigger's noun is the event itself, so a date modifying it inside the trigger is its own."""
    a, b = trigger
    best, best_cost = None, None
    costs: list[tuple[int, Timex]] = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or t.start < clause[0] or t.end > clause[1]:
            continue
        if t.granularity == "season" and NAME_AFTER.match(text, t.end):
            continue  # "during the Winter Olympics", "the Arab Spring": a name, not a date
        gap = t.start - b if t.start >= b else a - t.end if t.end <= a else 0
        between = [o for o in others if (b <= o[0] < t.start) or (t.end <= o[0] < a)]
        if kind == "noun" and t.end <= a and NOUN_ANCHORED.search(text, t.end, a):
            continue  # "clashes on Sunday as fighting continued ahead of the truce": the clause's date, not the truce's
        if between and (kind == "noun" or ANCHOR_WORDS.search(text[min(b, t.end):max(a, t.start)])):
            continue
        own_relative = kind == "noun" and OWN_RELATIVE.match(text[b:t.start])  # "the summit that he planned for June"
        if t.start >= b and kind == "noun" and SINCE_CLAUSE.search(text[b:t.start]):
            continue  # "the first talks since the invasion began on Thursday": the date of the since-clause
        if t.start >= b and ((modifier := PARTICIPLE_MODIFIER.search(text, b, t.start)) and modifier.start() > b + 1
                             or ZERO_RELATIVE.search(text, b, t.start)):
            continue  # "called on Israel to withdraw from the land occupied in 1967": the occupation's date
        if t.start >= b and POSSESSIVE_AFTER.match(text, t.end):
            continue  # "recognized the regions at the centre of this month's war": the war's date
        deadline = t.mod == "END" and DEADLINE_BEFORE.search(text, max(0, t.start - 12), t.start)
        if t.start >= b and not deadline and (BOUND_WORDS.search(text[b:t.start])
                             or (RELATIVE.search(text[b:t.start]) and not own_relative)):
            continue  # "will not meet before his inauguration in January": a bound, not the date
        if kind == "noun" and gap > NOUN_DATE_CHARS * (2 if own_relative else 1) and not (
                t.end <= a and gap <= SETTING_DATE_CHARS and SETTING.search(text, max(0, a - 60), a)):
            continue  # (but "agreed on Wednesday to ... in a four-hour meeting": the setting of the dated act)
        inside = own_noun and a <= t.start < t.end <= b
        if MODIFIER_BEFORE.search(text[max(0, t.start - 8):t.start]) and not (
                kind == "noun" and 0 <= a - t.end <= NP_BEFORE_CHARS) and not inside:
            continue  # "left the 2015 nuclear deal": another thing's date ("won the March 9 election": its own)
        claimed = t.end <= a and any(clause[0] <= o[1] <= t.start for o in others)  # "met on Monday and ..."
        if claimed and PURPOSE_BEFORE.search(text[max(0, a - 12):a]):
            continue  # "leaves for Germany on Thursday to attend the summit": the trip's date, not the summit's
        coordinated = t.end <= a and COORDINATED.search(text[t.end:a])  # "announced it in May and met in June"
        vague = t.date_start is None and t.type == "DATE" and VAGUE.fullmatch(t.text.strip()) is not None
        cost = gap + (1000 if between else 0) + (0 if t.start >= b else 5) + (500 if claimed else 0) + (
            200 if coordinated else 0) + (100 if vague else 0)  # "had met as recently as late August"
        if best_cost is None or cost < best_cost:
            best, best_cost = t, cost
        costs.append((cost, t))
    return finer(text, best, best_cost, costs)


SPLIT = re.compile(r"[,;]|\b(?:and|or|but|then|while|before|after)\b", re.IGNORECASE)
APPOSED = re.compile(r"\s*(?:,|[—–])\s*(?:on\s+|in\s+)?$")


def finer(text: str, best: Timex | None, cost: int | None, costs: list[tuple[int, Timex]]) -> Timex | None:
    """A finer date that restates the chosen one: apposed ("on the same day, May 22") or inside it in the same
    clause ("this week ... on Wednesday"), unless it lies past another trigger."""
    if best is None or cost is None:
        return best
    for c, t in costs:
        if t is best or t.date_start is None or t.date_end is None or c >= 1000 or cost >= 1000:
            continue
        apposed = t.start >= best.end and APPOSED.fullmatch(text, best.end, t.start) is not None
        counted = best.source in ("relative", "anchored") and t.source not in ("relative", "anchored")
        if apposed and (counted or best.date_start is None):
            return t  # "on the same day, May 22": the date stated
        if best.date_start is None or best.date_end is None:
            continue
        inside = best.date_start <= t.date_start and t.date_end <= best.date_end and (
            t.date_end - t.date_start < best.date_end - best.date_start)
        lo, hi = (best.end, t.start) if t.start >= best.end else (t.end, best.start)
        joined = not SPLIT.search(text[lo:hi])  # "in May and Abbas on May 28": another event's date
        if inside and (apposed or (joined and c < cost + 200)):
            return t
    return best

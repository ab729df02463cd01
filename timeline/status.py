"""Status of an event mention (occurred, planned, possible, proposed, negated, cancelled, postponed) from its words."""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

STATUSES = ("occurred", "planned", "possible", "proposed", "negated", "cancelled", "postponed")
VERB_WINDOW = 4  # words before a verbal trigger that may carry its modal or negation
AFTER_CHARS = 60
_SAYING = (r"\b(?:said|says|told|announced|confirmed|promised|pledged|vowed|declared|agreed|agrees|decided|decides|"
           r"resolved|ruled|stated)\b")
# "said he would visit", "agreed that their envoys would meet", "said the truce would hold and that he would send"
REPORTED_FUTURE = re.compile(_SAYING + r"(?:(?:\s+[\w’'-]+){0,8}?|.*\band\s+that(?:\s+[\w’'-]+){0,4}?)\s+would\s+"
                             r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
HEDGE = re.compile(r"\b(?:if|unless|whether|might|could|(?-i:may)|probably|perhaps|possibly|likely)\b", re.IGNORECASE)
FACTUAL_INFINITIVE = re.compile(
    r"\b(?:agreed|decided|decision|voted|moved|began|started|went\s+on|led|prompted|forced|caused|compelled|"
    r"(?:first|second|third|last|latest|only|\d+(?:st|nd|rd|th)|"
    r"(?:highest|most\s+senior|seniormost|biggest|largest|youngest|oldest)(?:-ranking|-level)?)"
    r"(?:\s+[\w-]+)?)\b(?:\s+[\w-]+){0,3}\s+to$", re.IGNORECASE)
# a status word before a nominal trigger: up to two words between, more if they are a name ("postpone the
# Group of Seven summit")
NOUN_PHRASE_BEFORE = r"\b(?:BODY)\s+(?:[\w-]+\s+){0,2}(?:(?:(?-i:[A-Z])[\w-]*|of|and)\s+){0,3}$"
THREATENED_CALLOFF = re.compile(
    r"\b(?:threaten\w*|warn\w*|consider\w*|weigh\w*|may|might|could|if)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:cancel|postpone|call\s+off|scrap|delay|put\s+off)\b", re.IGNORECASE)
_CALLOFF = (r"(?:(?P<cancelled>called\s+(?:it\s+|them\s+)?off|cancell?ed|scrapped|abandoned|dropped)|"
            r"(?P<postponed>postponed|delayed|put\s+off|pushed\s+back|deferred))\b")
BUT_CALLED_OFF = re.compile(r"\bbut\s+(?:(?:has|have|had)\s+)?(?:(?:later|then|abruptly|eventually|subsequently|since|"
                            r"quietly)\s+)?" + _CALLOFF,
                            re.IGNORECASE)
BUT_WAS_CALLED_OFF = re.compile(r"\W{0,3}but\s+(?:(?:the|that|this|its|their|his|her)\s+(?:[\w-]+\s+){0,2}|it\s+|"
                                r"they\s+)(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:later\s+|then\s+|abruptly\s+)?"
                                + _CALLOFF, re.IGNORECASE)
ASIDE = re.compile(r"^[^,;.]{0,100}?,\s+(?:which|that|who|originally|initially|first|once|planned|scheduled|set|"
                   r"due|expected)\b[^,;.]{0,100},\s*", re.IGNORECASE)
OF_ASPECT = re.compile(r"\b(?:outcome|results?|fate|future|timing|date|venue|location|impact|terms|details|agenda|"
                       r"success|winner)\s+of\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
LATE_CHARS = 160  # "a planned meeting between ... next week was called off": the clause's own verb decides
LATE_VERB = {
    "cancelled": re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:abruptly\s+|later\s+)?"
                            r"(?:cancell?ed|called\s+off|scrapped|abandoned)\b", re.IGNORECASE),
    "postponed": re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:again\s+)?"
                            r"(?:postponed|delayed|put\s+off|pushed\s+back)\b", re.IGNORECASE),
    # "the meeting between ... had been planned for June 10": a plan (said of a noun), even if its date has passed
    "planned": re.compile(r"\bhad\s+been\s+(?:originally\s+|initially\s+|first\s+)?"
                          r"(?:planned|scheduled|slated|set)\s+(?:for|on|in)\b", re.IGNORECASE),
}

PRESENT_FUTURE = re.compile(r"\b(?:will|[’']ll|shall|is\s+to|are\s+to)\b", re.IGNORECASE)
# a time expression that says the past by itself (a year, "last week", "two days ago"), not a bare weekday or month
PAST_WHEN = re.compile(r"\b(?:1[5-9]\d\d|20\d\d|last|ago|previous|earlier|yesterday|past)\b", re.IGNORECASE)
WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:next|coming|later\s+this|tonight|"
                          r"tomorrow|today)\b", re.IGNORECASE)
PAST_FORMS = {"met", "held", "broke", "struck", "won", "took", "sent", "withdrew", "froze", "quit", "fired", "gave",
              "told", "left", "went", "brought", "led", "paid", "kept", "rang", "sat", "lost", "drove", "fought",
              "threw", "rose", "fell", "wrote", "saw", "stood", "spent", "spoke", "flew", "began", "sought", "made",
              "had", "came", "drew", "swore", "sworn", "was", "were", "did", "has", "have"}
# plain forms of verbs that tell a schedule with a plural subject ("EU leaders meet on Thursday", "talks resume")
BASE_FORMS = {"meet", "hold", "resume", "visit", "travel", "arrive", "sign", "host", "attend", "begin", "start", "open",
              "join", "gather", "convene", "fly", "head", "return", "vote", "go", "reopen", "talk", "sit"}
NOT_FINITE_BEFORE = re.compile(r"(?:\b(?:to|not|n[’']t|did|does|do|a|an|the|his|her|its|their|our|your|my|this|that|"
                               r"these|those|first|last|next|official|state|working|private|[\w-]+-(?:day|hour|week|"
                               r"month|nation|way))|[’']s?)\s*$", re.IGNORECASE)
PLURAL_NOUNS = {"talks", "negotiations", "consultations", "discussions", "relations", "ties", "sanctions", "elections",
                "visits", "meetings", "contacts"}
MONTH_WORD = re.compile(r"(?:in\s+|early\s+|late\s+|mid-?)?(?:jan|febr)uary|march|april|may|june|july|august|"
                        r"(?:septem|octo|novem|decem)ber", re.IGNORECASE)
HABITUAL = re.compile(r"\b(?:every|each|annual(?:ly)?|usually|traditionally|always|often|regularly|typically|"
                      r"normally|routinely)\b", re.IGNORECASE)
NOUN_USE = re.compile(r"\b(?:a|an|the|his|her|its|their|[\w-]+-(?:day|hour|week|month|nation|way))\s*$", re.IGNORECASE)
TEMPORAL_HEAD = re.compile(r"\b(?:after|before|until|till|ahead\s+of|in\s+time\s+for|by\s+the\s+time\s+of)\s+"
                           r"(?:the|a|an|this|next|its|their|his|her)?\s*(?:[\w’'.-]+\s+){0,3}$", re.IGNORECASE)
# "postponed the trip in May and finally went in June": a finite past verb after "and" has its own cues
COORDINATED_PAST = re.compile(r"\b(?:and|but)\s+(?:(?:then|later|finally|eventually|subsequently|instead|also|"
                              r"only|still|again)\s+)?$", re.IGNORECASE)
# "the deal, signed in 2015, was abandoned": an aside opened just before the trigger ends at its comma
ASIDE_OPEN = re.compile(r",\s*(?:(?:which|who|whom|that)\b[^,;]*)?$", re.IGNORECASE)
# "The deal, first proposed in May, was signed in June": a participle aside earlier in the clause is not the verb's
PARTICIPLE_ASIDE = re.compile(r",\s+(?:(?:first|originally|initially|once|later|long|all)\s+)?(?-i:(?:[a-z-]+(?<!e)ed|"
                              r"held|met|made|struck|led|taken|given|written|broken|drawn|sworn|begun|known|seen|won))"
                              r"\b[^,;]{0,100},\s*", re.IGNORECASE)
AHEAD = re.compile(r"\b(?:will|[’']ll|shall|would|could|may|might|is\s+to|are\s+to|(?:is|are)\s+(?:due|set|"
                   r"expected|scheduled|likely)\s+to|(?:plans?|planning|wants?|hopes?|hoping|seeks?|aims?|intends?)\s+to|"
                   r"postponed|delayed|put\s+off|pushed\s+back|deferred)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StatusRules:
    """Compiled status markers, per status and position."""

    order: tuple[str, ...]
    before_verb: dict[str, re.Pattern]
    before_noun: dict[str, re.Pattern]
    after: dict[str, re.Pattern]
    clause: dict[str, re.Pattern]


def _alternation(words: list[str], anchor: str) -> re.Pattern:
    body = "|".join(f"(?:{w})" for w in words) or "(?!)"
    return re.compile(anchor.replace("BODY", body), re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> StatusRules:
    """The status markers shipped with the package (data/status.yaml)."""
    data = yaml.safe_load(resources.files("timeline").joinpath("data/status.yaml").read_text("utf-8"))
    order = tuple(data["order"])
    st = data["statuses"]
    return StatusRules(
        order=order,
        before_verb={s: _alternation(st[s]["before_verb"], r"\b(?:BODY)\b") for s in order},
        before_noun={s: _alternation(st[s]["before_noun"], NOUN_PHRASE_BEFORE) for s in order},
        after={s: _alternation(st[s]["after"], r"^\W{0,3}(?:[\w’'.-]+\W+){0,8}?(?:BODY)\b") for s in order},
        clause={s: _alternation(st[s]["clause"], r"\b(?:BODY)\b") for s in order},
    )


def words_before(text: str, n: int) -> str:
    """The last n words of text."""
    parts = re.findall(r"[\w’'-]+", text)
    return " ".join(parts[-n:])


def mention_status(
    clause_before: str,
    clause_after: str,
    kind: str,
    event_start: dt.date | None,
    published: dt.date,
    tense: str | None,
    event_end: dt.date | None = None,
    trigger: str = "",
    when: str = "",
    rest: str = "",
) -> str:
    """The status of one trigger given the clause text before and after it and its linked date (`when`: the text
    of the time expression that dates it, `trigger`: the trigger's own words, `rest`: the sentence after the
    clause)."""
    r = rules()
    clause_before = PARTICIPLE_ASIDE.sub(", ", clause_before)  # "the deal, signed in 2015, was abandoned"
    first = trigger.split()[0].lower() if trigger.strip() else ""
    coordinated = COORDINATED_PAST.search(clause_before) if kind == "verb" else None
    if coordinated and (first.endswith("ed") or first in PAST_FORMS - {"was", "were", "did"}):
        clause_before = clause_before[coordinated.start():]  # "postponed the trip in May and finally went in June"
    if kind == "verb" and ASIDE_OPEN.search(clause_before) and re.search(r"[,;]", clause_after):
        clause_after = re.split(r"[,;]", clause_after, maxsplit=1)[0]  # the aside ends at its comma
    whole_before = clause_before
    head = TEMPORAL_HEAD.search(clause_before) if kind == "noun" else None
    if head:  # "postponed the summit until after the election": the cues before "after" are the summit's
        clause_before = clause_before[head.start():]
    near_before = words_before(clause_before, VERB_WINDOW)
    after = clause_after[:AFTER_CHARS]
    found: set[str] = set()
    for status in r.order:
        if kind == "verb" and r.before_verb[status].search(near_before):
            found.add(status)
        if kind == "noun" and r.before_noun[status].search(clause_before.rstrip() + " "):
            found.add(status)
        if r.after[status].search(after) and not (status == "possible" and OF_ASPECT.search(clause_before)):
            found.add(status)  # not "the outcome of Tuesday's election remained uncertain": the outcome is
        if r.clause[status].search(clause_before):
            found.add(status)
    aside = ASIDE.match(clause_after + rest) if kind == "noun" else None
    in_doubt = False
    if aside:  # "the summit, which was planned for June, was cancelled": the verb after the aside is the noun's
        tail = (clause_after + rest)[aside.end():aside.end() + AFTER_CHARS]
        found |= {s for s in ("negated", "cancelled", "postponed", "possible") if r.after[s].search(tail)}
        in_doubt = bool(r.after["possible"].search(tail))  # "a visit, planned for May, is in doubt"
    for status in ("cancelled", "postponed", "planned"):
        if (kind == "noun" or status != "planned") and LATE_VERB[status].search(clause_after[:LATE_CHARS]):
            found.add(status)
    if re.search(r"\bcall(?:ed|s|ing)?\s+(?:\w+\s+)?$", clause_before) and re.match(r"\s*off\b", clause_after):
        found.add("cancelled")  # "called the meeting off"
    if "planned" in found and not found & {"cancelled", "postponed", "negated"}:
        m = BUT_CALLED_OFF.search(after) or BUT_WAS_CALLED_OFF.match(rest)
        if m:  # "had planned to visit in May but called off the trip", "was due to meet, but the talks were postponed"
            found.add("cancelled" if m.group("cancelled") else "postponed")
    if found & {"cancelled", "postponed"} and THREATENED_CALLOFF.search(clause_before):
        found -= {"cancelled", "postponed"}  # "threatened to cancel the summit": still on
        found.add("planned")
    if "possible" in found and REPORTED_FUTURE.search(clause_before) and not HEDGE.search(clause_before):
        found.discard("possible")  # "said he would nominate": the future of reported speech
        if event_end is not None and event_end < published:
            return "occurred"  # "said it would reopen the border that night": that night has passed
        found.add("planned")
    if (found == {"planned"} and kind == "verb" and PRESENT_FUTURE.search(near_before) and event_end is not None
            and event_end < published and PAST_WHEN.search(when)):
        return "occurred"  # "will replace the agreement signed by Thatcher in 1985": the modal is another verb's
    future_date = event_start is not None and event_start > published and not (
        kind == "verb" and not found and HABITUAL.search(clause_before + " " + clause_after[:AFTER_CHARS]))
    # "visits Japan in April every year": a habit, not a plan, whatever date the month was given
    for status in ("negated", "cancelled", "postponed"):
        if status in found:
            return status
    if in_doubt:
        return "possible"
    if kind == "noun" and ("planned" in found and _planned_after(after) or future_date):
        return "planned"
    if "possible" in found:
        return "possible"
    if "proposed" in found:
        return "proposed"
    if "planned" in found or future_date:
        return "planned"
    if tense == "future" and event_start is None:
        return "planned"
    if not found and kind == "noun" and _after_a_plan(whole_before, event_end, published, when):
        return "planned"  # "could take place after the US election in November": the election is ahead too
    if not found and kind == "verb" and _scheduled_present(clause_before, clause_after, trigger, tense, event_end,
                                                           published, when):
        return "planned"  # "EU leaders meet in Brussels on Thursday", "she travels on to Ankara on Saturday"
    if kind == "verb" and re.search(r"\bto\s*$", clause_before):
        if FACTUAL_INFINITIVE.search(words_before(clause_before, VERB_WINDOW + 2)):
            return "occurred"  # "agreed on Tuesday to restore ties", "the 50th state to ratify it"
        return "possible"  # a bare infinitive ("difficult to reach a deal") reports no fact
    return "occurred"


def _planned_after(after: str) -> bool:
    return bool(rules().after["planned"].search(after))


def _scheduled_present(clause_before: str, clause_after: str, trigger: str, tense: str | None,
                       event_end: dt.date | None, published: dt.date, when: str) -> bool:
    """Whether a verb in the present simple or progressive with a date of its own tells a scheduled event: "the
    opposition holds its primary on Sunday", "Lula is visiting China next month" (a weekday means the next one; a
    date before the publication day is the historic present of a story, and no date a habitual present)."""
    if event_end is None or not when or PAST_WHEN.search(when):
        return False
    words = trigger.lower().split()
    if not words or any(w.endswith("ed") or w in PAST_FORMS for w in words):
        return False  # "talks at Camp David ended", "negotiations resumed"
    if words[0] in PLURAL_NOUNS and len(words) > 1:  # "the talks resume next week": the verb follows the noun
        words = words[1:]
    elif NOT_FINITE_BEFORE.search(clause_before):
        # "to visit", "did not meet"; a noun ("for a two-day visit") follows its clause's present, if not behind
        return bool(tense == "present" and NOUN_USE.search(clause_before) and event_end >= published)
    first = words[0]
    if first.endswith("ing"):
        if not re.search(r"\b(?:is|are|am|[’']s|[’']re)\s+(?:\w+ly\s+|also\s+|now\s+)?$", clause_before,
                         re.IGNORECASE):
            return False
    elif first in BASE_FORMS:  # a plain form says little by itself: only in a clause without a past cue
        if tense not in ("present", None) or re.search(r"\b(?:and|or)\s*$", clause_before, re.IGNORECASE):
            return False  # "agreed to meet and sign on Monday": a coordinated infinitive
    elif first in PAST_FORMS or not (first.endswith("s") and not first.endswith("ss")):
        return False  # "tore up a deal on Monday": a past form this list does not know is no present
    if HABITUAL.search(clause_before) or HABITUAL.search(clause_after[:AFTER_CHARS]):
        return False  # "holds a summit with China in April every year"
    return event_end >= published or bool(WEEKDAY_WORD.search(when) or MONTH_WORD.fullmatch(when.strip()))


def _after_a_plan(clause_before: str, event_end: dt.date | None, published: dt.date, when: str) -> bool:
    """Whether a nominal event is the time reference of an event still to come ("could take place after the US
    election in November", "will meet again before the summit"): it lies ahead as well."""
    m = TEMPORAL_HEAD.search(clause_before)
    if m is None or not AHEAD.search(clause_before[:m.start()]):
        return False
    return event_end is None or event_end >= published or not PAST_WHEN.search(when)

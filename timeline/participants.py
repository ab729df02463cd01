"""Participants: who takes part in an event mention, in what role, and where it happens."""

import datetime as dt
import re
from dataclasses import dataclass, replace

from timeline.actors import ActorDictionary, ActorMention
from timeline.text import Sentence
from timeline.timex import Timex

PLACE_BEFORE = re.compile(r"\b(?:in|at|(?:(?:north|south|east|west)(?:-?(?:east|west))?|outside)\s+of|outside|near)\s+"
                          r"(?:the\s+)?$")  # "in Geneva", "at a castle north of Stockholm", "outside Paris"
DEMONYM_PLACE = re.compile(r"\b(?:in|at|to|near)\s+(?:the|this|that|a)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
PLACE_HEAD = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:city|capital|town|port|resort|village|province|region|island|"
                        r"border\s+town|enclave)\b", re.IGNORECASE)  # "in this Swiss lakeside city"
# "the Paris climate agreement", "the Minsk accords": a capital naming a document; "Tokyo signed the treaty",
# "Moscow's deal with Kyiv": a party (no article, verb or possessive between the capital and the document)
NAMES_A_TREATY = re.compile(r"\s+(?:(?!(?:the|an?|its|their|his|her|this|that|and|or|to|on|with|[\w-]+ed)\b)"
                            r"[\w-]+\s+){0,2}?(?:agreements?|accords?|treaty|convention|protocol|"
                            r"format|declaration|deal|process|statute|charter|communiqu[eé]|memorandum|group|pact|"
                            r"peace\s+(?:process|talks|plan))\b", re.IGNORECASE)
# "the Singapore summit", "their Hanoi talks": a capital (or a city-state) naming a gathering is its venue
VENUE_NAMES_GATHERING = re.compile(r"\s+(?:summit|talks|meeting|conference|negotiations|round|session)\b",
                                   re.IGNORECASE)
DETERMINER_BEFORE = re.compile(r"\b(?:the|an?|their|his|her|its|this|that|first|second|last|next|[’']s)\s+$",
                               re.IGNORECASE)
CITY_STATES = {"SGP", "MCO", "VAT"}
VISITOR_BEFORE = re.compile(r"\bby\s+(?:(?:an?|the|his|her|its|their)\s+)?$", re.IGNORECASE)
PRIVATE_HEAD = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:tourists?|fans?|investors?|compan(?:y|ies)|firms?|teams?|clubs?|players?|athletes?|"
    r"students?|artists?|scientists?|researchers?|businessm[ae]n|businesses|media|newspapers?|singers?|actors?|"
    r"footballers?|shoppers?|consumers?|travell?ers?|visitors?|carmakers?|banks?\s+and\s+companies)\b", re.IGNORECASE)
PLACE_LIST = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?:the\s+)?")
DIRECTED = {"appeal", "demand", "rejection", "threat", "accusation", "sanctions", "expulsion", "visit", "proposal",
            "sanctions_eased", "recognition", "relations_broken"}
NP_BREAK = re.compile(
    r"[,;:—–]|\b(?:was|were|is|are|be|been|did|does|do|has|have|had|will|would|could|may|might|should|to|that|"
    r"which|who|planned|scheduled|set|expected|due|ended|began|in\s+light|because|after|before|said|says)\b",
    re.IGNORECASE,
)
NP_BEFORE_CHARS = 32
NP_AFTER_START = re.compile(r"\s+(?:with|between|among|involving|of|by)\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"\b(?:his|her|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
NP_AFTER_CHARS = 70
TRIGGER_OPEN_END = re.compile(r"\s(?:to|with|between|among|involving)\s*$", re.IGNORECASE)  # the phrase goes on
ATTENDED = re.compile(r"\b(?:at|during|for|on\s+the\s+sidelines\s+of)\s+(?:(?:an?|the|this|that|their|its|his|her)\s+)?"
                      r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


@dataclass
class Participant:
    """An actor taking part in an event mention."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    role: str


OBJECT_RELATIVE = re.compile(r"\b(?:that|which)\s+(?:the\s+)?[A-Z][^,;]*\s\w+$")  # "sanctions which the UN imposed"


def participants_of(
    event_type: str, trigger: tuple[int, int], actors: list[ActorMention], clause_text: str, offset: int
) -> tuple[list[Participant], str | None]:
    """Participants of a trigger from the actor mentions of its clause, and the place if one is named."""
    people: list[Participant] = []
    place = None
    seen: set[tuple[str, str]] = set()
    last_place_end: int | None = None
    pivot = subject_end(clause_text, trigger, offset)
    for am in actors:
        rel = am.start - offset
        if am.form == "capital" and NAMES_A_TREATY.match(clause_text, am.end - offset):
            continue  # "the Paris climate agreement", "the Minsk accords": a name, not a party
        if am.form == "demonym" and PRIVATE_HEAD.match(clause_text, am.end - offset):
            continue  # "Japanese tourists", "the French team": people of a state, not the state
        before = clause_text[max(0, rel - 12):rel]
        is_place = am.form == "city" or am.kind == "state" and am.form in ("name", "alias", "capital") and bool(
            PLACE_BEFORE.search(before) or (last_place_end is not None
                                            and PLACE_LIST.fullmatch(clause_text[last_place_end:rel]))
            or names_a_venue(clause_text, am, offset)) or (  # "talks in this Swiss lakeside city": a venue
            am.form == "demonym" and bool(DEMONYM_PLACE.search(before)) and bool(PLACE_HEAD.match(clause_text,
                                                                                                am.end - offset)))
        last_place_end = am.end - offset if is_place else None  # "in Iraq and Oman": both venues
        if is_place and am.start > trigger[0] and place is None and event_type != "visit":
            place = am.name
        if event_type == "visit" and (VISITOR_BEFORE.search(clause_text[max(0, rel - 16):rel])
                                      or clause_text[max(0, rel - 3):rel].rstrip().lower().endswith("by")):
            role = "actor"  # "the first visit by an Ethiopian leader to Eritrea"
        elif event_type == "visit" and am.start >= trigger[1] and am.kind == "state":
            role = "host"
            place = place or am.name
        elif is_place:
            role = "location"
        elif event_type in DIRECTED:
            role = "actor" if am.start <= pivot else "target"  # "his trip to": the trigger holds its actor
        else:
            role = "participant"
        key = (am.actor_id, role)
        if key not in seen:
            seen.add(key)
            people.append(Participant(am.actor_id, am.name, am.kind, am.country, role))
    return people, place


def subject_end(clause_text: str, trigger: tuple[int, int], offset: int) -> int:
    """Where the doers of a trigger end: its start, or, for a trigger told as an object relative clause ("the
    sanctions which the UN imposed"), the start of its verb, the last word."""
    told = clause_text[trigger[0] - offset:trigger[1] - offset].rstrip()
    if not OBJECT_RELATIVE.search(told):
        return trigger[0]
    return trigger[0] + told.rfind(" ") + 1


def names_a_venue(text: str, am: ActorMention, offset: int) -> bool:
    """Whether a capital or city-state names the venue of a gathering ("the Singapore summit")."""
    if am.kind != "state" or not (am.form in ("capital", "city") or am.actor_id in CITY_STATES):
        return False
    return bool(VENUE_NAMES_GATHERING.match(text, am.end - offset)
                and DETERMINER_BEFORE.search(text, max(0, am.start - offset - 12), am.start - offset))


def noun_phrase_actors(text: str, a: int, b: int, offset: int, actors: list[ActorMention]) -> list[ActorMention]:
    """Actors named in a nominal trigger's own phrase: "the Xi-Kim summit", "his meeting with Xi"."""
    before = text[max(0, a - NP_BEFORE_CHARS):a]
    cuts = list(NP_BREAK.finditer(before))
    lo = a - len(before) + (cuts[-1].end() if cuts else 0)
    after = text[b:b + NP_AFTER_CHARS]
    cut = NP_BREAK.search(after)
    open_end = NP_AFTER_START.match(after) or TRIGGER_OPEN_END.search(text, a, b)  # "a trip to| Beijing"
    hi = b + (cut.start() if cut else len(after)) if open_end else b
    found = [m for m in actors if lo <= m.start - offset and m.end - offset <= hi]
    if all(names_a_venue(text, m, offset) for m in found):
        return []  # "since the Singapore summit": a venue, the parties are the clause's
    subject = [m for m in actors if m.end - offset <= a and m.kind in ("person", "state", "organisation")]
    lead = next((m for m in subject if m.kind == "person"), subject[0] if subject else None)
    if found and lead and re.match(r"\s+with\b", text[b:hi]) and lead not in found:
        found.insert(0, lead)  # "X ... for talks with Y": X takes part too
    elif found and subject and ATTENDED.search(text[max(0, a - 40):a]):
        # "Merkel and Hollande are due to brief EU leaders at a summit": the subject is there too
        found = [m for m in subject if m.end - offset <= lo and m.kind in ("person", "state")] + found
    elif found and POSSESSIVE.search(text[lo:a]) and not any(m.form == "anaphor" for m in found):
        # (a possessive resolved by timeline.anaphora already names its owner)
        antecedent = [m for m in actors if m.end - offset <= lo and m.kind in ("person", "state")]
        if antecedent:
            found.insert(0, antecedent[-1])
    return found


def as_official(dictionary: ActorDictionary, mention: ActorMention, when: dt.date) -> ActorMention:
    """A person serving an organisation (the UN Secretary-General) acts for it, not for their home state."""
    if mention.kind != "person":
        return mention
    try:
        term = dictionary.get(mention.actor_id).term_at(when)
    except KeyError:
        return mention
    if term is not None and term.country.startswith("org:"):
        return replace(mention, country=None)
    return mention


def resolve_as_of(
    dictionary: ActorDictionary, text: str, sentence: Sentence, local: list[ActorMention], timexes: list[Timex],
    published: dt.date,
) -> list[ActorMention]:
    """Re-resolve short names, titles and date-bound names ("Moscow" in 1987 is the Soviet Union) of a sentence
    about another time ("Kim" in 2005) as of that time."""

    def again_as_of(a: ActorMention) -> bool:
        return a.form in ("surname", "title") or dictionary.depends_on_date(a.text)

    if not any(again_as_of(a) for a in local):
        return local
    when = next((t.date_start for t in timexes if sentence.start <= t.start < sentence.end and t.date_start
                 and t.type == "DATE"), None)
    if when is None or abs(when.year - published.year) < 2:
        return local
    again = [a for a in dictionary.find(text[:sentence.end], when=when) if a.start >= sentence.start]
    by_span = {(a.start, a.end): a for a in again}
    return [by_span.get((a.start, a.end), a) if again_as_of(a) else a for a in local]


def group_actors(dictionary: ActorDictionary, text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Actor mentions for group references ("the two sides", "both leaders") that name their members."""
    from timeline.actors_groups import find_groups

    out = []
    for g in find_groups(text, actors, dictionary.find_dateline(text)):
        for actor_id in g.actor_ids:
            a = dictionary.get(actor_id)
            out.append(ActorMention(g.start, g.end, g.text, a.id, a.name, a.kind, a.country, "group"))
    return out

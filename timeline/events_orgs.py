"""Organisations standing for their members.

Rule: an event whose only party is an organisation of states with a small, fixed membership (the G7, the Gulf
Cooperation Council, the Quad…) involves those member states ("the Group of Seven summit" is a meeting of seven
states). Organisations with a large or rotating membership (the UN, its Security Council, the EU, NATO, the G20)
stand for no fixed list of states here: their events keep only the states the text names.
"""

import datetime as dt
import re

# member states (ISO alpha-3), with the years a member belonged when it did not always
MEMBERS: dict[str, tuple[tuple[str, int | None, int | None], ...]] = {
    "org:G7": tuple((c, None, None) for c in ("USA", "GBR", "FRA", "DEU", "ITA", "JPN", "CAN")),
    "org:GCC": tuple((c, None, None) for c in ("SAU", "ARE", "BHR", "KWT", "OMN", "QAT")),
    "org:BRICS": tuple((c, None, None) for c in ("BRA", "RUS", "IND", "CHN")) + (("ZAF", 2010, None),)
    + tuple((c, 2024, None) for c in ("EGY", "ETH", "IRN", "ARE")) + (("IDN", 2025, None),),
    "org:QUAD": tuple((c, None, None) for c in ("USA", "JPN", "IND", "AUS")),
    "org:AUKUS": tuple((c, None, None) for c in ("AUS", "GBR", "USA")),
}
G8 = re.compile(r"\b(?:G-?8|Group\s+of\s+(?:Eight|8))\b")
G8_YEARS = (1997, 2014)  # Russia took part in the "Group of Eight" these years


def members(org_id: str, text: str, when: dt.date | None) -> list[str]:
    """Member states of a small fixed-membership organisation as of `when` ([] for other organisations);
    "the G8"/"Group of Eight" in `text` (the sentence) adds Russia."""
    year = when.year if when else None
    out = [c for c, first, last in MEMBERS.get(org_id, ())
           if year is None or ((first is None or first <= year) and (last is None or year <= last))]
    if org_id == "org:G7" and G8.search(text):
        if year is None or G8_YEARS[0] <= year <= G8_YEARS[1]:
            out.append("RUS")
    return out

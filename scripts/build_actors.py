"""Build the actor dictionary ``timeline/data/actors/actors.json``.

Run once after editing any of the hand-written files next to it::

    python scripts/build_actors.py

Inputs: countryinfo (MIT, build-time only: the ``build`` extra) for state names, demonyms,
capitals and alternative spellings, corrected by ``states.yaml``; ``organisations.yaml``;
``leaders.yaml`` and ``people.yaml`` for persons and their terms of office; ``dated_forms`` in
``states.yaml`` (forms whose state depends on the date) and ``known_offices`` in ``titles.yaml`` (what a
title before a known name says about the office held).  The output is
committed package data; nothing here runs at run time.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from timeline.actors_match import fold, slug

DATA = Path(__file__).resolve().parent.parent / "timeline" / "data" / "actors"
OUT = DATA / "actors.json"
FORM_RANK = {"name": 0, "alias": 1, "demonym": 2, "capital": 3, "surname": 4}
ROLES = {"head", "state", "gov", "fm", "other"}
# Names written surname first in English news: default short name is the first word.
SURNAME_FIRST = {"CHN", "PRK", "KOR", "VNM", "TWN", "SGP", "KHM", "THA"}  # Thai news: the given name
NON_PLURAL_ENDINGS = ("ese", "s", "sh", "ch", "x", "z", "ic", "sy")


def variants(text: str) -> set[str]:
    """Spelling variants of one surface form: apostrophes and diacritics."""
    out = {text}
    for t in list(out):
        if "'" in t:
            out.add(t.replace("'", "\u2019"))
        if "\u2019" in t:
            out.add(t.replace("\u2019", "'"))
    for t in list(out):
        out.add(fold(t))
    return out


def plural(demonym: str) -> str | None:
    """Plural people-noun of a demonym, when English forms one with -s."""
    if demonym.endswith(NON_PLURAL_ENDINGS) or demonym.endswith("ish"):
        return None
    return demonym + "s"


def usable_alt(alt: str, iso: dict[str, str]) -> bool:
    """Whether a countryinfo alternative spelling is an English-usable alias."""
    if alt in (iso.get("alpha2"), iso.get("alpha3")) or "," in alt or len(alt) < 4:
        return False
    return all(ord(c) < 128 for c in alt)


def build_states(conf: dict[str, Any], forms: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """State actors from countryinfo plus overrides; their surface forms go into ``forms``."""
    from countryinfo._cache import load_countries  # build-time only

    members = set(conf["un_members"])
    skip = set(conf.get("skip_iso3", []))
    overrides: dict[str, dict[str, Any]] = conf.get("states", {})
    raw: dict[str, dict[str, Any]] = {}
    for key, info in sorted(load_countries()["countries"].items()):
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 in skip or key in ("wales", "scotland"):
            continue
        entry = raw.setdefault(iso3, {"iso": info["ISO"], "names": [], "alts": [], "dem": [], "cap": []})
        entry["names"].append(info["name"])
        entry["alts"].extend(info.get("altSpellings") or [])
        if info.get("demonym"):
            entry["dem"].extend(d.strip() for d in re.split(r"[/,]", info["demonym"]))
        caps = info.get("capital") or []
        entry["cap"].extend([caps] if isinstance(caps, str) else caps)
    for iso3 in overrides:
        raw.setdefault(iso3, {"iso": {}, "names": [], "alts": [], "dem": [], "cap": []})

    states = []
    for iso3, entry in sorted(raw.items()):
        ov = overrides.get(iso3, {})
        status = ov.get("status") or ("member" if iso3 in members else "territory")
        name = ov.get("name") or min(entry["names"], key=len)
        by_form: dict[str, list[str]] = {"name": [name, *ov.get("long", [])], "alias": [], "demonym": [],
                                         "capital": []}
        if not ov.get("replace"):
            by_form["name"] += entry["names"]
            by_form["alias"] += [a for a in entry["alts"] if usable_alt(a, entry["iso"])]
            by_form["demonym"] += entry["dem"]
            if status != "territory" and not ov.get("replace_capitals"):
                by_form["capital"] += entry["cap"]
        by_form["alias"] += ov.get("aliases", [])
        by_form["demonym"] += ov.get("demonyms", [])
        by_form["capital"] += ov.get("capitals", [])
        by_form["demonym"] += [p for d in list(by_form["demonym"]) if (p := plural(d))]
        drop = set(ov.get("drop", [])) | set(conf.get("drop_forms", []))
        for form, texts in by_form.items():
            for text in texts:
                if text and text not in drop and text.rstrip("s") not in drop and text != iso3.lower():
                    for v in variants(text.removeprefix("the ")):
                        forms[v][iso3] = min(forms[v].get(iso3, form), form, key=FORM_RANK.__getitem__)
        states.append({"id": iso3, "name": name, "kind": "state", "country": iso3, "status": status,
                       "long": sorted(set(ov.get("long", [])))})
    assert sum(s["status"] == "member" for s in states) == 193, "UN member list must have 193 entries"
    return states


def build_orgs(orgs: list[dict[str, Any]], forms: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """Organisation actors; acronyms, long names and seats go into ``forms``."""
    out = []
    for org in orgs:
        oid = org["id"]
        for text, form in ([(org["name"], "name")] + [(a, "alias") for a in org.get("acronyms", [])]
                           + [(a, "alias") for a in org.get("aliases", [])]
                           + [(s, "capital") for s in org.get("seats", [])]):
            for v in variants(text):
                forms[v][oid] = min(forms[v].get(oid, form), form, key=FORM_RANK.__getitem__)
        out.append({"id": oid, "name": org["name"], "kind": "organisation", "country": None,
                    "acronyms": org.get("acronyms", [])})
    return out


def default_surname(name: str, country: str | None) -> str | None:
    """Short reference to a person when none is given: the last word, without ``al-``.

    Surname-first names (Korean, Chinese) use the first word; Arab names with ``bin`` get none.
    """
    words = name.split()
    if len(words) < 2 or " bin " in name or " Al " in name:
        return None
    if country in SURNAME_FIRST:
        return words[0]
    return re.sub(r"^(?:al|el|Al|El)-", "", words[-1])


def eastern_variants(name: str, surname: str) -> set[str]:
    """Spellings of surname-first names: ``Kim Jong Un`` / ``Kim Jong-un`` / ``Kim Jong-Un``."""
    rest = name[len(surname):].strip()
    parts = [p for p in re.split(r"[ -]", rest) if p]
    if not name.startswith(surname + " ") or len(parts) != 2:
        return set()
    a, b = parts
    return {f"{surname} {a} {b.capitalize()}", f"{surname} {a}-{b.lower()}",
            f"{surname} {a}-{b.capitalize()}"}


def build_persons(leaders: dict[str, Any], people: dict[str, Any], forms: dict[str, dict[str, str]],
                  surnames: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Person actors with their terms; names into ``forms``, short names into ``surnames``."""
    persons: dict[str, dict[str, Any]] = {}
    for country, offices in leaders.items():
        for key, holders in offices.items():
            m = re.fullmatch(r"(.+?) \[(\w+)\]", key)
            if not m or m.group(2) not in ROLES:
                sys.exit(f"leaders.yaml: bad office key {country}: {key!r}")
            office, role = m.groups()
            for line in holders:
                name, start, end = (x.strip() for x in line.split(","))
                pid = "person:" + slug(name)
                p = persons.setdefault(pid, {"id": pid, "name": name, "kind": "person", "country": None,
                                             "terms": []})
                stop = str(end) if end not in ("", "-") else None
                p["terms"].append([office, role, country, str(start), stop])
                if p["country"] is None and not country.startswith("org:"):
                    p["country"] = country
    for name, extra in people.items():
        pid = "person:" + slug(name)
        p = persons.setdefault(pid, {"id": pid, "name": name, "kind": "person", "country": None, "terms": []})
        p.update({k: v for k, v in (extra or {}).items() if k in ("country", "title_only")})
    for pid, p in persons.items():
        for office, _, country, start, end in p["terms"]:
            if end is not None and end <= start:
                sys.exit(f"leaders.yaml: {p['name']} ({office}, {country}) ends before it starts")
        extra = people.get(p["name"]) or {}
        surname = extra.get("surname", default_surname(p["name"], p["country"]))
        short = [surname] if isinstance(surname, str) else list(surname or [])
        p["terms"].sort(key=lambda t: t[3])
        if p["country"] is None:
            sys.exit(f"person without country: {p['name']} (add it in people.yaml)")
        texts = {p["name"]: "name"}
        for sur in short:
            texts.update(dict.fromkeys(eastern_variants(p["name"], sur), "alias"))
        texts.update(dict.fromkeys(extra.get("aliases", []), "alias"))
        texts[p["name"]] = "name"
        for text, form in texts.items():
            for v in variants(text):
                forms[v][pid] = form
        if short:
            p["surname"] = short[0]
        for sur in short:
            for v in variants(sur):
                surnames[v].append(pid)
    return sorted(persons.values(), key=lambda p: p["id"])


def resolve_forms(forms: dict[str, dict[str, str]], actors: dict[str, dict[str, Any]],
                  blocked: list[str]) -> dict[str, list[Any]]:
    """One actor per surface form: a UN state beats a territory, other clashes are blocked."""
    out: dict[str, list[Any]] = {}
    for text, ids in sorted(forms.items()):
        if len(ids) > 1:
            ranked = [i for i in ids if actors[i].get("status") not in ("territory", None)
                      or actors[i]["kind"] != "state"]
            if len(ranked) == 1:
                ids = {ranked[0]: ids[ranked[0]]}
            else:
                print(f"ambiguous, blocked: {text!r} -> {sorted(ids)}", file=sys.stderr)
                out[text] = [None, "blocked"]
                continue
        (aid, form), = ids.items()
        out[text] = [aid, form]
    for text in blocked:
        for v in variants(text):
            out[v] = [None, "blocked"]
    return out


def dated_forms(conf: dict[str, Any], actors: dict[str, dict[str, Any]],
                resolved: dict[str, list[Any]]) -> dict[str, list[list[Any]]]:
    """Forms whose state depends on the date (``dated_forms`` in states.yaml).

    Returns text -> [[ISO3 or None, kind, until or None], ...] in date order; the open last period also
    becomes the form's plain entry in ``resolved`` (what it means when no date is given).
    """
    out: dict[str, list[list[Any]]] = {}
    for text, entry in (conf.get("dated_forms") or {}).items():
        kind = entry["kind"]
        if kind not in FORM_RANK:
            sys.exit(f"states.yaml dated_forms: bad kind {kind!r} for {text!r}")
        periods = [[p[0], kind, str(p[1]) if len(p) > 1 and p[1] else None] for p in entry["periods"]]
        untils = [p[2] for p in periods]
        if untils[-1] is not None or None in untils[:-1] or untils[:-1] != sorted(untils[:-1]):
            sys.exit(f"states.yaml dated_forms: {text!r} needs dated periods in order and an open last one")
        for aid, _, _ in periods:
            if aid is not None and aid not in actors:
                sys.exit(f"states.yaml dated_forms: unknown state {aid} for {text!r}")
        last = periods[-1]
        for v in variants(text.removeprefix("the ")):
            out[v] = periods
            resolved[v] = [last[0], kind] if last[0] else [None, "blocked"]
    return dict(sorted(out.items()))


def title_offices(titles: dict[str, Any]) -> dict[str, list[str]]:
    """Title before a known name -> offices it searches (``known_offices`` in titles.yaml)."""
    return {k.lower(): [str(o) for o in v] for k, v in (titles.get("known_offices") or {}).items()}


def city_name(place: str) -> str:
    """'SHARM EL-SHEIKH' -> 'Sharm el-Sheikh', 'ST. PETERSBURG' -> 'St. Petersburg': a dateline place as written."""
    words = []
    for w in place.split():
        parts = w.split("-")
        words.append("-".join(p.capitalize() if i == 0 or len(p) > 2 else p.lower() for i, p in enumerate(parts)))
    return " ".join(words)


def add_cities(resolved: dict[str, list[Any]], places: dict[str, str]) -> None:
    """The big non-capital cities of the dateline list as forms of their state, of form "city": a place in the
    text ("talks in Geneva", "met in Jeddah"), never a party. Names that are already forms keep their reading."""
    for place, iso3 in places.items():
        name = city_name(place)
        if name not in resolved and name.upper() == place:
            resolved[name] = [iso3, "city"]


def dateline_places(states: list[dict[str, Any]], forms: dict[str, list[Any]],
                    extra: dict[str, str]) -> dict[str, str]:
    """Upper-case dateline place -> ISO3: state names, capitals and listed big cities."""
    out = {}
    for text, (aid, form) in forms.items():
        if aid and len(aid) == 3 and form in ("name", "alias", "capital", "city") and not text.isupper():
            out[fold(text).upper()] = aid
    out.update({k.upper(): v for k, v in extra.items()})
    out["BRUSSELS"] = "BEL"
    return dict(sorted(out.items()))


def main() -> None:
    """Read the hand-written files, write actors.json, print counts."""
    conf = yaml.safe_load((DATA / "states.yaml").read_text(encoding="utf-8"))
    orgs = yaml.safe_load((DATA / "organisations.yaml").read_text(encoding="utf-8"))
    leaders = yaml.safe_load((DATA / "leaders.yaml").read_text(encoding="utf-8"))
    people = yaml.safe_load((DATA / "people.yaml").read_text(encoding="utf-8")) or {}
    titles = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8")) or {}
    forms: dict[str, dict[str, str]] = defaultdict(dict)
    surnames: dict[str, list[str]] = defaultdict(list)
    states = build_states(conf, forms)
    organisations = build_orgs(orgs, forms)
    persons = build_persons(leaders, people, forms, surnames)
    actors = {a["id"]: a for a in states + organisations + persons}
    for p in persons:
        for t in p["terms"]:
            if t[2] not in actors:
                sys.exit(f"leaders.yaml: unknown country {t[2]} for {p['name']}")
    resolved = resolve_forms(forms, actors, conf.get("blocked", []))
    add_cities(resolved, conf.get("dateline_places", {}))
    dated = dated_forms(conf, actors, resolved)
    for text in list(surnames):
        if text in resolved:
            print(f"surname {text!r} shadowed by form {resolved[text]}", file=sys.stderr)
            del surnames[text]
    data = {
        "version": 1,
        "actors": list(actors.values()),
        "forms": resolved,
        "surnames": {k: sorted(set(v)) for k, v in sorted(surnames.items())},
        "dated": dated,
        "title_offices": title_offices(titles),
        "datelines": dateline_places(states, resolved, conf.get("dateline_places", {})),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(states)} states ({sum(s['status'] == 'member' for s in states)} UN members), "
          f"{len(organisations)} organisations, {len(persons)} persons, {len(resolved)} forms -> {OUT}")


if __name__ == "__main__":
    main()

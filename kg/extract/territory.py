"""Territory phrases to region codes: what the licensee receives.

Codes are those of the output contract: ISO 3166-1 alpha-2, WORLD, GREATER_CHINA and EUROPE. A phrase
the codes cannot express ("Asia-Pacific", "Asia except Japan") gives no territory rather than a wrong
one; where only part of a list is codable, that part is kept (eval README).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.records import Territory

# lower-case name -> codes. Abbreviations (US, UK, EU, PRC) are matched case-sensitively below.
REGION_NAMES: dict[str, tuple[str, ...]] = {
    "greater china": ("GREATER_CHINA",),
    "the greater china region": ("GREATER_CHINA",),
    "mainland china": ("CN",),
    "the chinese mainland": ("CN",),
    "chinese mainland": ("CN",),
    "china": ("CN",),
    "people's republic of china": ("CN",),
    "hong kong": ("HK",),
    "macau": ("MO",),
    "macao": ("MO",),
    "taiwan": ("TW",),
    "japan": ("JP",),
    "south korea": ("KR",),
    "korea": ("KR",),
    "republic of korea": ("KR",),
    "united states": ("US",),
    "united states of america": ("US",),
    "canada": ("CA",),
    "mexico": ("MX",),
    "united kingdom": ("GB",),
    "great britain": ("GB",),
    "europe": ("EUROPE",),
    "european union": ("EUROPE",),
    "european economic area": ("EUROPE",),
    "singapore": ("SG",),
    "australia": ("AU",),
    "new zealand": ("NZ",),
    "india": ("IN",),
    "russia": ("RU",),
    "turkey": ("TR",),
    "israel": ("IL",),
    "brazil": ("BR",),
    "vietnam": ("VN",),
    "thailand": ("TH",),
    "malaysia": ("MY",),
    "indonesia": ("ID",),
    "philippines": ("PH",),
}
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("US",),
    "U.S.": ("US",),
    "USA": ("US",),
    "U.S.A.": ("US",),
    "UK": ("GB",),
    "EU": ("EUROPE",),
    "EEA": ("EUROPE",),
    "PRC": ("CN",),
    "ROW": ("WORLD",),
}
WORLD_PHRASES = (
    r"(?:worldwide|world-wide|globally|global)(?![\s-]+(?:bio\w*|pharma\w*|compan\w*|leader|health\w*|drugmaker|"
    r"player|group|science\w*|phase|trials?|stud(?:y|ies)|sales|revenues?|head\w*|network|team|footprint)\b)|"
    r"everywhere|the world(?!['’]s)|rest of (?:the )?world|all (?:other )?"
    r"(?:markets|territories|countries|regions)|every (?:other )?(?:market|territory|country|region)|"
    r"(?:the )?remaining (?:markets|territories)|all other|"
    r"(?<!certain )(?<!some )(?<!several )(?<!selected )(?<!specified )(?<!additional )"
    r"other (?:markets|territories|countries|regions)"
)
UNCODABLE = (
    r"asia[- ]pacific|apac|(?:south[- ]?)?east asia|asia|latin america|middle east|north america|"
    r"emerging markets|(?:several |certain |some )?other (?:asian|european|[a-z]+) (?:markets|countries)|"
    r"(?:certain|some|several|selected|specified|additional) (?:other )?(?:markets|territories|countries|regions)|"
    r"africa|oceania|the americas|nordic(?: countries)?|cis"
)
EXCLUDE_TRIGGER = re.compile(
    r"\b(?:outside(?: of)?|except(?: for| in)?|excluding|excludes|exclusive of|other than|"
    r"apart from|with the exception of|save for)\s+|\bex-(?=[A-Z])",
    re.IGNORECASE,
)
# "in phase 3 in China", "approved in China": where a drug is tested or sold is not what a licensee gets
NOT_RIGHTS_BEFORE = re.compile(
    r"(?:phase\s*\w+|trials?|stud(?:y|ies)|approved|approval|launched|marketed|patients|testing|tested|"
    r"enrolled|enrolling|clinic|headquartered|based|listed|located|sold|sells|available|sales|revenues?|"
    r"prescribed|used)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
INCLUDE_TRIGGER = re.compile(r"\b(?:in|for|across|covers?|covering|within|throughout|to)\s+", re.IGNORECASE)
SAR = re.compile(
    r"\s*(?:special administrative region|sar)(?:\s+of\s+(?:the\s+)?(?:people's republic of\s+)?"
    r"china)?",
    re.IGNORECASE,
)
LIST_SEP = re.compile(
    r"\s*(?:,\s*(?:and\s+|as well as\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s+as well as\s+|"
    r"\s+plus\s+)"
)
RIGHTS_CUE = re.compile(
    r"\b(?:rights?|licen[cs]e[sd]?|licensing|territor(?:y|ies)|markets?|commerciali[sz]\w*|"
    r"covers?|covering|sell|develop(?:ment)?|countries)\b",
    re.IGNORECASE,
)
# "Merck, known as MSD outside the US and Canada": where a company uses a name is not a territory
KNOWN_AS_BEFORE = re.compile(r"\b(?:known|trading|operating|called)\s+as\s+[\w&.-]+\s+$", re.IGNORECASE)
KEEP_CUE = re.compile(
    r"\b(?:keeps?|kept|keeping|retains?|retained|retaining|stays? with|remains? with)\b", re.I
)


@lru_cache(maxsize=1)
def _name_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    names = dict(REGION_NAMES)
    try:  # every country name pycountry knows, for the long tail ("Indonesia", "Saudi Arabia")
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                value = getattr(c, attr, None)
                if value and "," not in value and "(" not in value:
                    names.setdefault(value.lower(), (c.alpha_2,))
    except ImportError:  # pragma: no cover - pycountry is a project dependency
        pass
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    long_re = re.compile(rf"(?:the\s+)?(?:{body})\b", re.IGNORECASE)
    abbr = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    abbr_re = re.compile(rf"(?:the\s+)?(?:{abbr})(?![A-Za-z])")
    return long_re, abbr_re, names


def region_words() -> set[str]:
    """Lower-case region names, so that company recognition can refuse 'Hong Kong Limited'."""
    return set(_name_regex()[2]) | {"hong kong", "china", "us"}


WORLD_RE = re.compile(rf"(?:{WORLD_PHRASES})\b", re.IGNORECASE)
# "42 European countries and regions", "all European markets": Europe, however it is counted
EUROPEAN_COUNTRIES = re.compile(
    r"(?:the\s+|all\s+|\d+\s+|most\s+)?European\s+(?:countries|markets|nations|territories)"
    r"(?:\s+and\s+(?:regions|territories))?\b",
    re.IGNORECASE,
)
UNCODABLE_RE = re.compile(rf"(?:the\s+)?(?:{UNCODABLE})(?:\s+region)?\b", re.IGNORECASE)


def _item(text: str, pos: int) -> tuple[str, tuple[str, ...], int] | None:
    """One list item at pos: ('region'|'world'|'uncodable', codes, end)."""
    long_re, abbr_re, names = _name_regex()
    for kind, pattern in (
        ("world", WORLD_RE),
        ("europe", EUROPEAN_COUNTRIES),
        ("uncodable", UNCODABLE_RE),
        ("region", long_re),
        ("region", abbr_re),
    ):
        m = pattern.match(text, pos)
        if not m:
            continue
        if kind == "world":
            return kind, ("WORLD",), m.end()
        if kind == "europe":
            return "region", ("EUROPE",), m.end()
        if kind == "uncodable":
            return kind, (), m.end()
        word = re.sub(r"^the\s+", "", m.group(), flags=re.IGNORECASE)
        codes = ABBREVIATIONS.get(word) or names.get(word.lower())
        if codes:
            end = m.end()
            sar = SAR.match(text, end)
            return kind, codes, sar.end() if sar else end
    return None


def _list(text: str, pos: int) -> tuple[list[tuple[str, tuple[str, ...]]], int]:
    items: list[tuple[str, tuple[str, ...]]] = []
    while len(items) < 30:
        item = _item(text, pos)
        if item is None:
            break
        items.append((item[0], item[1]))
        pos = item[2]
        sep = LIST_SEP.match(text, pos)
        if not sep or _item(text, sep.end()) is None:
            break
        pos = sep.end()
    return items, pos


def parse_territory(text: str) -> Territory | None:
    """The first territory the text states; None when there is none or it cannot be coded.

    A co-development deal in which the licensee shares some markets and holds the rest alone ("share profits
    in the United States ... exclusive rights outside the United States") is WORLD (eval README)."""
    if not RIGHTS_CUE.search(text):
        return None
    first = _first_territory(text)
    if first is not None and first.include and "WORLD" not in first.include and not first.exclude:
        world = WORLD_RE.search(text)
        if world and not KEEP_CUE.search(
            text, 0, world.start()
        ):  # "in the US ... rest of the world, excl. X"
            rest = _first_territory(text[world.start() :])
            if rest is not None and rest.include == ["WORLD"]:
                return rest
        for m in EXCLUDE_TRIGGER.finditer(text):
            items, _ = _list(text, m.end())
            if items and sorted(c for _, codes in items for c in codes) == sorted(first.include):
                return Territory(["WORLD"], [])
    return first


def _first_territory(text: str) -> Territory | None:
    anchors = sorted(
        [
            (m.end(), "exclude")
            for m in EXCLUDE_TRIGGER.finditer(text)
            if not KNOWN_AS_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ]
        + [
            (m.end(), "include")
            for m in INCLUDE_TRIGGER.finditer(text)
            if not NOT_RIGHTS_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ]
        + [(m.start(), "world") for m in WORLD_RE.finditer(text)]
    )
    for m in ADJECTIVE_RIGHTS.finditer(text):
        anchors.append((m.start(), "adjective"))
    anchors.sort()
    for pos, kind in anchors:
        if kind == "adjective":
            m = ADJECTIVE_RIGHTS.match(text, pos)
            codes = [
                c
                for word in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list"))
                for c in _adjective(word)
            ]
            if codes:
                return Territory(_unique(codes), [])
            continue
        if kind == "exclude":
            items, end = _list(text, pos)
            if not items:
                continue
            return _build([("world", ("WORLD",))], items)
        items, end = _list(text, pos)
        if not items:
            continue
        tail = EXCLUDE_TRIGGER.match(
            text, end + len(re.match(r"[\s,]*(?:(?:and|in|for) )?", text[end:]).group())
        )
        if tail is None:
            tail = re.compile(
                r"[\s,]*(?:and\s+)?(?:all\s+)?(?:(?:other\s+)?(?:markets|territories|countries|rights|"
                r"licen[cs]es?|(?:development|commercial(?:ization|isation)?) rights)[\s,]+)?"
                r"(?:(?:globally|worldwide|world-wide)[\s,]+)?"  # "in all markets globally except Japan"
            ).match(text, end)
            tail = EXCLUDE_TRIGGER.match(text, tail.end()) if tail else None
        if tail is None and all(
            k == "world" for k, _ in items
        ):  # "worldwide rights to X, Y's drug, except in Z"
            later = LATER_EXCLUDE.match(text, end)
            tail = EXCLUDE_TRIGGER.match(text, later.end()) if later else None
            near = NEAR_EXCLUDE.match(text, end) if tail is None else None
            if near:  # "worldwide rights to TB-301 outside Greater China", when regions follow
                trigger = EXCLUDE_TRIGGER.match(text, near.end())
                tail = trigger if trigger and _list(text, trigger.end())[0] else None
        excluded: list[tuple[str, tuple[str, ...]]] = []
        if tail:
            excluded, _ = _list(text, tail.end())
            if not excluded:
                return None  # "apart from those in the Asia-Pacific region": not expressible
            if not any(k == "world" for k, _ in items):
                items = [("world", ("WORLD",))] if all(k == "world" for k, _ in items) else items
        return _build(items, excluded)
    return None


NEAR_EXCLUDE = re.compile(
    r"[^.;:(),]{0,60}?\s(?=(?:except|excluding|outside|other than|apart from|save for)\b)", re.I
)
LATER_EXCLUDE = re.compile(
    r"[^.;:()]{0,120}?,\s*(?=(?:except|excluding|outside|other than|apart from|save for|with the exception of|"
    r"exclusive of)\b)",
    re.I,
)


def _build(
    included: list[tuple[str, tuple[str, ...]]], excluded: list[tuple[str, tuple[str, ...]]]
) -> Territory | None:
    if any(k == "uncodable" for k, _ in excluded):
        return None
    include = [c for _, codes in included for c in codes]
    exclude = [c for _, codes in excluded for c in codes if c != "WORLD"]
    if not include:
        return None
    if "WORLD" in include:
        include = ["WORLD"]
    elif exclude:
        return None  # "Asia except Japan" and the like
    return Territory(_unique(include), _unique(exclude))


def kept_by_licensor(text: str) -> bool:
    """'Kelun will keep the rights in mainland China...': the phrase names what the licensor keeps."""
    keep = KEEP_CUE.search(text)
    anchor = INCLUDE_TRIGGER.search(text)
    return bool(keep and (anchor is None or keep.start() < anchor.start()))


def invert(territory: Territory) -> Territory:
    """What the licensor keeps, turned into what the licensee gets."""
    if territory.include == ["WORLD"] or territory.exclude:
        return territory
    return Territory(["WORLD"], list(territory.include))


ADJECTIVES: dict[str, tuple[str, ...]] = {
    "us": ("US",),
    "u.s.": ("US",),
    "american": ("US",),
    "canadian": ("CA",),
    "japanese": ("JP",),
    "chinese": ("CN",),
    "china": ("CN",),  # "acquired China rights to X"
    "mainland china": ("CN",),
    "japan": ("JP",),
    "korea": ("KR",),
    "south korea": ("KR",),
    "greater china": ("GREATER_CHINA",),
    "european": ("EUROPE",),
    "korean": ("KR",),
    "south korean": ("KR",),
    "taiwanese": ("TW",),
    "mexican": ("MX",),
    "uk": ("GB",),
    "british": ("GB",),
    "australian": ("AU",),
    "indian": ("IN",),
    "global": ("WORLD",),
    "worldwide": ("WORLD",),
}
_ADJ = (
    r"(?:US|U\.S\.|American|Canadian|Japanese|Chinese|Greater China|European|(?:South )?Korean|Taiwanese|"
    r"Mexican|UK|British|Australian|Indian|(?:Mainland )?China|Japan|(?:South )?Korea)"
)
ADJECTIVE_RIGHTS = re.compile(
    rf"(?<![\w.-])(?P<list>{_ADJ}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_ADJ}){{0,6}})\s+"
    r"(?:(?:commercial|marketing|development|exclusive)\s+)?(?:rights|markets?|licen[cs]e)\b"
)


def _adjective(word: str) -> tuple[str, ...]:
    return ADJECTIVES.get(word.strip().lower(), ())


def _unique(codes: list[str]) -> list[str]:
    out: list[str] = []
    for c in codes:
        if c not in out:
            out.append(c)
    return out

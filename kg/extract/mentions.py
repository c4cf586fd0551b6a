"""Finding companies, assets and targets in text.

Companies: the gazetteer's names and aliases (case- and punctuation-insensitive), plus unknown
companies recognised by a corporate word ("X Therapeutics", "X Co., Ltd.") or by a context cue
("China-based X", "drugmaker X"). Assets: known spellings, code names (SKB105, HS-20093, SHR-A1904)
and INN-like names (-mab, -tinib, "x deruxtecan"). Targets: names from the target table, to HGNC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.company_cues import cue_names
from kg.extract.gazetteer import Gazetteer, asset_key, company_key
from kg.extract.target_names import TARGET_FAMILIES

TOKEN = re.compile(r"[A-Za-z0-9]+")
TOKEN_GAP = re.compile(r"^(?:\s|\s?[-&./,'()]\s?|\.,\s|\.\s|\s\(|\)\s?){0,1}$")
TOKEN_GAP_AT = re.compile(r"(?:\s|\s?[-&./,'()]\s?|\.,\s|\.\s|\s\(|\)\s?)?")  # fullmatch(text, pos, end)

CORPORATE_WORDS = {
    "therapeutics",
    "biotherapeutics",
    "biotech",
    "biotechnology",
    "pharma",
    "pharmaceutical",
    "pharmaceuticals",
    "biosciences",
    "bioscience",
    "bio",
    "biologics",
    "medicines",
    "biopharma",
    "biopharmaceutical",
    "biopharmaceuticals",
    "oncology",
    "genetics",
    "genomics",
    "sciences",
    "therapies",
    "biotherapies",
    "immunotherapeutics",
    "biomedical",
    "healthcare",
    "laboratories",
    "labs",
    "biomedicine",
    "biolabs",
    "biotechnologies",
    "bioworks",
    "medical",
    "medicine",
    "pharmaceutica",
    "biopharm",
}
LEGAL_WORDS = {
    "inc",
    "corp",
    "corporation",
    "ltd",
    "limited",
    "plc",
    "ag",
    "se",
    "gmbh",
    "co",
    "llc",
    "sa",
    "nv",
    "bv",
    "kk",
    "holdings",
    "company",
    "group",
    "a",
    "s",
}
# a trailing legal form a name drops ("Biolinerx Ltd."); "Company" stays, as in "Harwell and Company"
LEGAL_FORMS = LEGAL_WORDS - {"company"}
# legal words, plus the pharma words a short name may drop ("X Pharma" = "X Pharmaceuticals")
ABSORBED = LEGAL_WORDS | {"pharma", "pharmaceuticals", "pharmaceutical"}
BANNED_WORDS = {
    "exchange",
    "exchanges",
    "clearing",
    "stock",
    "capital",
    "partners",
    "securities",
    "llp",
    "advisory",
    "advisors",
    "advisers",
    "analytics",
    "intelligence",
    "research",
    "data",
    "university",
    "association",
    "institute",
    "hospital",
    "agency",
    "administration",
    "awards",
    "award",
    "summit",
    "conference",
    "congress",
    "society",
    "foundation",
    "fund",
    "ventures",
    "bank",
    "consulting",
    "government",
    "media",
    "news",
    "journal",
    "times",
    "commission",
    "council",
    "ministry",
    "school",
    "college",
    "center",
    "centre",
    "network",
    "alliance",
    "index",
    "report",
    "insights",
    "strategic",
    "excellence",
    "technology",
    "organisation",
    "organization",
    "review",
    "week",
    "today",
    "world",
    "magazine",
    "deals",
    "deal",
}
ALWAYS_BANNED = {
    "exchange",
    "exchanges",
    "clearing",
    "securities",
    "llp",
    "university",
    "hospital",
    "institute",
    "association",
    "government",
    "ministry",
    "commission",
    "agency",
    "administration",
    "awards",
}
SHORT_COMMON = {
    "new",
    "sun",
    "one",
    "two",
    "all",
    "big",
    "top",
    "key",
    "bio",
    "pro",
    "med",
    "gen",
    "red",
    "blue",
    "star",
    "next",
    "first",
    "best",
    "true",
    "good",
    "great",
    "north",
    "south",
    "east",
    "west",
}
STOP_FIRST = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "its",
    "their",
    "our",
    "chinese",
    "western",
    "european",
    "japanese",
    "korean",
    "american",
    "german",
    "british",
    "swiss",
    "french",
    "global",
    "big",
    "us",
    "china",
    "new",
    "both",
    "other",
    "under",
    "in",
    "on",
    "for",
    "with",
    "and",
    "about",
}
CAP_NAME = re.compile(r"[A-Z0-9][A-Za-z0-9]*(?:[-\s][A-Z0-9][A-Za-z0-9]*){0,2}")
CUE_NAME = re.compile(
    r"(?:\b[A-Z][a-z]+-based|\b(?:China|Japan|Korea|South Korea|Germany|France|Switzerland|Britain|India|"
    r"Denmark|Belgium|Israel|Taiwan|Canada|Australia|Singapore|Sweden|Italy|Spain)['’]s"
    r"|\b(?:drugmaker|biotech|biotechnology company|pharma company|pharmaceutical company|start-?up|"
    r"partner))\s+"
    r"(?P<name>[A-Z0-9][A-Za-z0-9]*(?:[-\s][A-Z0-9][A-Za-z0-9]*){0,2})"
)
RUN_GAP = re.compile(r" |-| & |\.?, |\. ")

ASSET_CODE = re.compile(
    r"(?<![A-Za-z0-9$\-/.])([A-Z][A-Za-z]{0,4}(?:-[A-Z]{1,3})?[- ]?\d{2,7}[A-Za-z]{0,2}\d{0,2})"
    r"(?![A-Za-z0-9]|-\d|,\d{3}|\.\d)"
)
CODE_PREFIX_STOP = {
    "anti",  # "an anti-CD38 antibody": a descriptor, not a code name
    "covid",
    "sars",
    "fy",
    "q",
    "h",
    "nct",
    "iso",
    "cfr",
    "ich",
    "phase",
    "study",
    "trial",
    "hkex",
    "nyse",
    "lse",
    "usd",
    "eur",
    "rmb",
    "hkd",
    "jpy",
    "cny",
    "krw",
    "gbp",
    "chf",
    "aud",
    "cad",
    "sgd",
    "dkk",
    "sek",
    "inr",
    "us",
    "no",
    "iv",
    "ii",
    "iii",
    "mers",
    "h1n1",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "esmo",
    "asco",
    "aacr",
    "ash",
    "ada",
    "easd",
    "wclc",
    "sabcs",
    "item",
    "rule",
    "chapter",
    "section",
    "article",
    "tel",
    "fax",
    "room",
    "suite",
    "unit",
    "top",
    "form",
    "annex",
}
MUTATION = re.compile(
    r"[ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWYX]"
)  # G12D, V600E, T790M: not codes
PAYLOADS = (
    "deruxtecan",
    "vedotin",
    "govitecan",
    "rezetecan",
    "tirumotecan",
    "emtansine",
    "mafodotin",
    "brengitecan",
    "sesutecan",
    "duocarmazine",
    "tesirine",
    "ravtansine",
    "soravtansine",
    "pelidotin",
)
# WHO INN stems beyond the oncology ones above, specific enough that no English word ends in them
SMALL_MOLECULE_STEMS = (
    "prazan", "camten", "sartan", "lukast", "previr", "buvir", "asvir", "navir", "tegravir", "ciclovir",
    "fovir", "platin", "taxel", "rubicin", "vastatin", "xaban", "gatran", "setron", "lutamide", "inostat",
    "conazole", "floxacin", "mycin", "relix", "dipine", "tegrast", "ifene",
)  # fmt: skip
PROTEIN_STEMS = ("bercept", "tacept", "nercept", "grastim", "poetin", "kinra")
INN_SUFFIXES = (
    "mab",
    "tinib",
    "ciclib",
    "parib",
    "rafenib",
    "lisib",
    "zomib",
    "degib",
    "tecan",
    "vedotin",
    "glutide",
    "patide",
    "trutide",
    "dutide",
    "lintide",
    "siran",
    "rsen",
    "leucel",
    "temcel",
    "tug",
    "sertib",
    "metinib",
    "fenib",
    "gliflozin",
    "gliptin",
    "plam",
    "tide",
    *SMALL_MOLECULE_STEMS,
    *PROTEIN_STEMS,
)
INN_STOP = {
    "peptide",
    "peptides",
    "nucleotide",
    "nucleotides",
    "oligonucleotide",
    "polypeptide",
    "tide",
    "tides",
    "riptide",
    "hormone",
    "tug",
}
INN = re.compile(
    r"(?<![\w-])([A-Za-z][a-z]{3,20}(?:"
    + "|".join(INN_SUFFIXES)
    + r"))(?:\s("
    + "|".join(PAYLOADS)
    + r"))?(?![\w-])"
)
PAYLOAD_PAIR = re.compile(
    r"(?<![\w-])([a-z]{4,20})\s(" + "|".join(PAYLOADS) + r")(?![\w-])"
)  # lower-cased text

MODALITY_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"radioligand|radiopharmaceutical|radioconjugate|radiotherap|\bRLT\b|\b177Lu|\bLu-177", re.I
        ),
        "radioligand",
    ),
    (re.compile(r"antibody[- ]drug conjugates?|\bADCs?\b|\bconjugates?\b", re.I), "ADC"),
    (re.compile(r"tri-?specific|multi-?specific|T[- ]cell engager|\bTCE\b", re.I), "other"),
    (re.compile(r"bi-?specific|\bBsAbs?\b", re.I), "bispecific antibody"),
    (re.compile(r"\bCAR[- ]?(?:T|NK)\b|cell therap|\bTCR-T\b|\bTIL therap", re.I), "cell therapy"),
    (re.compile(r"gene therap|\bAAV\b|gene[- ]editing|base[- ]editing|\bCRISPR", re.I), "gene therapy"),
    (re.compile(r"\bsiRNA|\bRNAi\b|small interfering RNA", re.I), "siRNA"),
    (re.compile(r"\bvaccines?\b", re.I), "vaccine"),
    (
        re.compile(
            r"small[- ]molecule|\binhibitors?\b|\boral\b|\bpills?\b|\btablets?\b|\bdegraders?\b|\bPROTAC",
            re.I,
        ),
        "small molecule",
    ),
    (re.compile(r"monoclonal antibod|\bmAbs?\b|\bantibod(?:y|ies)\b", re.I), "monoclonal antibody"),
    (
        re.compile(r"peptide|agonist|fusion protein|antisense|oligonucleotide|\bmRNA\b|enzyme|nanobod", re.I),
        "other",
    ),
]
INN_MODALITY = [
    (("deruxtecan", "vedotin", "govitecan", "tecan", "emtansine", "mafodotin", "tug") + PAYLOADS, "ADC"),
    (
        (
            "tinib",
            "ciclib",
            "parib",
            "rafenib",
            "lisib",
            "zomib",
            "degib",
            "sertib",
            "fenib",
            "gliflozin",
            "gliptin",
            "plam",
            *SMALL_MOLECULE_STEMS,
        ),
        "small molecule",
    ),
    (("siran",), "siRNA"),
    (("leucel", "temcel"), "cell therapy"),
    (("mab",), "monoclonal antibody"),
    (("rsen", "tide"), "other"),
]


@dataclass
class CompanyMention:
    start: int
    end: int
    name: str
    country: str | None = None
    known: bool = True


@dataclass
class AssetMention:
    start: int
    end: int
    name: str
    known: bool = True


@dataclass
class AssetFacts:
    """What the text (or the gazetteer) says about an asset: filled from its first informative mention."""

    name: str
    modality: str | None = None
    targets: list[str] = field(default_factory=list)
    developer: str | None = None
    known: bool = False


def _is_cap(token: str) -> bool:
    return token[0].isupper() or (token[0].isdigit() and any(c.isupper() for c in token))


def _case_ok(matched: str, spelling: str) -> bool:
    """Short all-caps aliases (MSD, AZ, TUL) must match exactly; others must start capitalised like a name."""
    letters = re.sub(r"[^A-Za-z]", "", spelling)
    if len(letters) <= 4 and spelling.isupper():
        return re.sub(r"[^A-Za-z0-9]", "", matched) == re.sub(r"[^A-Za-z0-9]", "", spelling)
    if spelling[:1].islower():
        return True
    return matched[:1].isupper() or matched[:1].isdigit()


def _first_token_regex(table: dict[str, tuple[str, str | None, str]]) -> re.Pattern[str]:
    firsts = sorted({k.split()[0] for k in table if k}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(f) for f in firsts) + r")(?![a-z0-9])")


def _scan_names(
    text: str, lowered: str, table: dict[str, tuple[str, str | None, str]], max_tokens: int, taken: bytearray
) -> list[CompanyMention]:
    """Longest-first token n-gram lookup at each place a known first word occurs (found by one regex pass over
    the lower-cased text, so that long texts cost no Python work where no name can start).
    `table` maps key -> (canonical, country, spelling)."""
    out: list[CompanyMention] = []
    if not table:
        return out
    prefixes = {" ".join(k.split()[:i]) for k in table for i in range(1, len(k.split()) + 1)}
    lowercase_ok = {k.split()[0] for k, v in table.items() if v[2][:1].islower()}
    for cand in _first_token_regex(table).finditer(lowered):
        if taken[cand.start()] or (text[cand.start()].islower() and cand.group() not in lowercase_ok):
            continue
        tokens = []
        key = ""
        hit = None
        for t in TOKEN.finditer(text, cand.start(), min(len(text), cand.start() + 400)):
            if tokens and not TOKEN_GAP_AT.fullmatch(text, tokens[-1].end(), t.start()):
                break
            if len(tokens) >= max_tokens and hit is None:
                break
            key = f"{key} {t.group().lower()}" if key else t.group().lower()
            if key not in prefixes:
                tokens.append(t)
                break
            tokens.append(t)
            entry = table.get(key)
            if entry and _case_ok(text[tokens[0].start() : t.end()], entry[2]):
                hit = (len(tokens), entry)
        if hit is None:
            continue
        for t in TOKEN.finditer(text, tokens[-1].end(), min(len(text), tokens[-1].end() + 60)):
            if len(tokens) > hit[0] + 5:
                break
            tokens.append(t)  # room for "Co., Ltd." and "A/S" after the name
        n, (name, country, _) = hit
        end_i = n
        while (
            end_i < len(tokens)
            and tokens[end_i].group().lower() in ABSORBED
            and _is_cap(tokens[end_i].group())
            and TOKEN_GAP.match(text[tokens[end_i - 1].end() : tokens[end_i].start()])
        ):
            end_i += 1  # absorb "Pharmaceuticals", "Co., Ltd.", "A/S" into the mention span
        end = tokens[end_i - 1].end()
        if (
            end < len(text)
            and text[end] == "."
            and text[tokens[end_i - 1].start() : end].lower() in LEGAL_WORDS
        ):
            end += 1
        out.append(CompanyMention(tokens[0].start(), end, name, country, True))
        taken[tokens[0].start() : end] = b"\x01" * (end - tokens[0].start())
    return out


CORPORATE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    + "|".join(sorted(CORPORATE_WORDS | LEGAL_WORDS - {"a", "s"}, key=len, reverse=True))
    + r")(?![A-Za-z0-9])"
)  # over lower-cased text
CUE_HINT = re.compile(r"-based\s|['’]s\s|\b(?:drugmaker|biotech|company|start-?up|partner)\s")
RUN = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9][A-Za-z0-9]*(?:(?: |-| & |\.?, |\. )[A-Z0-9][A-Za-z0-9]*){0,6}")


def _unknown_companies(
    text: str, taken: bytearray, region_words: set[str], raw: str | None = None
) -> dict[str, str]:
    """Names of companies the gazetteer lacks: runs of capitalised words with a corporate word or a cue."""
    found: dict[str, str] = {}
    seen_runs: set[int] = set()
    lowered = text.lower() if len(text.lower()) == len(text) else text
    for corp in CORPORATE_RE.finditer(lowered):  # only runs that hold a corporate word cost Python work
        if not _is_cap(text[corp.start() : corp.end()]):
            continue
        run = next(
            (
                r
                for r in RUN.finditer(text, max(0, corp.start() - 120), min(len(text), corp.end() + 60))
                if r.start() <= corp.start() < r.end()
            ),
            None,
        )
        if run is None or run.start() in seen_runs:
            continue
        seen_runs.add(run.start())
        tokens = [t for t in TOKEN.finditer(text, run.start(), run.end())]
        segment: list[re.Match[str]] = []
        for t in [*tokens, None]:
            if segment and t is not None and _sentence_gap(text, segment[-1], t):
                _company_from_run(text, segment, region_words, found)  # "... Beta Pharma. Alpha Biotech ..."
                segment = []
            if t is not None and not taken[t.start()] and _is_cap(t.group()):
                segment.append(t)
                continue
            if segment:
                _company_from_run(text, segment, region_words, found)
            segment = []
    for hint in CUE_HINT.finditer(lowered):
        cue = CUE_NAME.search(text, max(0, hint.start() - 40), min(len(text), hint.end() + 80))
        if cue is None:
            continue
        m = CAP_NAME.match(text, cue.start("name"))
        if m is None or taken[m.start()]:
            continue
        words = m.group().replace("-", " ").split()
        # "Israeli biotech Biolinerx Ltd.": the legal form is not the name
        while words and (
            words[-1].lower() in STOP_FIRST | BANNED_WORDS
            or (len(words) > 1 and words[-1].lower() in LEGAL_FORMS)
        ):
            words = words[:-1]
        name = " ".join(words)
        if (
            name
            and name.lower() not in region_words
            and words[0].lower() not in STOP_FIRST
            and not any(w.lower() in BANNED_WORDS for w in words)
        ):
            found.setdefault(company_key(name), m.group()[: len(name)] if "-" not in m.group() else name)
    for name, start in cue_names(text, raw):
        _add_cue_name(name, start, taken, region_words, found)
    return found


def _sentence_gap(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """A full stop or comma between two capitalised words ends a name unless it belongs to 'Co., Ltd.',
    'Pharmaceuticals, Inc.' and the like."""
    gap = text[before.end() : after.start()]
    if ". " not in gap and ", " not in gap:
        return False
    return before.group().lower() not in LEGAL_WORDS and (
        ". " in gap or after.group().lower() not in LEGAL_WORDS
    )


def _add_cue_name(
    name: str, start: int, taken: bytearray, region_words: set[str], found: dict[str, str]
) -> None:
    while " " in name and name.rsplit(" ", 1)[1].lower() in LEGAL_FORMS:
        name = name.rsplit(" ", 1)[0]  # "a deal with Tamsin Biosciences Co.": the legal form is not the name
    words = name.replace("-", " ").split()
    if (
        not taken[start]
        and name.lower() not in region_words
        and words[0].lower() not in STOP_FIRST | SHORT_COMMON
        and not any(w.lower() in BANNED_WORDS for w in words)
    ):
        found.setdefault(company_key(name), name)


ROMAN_NUMERALS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


def _roman(token: str) -> bool:
    """'II', 'IV': a numbered entity of a group ('Everest Medicines II Limited'); one letter is not enough."""
    return len(token) > 1 and token.isupper() and token.lower() in ROMAN_NUMERALS


NAME_BREAK = {
    "with",
    "to",
    "from",
    "for",
    "by",
    "between",
    "agreement",
    "agreements",
    "license",
    "licence",
    "licensing",
    "announcement",
    "collaboration",
    "update",
    "acquires",
    "acquire",
    "signs",
    "enters",
}


def _company_from_run(
    text: str, tokens: list[re.Match[str]], region_words: set[str], found: dict[str, str]
) -> None:
    words = [t.group() for t in tokens]
    lower = [w.lower() for w in words]
    corp_idx = [k for k, w in enumerate(lower) if w in CORPORATE_WORDS or w in LEGAL_WORDS - {"a", "s"}]
    if (
        not corp_idx
        or any(w in BANNED_WORDS for w in lower[1 : max(corp_idx) + 2])
        or lower[0] in ALWAYS_BANNED
    ):
        return
    last = max(corp_idx)
    breaks = [k for k in range(last) if lower[k] in NAME_BREAK]  # "LICENSE AGREEMENT WITH VANTIS PHARMA"
    first = max(breaks) + 1 if breaks else 0
    while first <= last and lower[first] in STOP_FIRST:
        first += 1
    name_tokens = tokens[first : last + 1]
    # "Everest Medicines II Limited": the legal form and the entity's number are not the name
    while name_tokens and (name_tokens[-1].group().lower() in LEGAL_WORDS
                           or (_roman(name_tokens[-1].group()) and len(name_tokens) > 1)):
        name_tokens = name_tokens[:-1]
    core = [t.group().lower() for t in name_tokens if t.group().lower() not in CORPORATE_WORDS | LEGAL_WORDS]
    if not core or " ".join(core) in region_words or all(w in ROMAN_NUMERALS for w in core):
        return  # "II Limited" left over after a known name
    name = text[name_tokens[0].start() : name_tokens[-1].end()]
    found[company_key(name)] = name


DEFINITION = re.compile(
    r"^\s*(?:,?\s*(?:Inc|Ltd|Co|Limited|plc|Corp|LLC)\.?,?)*\s*\(\s*(?:the\s+)?[\"“]"
    r"([A-Z][^\"”]{1,40})[\"”]"
    # '("Tamsin" or the "Company")': a press release's second name for itself
    r"(?:\s*(?:,|or|and)\s*(?:the\s+)?[\"“](Company|Group)[\"”])?"
)


def _variant(words: list[str], full: list[str]) -> bool:
    """'pharma' for 'pharmaceutical': corporate words that shorten the words of a longer name."""
    return all(w in CORPORATE_WORDS and any(f.startswith(w) or w.startswith(f) for f in full) for w in words)


def find_companies(
    text: str, gazetteer: Gazetteer, region_words: set[str], raw: str | None = None
) -> list[CompanyMention]:
    """All company mentions, in text order. Unknown names and in-text definitions become aliases. `raw` is the
    text before masking (same offsets), where listings such as "(NASDAQ: PXRA)" can still be read."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few Unicode capitals lower-case to two characters: keep offsets exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    taken = bytearray(len(text) + 1)
    table: dict[str, tuple[str, str | None, str]] = {}
    for key, record in gazetteer.company_by_key.items():
        table[key] = (record.name, record.country, gazetteer.company_spellings.get(key, record.name))
    mentions = _scan_names(text, lowered, table, gazetteer.company_max_tokens, taken)
    local: dict[str, tuple[str, str | None, str]] = {}
    unknown = _unknown_companies(text, taken, region_words, raw)
    # longest first: "Deciphera Pharmaceuticals" before "Deciphera", which then reads as its short name
    for key, name in sorted(unknown.items(), key=lambda kv: -len(kv[0].split())):
        if key in table or key in local or gazetteer.asset(name) or gazetteer.is_target_name(name):
            continue
        words = key.split()
        if (
            words[0] in local
            and len(words) > 1
            and _variant(words[1:], company_key(local[words[0]][0]).split()[1:])
        ):
            local[key] = (
                *local[words[0]][:2],
                name,
            )  # "Daiko Pharma" in a headline, "Daiko Pharmaceutical" below
            continue
        full = next((m for m in mentions if company_key(m.name).split()[0] == key), None)
        if (
            full is not None
        ):  # "Ascentage Pharma ... will pay Ascentage": the short form of a name in the text
            local[key] = (full.name, full.country, name)
            continue
        local[key] = (name, None, name)
        first = key.split()[0]
        if (
            len(key.split()) > 1
            and len(first) >= 3
            and first not in SHORT_COMMON
            and first not in STOP_FIRST
            and first not in region_words
            and first not in table
            and first not in CORPORATE_WORDS
        ):
            local.setdefault(first, (name, None, name.split()[0]))
    for m in mentions[:200]:  # 'Hansoh Pharmaceutical Group Company Limited ("Hansoh Pharma")'
        d = DEFINITION.match(text[m.end : m.end + 80])
        if d and company_key(d.group(1)) not in table:
            local.setdefault(company_key(d.group(1)), (m.name, m.country, d.group(1)))
        if d and d.group(2) and company_key(d.group(2)) not in table:
            local.setdefault(company_key(d.group(2)), (m.name, m.country, d.group(2)))
    if local:
        max_tokens = max(len(k.split()) for k in local)
        found = _scan_names(text, lowered, local, max_tokens, taken)
        defined: dict[str, tuple[str, str | None, str]] = {}
        renames: dict[str, str] = {}
        for m in found[:200]:
            d = DEFINITION.match(text[m.end : m.end + 80])
            key = company_key(d.group(1)) if d else ""
            if d and key not in table and key not in local:
                defined[key] = (m.name, None, d.group(1))
            elif d and key in local and local[key][0] != m.name and key in company_key(m.name):
                renames[local[key][0]] = m.name  # 'Wuhan YZY Biopharma Co., Ltd. ("YZY Biopharma")'
            second = company_key(d.group(2)) if d and d.group(2) else ""
            if second and second not in table and second not in local:
                defined[second] = (m.name, None, d.group(2))
        if defined:
            found += _scan_names(text, lowered, defined, max(len(k.split()) for k in defined), taken)
        for c in found:
            c.name = renames.get(c.name, c.name)
        mentions += [CompanyMention(c.start, c.end, c.name, c.country, False) for c in found]
    mentions.sort(key=lambda m: m.start)
    _merge_subsidiaries(text, mentions)
    _merge_former_names(text, mentions)
    return mentions


SUBSIDIARY = re.compile(
    r"[\s,]*(?:\(\s*(?:the\s+)?[\"“][^\"”]{1,40}[\"”]\s*\)\s*,?\s*)?(?:a|an|its)\s+"
    r"(?:(?:wholly|majority|non-wholly)[- ]owned\s+|indirect\s+|direct\s+|principal\s+|operating\s+){0,3}"
    r"(?:subsidiary|unit|division|affiliate|arm)\s+of\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w.]*\s+)?[\w.]+-(?:listed|based)\s+)?"  # "a unit of Hong Kong-listed CSPC"
)


def _merge_subsidiaries(text: str, mentions: list[CompanyMention]) -> None:
    """'X (Suzhou) Co., Ltd. ("X Suzhou"), a wholly-owned subsidiary of the Company': the signing subsidiary
    and its listed parent are one party (eval README), named as the parent."""
    renames: dict[str, tuple[str, str | None]] = {}
    for m, n in zip(mentions, mentions[1:], strict=False):
        if m.name == n.name:
            continue
        s = SUBSIDIARY.match(text, m.end, n.start)
        if m.known and not (s and n.known):  # a known subsidiary merges only into a known parent
            continue
        if s and s.end() == n.start:
            renames[m.name] = (n.name, n.country)
    for m in mentions:
        if m.name in renames:
            m.name, m.country = renames[m.name]
            m.known = True


FORMERLY = re.compile(
    r"\s*[(,]\s*(?:formerly|previously|once|then)(?:\s+(?:known as|called|named))?\s+(?:the\s+)?", re.I
)


def _merge_former_names(text: str, mentions: list[CompanyMention]) -> None:
    """'Zymera Bio (formerly Helix Oncology)': one company under its present name, or the gazetteer's."""
    renames: dict[str, tuple[str, str | None]] = {}
    for m, n in zip(mentions, mentions[1:], strict=False):
        former = FORMERLY.match(text, m.end, n.start)
        if m.name == n.name or former is None or former.end() != n.start:
            continue
        keep, old = (n, m) if n.known and not m.known else (m, n)
        renames[old.name] = (keep.name, keep.country)
    for m in mentions:
        if m.name in renames:
            m.name, m.country = renames[m.name]


def find_assets(text: str, gazetteer: Gazetteer) -> list[AssetMention]:
    """Known spellings first, then code names and INN-like names that do not overlap them."""
    out: list[AssetMention] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, name: str, known: bool) -> None:
        if any(taken[start:end]):
            return
        out.append(AssetMention(start, end, name, known))
        taken[start:end] = b"\x01" * (end - start)

    lowered = text.lower() if len(text.lower()) == len(text) else text
    for m in gazetteer.asset_regex.finditer(lowered):
        record = gazetteer.asset(m.group())
        if record:
            add(m.start(), m.end(), record.name, True)
    for m in PAYLOAD_PAIR.finditer(lowered):
        add(m.start(), m.end(), m.group().lower(), False)
    for m in INN.finditer(text):
        word = m.group(1).lower()
        if word in INN_STOP or gazetteer.is_target_name(word):
            continue
        if BIOSIMILAR_OF.match(text, m.end()):
            continue  # "ipilimumab biosimilar HLX13": the reference product describes the asset
        add(m.start(), m.end(), m.group().lower(), False)
    for m in BRAND_GENERIC.finditer(text):  # "KarXT (xanomeline-trospium)": a product name with its generic
        name = m.group(1)
        if not (gazetteer.company(name) or gazetteer.is_target_name(name)):
            add(m.start(1), m.end(1), name, False)
    for m in BRAND_CUE.finditer(text):  # "commercialization of ZYNLONTA": a product named in capitals
        name = m.group(1)
        if not (gazetteer.company(name) or gazetteer.is_target_name(name)) and name.lower() not in BRAND_STOP:
            add(m.start(1), m.end(1), name, False)
    for m in ASSET_CODE.finditer(text):
        code = m.group(1)
        prefix = re.match(r"[A-Za-z]+", code)
        digits = re.sub(r"\D", "", code)
        if prefix and prefix.group().lower() in CODE_PREFIX_STOP:
            continue
        if gazetteer.is_target_name(code) or gazetteer.company(code) or MUTATION.fullmatch(code):
            continue
        if re.match(
            r"\s?(?:[.,]\d+\s?)?(?:billion|million|trillion|bn|mn)\b", text[m.end() : m.end() + 14], re.I
        ):
            continue  # "KRW 27 billion": an amount, not a code
        if re.fullmatch(r"(?:19|20)\d\d", digits) and " " in code:
            continue  # "ESMO 2023"
        if " " in code and not re.search(r"[A-Z]{2,}", code.split()[0]):
            continue  # "Phase 12", "Cohort 12"
        if sum(c.isupper() for c in code) < 2 and not code[:1].isupper():
            continue
        add(m.start(), m.end(), code, False)
    _link_aliases(text, out, gazetteer)
    return sorted(out, key=lambda a: a.start)


BIOSIMILAR_OF = re.compile(r"\s+biosimilar(?:\s+candidate)?\s+[A-Z]{2,}[-\s]?\d")
BRAND_CUE = re.compile(
    r"\b(?:commerciali[sz]ation|development|rights|licen[cs]e|licen[cs]ing)\s+(?:of|to|for)\s+(?:the\s+)?"
    r"([A-Z][A-Z0-9]{4,15})(?:®|™)?(?![\w-])"
)
BRAND_STOP = {"china", "japan", "korea", "europe", "united", "world", "global", "asia", "greater"}
BRAND_GENERIC = re.compile(
    r"(?<![\w-])([A-Z][a-z]+[A-Z][A-Za-z0-9]{0,12})\s\(([a-z]{4,20}(?:[-/][a-z]{4,20})?)\)"
)
# "where the drug is known as AK112", "will be renamed TAK-279", "later named camrelizumab"
ALIAS_CUE = re.compile(
    r"\b(?:known as|a\.k\.a\.|aka|renamed|re-named|named|now called|also called|to be called|rebranded as|"
    r"marketed as|sold as)\s+$"
)
SENTENCE_BREAK = re.compile(r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)(?<!\bNo)[.;]\s")


def _link_aliases(text: str, mentions: list[AssetMention], gazetteer: Gazetteer) -> None:
    """'BNT327, also known as PM8002' and 'YL-202 (BNT326)': one asset, named as the gazetteer names it."""
    ordered = sorted(mentions, key=lambda a: a.start)
    names: dict[str, str] = {}
    alias_of: AssetMention | None = None  # the asset an 'also known as X and Y' list renames
    for a, b in zip(ordered, ordered[1:], strict=False):
        between = text[a.end : b.start]
        if alias_of is not None and re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*", between):
            names.setdefault(asset_key(b.name), alias_of.name) if not b.known else None
            continue
        alias_of = None
        if (
            not (a.known and b.known)
            and ALIAS_CUE.search(between)
            and "\n" not in between
            and len(between) < 200
            and not SENTENCE_BREAK.search(between)
        ):
            keep, other = (a, b) if a.known or not b.known else (b, a)
            names[asset_key(other.name)] = keep.name
            alias_of = keep
            continue
        if re.fullmatch(
            r"\s*(?:\(|,\s*(?:also known as|formerly(?: known as)?|or|aka|previously)\s+|"
            r"\s*\((?:also known as|formerly|previously)\s+)\s*",
            between,
        ):
            keep, other = (a, b) if a.known or not b.known else (b, a)
            names[asset_key(other.name)] = keep.name
    for m in mentions:
        while asset_key(m.name) in names and names[asset_key(m.name)] != m.name:
            m.name = names[asset_key(m.name)]
            m.known = m.known or gazetteer.asset(m.name) is not None


FAMILY = re.compile("|".join(re.escape(n) for n in TARGET_FAMILIES), re.I)


def find_targets(text: str, gazetteer: Gazetteer) -> list[str]:
    """HGNC symbols named in a short piece of text, in order, without repeats."""
    out: list[str] = []
    for m in FAMILY.finditer(text):  # "an acetyl-CoA carboxylase (ACC) inhibitor": ACACA and ACACB
        out += [
            s
            for s in TARGET_FAMILIES[next(k for k in TARGET_FAMILIES if k.lower() == m.group().lower())]
            if s not in out
        ]
    for m in gazetteer.target_regex.finditer(text):
        symbol = gazetteer.target_symbol(m.group())
        if symbol and symbol not in out:
            out.append(symbol)
    for m in MICRORNA.finditer(text):  # "blocks microRNA-132": HGNC names the gene MIR132
        symbol = "MIR" + m.group(1).upper()
        if symbol not in out:
            out.append(symbol)
    return out


MICRORNA = re.compile(r"\b(?:microRNA|miRNA|miR)-(\d{1,4}[a-z]?)\b")


def modality_of(text: str, asset_name: str = "") -> str | None:
    """The first modality word in the text, by the priority of MODALITY_RULES; INN suffix as fallback."""
    for pattern, modality in MODALITY_RULES:
        if pattern.search(text):
            return modality
    word = asset_name.lower()
    if " " not in word and word.endswith("tecan") and not word.endswith(("deruxtecan", "govitecan")):
        return "small molecule"  # irinotecan, topotecan: camptothecins; "x-mab y-tecan" is the ADC
    for suffixes, modality in INN_MODALITY:
        if any(w.endswith(suffixes) for w in word.split()):
            return modality
    return None

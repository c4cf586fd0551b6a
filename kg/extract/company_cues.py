"""Names of companies the gazetteer lacks, read from the words around them.

"gave Celgene rights to", "paid Incyte $25m": the object of a deal verb; "Pexara (NASDAQ: PXRA)": a listing;
"Harwell and Company": the old corporate form. mentions.py filters the names (stop words, regions, banned
words) and scans the text for every mention of them.
"""

from __future__ import annotations

import re

# A name the gazetteer lacks, read from the deal verb around it: "gave Celgene rights to", "paid Incyte $25m"
_VERB_NAME = r"(?P<name>[A-Z][A-Za-z0-9]{2,}(?:[-\s][A-Z][A-Za-z0-9]+){0,2})"
VERB_CUE_NAME = re.compile(
    r"\b(?:gave|give[sn]?|grant(?:s|ed)?|granting|pa(?:y|ys|id|ying))\s+" + _VERB_NAME + r"\s+(?:the\s+)?"
    r"(?:(?:exclusive|global|worldwide|full|co-exclusive|commercial|development)\s+){0,3}"
    r"(?:rights\b|licen[cs]es?\b|an?\s+(?:exclusive\s+)?(?:licen[cs]e|option)\b|(?:up to\s+)?(?:US)?\$\d)"
)
# "Incyte took exclusive worldwide rights to ...": a sentence's subject taking rights
SUBJECT_CUE_NAME = re.compile(
    r"(?:^|[.;]\s+|\n)"
    + _VERB_NAME
    + r"\s+(?:has\s+|have\s+|will\s+)?(?:took|takes|obtained|obtains|acquired|"
    r"gains|gained|secured|in-licensed|licensed)\s+(?:the\s+)?"
    r"(?:(?:exclusive|worldwide|global|commercial|development)\s+){0,3}(?:rights|licen[cs]e)\b"
)
# "SHR-1210, Hengrui's anti-PD-1 antibody": the owner of a drug
OWNER_CUE_NAME = re.compile(
    r",\s+" + _VERB_NAME + r"['’]s?\s+(?:[\w/-]+\s+){0,3}?(?:antibody|drug|candidate|ADC|inhibitor|asset|"
    r"therapy|molecule|compound|bispecific|conjugate|vaccine|agonist)\b"
)
# "an exclusive license agreement with Swedish Orphan Biovitrum", "partnership with Sobi": the counterparty
# of a named agreement
PARTNER_CUE_NAME = re.compile(
    r"\b(?:agreements?|deal|partnership|collaboration|alliance|pact|transaction)\s+with\s+" + _VERB_NAME
    + r"(?=\s*(?:[,;.(]|\b(?:for|to|on|under|in|that|which|and|covering|granting|giving|whereby)\b))"
)
# "granted an exclusive license to Cipla USA to sell": the grantee of a licence ("rights to" names drugs too)
LICENSEE_CUE_NAME = re.compile(
    r"\b(?:grant(?:s|ed|ing)?|gave|give[sn]?|award(?:s|ed)?)\s+(?:an?\s+)?"
    r"(?:(?:exclusive|non-exclusive|sole|global|worldwide|royalty-bearing|sublicensable)[\s,]+){0,3}"
    r"(?:licen[cs]e|sub-?licen[cs]e)\s+to\s+" + _VERB_NAME
    + r"(?=\s*(?:[,;.(]|\b(?:to|for|in|under|covering|that|which)\b))"
)
# "in-licensed China rights to a heart failure drug from Cytokinetics": the source of licensed rights
SOURCE_CUE_NAME = re.compile(
    r"\b(?:in-?licen[cs]ed|licen[cs]ed|acquired|bought|obtained|secured)\s+[^.;]{0,100}?\bfrom\s+"
    + _VERB_NAME
    + r"(?=\s*(?:[,;.(]|\b(?:in|for|of|under|to|and|worth|at)\b))"
)
# "Pexara (NASDAQ: PXRA)", "Harwell and Company": a listing or the old "and Company" form names a company
_EXCHANGES = (
    r"NYSE|NASDAQ|Nasdaq|HKEX|SEHK|HK|SSE|SZSE|SHA|SHE|TSE|TYO|KOSDAQ|KRX|KOSPI|LSE|SIX|Euronext|ASX|TSX"
)
LISTED_NAME = re.compile(
    r"(?<![\w&.-])(?P<name>[A-Z][A-Za-z0-9-]+(?:\s(?:and\s)?[A-Z][A-Za-z0-9-]+){0,4})(?:,?\s(?:Inc|Ltd|Corp|Co)\.)?"
    rf"\s\((?:{_EXCHANGES})(?:\s[A-Za-z]+)?\s?:\s?[A-Z0-9.]{{1,8}}"
    r"|(?<![\w&.-])(?P<name2>[A-Z][A-Za-z0-9-]+(?:\s[A-Z][A-Za-z0-9-]+){0,2}\sand\sCompany)\b"
)


CONTEXT_CUES = (VERB_CUE_NAME, SUBJECT_CUE_NAME, OWNER_CUE_NAME, PARTNER_CUE_NAME, LICENSEE_CUE_NAME, SOURCE_CUE_NAME)


def cue_names(text: str, raw: str | None = None) -> list[tuple[str, int]]:
    """(name, start) for every cue. `raw` is the text before masking (same offsets): masking blanks listings."""
    out = [
        (m.group("name"), m.start("name"))
        for pattern in CONTEXT_CUES
        for m in pattern.finditer(text)
    ]
    for m in LISTED_NAME.finditer(raw or text):
        group = "name" if m.group("name") else "name2"
        out.append((m.group(group), m.start(group)))
    return out

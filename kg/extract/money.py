"""Money: amounts with their currency, converted to US$ millions, and what each amount is for.

Non-USD figures are converted only when the text gives no US$ equivalent next to them ("EUR 160m
(about $169m)" uses 169); the fixed rates below are the documented fallback (approximate 2023-2025
averages; a figure converted with them says so in `OriginalMoney.rate_source`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# US$ per one unit of the currency. Fallback only: the text's own US$ figure always wins.
USD_RATES: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CHF": 1.12,
    "JPY": 1 / 150,
    "CNY": 1 / 7.2,
    "HKD": 1 / 7.8,
    "KRW": 1 / 1350,
    "AUD": 0.66,
    "CAD": 0.74,
    "SGD": 0.74,
    "DKK": 0.145,
    "SEK": 0.095,
    "INR": 0.012,
}
PREFIX_CURRENCY = {
    "us$": "USD",
    "u.s.$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "rmb": "CNY",
    "cny": "CNY",
    "eur": "EUR",
    "€": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "jpy": "JPY",
    "jp¥": "JPY",
    "cn¥": "CNY",
    "¥": "JPY",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "s$": "SGD",
    "sgd": "SGD",
    "krw": "KRW",
    "₩": "KRW",
    "dkk": "DKK",
    "sek": "SEK",
    "inr": "INR",
}
SUFFIX_CURRENCY = {
    "us dollars": "USD",
    "dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "pounds": "GBP",
    "swiss francs": "CHF",
    "won": "KRW",
    "danish kroner": "DKK",
    "hong kong dollars": "HKD",
}
SCALES = {
    "trillion": 1e6,
    "tn": 1e6,
    "billion": 1e3,
    "bn": 1e3,
    "b": 1e3,
    "million": 1.0,
    "mn": 1.0,
    "mln": 1.0,
    "m": 1.0,
    "mio": 1.0,
    "mm": 1.0,
    "thousand": 1e-3,
    "k": 1e-3,
}

_PREFIX = (
    r"(?P<cur>US\$\s{0,2}|U\.S\.\s{0,2}\$\s{0,2}|USD\s{0,2}|HK\$\s{0,2}|HKD\s{0,2}|RMB\s{0,2}|CNY\s{0,2}|CN¥\s{0,2}|EUR\s{0,2}|€\s{0,2}|£\s{0,2}|GBP\s{0,2}|"
    r"CHF\s{0,2}|JPY\s{0,2}|JP¥\s{0,2}|¥\s{0,2}|A\$|AUD\s{0,2}|C\$|CAD\s{0,2}|S\$|SGD\s{0,2}|KRW\s{0,2}|₩\s{0,2}|DKK\s{0,2}|SEK\s{0,2}|INR\s{0,2}|\$\s{0,2})"
)
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,4})?|\d{1,7}(?:\.\d{1,4})?)"
_SCALE = r"(?:\s{0,3}(?P<scale>trillion|billion|million|thousand|bn|mn|mln|mio|mm|tn|m|b|k)\b)"
_SUFFIX = (
    r"\s{1,3}(?P<cur2>US dollars|Hong Kong dollars|dollars|euros?|yen|yuan|renminbi|pounds|Swiss francs|won|"
    r"Danish kroner)\b"
)
AMOUNT = re.compile(
    rf"(?<![\w$.])(?:{_PREFIX}{_NUMBER}{_SCALE}?|(?<![\d,.])"
    rf"{_NUMBER.replace('num', 'num2')}{_SCALE.replace('scale', 'scale2')}{_SUFFIX})",
    re.IGNORECASE,
)
ZERO_WIDTH_HINT = re.compile(r"\d")


@dataclass
class Amount:
    start: int
    end: int
    currency: str
    value_m: float  # in the stated currency, millions
    usd_m: float
    usd_from_text: bool  # True when the US$ figure is the text's own
    kind: str = "unknown"  # upfront, milestones, total, equity, payment, other, noise, unknown
    subkind: str = ""  # development / regulatory / commercial for milestone parts
    component: bool = False  # "includes a $300m milestone": part of a figure already stated
    per_unit: bool = False  # "each of the three ADCs carries up to $5.5bn"
    restates: bool = False  # "..., or up to $16.5bn in all": replaces the previous figure
    skip: tuple[int, int] | None = None  # span of a merged equivalent, "(approximately HK$1,560 million)"
    issued_at: int = (
        -1
    )  # "X will issue new shares worth $8m to Y": where "issue" stands; the issuer is before it
    rate_source: str = "usd"  # usd, text (US$ figure beside it), text-rate (the text's stated rate), table


_CUR = r"(?:US\$|U\.S\.\s?\$|USD|HK\$|HKD|RMB|CNY|EUR|€|£|GBP|CHF|JPY|¥|KRW|₩|AUD|A\$|CAD|C\$|SGD|S\$|DKK|\$)"
STATED_RATE = re.compile(
    rf"(?P<c1>{_CUR})\s?(?P<n1>\d{{1,6}}(?:\.\d{{1,6}})?)\s*(?:=|equals|to|:|against)\s*"
    rf"(?P<c2>{_CUR})\s?(?P<n2>\d{{1,6}}(?:\.\d{{1,6}})?)"
)
STATED_RATE_PER = re.compile(
    r"(?P<n>\d{1,6}(?:\.\d{1,6})?)\s*"
    r"(?P<cur>yuan|RMB|renminbi|yen|JPY|HK\$|Hong Kong dollars|HKD|won|euros?|EUR)"
    r"\s*(?:per|to the|to one|for each|=)\s*(?:US\s?|U\.S\.\s?)?(?:dollar|\$\s?1|US\$\s?1|USD\s?1)",
    re.IGNORECASE,
)
WORD_CURRENCY = {
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "hk$": "HKD",
    "hong kong dollars": "HKD",
    "hkd": "HKD",
    "won": "KRW",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
}


def stated_rates(text: str) -> dict[str, float]:
    """US$ per unit for each currency whose rate the text states ("US$1.00 = HK$7.80", "7.1 yuan per dollar").
    Exchange announcements give amounts in one currency and the rate used; the text's rate beats our table."""
    rates: dict[str, float] = {}
    for m in STATED_RATE.finditer(text):
        c1 = PREFIX_CURRENCY.get(m.group("c1").lower().replace(" ", ""))
        c2 = PREFIX_CURRENCY.get(m.group("c2").lower().replace(" ", ""))
        n1, n2 = float(m.group("n1")), float(m.group("n2"))
        if not (c1 and c2) or c1 == c2 or not n1 or not n2:
            continue
        if c1 == "USD":
            rates.setdefault(c2, n1 / n2)
        elif c2 == "USD":
            rates.setdefault(c1, n2 / n1)
    for m in STATED_RATE_PER.finditer(text):
        currency = WORD_CURRENCY.get(m.group("cur").lower().rstrip())
        if currency and float(m.group("n")):
            rates.setdefault(currency, 1 / float(m.group("n")))
    return rates


def parse_amounts(text: str, rates: dict[str, float] | None = None) -> list[Amount]:
    """Every money amount in a piece of text, with US$ equivalents stated beside it merged in. `rates`
    (US$ per unit, from stated_rates) take precedence over the fixed table."""
    rates = rates or {}
    found: list[Amount] = []
    for m in AMOUNT.finditer(text):
        raw = (m.group("cur") or "").strip().lower().replace(" ", "")
        currency = PREFIX_CURRENCY.get(raw) or SUFFIX_CURRENCY.get((m.group("cur2") or "").lower(), "USD")
        if raw == "¥" and re.search(r"\b(?:yuan|RMB|renminbi)\b", text[m.end() : m.end() + 40], re.I):
            currency = "CNY"
        number = float((m.group("num") or m.group("num2")).replace(",", ""))
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        value = number * SCALES[scale] if scale else number / 1e6
        if value < 0.05:
            continue  # "US$1.00 = HK$7.80", share prices
        rate = rates.get(currency) or USD_RATES.get(currency, 1.0)
        amount = Amount(m.start(), m.end(), currency, value, value * rate, currency == "USD")
        amount.rate_source = "usd" if currency == "USD" else "text-rate" if currency in rates else "table"
        found.append(amount)
    return _merge_equivalents(text, found)


EQUIVALENT_GAP = re.compile(
    r"\s*(?:(?:upfront|up-front|in \w+(?: \w+)?|in total)\s*)?[(,]?\s*(?:or|about|approximately|approx\.?|"
    r"roughly|around|some|nearly|~|equivalent to|equal to|i\.e\.)?\s*(?:approximately|about|roughly)?\s*",
    re.IGNORECASE,
)


def _merge_equivalents(text: str, amounts: list[Amount]) -> list[Amount]:
    out: list[Amount] = []
    skip = set()
    for i, a in enumerate(amounts):
        if i in skip:
            continue
        if i + 1 < len(amounts):
            b = amounts[i + 1]
            gap = text[a.end : b.start]
            if a.currency != b.currency and len(gap) <= 40 and EQUIVALENT_GAP.fullmatch(gap):
                if b.currency == "USD":  # "EUR 160m upfront (about $169m)"
                    a.usd_m, a.usd_from_text, a.rate_source = b.usd_m, True, "text"
                skip.add(i + 1)  # "US$200 million (equivalent to approximately HK$1,560 million)"
                opener = re.search(r"[(,]", gap)
                close = re.match(r"\s*\)", text[b.end :])
                a.skip = (a.end + (opener.start() if opener else 0), b.end + (close.end() if close else 0))
        out.append(a)
    return out


# What an amount is for: phrases right after it ("$80m upfront", "$1.25bn in milestones", "$5.2bn deal"),
# else the nearest keyword before it ("an upfront fee of US$185 million", "valued at up to EUR 1.4bn").
AFTER_RULES: list[tuple[re.Pattern[str], str]] = [
    # "a $50m milestone payment under an existing agreement": money owed under an earlier deal
    (
        re.compile(
            r"^\s*(?:[\w-]+\s+){0,3}?(?:under|pursuant to)\s+(?:an?|the|its|their)\s+"
            r"(?:existing|ongoing|current|prior|previous|earlier)\s+(?:[\w-]+\s+)?(?:agreement|deal|"
            r"collaboration|partnership|licen[cs]e)\b",
            re.I,
        ),
        "other",
    ),
    (
        re.compile(
            r"^\s*(?:non-refundable\s+|one-time\s+|additional\s+)?"
            r"(?:option|exercise|option[- ]exercise|opt-in|"
            r"continuation|anniversary|technology[- ]transfer|near-term|research|r&d|development funding)\b",
            re.I,
        ),
        "other",
    ),
    (
        re.compile(
            r"^\s*(?:non-refundable\s+|one-time\s+)?(?:(?:potential|contingent|regulatory|sales|sales-based|"
            r"sales-related|development|developmental|clinical|commercial|success-based|event-based)\s+)?"
            r"milestones?\b",
            re.I,
        ),
        "milestones",
    ),
    (re.compile(r"^\s*(?:in\s+|of\s+)?(?:[\w-]+,?\s+){0,4}?(?:per|a) (?:year|annum)\b", re.I), "noise"),
    (
        re.compile(
            r"^\s*(?:in\s+|of\s+)?(?:(?:worldwide|global|annual|peak|net)\s+)?(?:sales|revenues?)\b"
            r"(?!-|\s+milestone|\s+related)",
            re.I,
        ),
        "noise",
    ),
    (
        re.compile(
            r"^\s*(?:(?:cash\s+)?payments?\s+)?(?:up-?\s?front|initial payment|signing fee|upon signing|"
            r"at signing|on signing)",
            re.I,
        ),
        "upfront",
    ),
    # "$4.5bn (in total) if regulatory milestones are achieved", "$4bn linked to sales": contingent money
    (
        re.compile(
            r"^\s*(?:(?:more|in total|in all)\s+|in\s+(?:[\w-]+\s+){0,2}?payments?\s+)?"
            r"(?:if|as|when|once|should|upon|on reaching|on achieving|tied to|"
            r"linked to|contingent (?:on|upon)|dependent on|depending on|based on|subject to)\s+(?:[\w-]+\s+){0,8}?"
            r"(?:milestones?|approvals?|regulatory|sales|commercial|launch(?:es)?|achievement)\b",
            re.I,
        ),
        "milestones",
    ),
    (re.compile(r"^\s*(?:in total|in all|total|in aggregate|all told|overall)\b", re.I), "total"),
    # "up to $455m, including $280m upfront and up to $175m in milestones": the sum of what follows
    (
        re.compile(
            r"^\s*,?\s*(?:including|which includes|inclusive of)\s+(?:an?\s+|the\s+)?(?:up to\s+)?$",
            re.I,
        ),
        "total",
    ),
    # "up to $1.03bn including the upfront and development milestones": a figure that takes in the upfront
    (
        re.compile(
            r"^\s*,?\s*(?:including|which includes|inclusive of|covering)\s+(?:an?\s+|the\s+|its\s+)?"
            r"(?:[\w-]+\s+){0,2}?up-?\s?front\b",
            re.I,
        ),
        "total",
    ),
    # "$175m, comprising an upfront payment, near-term milestones and an option fee": a combined figure
    (
        re.compile(r"^\s*,?\s*(?:comprising|consisting of|made up of|split between|split into)\b", re.I),
        "other",
    ),
    # "in upfront and near-term payments": a combined figure is no upfront (README)
    (re.compile(r"^\s*(?:in|of|as)\s+(?:[\w-]+\s+){0,2}?up-?\s?front\s+(?:and|plus)\s+", re.I), "other"),
    # "in near-term milestone and other payments", "in option exercise fees and milestone payments"
    (
        re.compile(
            r"^\s*(?:(?:more|further|additional|extra)\s+)?(?:in|of|as)\s+(?:[\w-]+,?\s+){0,9}?"
            r"(?:milestones?|contingent (?:[\w-]+\s+)?(?:payments?|consideration))\b",
            re.I,
        ),
        "milestones",
    ),
    (
        re.compile(
            r"^\s*(?:(?:more|further|additional|extra)\s+)?(?:in|of|as)\s+(?:[\w-]+\s+){0,4}?"
            r"(?:near-term|continuation|anniversary|option[- ]exercise|"
            r"exercise|technology[- ]transfer|research funding|r&d funding|funding|loans?|convertible|"
            r"cost|reimburse)",
            re.I,
        ),
        "other",
    ),
    (
        re.compile(
            r"^\s*(?:(?:more|further|additional|extra)\s+)?(?:in|of|as)\s+(?:[\w-]+,?\s+){0,6}?milestones?\b",
            re.I,
        ),
        "milestones",
    ),
    (
        re.compile(
            r"^\s*(?:(?:more|further|additional|extra)\s+)?(?:in|of|as)\s+(?:[\w-]+,?\s+){0,3}?(?:up-?\s?front|initial)\b",
            re.I,
        ),
        "upfront",
    ),
    (
        re.compile(
            r"^\s*(?:(?:more|further|additional|extra)\s+)?(?:in|of|as)\s+(?:[\w-]+,?\s+){0,3}?(?:equity|shares?|stock|stake)\b",
            re.I,
        ),
        "equity",
    ),
    (re.compile(r"^\s*(?:of|in)\s+[\w&.’'\- ]{0,40}?(?:shares|stock|equity)\b", re.I), "equity"),
    (re.compile(r"^\s*(?:in\s+)?(?:equity|stake|equity investment)\b", re.I), "equity"),
    (
        re.compile(
            r"^\s*(?:for|to cover|towards)\s+(?:the\s+)?(?:technology transfer|option|exercise|research|"
            r"r&d|development costs|manufacturing)",
            re.I,
        ),
        "other",
    ),
    (re.compile(r"^\s*(?:figure|number|sum|amount)\b", re.I), "reference"),
    (
        re.compile(
            r"^\s*(?!(?:when|after|once|upon|if|as|before|until|at|on|under|in|for|from)\b)(?:[\w-]+\s+){0,2}?"
            r"(?:licensing\s+|licence\s+|license\s+)?(?:deal|agreement|pact|"
            r"transaction|collaboration|partnership|tie-up|acquisition|buyout|takeover|bet)\b",
            re.I,
        ),
        "total",
    ),
]
BEFORE_KEYWORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"up-?\s?front|initial payment|signing (?:fee|payment)|down payment", re.I), "upfront"),
    (
        re.compile(r"milestones?|contingent (?:[\w-]+ )?payments?|(?:success|event|performance)-based", re.I),
        "milestones",
    ),
    (
        re.compile(
            r"\btotal\b|\bworth\b|\bvalu(?:ed?|ing|es)\b|aggregate|consideration|\bin all\b|"
            r"\b(?:could|may|might|would|to) reach\b",
            re.I,
        ),
        "total",
    ),
    (re.compile(r"\bequity\b|\bshares\b|\bstake\b", re.I), "equity"),
    (
        re.compile(
            r"near-term|continuation|anniversary|option (?:exercise|fee)|exercise fee|technology transfer|"
            r"research funding|r&d|reimburs|\bloan|financing|raised|series [a-f]\b|\bipo\b|cash position",
            re.I,
        ),
        "other",
    ),
    (re.compile(r"market (?:value|cap)|valuation|\bsales\b|revenue|investors|\bprice\b", re.I), "noise"),
    # "the exclusive right to acquire Beta for $1bn": the price of exercising an option, not the deal's total
    (
        re.compile(
            r"\b(?:option|right)s?\s+to\s+(?:later\s+)?(?:acquire|buy|purchase)\b[^.;$]{0,60}?\bfor\s+"
            r"(?:up to\s+|about\s+|approximately\s+)?$",
            re.I,
        ),
        "other",
    ),
    (re.compile(r"\b(?:acquir(?:e|es|ed|ing)|bought|buys?|buying|purchas(?:e|es|ed|ing))\b", re.I), "total"),
    (
        re.compile(
            r"\b(?:pay|pays|paid|paying|receive|receives|received|receiving|collect|bets?|betting|"
            r"shell(?:ed|ing)? out|hand(?:s|ed)? over)\b",
            re.I,
        ),
        "payment",
    ),
]
SUBKINDS = {
    "development": re.compile(r"\b(?:development|clinical)\b", re.I),
    "regulatory": re.compile(r"\b(?:regulatory|approval)\b", re.I),
    "commercial": re.compile(r"\b(?:commercial|sales|sales-based|sales-related)\b", re.I),
}


PAID_IN_KIND = re.compile(
    r"\b(?:consisting of|in the form of|comprising|paid in|payable in|satisfied in)\s+$", re.I
)


# a qualified part beside the upfront ("upfront and R&D milestone payments totalling X") is a combined figure;
# "upfront and milestone payments totalling X" is the total
COMBINED_UPFRONT = re.compile(
    r"\bup-?\s?front\s+(?:payments?\s+)?(?:and|plus)\s+(?:[\w&-]+\s+){1,5}?milestones?\s+"
    r"(?:payments?\s+)?(?:totall?ing|amounting to|of)\s+(?:up to\s+|approximately\s+|about\s+)?$",
    re.I,
)
# "upfront and near-term payments totalling $47m": a combined figure is no upfront (README)
COMBINED_NEAR_TERM = re.compile(
    r"\bup-?\s?front\s+(?:payments?\s+)?(?:and|plus)\s+near[- ]term\s+(?:[\w-]+\s+){0,2}?"
    r"(?:totall?ing|amounting to|of|worth)\s+(?:up to\s+|approximately\s+|about\s+)?$",
    re.I,
)
# "The aggregate amount of upfront, development, regulatory and sales milestone payments ... is up to $517.5m":
# the sum of every payment is the deal's total (README: a stated total)
AGGREGATE_OF_PAYMENTS = re.compile(
    r"\b(?:aggregate|total|combined|sum)(?:\s+(?:potential\s+)?(?:amount|value))?\s+of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?up-?\s?front\b[^.;$]{0,160}\bmilestones?\b[^.;$]{0,80}$",
    re.I,
)
CONTINGENT = re.compile(
    r"\b(?:goals?|events?|achievement|development|regulatory|sales|commercial|contingent|"
    r"based on|tied to|depending on|subject to)\b",
    re.I,
)


def classify(text: str, amounts: list[Amount], start: int = 0, end: int | None = None) -> None:
    """Set .kind (and flags) of each amount from the words around it inside text[start:end]."""
    end = len(text) if end is None else end
    for i, a in enumerate(amounts):
        next_start = amounts[i + 1].start if i + 1 < len(amounts) else end
        prev_end = amounts[i - 1].end if i else start
        if a.skip:
            after = text[a.end : a.skip[0]] + " " + text[a.skip[1] : min(next_start, a.skip[1] + 90)]
        else:
            after = text[a.end : min(next_start, a.end + 90)]
        after = re.split(r"[;.](?:\s|$)|\s\(", after, maxsplit=1)[0] if after else after
        before = text[max(prev_end, start, a.start - 110) : a.start]
        a.kind = "unknown"
        if COMBINED_UPFRONT.search(before) or COMBINED_NEAR_TERM.search(before):
            a.kind = (
                "other"  # "upfront and R&D milestone payments totalling RMB315m": no upfront, no milestone
            )
            continue
        sentence_start = max(text.rfind(". ", start, a.start), text.rfind(";", start, a.start), start, a.start - 300)
        if AGGREGATE_OF_PAYMENTS.search(text, sentence_start, a.start):
            a.kind = "total"  # "the aggregate amount of upfront, ... and sales milestone payments is $X"
            continue
        if PAID_IN_KIND.search(before):
            a.kind = "other"  # "an upfront payment consisting of $75m in Zai Lab shares": no equity purchase
            continue
        if (
            i
            and re.search(r",?\s*\bor\s+(?:up to\s+|about\s+|approximately\s+|nearly\s+)?$", before)
            and amounts[i - 1].kind not in ("unknown", "noise")
        ):
            a.kind, a.restates, a.subkind = amounts[i - 1].kind, True, ""
        else:
            for pattern, kind in AFTER_RULES:
                m = pattern.search(after)
                if m:
                    a.kind = kind
                    if kind == "total" and re.match(
                        r"\s*(?:in total|in all|total|in aggregate|all told|overall)", after, re.I
                    ):
                        phrase = re.split(r"\band\b|,|\bplus\b", before[-60:])[-1]
                        near = _nearest_before(phrase)  # "milestone payments of up to $X in aggregate"
                        if near in ("milestones", "upfront", "equity"):
                            a.kind = near
                    if kind == "milestones":
                        a.subkind = _subkind(m.group())
                    break
            if a.kind == "unknown":
                a.kind = _nearest_before(before)
                if a.kind == "milestones":
                    a.subkind = _subkind(before[-60:])
                if a.kind == "payment" and re.search(r"\bup to\s+$", before, re.I):
                    # "could pay up to $600m more based on development and sales goals": contingent money
                    a.kind = "milestones" if CONTINGENT.search(after) else "unknown"
        if SHARE_PRICE.search(before):
            a.kind = "noise"  # "shares of Beta rose 7% to KRW 231,000": a share price, not an equity purchase
            continue
        clause_start = max(text.rfind(";", start, a.start), text.rfind(". ", start, a.start), start)
        lead = text[clause_start : a.start]
        if re.search(
            r"\b(?:includ(?:es|ing|ed)|of which|comprising|made up of|consisting of)\s+(?:an?\s+|the\s+)?"
            r"(?:up to\s+)?$",
            lead,
            re.I,
        ):
            a.component = True
        if re.search(
            r"\b(?:each of|for each|per (?:asset|programme|program|product|target|candidate|molecule))\b",
            before[before.rfind(", ") + 1 :] + after[:40],
            re.I,
        ):
            a.per_unit = True
        count = COUNTED.search(before)
        if count and re.match(r"\s*each\b", after, re.I):  # "two further milestone payments of $1bn each"
            times = COUNTS[count.group(1).lower()]
            a.value_m, a.usd_m = a.value_m * times, a.usd_m * times
        worth = SHARES_WORTH.search(before)
        if worth:
            a.kind = "equity"
            a.issued_at = max(prev_end, start, a.start - 110) + worth.start() if worth.group(1) else -1
            continue
        if (
            a.kind == "equity"
            and re.search(r"\b(?:receiv\w*|get|gets|obtain\w*|issue\w*)\b[^.;$]{0,40}$", before, re.I)
            and not re.match(
                r"\s*(?:equity\s+)?investment\b", after, re.I
            )  # "receive a $10m equity investment"
        ):
            a.kind = "other"  # "Hengrui will receive $50m in Hercules shares": shares flowing to the licensor


SHARE_PRICE = re.compile(
    r"\b(?:shares?|stock|ADSs?)\b[^.;]{0,40}\b(?:rose|rise|rises|rising|fell|falls?|falling|jumped|jumps?|climbed|"
    r"climbs?|gained|gains?|slipped|slips?|dropped|drops?|declined|declines?|surged|surges?|tumbled|tumbles?|"
    r"closed|closes?|opened|opens?|traded|trading)\b(?:[^.;$]|\.\d){0,30}?\b(?:to|at)\s+(?:about\s+|around\s+)?$",
    re.I,
)
# "will issue new common shares worth about ¥800m to Chugai", "buy shares valued at $50m"
SHARES_WORTH = re.compile(
    r"(\bissu\w*\s+)?(?:[\w-]+\s+){0,3}?(?:shares|stock)\s+(?:worth|valued at|with a value of|for)\s+"
    r"(?:approximately\s+|about\s+|around\s+|some\s+)?$",
    re.I,
)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
COUNTED = re.compile(
    r"\b(two|three|four|five|[2-5])\s+(?:[\w-]+\s+){0,3}?(?:payments|instal?ments|tranches)\s+of\s+(?:up to\s+)?$",
    re.I,
)


def _subkind(phrase: str) -> str:
    """The milestone kinds a phrase names, joined: 'development+commercial' for 'development and sales
    milestones', so that a later '$60m on approval' (regulatory) is seen to be a different part."""
    return "+".join(k for k, p in SUBKINDS.items() if p.search(phrase))


TOTALLING = re.compile(
    r"\b(?:totall?ing|total(?:l)?ed|amounting to|adding up to)\s+(?:up to\s+|about\s+)?$", re.I
)
TOTALLING_NOUN = re.compile(r"\b(milestones?|up-?\s?front|equity)\b", re.I)


def _nearest_before(before: str) -> str:
    """The kind named by the keyword nearest the amount; 'milestones totalling $30m' names milestones, but
    'payments totalling $1bn' a total."""
    totalling = TOTALLING.search(before)
    if totalling:
        window = before[max(0, totalling.start() - 40) : totalling.start()]
        kinds = {
            "milestones"
            if w.lower().startswith("milestone")
            else "equity"
            if w.lower() == "equity"
            else "upfront"
            for w in TOTALLING_NOUN.findall(window)
        }
        return kinds.pop() if len(kinds) == 1 else "total"
    best, best_pos = "unknown", -1
    for pattern, kind in BEFORE_KEYWORDS:
        for m in pattern.finditer(before):
            if m.end() > best_pos or (m.end() == best_pos and kind != "payment"):
                best, best_pos = kind, m.end()
    return best

"""Who grants and who receives: role cues around each company mention.

A positive score means licensee (receives rights, usually pays), negative means licensor. Cues are
read from either side: 'X will pay Y' (X licensee, Y licensor), 'X granted Y', 'X in-licensed',
'X will receive ... from Y', 'X handed its rights back to Y' (X licensor: README), 'X's $5bn deal with Y'.
Strong cues weigh 2, weak ones (possession: 'Kelun's ADC') 1.
"""

from __future__ import annotations

import re

from kg.extract.mentions import CompanyMention

STRONG, WEAK = 2, 1
_AUX = (
    r"^[\s,]*(?:\([^)]{0,60}\)\s*)?(?:,[^,]{0,100},\s*)?(?:(?:has|have|had|will|shall|would|could|can|may|"
    r"is|are|was|were|also|to|then|now|today|jointly|further|agreed to|agreeing to|has agreed to|is set to|"
    r"plans to|intends to|announced that it|announced it|said it|is to|once again|already|additionally|"
    r"(?:says|said|noted|stated|announced)(?: on \w+)? (?:that )?(?:the company|it)|"
    r"in turn|which|who|that)\s+){0,5}"
)
# (verb after the subject, role of the subject)
SUBJECT_RULES: list[tuple[re.Pattern[str], int]] = [
    # "an agreement with X granting it an exclusive license": the agreement grants, "it" is X
    (re.compile(r"^[\s,]*(?:granting|giving)\s+(?:it|them)\b", re.I), STRONG),
    # "X was granted exclusive rights by Y": the passive names the receiver first
    (re.compile(_AUX + r"(?:was|were|been|being|be)\s+(?:granted|given|awarded|licensed)\b", re.I), STRONG),
    (
        re.compile(
            _AUX
            + r"(?:hand(?:s|ed|ing)?|return(?:s|ed|ing)?|gave|give[sn]?|transfer(?:s|red)?)\b[^.;]{0,160}"
            r"\bback\b",
            re.I,
        ),
        -STRONG,
    ),
    (
        re.compile(
            _AUX + r"(?:out-?licen[cs](?:es|ed|ing)?|licen[cs](?:es|ed|ing)|sold|sells?|assign(?:s|ed)?|"
            r"hand(?:s|ed|ing)?\s+(?:off|over))\b"
            r"[^.;]{0,100}\bto\s+(?:the\s+)?(?:[\w-]+-based\s+|[A-Z][\w-]*['’]s\s+)?$",
            re.I,
        ),
        -STRONG,
    ),
    (
        re.compile(
            _AUX + r"(?:pay|pays|paid|paying|make|makes|made|making|hand(?:s|ed|ing)?(?=\s+[A-Z][^.;]{0,60}[$€£¥]))\b"
            r"(?:[^.;]{0,40}\bpayments?\b)?",
            re.I,
        ),
        STRONG,
    ),
    (re.compile(_AUX + r"(?:bets?|invest(?:s|ed|ing)?|shell(?:s|ed)? out|commit(?:s|ted)?)\b", re.I), STRONG),
    # "X is getting $75m upfront": money in hand, not rights ("X gets rights" is the licensee's)
    (
        re.compile(
            _AUX + r"(?:gets?|getting|got|pockets?|pocketing|pocketed|bags?|bagging|bagged)\s+(?:an?\s+|the\s+)?"
            r"(?:(?:up to|about|nearly|almost|some)\s+)?(?:US|HK)?[$€£¥]",
            re.I,
        ),
        -STRONG,
    ),
    (
        re.compile(
            _AUX + r"(?:took|takes?|taking|obtain(?:s|ed|ing)?|acquir(?:e|es|ed|ing)|gain(?:s|ed)?|"
            r"secur(?:e|es|ed)|wins?|won|gets?|got|holds?|held|bought|buys?|buying|purchas(?:e|es|ed)|"
            r"in-?licen[cs](?:es|ed|ing)?|licen[cs]ed|exercis(?:e|es|ed)|option(?:s|ed))\b",
            re.I,
        ),
        STRONG,
    ),
    (
        re.compile(
            _AUX + r"(?:will )?(?:have|has|get|receive[sd]?)\s+(?:the\s+)?(?:same\s+)?(?:exclusive\s+)?"
            r"(?:global\s+|worldwide\s+)?(?:rights|licen[cs]e)",
            re.I,
        ),
        STRONG,
    ),
    (re.compile(_AUX + r"enter(?:s|ed)?\b[^.;]{0,40}\blicen[cs]e\b[^.;]{0,120}\bfrom\b", re.I), STRONG),
    (
        re.compile(
            _AUX + r"(?:grants?|granted|granting|receive[sd]?|receiving|collect(?:s|ed)?|earn(?:s|ed)?|"
            r"(?:be|is|are|remains?)\s+(?:also\s+)?(?:eligible|entitled)|keeps?|kept|retains?|retained|"
            r"stand(?:s)? to (?:receive|collect|earn))\b",
            re.I,
        ),
        -STRONG,
    ),
]
# (words just before the mention, role of the mentioned company)
OBJECT_RULES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\bback to\s+(?:the\s+)?$", re.I), STRONG),
    (re.compile(r"\b(?:receiv\w+|collect\w*|earn\w*)\b[^.;]{0,80}\bfrom\s+(?:the\s+)?$", re.I), STRONG),
    # "getting $75m upfront from X" (money: X pays), not "gets rights from X"
    (re.compile(r"\b(?:get(?:s|ting)?|got|pocket\w*|bag(?:s|ged|ging)?)\b[^.;$€£¥]{0,30}[$€£¥][^.;]{0,60}"
                r"\bfrom\s+(?:the\s+)?$", re.I), STRONG),
    (re.compile(r"\b(?:acquired|bought|purchased) by\s+$", re.I), STRONG),
    (re.compile(r"\b(?:was|were|been|being|be)\s+(?:granted|given|awarded|licensed)\b[^.;]{0,120}\bby\s+(?:the\s+)?$",
                re.I), -STRONG),
    (re.compile(r"\b(?:takeover|acquisition|purchase|buyout|buy-out) of\s+(?:the\s+)?$", re.I), -STRONG),
    (re.compile(r"\b(?:grant(?:s|ed|ing)?|give[sn]?|gave|giving)\s+(?:to\s+)?(?:the\s+)?$", re.I), STRONG),
    (
        re.compile(
            r"\b(?:out-?licen[cs]\w*|licen[cs]ed|granted|sold|transferred|assigned|awarded|handed|gave|"
            r"hand(?:s|ing)?\s+(?:off|over))\b"
            r"[^.;]{0,100}"
            r"\bto\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$",
            re.I,
        ),
        STRONG,
    ),
    (
        re.compile(
            r"\b(?:pay|pays|paid|paying|hand(?:s|ed|ing)?|payments?\b[^.;]{0,60}\bto|fees?\b[^.;]{0,40}\bto)\s+"
            r"(?:the\s+)?"
            r"(?:[A-Z][\w-]*['’]s\s+|[\w-]+-based\s+)?$",
            re.I,
        ),
        -STRONG,
    ),
    (
        re.compile(
            r"\b(?:licen[cs]\w*|rights?|acquir\w*|bought|buys?|purchas\w*)\b[^.;]{0,160}\bfrom\s+(?:the\s+)?"
            r"(?:[\w-]+-based\s+)?$",
            re.I,
        ),
        -STRONG,
    ),
    (
        re.compile(
            r"\b(?:acquir(?:e|es|ed|ing)|bought|buys?|buying|purchas(?:e|es|ed))\s+(?:the\s+)?$", re.I
        ),
        -STRONG,
    ),
    (
        re.compile(
            r"\b(?:developed|discovered|designed|invented|originated|created) by\s+(?:the\s+)?"
            r"(?:[\w-]+-based\s+)?$",
            re.I,
        ),
        -WEAK,
    ),
    (re.compile(r"\b(?:stays?|remains?) with\s+(?:the\s+)?(?:[\w-]+-based\s+)?$", re.I), -STRONG),
]
POSSESSIVE_BUYER = re.compile(
    r"^['’]s\s+(?:(?:US|U\.S\.|HK)?\$[\d.,]+\s*\w*\s+|[\w-]+\s+){0,2}?(?:deal|acquisition|"
    r"purchase|buyout|takeover|bid|rights|licen[cs]e|option)\b",
    re.I,
)
POSSESSIVE = re.compile(r"^['’]s\b")
PARTICIPLE = re.compile(
    r",\s+(?:(?:paying|agreeing to pay|taking|gaining|acquiring|obtaining|securing|buying)"
    r"|(?:granting|receiving|collecting))\b",
    re.I,
)


# "X has licensed global rights to Y's antibody": the owner named after "rights to" grants them
RIGHTS_TO = re.compile(r"\brights\s+to\s+(?:the\s+)?$", re.I)


OBJECT_PARTICIPLE = re.compile(r"^[\s,]*(?:,[^,]{0,100},\s*)?[a-z-]+ing\b")
AGREEMENT_WITH = re.compile(
    r"\b(?:agreements?|deal|pact|collaboration|partnership)\b[^.;]{0,60}\bwith\s+(?:the\s+)?$"
)
PURPOSE = re.compile(
    # "... with Y, a Z company, to in-license" or "... with Y worth up to EUR1.4 billion (US$1.5 billion) to gain"
    r"\s*(?:,[^,;.]{0,80},\s*|(?:Co\.\s*)?(?:Ltd\.\s*)?(?:worth|valued at)\b[^;]{0,60}?\s+)?"
    r"to\s+(?:(in-?licen[cs]e|license|licence|acquire|obtain|buy|gain)|"
    r"out-?licen[cs]e|grant|sell|transfer)\b",
    re.I,
)


# Full stops that end no clause: "CLDN18.2", "U.S.", "Co., Ltd." (the rules read [^.;] as "same clause")
INNER_DOT = re.compile(
    r"(?<=\d)\.(?=\d)|(?<=\bU)\.(?=S\.)|(?<=\bU\.S)\.|(?:(?<=\bCo)|(?<=\bLtd)|(?<=\bInc)|(?<=\bCorp))\."
)


def _no_inner_dots(span: str) -> str:
    return INNER_DOT.sub("_", span) if "." in span else span


def _possessive(text: str, end: int) -> bool:
    """ "Pfizer's" or "Jiangsu Hengrui Pharmaceuticals'" right after a name ending at end."""
    return bool(
        re.match(r"['’]s\b", text[end : end + 3])
        or (text[end - 1 : end] == "s" and re.match(r"['’](?!s)", text[end : end + 2]))
    )


def role_scores(text: str, start: int, end: int, mentions: list[CompanyMention]) -> dict[str, int]:
    """Score each company named in text[start:end]: > 0 licensee, < 0 licensor, 0 unknown."""
    scores: dict[str, int] = {m.name: 0 for m in mentions}
    # start of the next mention of another company, and end of the previous one: one pass each way
    next_other = [end] * len(mentions)
    for i in range(len(mentions) - 2, -1, -1):
        following = mentions[i + 1]
        next_other[i] = following.start if following.name != mentions[i].name else next_other[i + 1]
    prev_other = [start] * len(mentions)
    for i in range(1, len(mentions)):
        preceding = mentions[i - 1]
        prev_other[i] = preceding.end if preceding.name != mentions[i].name else prev_other[i - 1]
    for i, m in enumerate(mentions):
        after = _no_inner_dots(text[m.end : min(next_other[i], m.end + 220, end)])
        before = _no_inner_dots(text[max(prev_other[i], start, m.start - 200) : m.start])
        if re.match(r"['’](?!s)", after) and text[m.end - 1 : m.end] == "s":
            after = after[:1] + "s" + after[1:]  # "Alpha Therapeutics' deal" reads as "Therapeutics's deal"
        if RIGHTS_TO.search(before) and POSSESSIVE.match(after):
            scores[m.name] -= STRONG
            continue
        if RIGHTS_TO.search(after) and i + 1 < len(mentions) and _possessive(text, mentions[i + 1].end):
            scores[m.name] += STRONG
            continue
        if POSSESSIVE_BUYER.match(after):
            scores[m.name] += STRONG
        elif POSSESSIVE.match(after):
            scores[m.name] -= WEAK
        else:
            # "an agreement with Sandoz, the generics leader, granting rights": the participle is the
            # sentence subject's, not the partner's (only "granting it" points back at the partner)
            object_of_with = bool(AGREEMENT_WITH.search(before)) and bool(OBJECT_PARTICIPLE.match(after))
            for pattern, role in SUBJECT_RULES[: 1 if object_of_with else None]:
                if pattern.match(after):
                    scores[m.name] += role
                    break
        for pattern, role in OBJECT_RULES:
            if pattern.search(before):
                scores[m.name] += role
                break
    for m in mentions[1:]:  # "X entered into an agreement with Y to in-license Z"
        purpose = PURPOSE.match(text, m.end, end)
        if purpose and AGREEMENT_WITH.search(text, max(start, m.start - 120), m.start):
            sign = STRONG if purpose.group(1) else -STRONG
            scores[mentions[0].name] += sign
            scores[m.name] -= sign
            break
    if mentions:
        m = PARTICIPLE.search(text, start, end)
        if m:
            subject = mentions[0].name
            verb = m.group().lower()
            scores[subject] += (
                -STRONG if any(w in verb for w in ("granting", "receiving", "collecting")) else STRONG
            )
    return scores

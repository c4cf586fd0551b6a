"""Sentences with offsets, and the noise a deal extractor must not read.

The text is never rewritten: noise is blanked out (replaced by spaces) in a copy of the same length,
so every offset found later is an offset into the original text and can serve as evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Blocks (paragraphs separated by blank lines) whose first line announces boilerplate or advertising.
NOISE_BLOCK_HEADERS = re.compile(
    r"^\s*(?:about\s+(?!the\s+(?:agreement|deal|transaction|collaboration|licen))\S"
    r"|forward[- ]looking|safe harbou?r|cautionary (?:note|statement)|disclaimer"
    r"|(?:media|investor|press)?\s*contacts?\s*:?\s*$|media\s+(?:enquiries|inquiries)"
    r"|investor relations\s*:?\s*$"
    r"|related (?:stories|articles|content|news|reading)|most (?:read|popular)|read more|recommended"
    r"|advertisement|sponsored|subscribe|sign up|register now|find out more|newsletter"
    r"|by the numbers|also noted|in other news|source:|references?\s*$|tags?:)",
    re.IGNORECASE,
)

# Sentences that carry numbers or names but never deal terms (README: not deals). Lower-case patterns, run
# over lower-cased text. Soft ones (market talk) are read anyway when the sentence also states deal terms
# ("The deal, which analysts called pricey, sees X pay $50m upfront"); hard ones (advisers, ads) never are.
NOISE_HARD = [
    r"\b(?:acted|acts|acting|served|serves|serving) as\b[^.]{0,60}\b(?:advis[eo]rs?|counsel)\b",
    r"\badvised\b",
    r"\blegal counsel\b",
    r"\bfinancial advis[eo]r\b",
    r"\bawards?\b",
    r"\bnominations?\b",
    r"\bnewsletter\b",
    r"\bsubscribe\b",
    r"\bregistration closes\b",
    r"\binvestors (?:have|had) (?:put|poured|invested)\b",
    r"\bventure (?:capital|funding)\b",
    r"\bcombined upfront\b",
    r"\b(?:in|across) the (?:two|three|four|five|\d+) deals\b",
    r"\b(?:percentage ratios?|listing rules|notifiable transaction)\b",
    r"\btranslated into\b",
    r"\bfor illustration only\b",
    r"\bexchange rate of\b",
]
NOISE_SOFT = [
    r"\bmarket (?:value|capitali[sz]ation|cap)\b",
    r"\bvalued the company\b",
    r"\bshares? (?:rose|fell|gained|jumped|climbed|dropped|slipped|slid|surged|were|closed|traded|ended)\b",
    r"\b(?:pre-?market|after-hours) trading\b",
    r"\bshare price\b",
    r"\banalysts?\b",
    r"\bforecasts?\b",
    r"\bconsultancy\b",
    r"\bin (?:worldwide|global|annual|peak|combined) (?:sales|revenues?)\b",
    r"\b(?<!net )(?:sales|revenues?) (?:could|would|will|reached|hit|topped|pass|are expected)\b",
    r"\baccording to (?:data|analysis|a report|research|figures)\b",
]
NOISE_SENTENCE = re.compile("|".join(NOISE_HARD))
NOISE_SOFT_SENTENCE = re.compile("|".join(NOISE_SOFT))
DEAL_TERMS = re.compile(
    r"\b(?:up-?\s?front|milestones?|royalt(?:y|ies)|exclusive rights|in-licens\w*"
    r"|(?:licen[cs](?:e|ing)|collaboration|option|co-development)\s+(?:and\s+[\w-]+\s+)?agreement)\b"
)

# Spans inside a sentence that name a company in passing or state where it trades, not what it licenses:
# "Merck, known as MSD outside the US and Canada," or "(NYSE: MRK)".
NOISE_SPANS = re.compile(
    r"\b(?:which|who)\s+(?:is\s+|was\s+)?(?:also\s+)?(?:known|operates|operating|trades|trading)"
    r"\s+as\b[^;()\n]{0,160}?(?:,|\)|(?=[;\n])|\.(?=\s|$))"
    r"|\b(?:known|operates|operating|trades|trading)\s+as\s+[^;()\n]{0,40}?\b(?:outside|in the)\b"
    r"[^;()\n]{0,80}?(?:,|\)|(?=[;\n])|\.(?=\s|$))"
    r"|\([^()\n]{0,80}?\b(?:outside|NYSE|NASDAQ|Nasdaq|HKEX|LSE|SSE|SZSE|TSE|KOSDAQ|stock code|ticker)"
    r"\b[^()\n]{0,80}\)"
    r"|\b(?:has|have|had) no (?:connection|relation|affiliation) (?:with|to)\b[^,;\n]{0,80}"
    r"|\b(?:HKEX|NYSE|NASDAQ|Nasdaq|LSE|SSE|STAR|KOSDAQ|TSE)\s*:\s*[A-Z0-9.]{1,8}"
    # "(BGNE; HK: 06160; SHA: 688235)": tickers on several exchanges, whose semicolons would split a clause
    r"|\([A-Z][A-Za-z]{1,9}\s*[:;][A-Z0-9:;,.\s]{1,60}\)"
)

QUOTE_CHAR = re.compile(r"[\"“”]")


def long_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (40+ characters): quotes pair up in order within a paragraph, so that the
    short defined terms of a press release ('("Summit")') are never taken for the bounds of a quote."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        marks = [m.start() for m in QUOTE_CHAR.finditer(line)]
        for open_at, close_at in zip(marks[::2], marks[1::2], strict=False):
            if close_at - open_at > 40:
                spans.append((offset + open_at, offset + close_at + 1))
        offset += len(line) + 1
    return spans


ABBREVIATIONS = {
    "inc",
    "co",
    "ltd",
    "corp",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "e.g",
    "i.e",
    "approx",
    "u.s",
    "u.k",
    "dept",
    "est",
    "fig",
    "etc",
    "plc",
    "llc",
    "s.a",
    "n.v",
    "a.g",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
SENTENCE_END = re.compile(r"[.!?][\"”’)\]]?\s+")
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,8})$")


@dataclass
class Sentence:
    start: int
    end: int
    line: int  # index of the line (paragraph) the sentence sits in
    text: str  # masked text of the sentence (same length as end - start)


def blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask_noise(text: str) -> str:
    """Blank boilerplate blocks, long quotes and passing-name spans; keep length and newlines."""
    chars = list(text)
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and NOISE_BLOCK_HEADERS.match(block.strip().split("\n", 1)[0]):
            blank(chars, pos, pos + len(block))
        pos += len(block)
    for start, end in long_quotes(text):
        blank(chars, start, end)
    for m in NOISE_SPANS.finditer(text):
        blank(chars, m.start(), m.end())
    return "".join(chars)


SOFT_WRAP_MIN = 50  # a line this long, followed by more text, was wrapped rather than ended
WRAPPED_LINE_MIN = 30  # in a hard-wrapped copy, any line this long ends mid-paragraph unless a blank follows
LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s")
WHITESPACE = re.compile(r"[ \t\u00a0\r]*\n[ \t\u00a0\r\n]*|[ \t\u00a0\r]{2,}|[\t\u00a0\r]")


@dataclass
class Normalized:
    """The text with whitespace normalised (soft-wrapped lines joined, CRLF and runs of blanks collapsed),
    and the map back to offsets in the original, so that evidence always points into what the caller gave."""

    text: str
    anchors: list[tuple[int, int, int]]  # (normalised start, original start, length of an unchanged chunk)

    def original(self, pos: int) -> int:
        """Original offset of normalised offset pos (a collapsed gap maps to its start)."""
        k = bisect_right(self.anchors, (pos, 1 << 62, 0)) - 1
        if k < 0:
            return pos
        norm, orig, length = self.anchors[k]
        return orig + min(pos - norm, length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.original(start), self.original(end - 1) + 1 if end > start else self.original(start)


def normalize(text: str) -> Normalized:
    """Join hard-wrapped paragraphs, keep real line and paragraph breaks, collapse blanks. Linear: only
    whitespace runs that change cost Python work."""
    lines = text.split("\n")
    long_followed = sum(
        1 for a, b in zip(lines, lines[1:], strict=False) if len(a.rstrip()) >= SOFT_WRAP_MIN and b.strip()
    )
    nonblank = sum(1 for line in lines if line.strip()) or 1
    wrapped = long_followed >= 3 and long_followed >= 0.3 * nonblank  # a hard-wrapped copy (e-mail, PDF)
    pieces: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    norm = last = 0
    for m in WHITESPACE.finditer(text):
        if m.start() > last:
            anchors.append((norm, last, m.start() - last))
            pieces.append(text[last : m.start()])
            norm += m.start() - last
        gap = m.group()
        breaks = gap.count("\n")
        if breaks >= 2:
            repl = "\n\n"
        elif breaks == 1:
            prev = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            end = text.find("\n", m.end())
            nxt = text[m.end() : end if end >= 0 else len(text)]
            repl = " " if _continues(prev, nxt, wrapped) else "\n"
            if repl == " " and re.search(r"\w-$", prev):
                repl = ""  # "ARO-" / "DUX4": a line wrapped at a hyphen
        else:
            repl = " "
        anchors.append((norm, m.start(), 0))
        pieces.append(repl)
        norm += len(repl)
        last = m.end()
    if last < len(text):
        anchors.append((norm, last, len(text) - last))
        pieces.append(text[last:])
    anchors.append((norm + (len(text) - last if last < len(text) else 0), len(text), 0))
    return Normalized("".join(pieces), anchors)


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    before = previous.rstrip()
    if (
        len(before) < (WRAPPED_LINE_MIN if wrapped else SOFT_WRAP_MIN)
        or not line.strip()
        or LIST_ITEM.match(line)
        or before.endswith("|")
        or line.lstrip().startswith("|")
    ):
        return False
    return wrapped or not before.endswith((".", "!", "?", ":", '"', "”", ";"))


def split_sentences(text: str, masked: str) -> list[Sentence]:
    """Paragraphs (headlines have no full stop) split at sentence ends, minding abbreviations."""
    out: list[Sentence] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        start = 0
        for m in SENTENCE_END.finditer(line):
            nxt = line[m.end() : m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in '"“$€£¥-•('):
                continue
            word = WORD_BEFORE.search(line[max(0, m.start() - 10) : m.start()])
            if line[m.start()] == "." and word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
                continue
            if line[m.start()] == "." and word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial, as in "John F. Smith"
            out.append(_sentence(masked, offset + start, offset + m.end(), line_no))
            start = m.end()
        if start < len(line):
            out.append(_sentence(masked, offset + start, offset + len(line), line_no))
        offset += len(line) + 1
    return [piece for s in out if s.text.strip() for piece in _chop(s)]


MAX_SENTENCE = 1500  # longer "sentences" are lists, tables or junk: read them in pieces of bounded cost


def _chop(sentence: Sentence) -> list[Sentence]:
    if sentence.end - sentence.start <= MAX_SENTENCE:
        return [sentence]
    pieces: list[Sentence] = []
    start = sentence.start
    text = sentence.text
    while start < sentence.end:
        end = min(start + MAX_SENTENCE, sentence.end)
        if end < sentence.end:
            cut = text.rfind(" ", start - sentence.start + MAX_SENTENCE // 2, end - sentence.start)
            end = sentence.start + cut + 1 if cut > 0 else end
        pieces.append(
            Sentence(start, end, sentence.line, text[start - sentence.start : end - sentence.start])
        )
        start = end
    return pieces


def _sentence(masked: str, start: int, end: int, line: int) -> Sentence:
    while end > start and masked[end - 1].isspace():
        end -= 1
    while start < end and masked[start].isspace():
        start += 1
    return Sentence(start, end, line, masked[start:end])


def is_noise_sentence(sentence_text: str) -> bool:
    lowered = sentence_text.lower()
    if NOISE_SENTENCE.search(lowered):
        return True
    return bool(NOISE_SOFT_SENTENCE.search(lowered)) and not DEAL_TERMS.search(lowered)


CLAUSE_BREAK = re.compile(r";\s+|\s+while\s+|,\s+whereas\s+|\s+whereas\s+")


def split_clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Sub-spans at ';' and 'while': each side of 'X gets A in China while Y gets B elsewhere' is one unit."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in CLAUSE_BREAK.finditer(sentence.text):
        spans.append((sentence.start + start, sentence.start + m.start()))
        start = m.end()
    spans.append((sentence.start + start, sentence.end))
    return [s for s in spans if s[1] > s[0]]

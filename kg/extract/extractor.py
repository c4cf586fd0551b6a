"""Deal extraction: sentences -> units -> company pairs with roles -> deals with their figures.

The flow, kept deliberately plain:
1. blank the noise (boilerplate blocks, quotes, "known as MSD outside the US" spans) and split sentences;
2. find company, asset and target mentions once over the whole text;
3. for each unit (a sentence, or one side of 'while' / ';'), score the roles of the companies it names,
   read its money, territory and royalties, and attach it to a deal: a unit naming two companies
   opens or continues the deal of that pair; a unit naming one continues that company's latest deal;
   a unit naming none continues the deal of the same paragraph;
4. keep deals with both parties and at least one term (eval README), and report their parties,
   assets (with modality, targets, developer) and evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.gazetteer import Gazetteer, asset_key, company_key, default_gazetteer
from kg.extract.mentions import (
    AssetFacts,
    AssetMention,
    CompanyMention,
    find_assets,
    find_companies,
    find_targets,
    modality_of,
)
from kg.extract.money import Amount, classify, parse_amounts, stated_rates
from kg.extract.records import Asset, Company, Deal, Extraction, OriginalMoney, Territory
from kg.extract.roles import STRONG, role_scores
from kg.extract.tables import TableRow, table_rows
from kg.extract.territory import invert, kept_by_licensor, parse_territory, region_words
from kg.extract.text import (
    Normalized,
    Sentence,
    is_noise_sentence,
    mask_noise,
    normalize,
    split_clauses,
    split_sentences,
)

DEAL_CUE = re.compile(
    r"\b(?:licen[cs]\w*|rights?|agreements?|deals?|pacts?|options?|collaborat\w*|partner\w*|"
    r"acqui\w+|upfront|up-front|milestones?|royalt\w+|pay\w*|paid|transactions?|territor\w+|"
    r"bought|buy\w*|co-develop\w*|jointly|tie-up|bets?)\b",
    re.I,
)
RIGHTS_CUE = re.compile(
    r"\b(?:licen[cs]\w*|in-licens\w*|rights?|options?|acqui\w+|upfront|up-front|milestones?|"
    r"royalt\w+)\b",
    re.I,
)
# "... tested against Keytruda (pembrolizumab)": a comparator or combination partner is not a licensed asset
COMPARATOR = re.compile(
    r"\b(?:against|versus|vs\.?|compared (?:with|to)|than|outperform\w*|beat|(?:in )?combination with|"
    r"combined with|alongside|on top of|head-to-head with)\s+(?:[\w'’&.-]+\s+){0,3}$",
    re.I,
)
RELATIVE_DEAL = re.compile(
    r",\s+(?:which|who)\s+(?:(?:had|has|have|earlier|previously|already|also|last year|in \d{4})\s+){0,3}"
    r"(?:licensed|in-licensed|paid|bought|acquired|struck|signed|agreed|took|obtained)\b[^,;]{0,200},"
)
ADDITIONAL = re.compile(
    r"\b(?:also|further|additionally)\s+(?:be\s+)?(?:eligible|entitled|receive|earn|collect)|\b(?:further|additional)"
    r"\s+(?:[\w-]+\s+){0,3}milestones?\b|\bin addition\b",
    re.I,
)
ANAPHOR = re.compile(
    r"\b(?:the|this|that) (?:drug|asset|candidate|compound|molecule|antibody|ADC|conjugate|therapy|"
    r"medicine|programme|program|product)(?:['’]s)?\b|"
    r"\bthe (?:(?:[A-Z][a-z]+|exclusive|global|worldwide|commercial|development|marketing)\s+){1,3}rights\b"
)  # "Otsuka has held the Japanese rights since ...": rights to the asset just named
ANAPHOR_REACH = 600  # characters back to the asset "the drug" refers to
ROYALTY = re.compile(r"\broyalt(?:y|ies)\b", re.I)
NO_ROYALTY = re.compile(r"\broyalty-free\b|\bno royalt|\bwithout royalt", re.I)
BOTH_DEALS = re.compile(
    r"\b(?:both|all|each of the)\s+(?:\w+\s+){0,2}(?:deals|agreements|licen[cs]es|transactions|"
    r"pacts)\b",
    re.I,
)
# "all rights outside Greater China will revert to X": the map of a terminated licence is no deal term
REVERSION = re.compile(
    r"\b(?:revert(?:s|ed|ing)?|regain(?:s|ed|ing)?|terminat(?:e|es|ed|ing|ion)|return of (?:the |all )?rights)\b",
    re.I,
)
CONTINUATION_LEAD = re.compile(
    r"^\s*(?:(?:the|financial|key|deal)\s+)?terms\b|^\s*under the (?:terms|agreement|deal)\b|"
    r"^\s*the (?:agreement|deal|transaction|licen[cs]e|collaboration)\b",
    re.I,
)
SIGNING = re.compile(
    r"\b(?:enter(?:s|ed)? into|sign(?:s|ed)?|conclude[sd]?|reache[sd]?)\s+(?:[^.;]{0,120}?\s)?(?:agreements?|deals?|"
    r"collaboration|partnership|pact)\b[^.;]{0,80}?\bwith\s+(?:the\s+)?$"
)
PAIR_HEADER = re.compile(r"^\s*(?:/|&|and|x|×|–|-|\+|\||;|\t)\s*$")  # "MediLink / BioNTech:", table rows
DEAL_TYPES = [
    (
        re.compile(
            r"jointly develop|co-develop|co-commerciali|share (?:global )?profits|profit[- ]shar|"
            r"50:50|50/50|joint(?:ly)? commerciali",
            re.I,
        ),
        "co-development",
    ),
    (
        re.compile(
            r"\bacqui(?:re[sd]?|ring|sition) (?:of )?[A-Z]|\bbuy(?:s|ing)? (?:out )?[A-Z]|\bbought\b|\btakeover\b"
            r"|\bbuyout\b"
        ),
        "acquisition",
    ),
    (re.compile(r"\boption\b", re.I), "option"),
]
# Where an unknown company is based, from the words right before its name: "China-based X", "China's X",
# "US drugmaker X", "Shanghai-based X". Place -> ISO code.
PLACES: dict[str, str] = {
    "China": "CN",
    "Chinese": "CN",
    "Shanghai": "CN",
    "Beijing": "CN",
    "Suzhou": "CN",
    "Hangzhou": "CN",
    "Shenzhen": "CN",
    "Chengdu": "CN",
    "Guangzhou": "CN",
    "Nanjing": "CN",
    "Wuhan": "CN",
    "Zhuhai": "CN",
    "Jiangsu": "CN",
    "Sichuan": "CN",
    "Hong Kong": "HK",
    "Taiwan": "TW",
    "Taiwanese": "TW",
    "US": "US",
    "U.S.": "US",
    "American": "US",
    "Boston": "US",
    "San Francisco": "US",
    "New York": "US",
    "San Diego": "US",
    "Cambridge": "US",
    "New Jersey": "US",
    "Indianapolis": "US",
    "Massachusetts": "US",
    "California": "US",
    "Pennsylvania": "US",
    "Maryland": "US",
    "Illinois": "US",
    "Indiana": "US",
    "North Carolina": "US",
    "Connecticut": "US",
    "Japan": "JP",
    "Japanese": "JP",
    "Tokyo": "JP",
    "Osaka": "JP",
    "South Korea": "KR",
    "Korea": "KR",
    "Korean": "KR",
    "South Korean": "KR",
    "Seoul": "KR",
    "Germany": "DE",
    "German": "DE",
    "Swiss": "CH",
    "Switzerland": "CH",
    "UK": "GB",
    "British": "GB",
    "London": "GB",
    "France": "FR",
    "French": "FR",
    "Denmark": "DK",
    "Danish": "DK",
    "Belgium": "BE",
    "Belgian": "BE",
    "Canada": "CA",
    "Canadian": "CA",
    "Israel": "IL",
    "Israeli": "IL",
    "Australia": "AU",
    "Australian": "AU",
    "India": "IN",
    "Indian": "IN",
    "Singapore": "SG",
    "Netherlands": "NL",
    "Dutch": "NL",
    "Sweden": "SE",
    "Swedish": "SE",
    "Italy": "IT",
    "Italian": "IT",
    "Spain": "ES",
    "Spanish": "ES",
    "Ireland": "IE",
    "Irish": "IE",
}
_PLACE = "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
COUNTRY_CUE = re.compile(
    rf"\b(?P<place>{_PLACE})(?:-based|['’]s|\s+(?:company|drugmaker|biotech|biotechnology company|"
    rf"pharma(?:ceutical)? company|firm|developer|group|start-?up|partner))"
    r"(?:\s+(?:[a-z-]+)){0,2}\s+$"
)


MAX_RELATIVE_CLAUSES = 50  # relative clauses read as background deals per text
MAX_MENTIONS = 16  # company mentions read per unit; real sentences name far fewer, lists and junk more


@dataclass
class DealDraft:
    """A deal while it is being read: roles may still be unknown, figures arrive unit by unit."""

    pair: frozenset[str]
    order: tuple[str, str]
    deal: Deal = field(default_factory=Deal)
    role_strength: int = 0
    milestone_parts: dict[str, float] = field(default_factory=dict)
    last_line: int = -1
    types: list[str] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)  # fields that a figure the text calls upfront may replace
    background: bool = False  # read from a relative clause ("GSK, which licensed ... in 2023, ...")

    def role_of(self, name: str) -> int:
        if self.deal.licensee == name:
            return 1
        if self.deal.licensor == name:
            return -1
        return 0


@dataclass
class UnitFacts:
    """What one unit states: figures by field (with their amounts), territory, royalties, assets."""

    money: dict[str, Amount] = field(default_factory=dict)
    milestone_parts: dict[str, float] = field(default_factory=dict)
    milestone_restated: bool = False
    territory: Territory | None = None
    royalties: bool = False
    assets: list[str] = field(default_factory=list)
    cue: bool = False
    weak: set[str] = field(default_factory=set)  # fields read from a bare "pay $X", without "upfront"
    additional: bool = False  # "is also eligible for", "further milestones": adds to figures already read
    equity_issuer: str | None = (
        None  # "Oncolys will issue shares worth $7m to Chugai": equity only from the licensor
    )


def extract(text: str, gazetteer: Gazetteer | None = None, source: str = "") -> Extraction:
    """Read the deals a news story or press release states. Deterministic and offline."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    normalized = normalize(text)  # hard-wrapped paragraphs read as one line; offsets mapped back at the end
    plain = normalized.text
    masked = mask_noise(plain)
    sentences = split_sentences(plain, masked)
    companies = find_companies(masked, gaz, region_words(), plain)
    companies = _resolve_descriptors(masked, companies, gaz)
    asset_mentions = _not_companies(find_assets(masked, gaz), companies)
    reader = _Reader(masked, companies, asset_mentions)
    rows = table_rows(masked)
    row_starts = [r.start for r in rows]
    for sentence in sentences:
        k = bisect_left(row_starts, sentence.start + 1) - 1
        if is_noise_sentence(sentence.text) or (k >= 0 and sentence.start < rows[k].end):
            continue
        reader.read_sentence(sentence)
    for row in rows:
        reader.read_table_row(row)
    drafts = [d for d in reader.drafts if len(d.pair) == 2 and d.deal.has_terms() and not _financing(d.deal)]
    result = _report(masked, source, drafts, gaz, companies, asset_mentions, sentences)
    _map_evidence(result, normalized)
    return result


def _not_companies(assets: list[AssetMention], companies: list[CompanyMention]) -> list[AssetMention]:
    """'Halvorsen' reads like an INN ending in -rsen; a word the text uses as a company name is no asset."""
    starts = [c.start for c in companies]
    kept = []
    for a in assets:
        k = bisect_left(starts, a.end) - 1
        if a.known or k < 0 or companies[k].end <= a.start:
            kept.append(a)
    return kept


def _financing(deal: Deal) -> bool:
    """A share purchase with no licence term is a financing, not a deal (eval README)."""
    terms = (deal.upfront_usd_m, deal.milestones_usd_m, deal.total_usd_m, deal.territory)
    return deal.equity_usd_m is not None and all(t is None for t in terms)


def _map_evidence(result: Extraction, normalized: Normalized) -> None:
    """Evidence was found in the normalised text; report it as offsets into the text the caller gave."""
    for deal in result.deals:
        deal.evidence = sorted({normalized.span(s, e) for s, e in deal.evidence})
        deal.evidence_for = {k: normalized.span(s, e) for k, (s, e) in deal.evidence_for.items()}


class _Reader:
    def __init__(self, masked: str, companies: list[CompanyMention], assets: list[AssetMention]) -> None:
        self.text = masked
        self.companies = companies
        self.assets = assets
        self.company_starts = [c.start for c in companies]
        self.asset_starts = [a.start for a in assets]
        self.drafts: list[DealDraft] = []
        self.rates = stated_rates(masked)
        self.relative_budget = MAX_RELATIVE_CLAUSES
        self.last: DealDraft | None = None
        self.last_read: DealDraft | None = None  # deal of the last sentence read, None after an unrelated one
        self.held: tuple[UnitFacts, Sentence] | None = None  # terms stated before the parties are named

    def read_sentence(self, sentence: Sentence) -> None:
        pending: list[tuple[int, int]] = []
        attached: DealDraft | None = None
        skipped = self._read_relative_clauses(sentence)
        for start, end in split_clauses(sentence):
            mentions = self.companies[
                bisect_left(self.company_starts, start) : bisect_left(self.company_starts, end)
            ]
            mentions = [m for m in mentions if not any(a <= m.start < b for a, b in skipped)][:MAX_MENTIONS]
            if not mentions:
                pending.append((start, end))
                continue
            draft = self._read_unit(start, end, mentions, sentence)
            attached = attached or draft
        allow_assets: bool | None = None
        for start, end in pending:
            target = attached
            if (
                target is None
                and self.last is not None
                and (
                    self.last.last_line == sentence.line
                    or (self.last is self.last_read and CONTINUATION_LEAD.match(sentence.text))
                )
            ):
                target = self.last
            if target is None:
                continue
            if allow_assets is None:  # clauses of a sentence that named the parties belong to its deal
                allow_assets = attached is not None or not target.deal.assets
            facts = self._facts(start, end)
            if BOTH_DEALS.search(self.text[start:end]):
                for draft in self.drafts:
                    if draft.pair == target.pair:
                        self._apply(draft, facts, sentence, add_assets=False)
            else:
                self._apply(target, facts, sentence, add_assets=facts.cue or allow_assets)
            attached = attached or target
        held, self.held = self.held, None
        if attached is None and pending and len(sentence.text) <= 1500 and MONEY_SIGN.search(sentence.text):
            facts = self._facts(pending[0][0], pending[-1][1])
            if facts.money:
                self.held = (facts, sentence)
        elif held is not None and attached is not None and FORWARD_LEAD.match(sentence.text):
            # "An upfront payment of $1.15bn ... will be paid under an agreement. Under that agreement, X will
            # acquire Y": the terms come first and the next sentence names the parties they belong to
            self._apply(attached, held[0], held[1], add_assets=False)
        self.last_read = attached
        if attached is not None and len(split_clauses(sentence)) > 1:
            self._whole_sentence_territory(attached, sentence)

    @staticmethod
    def _whole_sentence_territory(draft: DealDraft, sentence: Sentence) -> None:
        """'X and Y co-commercialize in the US, while Y sells it outside the US': the clauses split at 'while'
        each name part of the map; the whole sentence states WORLD for the licensee (eval README)."""
        deal = draft.deal
        if deal.territory is None or deal.territory.include == ["WORLD"]:
            return
        if deal.evidence_for.get("territory") != (sentence.start, sentence.end):
            return
        whole = parse_territory(sentence.text)
        if whole is not None and whole.include == ["WORLD"] and not whole.exclude:
            deal.territory = whole

    def read_table_row(self, row: TableRow) -> None:
        """One row of a deal table: columns give the roles and what each amount is."""
        roles: dict[str, str] = {}
        names: list[str] = []
        facts = UnitFacts(cue=True)
        for start, end, kind in row.cells:
            inside = self.companies[
                bisect_left(self.company_starts, start) : bisect_left(self.company_starts, end)
            ]
            for m in inside:
                if m.name not in names:
                    names.append(m.name)
                if kind in ("licensor", "licensee"):
                    roles[kind] = m.name
            cell = self.text[start:end]
            if kind.endswith("_usd_m"):
                amounts = parse_amounts(cell, self.rates)
                if amounts:
                    facts.money[kind] = amounts[0]
            elif kind == "territory":
                facts.territory = parse_territory("rights in " + cell.strip())
            elif kind == "asset":
                assets = self.assets[
                    bisect_left(self.asset_starts, start) : bisect_left(self.asset_starts, end)
                ]
                facts.assets += [a.name for a in assets if a.name not in facts.assets]
        if len(names) < 2:
            return
        licensor, licensee = roles.get("licensor"), roles.get("licensee")
        pair = (
            (licensor, licensee) if licensor and licensee and licensor != licensee else (names[0], names[1])
        )
        direction = 2 if pair == (licensee, licensor) else -2 if pair == (licensor, licensee) else 0
        draft = self._find_or_create(frozenset(pair), pair, direction, facts)
        if licensor and licensee and draft.deal.licensee is None:
            draft.deal.licensor, draft.deal.licensee, draft.role_strength = licensor, licensee, 2
        line = Sentence(row.start, row.end, -1, self.text[row.start : row.end])
        self._apply(draft, facts, line, add_assets=True)

    def _read_relative_clauses(self, sentence: Sentence) -> list[tuple[int, int]]:
        """'GSK, which licensed Hansoh's ADC for $185m upfront in 2023, gets ...': the relative clause is a
        background deal of its antecedent; it is read on its own and blanked for the rest of the sentence."""
        spans: list[tuple[int, int]] = []
        for m in RELATIVE_DEAL.finditer(self.text, sentence.start, sentence.end):
            if self.relative_budget <= 0:
                break  # real texts have a handful; each one costs a copy of the text
            self.relative_budget -= 1
            k = bisect_left(self.company_starts, m.start()) - 1
            if k < 0 or self.companies[k].end < m.start() - 2 or self.companies[k].start < sentence.start:
                continue
            antecedent = self.companies[k]
            inside = self.companies[
                bisect_left(self.company_starts, m.start()) : bisect_left(self.company_starts, m.end())
            ]
            if not inside or not parse_amounts(self.text[m.start() : m.end()], self.rates):
                continue
            last = self.last
            draft = self._read_unit(antecedent.start, m.end(), [antecedent, *inside][:MAX_MENTIONS], sentence)
            if draft is not None:
                draft.background = True
                self.last = last
            spans.append((m.start(), m.end()))
            self.text = self.text[: m.start()] + " " * (m.end() - m.start()) + self.text[m.end() :]
        return spans

    def _read_unit(
        self, start: int, end: int, mentions: list[CompanyMention], sentence: Sentence
    ) -> DealDraft | None:
        scores = role_scores(self.text, start, end, mentions)
        names = list(dict.fromkeys(m.name for m in mentions))
        facts = self._facts(start, end)
        if len(names) >= 2:
            pair = self._pair(names, scores, mentions, facts)
            if pair is None:
                return None
            a, b = pair
            direction = scores[a] - scores[b]
            known = [d for d in self.drafts if d.pair == frozenset(pair)]
            if known and set(facts.money) == {"equity_usd_m"} and facts.territory is None:
                return self._equity_only(known[-1], (a, b), direction, facts, sentence)
            draft = self._find_or_create(frozenset(pair), (a, b), direction, facts)
            if direction:
                licensee, licensor = (a, b) if direction > 0 else (b, a)
                strength = max(abs(scores[a]), abs(scores[b]))
                if strength > draft.role_strength or draft.deal.licensor is None:
                    draft.deal.licensee, draft.deal.licensor, draft.role_strength = (
                        licensee,
                        licensor,
                        strength,
                    )
            self._apply(draft, facts, sentence, add_assets=True)
            return draft
        name = names[0]
        score = scores[name]
        candidates = [d for d in self.drafts if name in d.pair]
        if not candidates:
            return None
        preferred = [d for d in candidates if score == 0 or d.role_of(name) in (0, 1 if score > 0 else -1)]
        foreground = [d for d in preferred if not d.background]
        draft = (foreground or preferred or candidates)[-1]
        if score and draft.deal.licensee is None:
            other = next(iter(draft.pair - {name}))
            draft.deal.licensee, draft.deal.licensor = (name, other) if score > 0 else (other, name)
            draft.role_strength = abs(score)
        self._apply(draft, facts, sentence, add_assets=bool(RIGHTS_CUE.search(self.text[start:end])))
        return draft

    def _equity_only(
        self, draft: DealDraft, order: tuple[str, str], direction: int, facts: UnitFacts, sentence: Sentence
    ) -> DealDraft:
        """'Separately, Junshi bought $50m of Coherus shares': a share purchase between the parties of a deal
        is part of it, and equity only when the licensee buys (eval README); it never opens a deal."""
        buyer = order[0] if direction > 0 else order[1] if direction < 0 else None
        if buyer is not None and draft.deal.licensee is not None and buyer != draft.deal.licensee:
            facts.money.pop("equity_usd_m")
        self._apply(draft, facts, sentence, add_assets=False)
        return draft

    def _pair(
        self, names: list[str], scores: dict[str, int], mentions: list[CompanyMention], facts: UnitFacts
    ) -> tuple[str, str] | None:
        if len(names) == 2:
            first = [m for m in mentions if m.name == names[0]][-1]
            second = next(m for m in mentions if m.name == names[1])
            header = PAIR_HEADER.match(self.text[first.end : second.start])
            if facts.cue or any(scores.values()) or header:
                return names[0], names[1]
            return None
        buyers = [n for n in names if scores[n] > 0]
        sellers = [n for n in names if scores[n] < 0]
        if buyers and sellers:
            buyer = max(buyers, key=lambda n: scores[n])
            seller = min(sellers, key=lambda n: scores[n])
            return tuple(sorted((buyer, seller), key=names.index))  # type: ignore[return-value]
        active = buyers + sellers
        if not active:
            return self._signing_pair(mentions)
        if len(active) == 1:
            anchor = next(m for m in mentions if m.name == active[0])
            others = [m for m in mentions if m.name != active[0]]
            nearest = min(others, key=lambda m: abs(m.start - anchor.start))
            if mentions[0].name != active[0]:
                nearest = mentions[
                    0
                ]  # "Novartis ... bought Tourmaline Bio for $1.4bn": the subject is the other party
            return tuple(sorted((active[0], nearest.name), key=names.index))  # type: ignore[return-value]
        return None

    def _signing_pair(self, mentions: list[CompanyMention]) -> tuple[str, str] | None:
        """'Its subsidiary, X, has entered into a licence agreement (the "Agreement") with Y': X and Y."""
        for m in mentions[1:]:
            signing = SIGNING.search(self.text, max(0, m.start - 200), m.start)
            if signing is None:
                continue
            subject = [c for c in mentions if c.end <= signing.start()]
            if subject and subject[-1].name != m.name:
                return subject[-1].name, m.name
        return None

    def _find_or_create(
        self, pair: frozenset[str], order: tuple[str, str], direction: int, facts: UnitFacts
    ) -> DealDraft:
        for draft in reversed(self.drafts):
            if draft.pair == pair and self._compatible(draft, order, direction, facts):
                return draft
        draft = DealDraft(pair, order)
        self.drafts.append(draft)
        return draft

    @staticmethod
    def _compatible(draft: DealDraft, order: tuple[str, str], direction: int, facts: UnitFacts) -> bool:
        if direction and draft.deal.licensee and abs(direction) >= STRONG and draft.role_strength >= STRONG:
            licensee = order[0] if direction > 0 else order[1]
            if licensee != draft.deal.licensee:
                return False
        for name, amount in facts.money.items():
            have = getattr(draft.deal, name)
            if name in draft.weak or name in facts.weak:
                continue  # "Sarepta bets $825m on ..." in a headline does not make a second deal
            if (
                have is not None
                and abs(have - amount.usd_m) > 0.005 * max(have, 1e-9)
                and not _refines(have, amount)
            ):
                return False
        have, new = set(draft.deal.assets), set(facts.assets)
        disjoint_assets = have and new and not have & new
        return not (disjoint_assets and facts.money)

    def _facts(self, start: int, end: int) -> UnitFacts:
        unit = self.text[start:end]
        facts = UnitFacts()
        facts.cue = bool(DEAL_CUE.search(unit))
        facts.additional = bool(ADDITIONAL.search(unit))
        amounts = parse_amounts(unit, self.rates)
        classify(unit, amounts)
        has_upfront = any(a.kind == "upfront" for a in amounts)
        milestone_components: list[float] = []
        for a in amounts:
            kind = a.kind
            if kind == "payment":  # "Kelun will pay $20m": upfront, but weaker than a figure called upfront
                kind = "upfront" if not has_upfront and not a.component else ""
                facts.weak.add("upfront_usd_m")
            if kind not in ("upfront", "milestones", "total", "equity") or a.per_unit:
                continue
            field_name = f"{kind}_usd_m"
            if kind == "milestones":
                if a.restates:
                    facts.milestone_parts = {}
                    facts.milestone_restated = True
                key = a.subkind or f"generic{len(facts.milestone_parts)}"
                if a.component and facts.milestone_parts:
                    continue
                if a.component:
                    milestone_components.append(a.usd_m)
                facts.milestone_parts[key] = facts.milestone_parts.get(key, 0.0) + a.usd_m
                facts.money.setdefault(field_name, a)
                a.component = a.component and len(facts.milestone_parts) == 1
                continue
            if field_name in facts.money and not a.restates:
                continue
            facts.money[field_name] = a
            if kind == "equity" and a.issued_at >= 0:
                facts.equity_issuer = self._name_before(start + a.issued_at, start)
        if facts.milestone_parts:
            # parts stated side by side add up ("$525m in regulatory and $862.5m in commercial milestones");
            # a part the text marks as included in another figure does not ("including a $20m milestone")
            values = list(facts.milestone_parts.values())
            if len(values) > len(milestone_components):
                for component in milestone_components:
                    values.remove(component)
            total = sum(values)
            base = facts.money["milestones_usd_m"]
            per_usd = base.value_m / base.usd_m if base.usd_m else 1.0  # keep the stated currency of the sum
            summed = Amount(base.start, base.end, base.currency, total * per_usd, total, base.usd_from_text)
            summed.kind, summed.component, summed.rate_source = "milestones", base.component, base.rate_source
            facts.money["milestones_usd_m"] = summed
        territory = parse_territory(unit) if not REVERSION.search(unit) else None
        if territory is not None and kept_by_licensor(unit):
            territory = invert(territory)
        facts.territory = territory
        facts.royalties = bool(ROYALTY.search(unit)) and not NO_ROYALTY.search(unit)
        in_unit = self.assets[bisect_left(self.asset_starts, start) : bisect_left(self.asset_starts, end)]
        in_unit = [a for a in in_unit if not COMPARATOR.search(self.text, max(start, a.start - 60), a.start)]
        facts.assets = list(dict.fromkeys(a.name for a in in_unit))
        if not facts.assets and ANAPHOR.search(unit):  # "licensed the drug's Greater China rights to ..."
            k = bisect_left(self.asset_starts, start) - 1
            if k >= 0 and start - self.assets[k].end < ANAPHOR_REACH:
                facts.assets = [self.assets[k].name]
        return facts

    def _name_before(self, pos: int, start: int) -> str | None:
        k = bisect_left(self.company_starts, pos) - 1
        return self.companies[k].name if k >= 0 and self.companies[k].start >= start else None

    def _apply(self, draft: DealDraft, facts: UnitFacts, sentence: Sentence, add_assets: bool) -> None:
        deal = draft.deal
        span = (sentence.start, sentence.end)
        used = False
        for name, amount in facts.money.items():
            have = getattr(deal, name)
            if name == "equity_usd_m" and facts.equity_issuer not in (None, deal.licensor):
                continue  # the licensee issuing its own shares pays in kind
            if name == "milestones_usd_m" and have is not None:
                parts = {k: v for k, v in facts.milestone_parts.items() if not k.startswith("generic")}
                mine = {k for k in draft.milestone_parts if not k.startswith("generic")}
                separate = not _kinds_of(parts) & _kinds_of(mine)
                if parts and mine and separate and len(mine) == len(draft.milestone_parts):
                    draft.milestone_parts.update(parts)
                    deal.milestones_usd_m = sum(draft.milestone_parts.values())
                    deal.evidence_for[name] = span
                    used = True
                elif facts.additional and not amount.component and abs(have - amount.usd_m) > 0.005 * have:
                    # "up to $500m in contingent payments. X is also eligible for up to $7.1bn in milestones"
                    deal.milestones_usd_m = have + amount.usd_m
                    draft.milestone_parts[f"generic{len(draft.milestone_parts)}"] = amount.usd_m
                    deal.evidence_for[name] = span
                    used = True
                continue
            if (
                have is not None
                and not (name in draft.weak and name not in facts.weak)
                and not _refines(have, amount)
            ):
                continue
            if name in facts.weak:
                draft.weak.add(name)
            else:
                draft.weak.discard(name)
            setattr(deal, name, amount.usd_m)
            if name == "milestones_usd_m":
                draft.milestone_parts = dict(facts.milestone_parts)
            deal.evidence_for[name] = span
            if amount.currency != "USD":
                deal.original_money[name] = OriginalMoney(amount.currency, amount.value_m, amount.rate_source)
            used = True
        new_territory = facts.territory
        if new_territory is not None and (deal.territory is None or _refines_territory(deal.territory, new_territory)):
            deal.territory = new_territory
            deal.evidence_for["territory"] = span
            used = True
        if facts.royalties and not deal.royalties:
            deal.royalties = True
            deal.evidence_for["royalties"] = span
            used = True
        if add_assets:
            for name in facts.assets:
                if name not in deal.assets:
                    deal.assets.append(name)
                    deal.evidence_for.setdefault("assets", span)
                    used = True
        unit_text = self.text[sentence.start : sentence.end]
        for pattern, kind in DEAL_TYPES:
            if pattern.search(unit_text) and kind not in draft.types:
                draft.types.append(kind)
        if used or facts.cue:
            deal.evidence.append(span)
        draft.last_line = sentence.line
        self.last = draft


def _refines_territory(have: Territory, new: Territory) -> bool:
    """A later statement that says more: "global licensing deal" in a headline, "worldwide rights, excluding
    Japan" in the body; "in-licensed China rights" in the lead, "will own Greater China rights" below."""
    if have.exclude:
        return False
    if have.include == ["WORLD"] == new.include:
        return bool(new.exclude)
    return have.include == ["CN"] and new.include == ["GREATER_CHINA"] and not new.exclude


def _kinds_of(parts: Iterable[str]) -> set[str]:
    """{'development', 'commercial', 'regulatory'} of milestone part keys such as 'development+commercial'."""
    return {kind for key in parts for kind in key.split("+")}


def _refines(have: float, amount: Amount) -> bool:
    """'$1.3bn deal' in a headline, 'total deal value of $1.33 billion' in the body: the precise figure wins."""
    new = amount.usd_m
    return abs(have - new) <= 0.05 * max(have, new) and _digits(new) > _digits(have)


def _digits(value: float) -> int:
    return len(f"{value:.6g}".replace(".", "").strip("0"))


def _report(
    masked: str,
    source: str,
    drafts: list[DealDraft],
    gaz: Gazetteer,
    companies: list[CompanyMention],
    asset_mentions: list[AssetMention],
    sentences: list[Sentence],
) -> Extraction:
    deals: list[Deal] = []
    ordered = sorted(
        range(len(drafts)),
        key=lambda i: (
            min(j for j in range(len(drafts)) if drafts[j].pair == drafts[i].pair),
            not drafts[i].deal.assets,
            i,
        ),
    )
    for i in ordered:
        draft = drafts[i]
        deal = draft.deal
        deal.parties = list(draft.order)
        deal.evidence = sorted(set(deal.evidence))
        deal.deal_type = draft.types[0] if draft.types else "license"
        deals.append(deal)
    _attach_lone_asset(masked, deals, asset_mentions, sentences)
    facts = _asset_facts(masked, deals, gaz, companies, asset_mentions, sentences)
    names: list[str] = []
    for deal in deals:
        for name in deal.parties:
            if name not in names:
                names.append(name)
    for asset in facts:
        if asset.developer and asset.developer not in names:
            names.append(asset.developer)
    out_companies = [Company(n, _country(n, gaz, companies, masked)) for n in names]
    out_assets = [Asset(a.name, a.modality, a.targets, a.developer) for a in facts]
    return Extraction(source, out_companies, out_assets, deals)


# "to develop its bispecific antibody candidate": a deal sentence that speaks of a drug without naming it
ASSET_WORDS = re.compile(
    r"\b(?:candidates?|antibod(?:y|ies)|ADCs?|conjugates?|drugs?|assets?|molecules?|compounds?|inhibitors?|"
    r"bispecifics?|degraders?|vaccines?|medicines?)\b",
    re.I,
)


def _attach_lone_asset(
    masked: str, deals: list[Deal], asset_mentions: list[AssetMention], sentences: list[Sentence]
) -> None:
    """A story about one deal whose deal sentences speak of "its bispecific antibody candidate" and which
    names one drug, in a sentence of its own ("PM8002, which targets PD-L1 and VEGF, ..."): that drug is
    the deal's asset. With two drugs named, or two deals, nothing is guessed."""
    if len(deals) != 1 or deals[0].assets or len({m.name for m in asset_mentions}) != 1:
        return
    deal = deals[0]
    if not any(ASSET_WORDS.search(masked, start, end) for start, end in deal.evidence):
        return
    mention = asset_mentions[0]
    sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
    if sentence is None:
        return
    deal.assets = [mention.name]
    deal.evidence = sorted({*deal.evidence, (sentence.start, sentence.end)})
    deal.evidence_for["assets"] = (sentence.start, sentence.end)


DESCRIPTOR = re.compile(
    # "the Rahway, New Jersey company": a town before the state or country
    rf"\b[Tt]he (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s+)?(?P<place>{_PLACE})(?:-based)? (?:drugmaker|company|group|"
    r"pharma|pharma company|"
    r"pharmaceutical (?:company|group)|biotech|biotechnology company|firm|partner|developer|major|giant|"
    r"pharmaceutical major)\b"
)
# towns and states: two different ones describe two different companies ("Chinese" and "Shanghai" need not)
COUNTRY_PLACES = {
    "China", "Chinese", "Hong Kong", "Taiwan", "Taiwanese", "US", "U.S.", "American", "Japan", "Japanese",
    "South Korea", "Korea", "Korean", "South Korean", "Germany", "German", "Swiss", "Switzerland", "UK",
    "British", "France", "French", "Denmark", "Danish", "Belgium", "Belgian", "Canada", "Canadian", "Israel",
    "Israeli", "Australia", "Australian", "India", "Indian", "Singapore", "Netherlands", "Dutch", "Sweden",
    "Swedish", "Italy", "Italian", "Spain", "Spanish", "Ireland", "Irish",
}  # fmt: skip
LOCAL_PLACES = set(PLACES) - COUNTRY_PLACES
DESCRIPTOR_REACH = 2000  # characters back to the company "the British drugmaker" names


def _resolve_descriptors(text: str, companies: list[CompanyMention], gaz: Gazetteer) -> list[CompanyMention]:
    """'The British drugmaker' and 'the Chinese biotech' name the latest company of that country."""
    added: list[CompanyMention] = []
    starts = [c.start for c in companies]
    placed: dict[str, str] = {}  # company -> the place its first descriptor gave ("the San Diego biotech")
    for m in DESCRIPTOR.finditer(text):
        place = m.group("place")
        code = PLACES[place]
        k = bisect_left(starts, m.start()) - 1
        while k >= 0 and m.start() - companies[k].start < DESCRIPTOR_REACH:
            c = companies[k]
            seen = placed.get(c.name, place)
            if seen != place and seen in LOCAL_PLACES and place in LOCAL_PLACES:
                k -= 1  # "the Indianapolis drugmaker" is not the company just called "the San Diego biotech"
                continue
            if (c.country or _country(c.name, gaz, companies, text)) == code:
                added.append(CompanyMention(m.start(), m.end(), c.name, c.country, c.known))
                placed.setdefault(c.name, place)
                break
            k -= 1
    return sorted(companies + added, key=lambda c: c.start) if added else companies


def _country(name: str, gaz: Gazetteer, companies: list[CompanyMention], text: str) -> str | None:
    record = gaz.company(name)
    if record is not None and record.name == name:
        return record.country
    for m in companies:
        if m.name == name:
            if m.country:
                return m.country
            cue = COUNTRY_CUE.search(text[max(0, m.start - 60) : m.start])
            if cue:
                return PLACES[cue.group("place")]
    return None


def _asset_facts(
    text: str,
    deals: list[Deal],
    gaz: Gazetteer,
    companies: list[CompanyMention],
    mentions: list[AssetMention],
    sentences: list[Sentence],
) -> list[AssetFacts]:
    """Modality, targets and developer: the gazetteer's where it knows the asset, else the text's."""
    out: list[AssetFacts] = []
    for deal in deals:
        for name in deal.assets:
            if any(a.name == name for a in out):
                continue
            record = gaz.asset(name)
            if record is not None:
                out.append(
                    AssetFacts(record.name, record.modality, list(record.targets), record.developer, True)
                )
                continue
            facts = AssetFacts(name)
            starts = [s.start for s in sentences]
            for m in [m for m in mentions if m.name == name][:20]:
                k = bisect_left(starts, m.start + 1) - 1
                sentence = sentences[k] if k >= 0 else None
                if sentence is None or not sentence.start <= m.start < sentence.end:
                    continue
                after, before = _windows(text, m, mentions, sentence)
                window = after if DESCRIBES.match(after) else ""
                facts.targets = facts.targets or find_targets(window, gaz) or find_targets(before, gaz)
                facts.modality = facts.modality or modality_of(window) or modality_of(before)
                facts.developer = facts.developer or _developer(text, m, sentence, companies)
            if facts.modality is None and len(deal.assets) == 1 and deal.evidence:
                # "bought the rights to an antibody-drug conjugate (ADC) ... The deal covers KB-264"
                first = deal.evidence[0]
                facts.modality = modality_of(COMPARED.sub("", text[first[0] : first[1]]))
            facts.modality = facts.modality or modality_of("", name) or "other"
            facts.developer = facts.developer or deal.licensor
            out.append(facts)
    return out


# what follows an asset name and describes it: "KB-264, a TROP2 ADC", "KB-264 (an ADC)", "KB-264 targets TROP2"
DESCRIBES = re.compile(r"^\s*(?:[,(–—:]|is\s|was\s|-\s|(?:targets|binds|blocks|inhibits|is directed)\s)")
COMPARED = re.compile(r"\b(?:than|versus|vs\.?|against|with|alongside|plus)\s+[^,.;]{0,60}")


def _windows(text: str, m: AssetMention, mentions: list[AssetMention], sentence: Sentence) -> tuple[str, str]:
    end = m.end
    for _ in range(8):  # "BTX-945 and BTX-701, two EGFR inhibitors": a list shares the descriptor after it
        nxt = min(
            (o for o in mentions if o.start > m.start and o.start >= end and o.name != m.name),
            key=lambda o: o.start,
            default=None,
        )
        if nxt is None or nxt.start >= sentence.end or not LIST_GAP.fullmatch(text, end, nxt.start):
            break
        end = nxt.end
    nxt = min((o.start for o in mentions if o.start >= end and o.name != m.name), default=sentence.end)
    after = text[end : min(nxt, sentence.end, end + 160)]
    # "abelacimab, an antibody against factor XI, while Lilly bought ... inhibitor": a new clause is another drug
    clause = CLAUSE_BREAK.search(after)
    after = after[: clause.start()] if clause else after
    prev = max((o.end for o in mentions if o.end <= m.start and o.name != m.name), default=sentence.start)
    before = text[max(prev, sentence.start, m.start - 70) : m.start]
    cut = max(before.rfind(", "), before.rfind("; "), before.rfind(": "), before.rfind(". "))
    return after, before[cut + 1 :] if cut >= 0 else before


MONEY_SIGN = re.compile(r"[$€£¥]|\b(?:USD|EUR|RMB|HKD|GBP|CHF|JPY)\b")
FORWARD_LEAD = re.compile(
    r"\s*(?:Under|Pursuant to|According to)\s+(?:that|this|the|its|these|those)\s+"
    r"(?:agreement|deal|transaction|terms|arrangement|licen[cs]e)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(r"[,;]\s+(?:while|whereas|and\s+(?:separately|also|in\s+(?:a|an)\s+separate))\b|;\s")
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")


# "... its linker is based on technology originally developed by X": X made the technology, not the drug
NOT_THE_DRUG = re.compile(
    r"[;]|\b(?:technolog\w*|platforms?|linkers?|payloads?|methods?|process\w*|tools?)\b"
)


def _developer(text: str, m: AssetMention, sentence: Sentence, companies: list[CompanyMention]) -> str | None:
    for c in companies:
        if (
            sentence.start <= c.start < m.start
            and m.start - c.end < 70
            and re.match(r"['’]s\b", text[c.end :])
        ):
            return c.name
        if (
            m.end <= c.start < sentence.end
            and re.search(
                r"\b(?:developed|discovered|designed|invented|originated|created) by\s+(?:the\s+)?"
                r"(?:[\w-]+-based\s+)?$",
                text[max(m.end, c.start - 60) : c.start],
            )
            and not NOT_THE_DRUG.search(text, m.end, c.start)
        ):
            return c.name
    return None


def same_company(a: str, b: str) -> bool:
    return company_key(a) == company_key(b)


def same_asset(a: str, b: str) -> bool:
    return asset_key(a) == asset_key(b)

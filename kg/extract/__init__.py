"""Deal extraction from news stories, press releases and exchange announcements.

    from kg.extract import Gazetteer, extract
    result = extract(text, source="story.txt")      # Extraction, with the default gazetteer (data/)
    result.to_json()                                 # exactly the eval kit's output contract
    gaz = Gazetteer.from_data_dir("data")            # or Gazetteer(companies, assets, targets) from records

Deterministic and offline: rules and tables over the gazetteer of known names, no model, no network.

Per-fact provenance, for the store: every `Deal` keeps
- `evidence`: the (start, end) character spans of all sentences the deal was read from;
- `evidence_for[field] = (start, end)`: the sentence each figure came from, for the fields
  upfront_usd_m, milestones_usd_m, total_usd_m, equity_usd_m, territory, royalties and assets;
- `original_money[field] = OriginalMoney(currency, amount_m, rate_source)` for money stated in another
  currency ("text": the text gave the US$ figure; "text-rate": converted at the rate the text states;
  "table": converted at the fixed rates of kg.extract.money.USD_RATES).

Modules: text (sentences, noise), mentions (companies, assets, targets, modality), money, territory, roles,
extractor (assembly), gazetteer, target_names (built-in target table), records (output types), cli.
"""

from kg.extract.extractor import extract
from kg.extract.gazetteer import AssetRecord, CompanyRecord, Gazetteer, TargetRecord
from kg.extract.records import Asset, Company, Deal, Extraction, OriginalMoney, Territory

__all__ = [
    "extract",
    "Gazetteer",
    "CompanyRecord",
    "AssetRecord",
    "TargetRecord",
    "Extraction",
    "Deal",
    "Company",
    "Asset",
    "Territory",
    "OriginalMoney",
]

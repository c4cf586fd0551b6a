"""Deal extraction from news stories, press releases and exchange announcements.

    from kg.extract import extract
    result = extract(text, source="story.txt")   # Extraction; result.to_json() is the eval contract

Deterministic and offline: rules and tables over the gazetteer of known names (data/), no model.
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

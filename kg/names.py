"""Name normalisation shared by the resolver, the checks and the extractor.

"Sichuan Kelun-Biotech", "sichuan kelun biotech" and "SICHUAN KELUN–BIOTECH" compare equal;
"SKB-264" and "SKB264" compare equal. Legal suffixes are kept: "Merck KGaA" must not become "Merck".
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z&+]+")


def normalise(name: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key of a name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace(" and ", " & ")
    return _NON_ALNUM.sub("", text)


def slugify(name: str) -> str:
    """The id slug of a name, as used in IRIs and in data/ ids."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:120] or "x"

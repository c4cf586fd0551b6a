"""The extract command: `python -m kg.extract FILE|- [--format json|table]` (`kg extract` once wired).

Prints what a text says about deals: the eval contract as JSON (indent 2), or one line per deal.
Input problems are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.extract.extractor import extract

MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """A problem with the input file, reported as one line on stderr (exit status 2)."""


def read_input(name: str) -> str:
    """Read a file (or stdin for '-') as UTF-8 text; refuse missing, oversized, binary or non-UTF-8 input."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(name)
        if not path.exists():
            raise InputError("no such file")
        if path.is_dir():
            raise InputError("is a directory")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read file") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data:
        raise InputError("binary input (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})") from exc


def table(result: dict) -> str:
    lines = []
    for deal in result["deals"]:
        parties = (
            f"{deal.get('licensor')} -> {deal.get('licensee')}"
            if deal.get("licensor") and deal.get("licensee")
            else " / ".join(deal.get("parties", []))
        )
        terr = deal.get("territory")
        terr_s = (
            ""
            if not terr
            else "+".join(terr["include"]) + ("-" + "-".join(terr["exclude"]) if terr["exclude"] else "")
        )
        money = " ".join(
            f"{k.split('_')[0]}={deal[k]}"
            for k in ("upfront_usd_m", "milestones_usd_m", "total_usd_m", "equity_usd_m")
            if deal.get(k) is not None
        )
        lines.append(
            f"{parties:50} {','.join(deal['assets']) or '-':30} {terr_s:22} {money}"
            f"{' royalties' if deal.get('royalties') else ''}"
        )
    return "\n".join(lines) if lines else "(no deals)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg extract", description=__doc__)
    parser.add_argument("file", help="text file to read, or - for standard input")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    args = parser.parse_args(argv)
    try:
        text = read_input(args.file)
    except InputError as exc:
        print(f"kg extract: {args.file}: {exc}", file=sys.stderr)
        return 2
    result = extract(text, source=args.file).to_json()
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

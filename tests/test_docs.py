"""The README's command reference and the CLI agree (datasette-style docs test)."""

from __future__ import annotations

import re
from pathlib import Path

from kg.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def documented_commands() -> set[str]:
    block = README.split("## Command line", 1)[1].split("```", 2)[1]
    names = set()
    for line in block.splitlines()[2:]:
        for part in re.split(r"\s+\|\s+", line.strip()):
            word = part.split(" ", 1)[0]
            if re.fullmatch(r"[a-z]+", word):
                names.add(word)
    return names


def test_every_command_is_documented_and_every_documented_command_exists():
    actual = set(cli.commands)
    documented = documented_commands()
    assert documented - actual == set(), f"documented but missing: {documented - actual}"
    assert actual - documented == set(), f"undocumented commands: {actual - documented}"


def test_every_command_has_help():
    for name, command in cli.commands.items():
        assert command.help, f"kg {name} has no help text"

"""The README's configuration table lists every environment variable the code reads (and none it does not)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _variables_read() -> set[str]:
    found: set[str] = set()
    for source in (ROOT / "bridgework").rglob("*.py"):
        found |= set(re.findall(r'\benv_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source.read_text()))
    return found


def _variables_documented() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", section, re.MULTILINE))


def test_every_variable_read_is_documented() -> None:
    missing = _variables_read() - _variables_documented()
    assert not missing, f"Add these to the README configuration table: {sorted(missing)}"


def test_nothing_documented_is_unread() -> None:
    stale = _variables_documented() - _variables_read()
    assert not stale, f"The README documents variables nothing reads: {sorted(stale)}"

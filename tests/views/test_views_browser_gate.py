"""The browser tests skip without Chromium, but fail when KG_BROWSER_REQUIRED=1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _run(required: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_CHROMIUM="/nonexistent/chromium")
    env.pop("KG_BROWSER_REQUIRED", None)
    if required:
        env["KG_BROWSER_REQUIRED"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE / "test_views_browser.py"),
         "-k", "offline"],  # fmt: skip
        cwd=HERE.parents[1], env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("required", [False, True])
def test_missing_chromium(required: bool) -> None:
    out = _run(required)
    if required:
        assert out.returncode != 0 and "KG_BROWSER_REQUIRED=1" in out.stdout, out.stdout
    else:
        assert out.returncode == 0 and "1 skipped" in out.stdout, out.stdout

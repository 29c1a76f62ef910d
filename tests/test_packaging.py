"""A plain install (no extras) runs the bot: nothing but the demo needs the emulator or aiohttp."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Python refuses to import a module whose sys.modules entry is None: aiohttp is "not installed" in the child.
WITHOUT_AIOHTTP = "import sys; sys.modules['aiohttp'] = None; "


def run_without_aiohttp(code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KABARCHY_"))}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_AIOHTTP + code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_every_module_of_the_bot_imports_without_aiohttp() -> None:
    code = (
        "import importlib, pkgutil\n"
        "for package in ('news', 'storage', 'handlers', 'bot'):\n"
        "    root = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(root.__path__, package + '.'):\n"
        "        if not info.name.startswith('bot.demo') and not info.name.endswith('__main__'):\n"
        "            importlib.import_module(info.name)\n"
        "print('imported')\n"
    )
    result = run_without_aiohttp(code)
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_kabarchy_help_works_without_aiohttp() -> None:
    result = run_without_aiohttp("from bot.cli import main; raise SystemExit(main(['--help']))")
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout and "run" in result.stdout


def test_the_demo_says_what_to_install_without_the_emulator() -> None:
    result = run_without_aiohttp("from bot.cli import main; raise SystemExit(main(['demo']))")
    assert result.returncode == 2
    assert "pip install 'kabarchy[emulator]'" in result.stderr
    assert "Traceback" not in result.stderr

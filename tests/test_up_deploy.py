"""The deployment files: systemd units whose commands are valid, and the snapshot plugin directory."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from scraper.cli import cli
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))
PYTHON = "/opt/smartcity-archive/.venv/bin/python"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_the_service_runs_up_and_restarts_after_a_crash() -> None:
    service = _unit(DEPLOY / "smartcity-archive.service")["Service"]
    assert service["ExecStart"] == f"{PYTHON} -m scraper up --host 127.0.0.1 --port 8001"
    assert service["Restart"] == "always" and service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) >= 10  # `up` stops within seconds; this is the upper bound
    assert "SCRAPER_LOG_FORMAT=json" in (DEPLOY / "smartcity-archive.service").read_text()


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".service"], ids=lambda p: p.name)
def test_every_command_in_a_unit_is_a_valid_command_line(path: Path) -> None:
    command = shlex.split(_unit(path)["Service"]["ExecStart"])
    assert command[:3] == [PYTHON, "-m", "scraper"]
    name, *rest = command[3:]
    assert name in {"up", "status", "backup"}
    try:
        cli.commands[name].make_context(name, rest)
    except click.UsageError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{path.name}: {exc}")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    for unit in UNITS:  # the units with this interpreter in place of the installed one
        (tmp_path / unit.name).write_text(unit.read_text().replace(PYTHON, sys.executable))
    result = subprocess.run(
        ["systemd-analyze", "verify", *[str(tmp_path / u.name) for u in UNITS]], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stdout + result.stderr


def test_the_snapshot_plugin_directory_holds_the_archive_plugin() -> None:
    plugins = list((DEPLOY / "datasette-plugins").iterdir())
    assert [p.name for p in plugins] == ["archive_functions.py"]
    assert plugins[0].resolve() == (ROOT / "scraper" / "datasette_plugin.py").resolve()

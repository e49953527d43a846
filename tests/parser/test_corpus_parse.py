"""Real runbooks written by others, and the generated benchmark corpus, parse cleanly."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from runwright.errors import InputError
from runwright.parser import load


def _corpus_module(repo_root: Path) -> ModuleType:
    path = repo_root / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("runwright_bench_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_shared_corpus_file_parses(shared_corpus: Path) -> None:
    files = [p for p in shared_corpus.rglob("*") if p.is_file()
             and p.suffix.lower() in (".md", ".markdown", "")]
    assert files
    parsed = 0
    for path in files:
        try:
            rb = load(path)
        except InputError:
            continue  # a LICENSE-like binary or non-UTF-8 file: reported, never a crash
        parsed += 1
        assert rb.path == str(path)
    assert parsed > 100


def test_prometheus_operator_runbooks_have_the_alert_sections(shared_corpus: Path) -> None:
    root = shared_corpus / "prometheus-operator__runbooks" / "content" / "runbooks"
    pages = [p for p in root.rglob("*.md") if p.name != "_index.md"]
    assert len(pages) > 50
    complete = 0
    for page in pages:
        rb = load(page)
        canon = {s.canonical for s in rb.sections}
        assert rb.title, page
        if {"meaning", "impact", "diagnosis", "mitigation"} <= canon:
            complete += 1
            assert rb.kind == "incident", page
    # A handful of pages in that repository really lack one of the four sections.
    assert complete >= len(pages) * 0.9


def test_crlf_template_is_read(shared_corpus: Path) -> None:
    path = shared_corpus / "SkeltonThatcher__run-book-template" / "run-book-template.md"
    rb = load(path)
    assert rb.title
    assert len(rb.sections) > 10


def test_shared_corpus_through_the_cli(cli, shared_corpus: Path) -> None:
    result = cli("show", "--format", "json", str(shared_corpus))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)) > 100


def test_generated_corpus_is_deterministic_and_parses(repo_root: Path, tmp_path: Path) -> None:
    corpus = _corpus_module(repo_root)
    first = corpus.generate(tmp_path / "a", 120, seed=7)
    second = corpus.generate(tmp_path / "b", 120, seed=7)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    assert {p.parent.name for p in first} == {"deployment", "incidents", "maintenance", "alerts"}
    langs, with_fm, alert_pages, with_problems = set(), 0, 0, 0
    for path in first:
        rb = load(path)
        langs.add(rb.language)
        with_fm += bool(rb.front_matter)
        with_problems += bool(rb.problems)
        if path.parent.name == "alerts":
            alert_pages += 1
            assert rb.has_section("mitigation")
        else:
            assert 3 <= len(rb.steps) <= 12 or rb.problems, path
    assert {"fr", "en"} <= langs
    assert with_fm and alert_pages
    assert with_problems < len(first) * 0.2

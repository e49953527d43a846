"""Language server speed: diagnostics for a 500-line runbook after a change.

Builds a 500-line runbook in the standard structure (front matter with variables, every
section, numbered steps with commands and expected results, rollback cases, troubleshooting)
and measures, in one run on that same text:

* in process, what the server does after a change: parse and lint the whole document with the
  same settings as ``runwright lint`` (:func:`runwright.lsp.features.analyse`), median of
  ``--repeat`` runs (target: under 50 ms);
* over stdio against ``runwright lsp`` driven by pygls's client: the time from ``didChange`` to
  the ``publishDiagnostics`` of that version, less the server's debounce pause;
* pymarkdown (PyPI ``pymarkdownlnt``, the Python Markdown linter editors call on save) scanning
  the same text in process, when it is installed (``pip install 'runwright[bench]'``).

Prints median times and the ratio to pymarkdown. Nothing is asserted.

    python benchmarks/lsp.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe


def runbook(lines: int = 500) -> str:
    head = [
        "---", "owner: \"@platform\"", "last_updated: 2026-11-20", "variables:",
        "  VERSION:", "    description: the release to deploy", "    default: v1.0.0",
        "  NAMESPACE:", "    description: the namespace", "    default: production", "---",
        "# Runbook: Deploy to production", "",
        "## Information", "- **Last updated**: 2026-11-20", "- **Owner**: @platform",
        "- **Estimated time**: 30-60 minutes", "- **Frequency**: On demand", "",
        "## Prerequisites", "- [ ] Access to the cluster", "- [ ] The release notes", "",
        "## Procedure",
    ]
    tail = [
        "## Verification", "- [ ] Health check OK (status 200)", "",
        "## Rollback", "### If step 3 fails", "```bash {confirm}",
        "kubectl rollout undo deployment/app -n \"$NAMESPACE\"", "```", "",
        "## Troubleshooting", "### Error: ImagePullBackOff", "**Cause**: the image is missing",
        "**Solution**:", "```bash", "docker pull \"myapp:$VERSION\"", "```", "",
        "## Contacts", "- **On-call**: #platform-oncall", "- **Escalation**: @cto", "",
    ]
    body: list[str] = []
    n = 0
    while len(head) + len(body) + len(tail) + 9 <= lines:
        n += 1
        body += [f"### Step {n}: Check replica set {n}", f"Look at replica set {n}.",
                 "```bash {readonly}", f"kubectl get rs app-{n} -n \"$NAMESPACE\" -o wide",
                 "```", f"**Expected result**: replica set {n} is ready", "", ""]
    text = "\n".join(head + body + tail)
    padding = lines - text.count("\n") - 1
    return text + "\n" * max(padding, 0)


def in_process(text: str, path: Path, repeat: int) -> list[float]:
    from runwright.config import load_config
    from runwright.linter.settings import Settings
    from runwright.lsp.features import analyse

    settings = Settings(load_config(start=path.parent))
    analyse(text, settings, str(path), path)  # warm: rules imported, shell model loaded
    times = []
    for i in range(repeat):
        changed = text.replace("replica set 1.", f"replica set 1 ({i}).")
        start = time.perf_counter()
        analyse(changed, settings, str(path), path)
        times.append(time.perf_counter() - start)
    return times


def over_stdio(text: str, path: Path, repeat: int) -> list[float]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    from runwright.lsp.server import DEBOUNCE

    async def scenario() -> list[float]:
        client = LanguageClient("bench", "1")
        got: dict[int, float] = {}
        events: dict[int, asyncio.Event] = {}

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                got[params.version] = time.perf_counter()
                events.setdefault(params.version, asyncio.Event()).set()

        await client.start_io(sys.executable, "-m", "runwright", "lsp", cwd=str(path.parent))
        await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
        client.initialized(lsp.InitializedParams())
        uri = path.as_uri()
        events[1] = asyncio.Event()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri, "markdown", 1, text)))
        await asyncio.wait_for(events[1].wait(), 60)
        times = []
        for version in range(2, repeat + 2):
            events[version] = asyncio.Event()
            sent = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangeWholeDocument(
                    text=text.replace("replica set 1.", f"replica set 1 ({version}).")) ]))
            await asyncio.wait_for(events[version].wait(), 60)
            times.append(got[version] - sent - DEBOUNCE)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return times

    return asyncio.run(scenario())


def pymarkdown_times(text: str, repeat: int) -> list[float] | None:
    try:
        from pymarkdown.api import PyMarkdownApi
    except ImportError:
        return None
    api = PyMarkdownApi()
    api.scan_string(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        api.scan_string(text)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    text = runbook()
    print(f"# {describe()}; a {text.count(chr(10)) + 1}-line runbook, {args.repeat} changes")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deploy.md"
        path.write_text(text, encoding="utf-8")
        ours = statistics.median(in_process(text, path, args.repeat))
        print(f"runwright analyse (in process)      median {ours * 1000:7.1f} ms  (target < 50)")
        wire = statistics.median(over_stdio(text, path, args.repeat))
        print(f"runwright lsp didChange->diagnostics median {wire * 1000:7.1f} ms  "
              "(less the debounce pause)")
        theirs = pymarkdown_times(text, args.repeat)
        if theirs is None:
            print("pymarkdown: not installed (pip install 'runwright[bench]'); no ratio")
        else:
            median = statistics.median(theirs)
            print(f"pymarkdown scan_string (in process)  median {median * 1000:7.1f} ms  "
                  f"ratio pymarkdown/runwright {median / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The language server driven by pygls's own client over stdio, as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

DOC = """\
---
variables:
  VERSION:
    description: the release to deploy
    default: v1.0.0
---
# Runbook: Deploy to production

## Information
- **Last updated**: 2026-11-20
- **Owner**: @platform
- **Estimated time**: 15 minutes

## Procedure
### Step 1: Check the cluster
```bash
kubectl get nodes
```
**Expected result**: every node is Ready

### Step 2: Deploy
```bash
kubectl set image deployment/app app="myapp:$VERSION" -n production
```
**Expected result**: the rollout finishes

##
"""


async def _session(tmp_path: Path, body: str = DOC):
    (tmp_path / "runwright.toml").write_text('profile = "standard"\n', encoding="utf-8")
    path = tmp_path / "deploy.md"
    path.write_text(body, encoding="utf-8")
    client = LanguageClient("test-client", "1")
    published: list[lsp.PublishDiagnosticsParams] = []
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published.append(params)
        event.set()

    await client.start_io(sys.executable, "-m", "runwright", "lsp", cwd=str(tmp_path))
    result = await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=tmp_path.as_uri()))
    client.initialized(lsp.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=body)))
    await asyncio.wait_for(event.wait(), 30)
    return client, result, uri, published, event


async def _close(client: LanguageClient) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p: lsp.Position) -> int:
        return min(offsets[p.line] + p.character, len(text)) if p.line < len(offsets) \
            else len(text)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        text = text[:at(e.range.start)] + e.new_text + text[at(e.range.end):]
    return text


def test_diagnostics_actions_completion_hover_symbols_definition(tmp_path: Path) -> None:
    async def scenario() -> None:
        client, result, uri, published, event = await _session(tmp_path)
        try:
            assert result.server_info is not None and result.server_info.name == "runwright"
            diagnostics = published[-1].diagnostics
            assert diagnostics, "no diagnostics"
            d = diagnostics[0]
            assert d.source == "runwright"
            assert d.code_description is not None
            assert "docs/rules.md#" + str(d.code).lower() in d.code_description.href
            assert all(x.severity in (lsp.DiagnosticSeverity.Error,
                                      lsp.DiagnosticSeverity.Warning,
                                      lsp.DiagnosticSeverity.Information) for x in diagnostics)

            # Mark the mutating block {confirm}: a code action whose edit we apply.
            actions = await client.text_document_code_action_async(lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(23, 0),
                                                           lsp.Position(23, 0)),
                lsp.CodeActionContext(diagnostics=[])))
            assert actions is not None
            titles = [a.title for a in actions if isinstance(a, lsp.CodeAction)]
            assert "Mark this block {confirm}" in titles
            mark = next(a for a in actions if isinstance(a, lsp.CodeAction)
                        and a.title == "Mark this block {confirm}")
            assert mark.edit is not None and mark.edit.changes is not None
            new = _apply(DOC, mark.edit.changes[uri])
            assert "```bash {confirm}\nkubectl set image" in new

            # Disable-next-line for the first finding.
            actions = await client.text_document_code_action_async(lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), d.range, lsp.CodeActionContext([d])))
            assert actions is not None
            disable = next(a for a in actions if isinstance(a, lsp.CodeAction)
                           and a.title.startswith(f"Disable {d.code}"))
            assert disable.edit is not None and disable.edit.changes is not None
            disabled = _apply(DOC, disable.edit.changes[uri])
            assert f"<!-- runwright-disable-next-line {d.code} -->" in disabled

            # Change the document to the disabled version: that finding goes away (debounced).
            event.clear()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
                [lsp.TextDocumentContentChangeWholeDocument(text=disabled)]))
            await asyncio.wait_for(event.wait(), 30)
            after = published[-1]
            assert after.version == 2
            assert len(after.diagnostics) == len(diagnostics) - sum(
                1 for x in diagnostics if x.code == d.code and x.range.start.line
                == d.range.start.line)

            # Completion: section names on the trailing "## " line, in English.
            lines = disabled.split("\n")
            last = len(lines) - 2  # "##" line
            assert lines[last] == "##"
            items = await client.text_document_completion_async(lsp.CompletionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Position(last, 2)))
            assert isinstance(items, lsp.CompletionList)
            labels = [i.label for i in items.items]
            assert "Rollback" in labels and "Contacts" in labels
            assert "Procedure" not in labels  # already there

            # Variables inside a shell block.
            line_no = next(i for i, t in enumerate(lines) if "myapp:$VERSION" in t)
            col = lines[line_no].index("$VERSION") + 1
            items = await client.text_document_completion_async(lsp.CompletionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Position(line_no, col)))
            assert isinstance(items, lsp.CompletionList)
            assert [i.label for i in items.items] == ["VERSION"]

            # Hover and go-to-definition on $VERSION.
            hover = await client.text_document_hover_async(lsp.HoverParams(
                lsp.TextDocumentIdentifier(uri), lsp.Position(line_no, col + 2)))
            assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
            assert "the release to deploy" in hover.contents.value
            where = await client.text_document_definition_async(lsp.DefinitionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Position(line_no, col + 2)))
            assert isinstance(where, lsp.Location)
            assert lines[where.range.start.line].strip() == "VERSION:"

            # Document symbols: sections with their steps.
            symbols = await client.text_document_document_symbol_async(
                lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri)))
            assert symbols is not None
            procedure = next(s for s in symbols if isinstance(s, lsp.DocumentSymbol)
                             and s.name == "Procedure")
            assert [c.name for c in procedure.children or []] == [
                "1. Check the cluster", "2. Deploy"]
        finally:
            await _close(client)

    asyncio.run(scenario())


def test_same_findings_as_the_cli_and_a_safe_fix_applied(tmp_path: Path) -> None:
    import json
    import subprocess

    body = DOC.replace("kubectl get nodes", "$ kubectl get nodes")

    async def scenario() -> tuple[list[lsp.Diagnostic], str]:
        client, _, uri, published, _ = await _session(tmp_path, body)
        try:
            diagnostics = published[-1].diagnostics
            line = body.split("\n").index("$ kubectl get nodes")
            actions = await client.text_document_code_action_async(lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(line, 0),
                                                           lsp.Position(line, 0)),
                lsp.CodeActionContext(diagnostics=[])))
            assert actions is not None
            fix = next(a for a in actions if isinstance(a, lsp.CodeAction)
                       and a.title.startswith("Fix ") and a.is_preferred)
            assert fix.kind == lsp.CodeActionKind.QuickFix
            assert fix.edit is not None and fix.edit.changes is not None
            return diagnostics, _apply(body, fix.edit.changes[uri])
        finally:
            await _close(client)

    diagnostics, fixed = asyncio.run(scenario())
    assert "```bash\nkubectl get nodes\n```" in fixed
    cli = subprocess.run([sys.executable, "-m", "runwright", "lint", "--no-cache", "--format",
                          "json", "deploy.md"], cwd=tmp_path, capture_output=True, text=True,
                         check=False)
    assert cli.returncode in (0, 1), cli.stderr
    expected = sorted((f["rule"], f["line"], f["message"]) for f in json.loads(cli.stdout))
    got = sorted((str(d.code), d.range.start.line + 1, d.message) for d in diagnostics)
    assert got == expected


def test_missing_extra_names_it() -> None:
    import subprocess

    # pygls made unimportable: the command says which extra to install.
    out = subprocess.run([sys.executable, "-c",
                          "import sys; sys.modules['pygls'] = None;"
                          "from runwright.cli.main import run; sys.exit(run(['lsp']))"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert "pip install 'runwright[lsp]'" in out.stderr

"""The Language Server Protocol side of :mod:`runwright.lsp.features`, with pygls over stdio.

Diagnostics are computed on open and save at once, and on change after a short pause
(``DEBOUNCE`` seconds without typing), so that a burst of keystrokes lints once. Each document
is linted with the settings of the configuration nearest to it (``runwright.toml`` or
``pyproject.toml``), as ``runwright lint`` would lint the file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from runwright import __version__
from runwright.config import Config, load_config
from runwright.errors import RunwrightError
from runwright.linter.finding import Edit, Finding
from runwright.linter.formats import rule_url
from runwright.linter.settings import Settings
from runwright.lsp import features

DEBOUNCE = 0.2
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
_SYMBOL_KIND = {"section": lsp.SymbolKind.Namespace, "step": lsp.SymbolKind.Function}
_COMPLETION_KIND = {"section": lsp.CompletionItemKind.Module,
                    "step": lsp.CompletionItemKind.Function,
                    "attribute": lsp.CompletionItemKind.Property,
                    "value": lsp.CompletionItemKind.Value,
                    "variable": lsp.CompletionItemKind.Variable,
                    "key": lsp.CompletionItemKind.Field}


class RunwrightServer(LanguageServer):
    """The server: per-document analyses, settings per configuration file, debounce tasks."""

    def __init__(self, config_path: Path | None = None, profile: str | None = None) -> None:
        super().__init__("runwright", __version__)
        self.config_path = config_path
        self.profile = profile
        self.analyses: dict[str, features.Analysis] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self._settings: dict[Path, Settings] = {}

    def settings_for(self, file_path: Path | None) -> Settings:
        """The lint settings for a file (its nearest configuration; ``--config`` wins)."""
        start = file_path.parent if file_path is not None else Path.cwd()
        config: Config = load_config(self.config_path, start=start)
        key = config.source or config.root
        cached = self._settings.get(key)
        if cached is None:
            cached = self._settings[key] = Settings(config, profile=self.profile)
        return cached

    def analyse(self, uri: str) -> features.Analysis | None:
        document = self.workspace.get_text_document(uri)
        file_path = _file_path(uri)
        try:
            settings = self.settings_for(file_path)
        except RunwrightError as exc:  # a broken config: say so once, lint nothing
            self.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Error, f"runwright: {exc.message}"))
            return None
        display = str(file_path) if file_path else uri
        analysis = features.analyse(document.source, settings, display, file_path)
        self.analyses[uri] = analysis
        return analysis

    def publish(self, uri: str, version: int | None) -> None:
        analysis = self.analyse(uri)
        diagnostics = [] if analysis is None else [diagnostic(f) for f in analysis.findings]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    def schedule(self, uri: str, version: int | None) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE)
            self.pending.pop(uri, None)
            self.publish(uri, version)

        self.pending[uri] = asyncio.ensure_future(later())

    def current(self, uri: str) -> features.Analysis | None:
        """The analysis of the document as it is now (a pending lint is done at once)."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
            return self.analyse(uri)
        return self.analyses.get(uri) or self.analyse(uri)


def _file_path(uri: str) -> Path | None:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path else None


def _range(line: int, end_line: int | None = None, column: int = 1) -> lsp.Range:
    end = line if end_line is None else end_line
    return lsp.Range(lsp.Position(line - 1, column - 1), lsp.Position(end, 0)
                     if end_line is not None else lsp.Position(line - 1, 10_000))


def diagnostic(f: Finding) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(f.line - 1, f.column - 1), lsp.Position(f.line - 1, 10_000)),
        message=f.message, severity=SEVERITY[f.severity], code=f.rule, source="runwright",
        code_description=lsp.CodeDescription(href=rule_url(f.rule, f.name)),
        data={"name": f.name})


def text_edits(edits: tuple[Edit, ...], line_count: int) -> list[lsp.TextEdit]:
    """The lint engine's line edits as LSP text edits (whole lines, newline included)."""
    out: list[lsp.TextEdit] = []
    for e in edits:
        text = "".join(line + "\n" for line in e.lines)
        if e.end < e.start:  # insertion before line e.start
            pos = lsp.Position(e.start - 1, 0)
            out.append(lsp.TextEdit(lsp.Range(pos, pos), text))
        elif e.end >= line_count:  # up to the end of the file: no newline after the last
            out.append(lsp.TextEdit(lsp.Range(lsp.Position(e.start - 1, 0),
                                              lsp.Position(e.end, 0)), text))
        else:
            out.append(lsp.TextEdit(lsp.Range(lsp.Position(e.start - 1, 0),
                                              lsp.Position(e.end, 0)), text))
    return out


def create_server(config_path: Path | None = None, profile: str | None = None
                  ) -> RunwrightServer:
    server = RunwrightServer(config_path, profile)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RunwrightServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RunwrightServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.schedule(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RunwrightServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls._settings.clear()  # a saved config file may have changed the settings
        ls.publish(params.text_document.uri, None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RunwrightServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri,
                                                                          diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.Refactor]))
    def code_action(ls: RunwrightServer, params: lsp.CodeActionParams
                    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        if analysis is None:
            return None
        first, last = params.range.start.line + 1, params.range.end.line + 1
        count = len(analysis.runbook.lines)
        out = []
        for action in features.code_actions(analysis, first, last):
            kind = (lsp.CodeActionKind.QuickFix if action.kind == "quickfix"
                    else lsp.CodeActionKind.Refactor)
            out.append(lsp.CodeAction(
                title=action.title, kind=kind, is_preferred=action.preferred or None,
                diagnostics=[diagnostic(action.finding)] if action.finding else None,
                edit=lsp.WorkspaceEdit(changes={uri: text_edits(action.edits, count)})))
        return out

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(
        trigger_characters=["#", "{", " ", "=", "$"]))
    def completion(ls: RunwrightServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        if analysis is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        document = ls.workspace.get_text_document(uri)
        settings = ls.settings_for(_file_path(uri))
        items = features.completions(analysis, settings, params.position.line + 1,
                                     params.position.character + 1,
                                     document.source.split("\n"))
        return lsp.CompletionList(is_incomplete=False, items=[
            lsp.CompletionItem(label=c.label, kind=_COMPLETION_KIND[c.kind], insert_text=c.insert,
                               detail=c.detail or None,
                               documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown,
                                                               c.documentation)
                               if c.documentation else None)
            for c in items])

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: RunwrightServer, params: lsp.HoverParams) -> lsp.Hover | None:
        analysis = ls.current(params.text_document.uri)
        if analysis is None:
            return None
        text = features.hover(analysis, params.position.line + 1, params.position.character + 1)
        return None if text is None else lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown,
                                                                      text))

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: RunwrightServer, params: lsp.DocumentSymbolParams
                        ) -> list[lsp.DocumentSymbol]:
        analysis = ls.current(params.text_document.uri)
        if analysis is None:
            return []

        def convert(s: features.Symbol) -> lsp.DocumentSymbol:
            whole = lsp.Range(lsp.Position(s.line - 1, 0), lsp.Position(s.end_line, 0))
            head = lsp.Range(lsp.Position(s.line - 1, 0), lsp.Position(s.line - 1, 10_000))
            return lsp.DocumentSymbol(name=s.name or "(untitled)", kind=_SYMBOL_KIND[s.kind],
                                      range=whole, selection_range=head,
                                      children=[convert(c) for c in s.children])

        return [convert(s) for s in features.symbols(analysis.runbook)]

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: RunwrightServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        analysis = ls.current(params.text_document.uri)
        if analysis is None:
            return None
        line = features.definition(analysis.runbook, params.position.line + 1,
                                   params.position.character + 1)
        if line is None:
            return None
        return lsp.Location(params.text_document.uri, _range(line))

    return server


def serve(config_path: Path | None = None, profile: str | None = None,
          **_: Any) -> None:
    """Run the server on stdin/stdout until the client exits."""
    create_server(config_path, profile).start_io()

"""The language server (``runwright lsp``): lint, completion and navigation in editors.

:mod:`runwright.lsp.features` holds the editor features as plain functions of a document's
text over the same parser, lint engine and configuration as the CLI; :mod:`runwright.lsp.server`
wires them to the Language Server Protocol with pygls (the ``runwright[lsp]`` extra).
"""

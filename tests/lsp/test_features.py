"""The editor features on text, without the protocol: completion contexts, marks, definitions."""

from __future__ import annotations

from pathlib import Path

from runwright.config import load_config
from runwright.linter.settings import Settings
from runwright.lsp import features

DOC = """\
---
owner: "@platform"
---
# Runbook: Déploiement en production

## Procédure
### Étape 1: Vérifier
```bash {capture=NODES}
kubectl get nodes -o name
```
**Résultat attendu**: la liste des nœuds

###
```bash {readonly}
echo "$NODES"
```

## Rollback
### Si problème à l'étape 1
Rien à défaire.
"""


def _analyse(tmp_path: Path, text: str = DOC) -> tuple[features.Analysis, Settings]:
    settings = Settings(load_config(start=tmp_path))
    return features.analyse(text, settings, "deploy.md", None), settings


def _complete(tmp_path: Path, text: str, line: int, column: int) -> list[features.Completion]:
    analysis, settings = _analyse(tmp_path, text)
    return features.completions(analysis, settings, line, column, text.split("\n"))


def test_step_heading_gets_the_next_number_in_french(tmp_path: Path) -> None:
    lines = DOC.split("\n")
    line = lines.index("###") + 1
    got = _complete(tmp_path, DOC, line, 4)
    assert [c.label for c in got] == ["Étape 2: "]


def test_fence_attributes_and_values(tmp_path: Path) -> None:
    text = DOC.replace("```bash {readonly}", "```bash {readonly ")
    line = text.split("\n").index("```bash {readonly ") + 1
    labels = [c.label for c in _complete(tmp_path, text, line, len("```bash {readonly ") + 1)]
    assert "confirm" in labels and "timeout" in labels and "readonly" not in labels
    text = DOC.replace("```bash {readonly}", "```bash {timeout=")
    line = text.split("\n").index("```bash {timeout=") + 1
    values = [c.label for c in _complete(tmp_path, text, line, len("```bash {timeout=") + 1)]
    assert "60s" in values


def test_captured_variable_completes_and_goes_to_its_block(tmp_path: Path) -> None:
    lines = DOC.split("\n")
    line = lines.index('echo "$NODES"') + 1
    got = _complete(tmp_path, DOC, line, len('echo "$') + 1)
    assert [(c.label, c.detail) for c in got] == [("NODES", "captured")]
    analysis, _ = _analyse(tmp_path)
    assert features.definition(analysis.runbook, line, len('echo "$N') + 1) == \
        lines.index("```bash {capture=NODES}") + 1


def test_rollback_case_goes_to_its_step(tmp_path: Path) -> None:
    analysis, _ = _analyse(tmp_path)
    lines = DOC.split("\n")
    case = lines.index("### Si problème à l'étape 1") + 1
    assert features.definition(analysis.runbook, case, 5) == lines.index(
        "### Étape 1: Vérifier") + 1


def test_front_matter_keys_leave_out_present_ones(tmp_path: Path) -> None:
    text = DOC.replace('owner: "@platform"\n', 'owner: "@platform"\nla\n')
    labels = [c.label for c in _complete(tmp_path, text, 3, 3)]
    assert "last_updated" in labels and "owner" not in labels


def test_marks_readonly_replaces_mutating_and_keeps_other_attributes(tmp_path: Path) -> None:
    text = DOC.replace("```bash {readonly}", "```bash {id=show mutating}")
    analysis, _ = _analyse(tmp_path, text)
    line = text.split("\n").index("```bash {id=show mutating}") + 1
    actions = {a.title: a for a in features.code_actions(analysis, line, line)}
    assert actions["Mark this block {readonly}"].edits[0].lines == ("```bash {id=show readonly}",)
    assert actions["Mark this block {confirm}"].edits[0].lines == (
        "```bash {id=show mutating confirm}",)


def test_every_fence_attribute_has_its_documentation() -> None:
    """Completion and hover offer every attribute the model reads, and nothing else."""
    from runwright.lsp.features import ATTRIBUTE_DOCS
    from runwright.model import RUNWRIGHT_ATTRIBUTES

    assert set(ATTRIBUTE_DOCS) == set(RUNWRIGHT_ATTRIBUTES)

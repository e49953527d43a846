"""The fixable rules (RW102, RW106, RW402, RW403): findings, fixes, and idempotence."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import apply_fixes, lines_of, run_rule

FIX_CASES: list[tuple[str, str, str, str]] = [
    ("RW102", "insert in order",
     "# Runbook: X\n\n## Procedure\n\nx\n\n## Contacts\n\ny\n",
     "# Runbook: X\n\n## Information\n\n## Prerequisites\n\n## Procedure\n\nx\n\n"
     "## Verification\n\n## Rollback\n\n## Troubleshooting\n\n## Contacts\n\ny\n"),
    ("RW102", "append at the end, french",
     "# Runbook : X\n\nLe service est arrêté pour la mise à jour.\n\n## Informations\n\n"
     "## Prérequis\n\n## Procédure\n\n## Vérification\n\n## Rollback\n\n## Dépannage\n",
     "# Runbook : X\n\nLe service est arrêté pour la mise à jour.\n\n## Informations\n\n"
     "## Prérequis\n\n## Procédure\n\n## Vérification\n\n## Rollback\n\n## Dépannage\n\n"
     "## Contacts\n"),
    ("RW106", "rename to french",
     "# Runbook : X\n\nLe service est arrêté pour la mise à jour.\n\n## Informations\n\n"
     "## Prerequisites\n\n- [ ] x\n",
     "# Runbook : X\n\nLe service est arrêté pour la mise à jour.\n\n## Informations\n\n"
     "## Prérequis\n\n- [ ] x\n"),
    ("RW402", "add bash",
     "# X\n\n```\nkubectl get pods\nsystemctl status nginx\n```\n",
     "# X\n\n```bash\nkubectl get pods\nsystemctl status nginx\n```\n"),
    ("RW402", "indented fence in a list",
     "# X\n\n1. Run:\n\n   ```\n   ls -l\n   ```\n",
     "# X\n\n1. Run:\n\n   ```bash\n   ls -l\n   ```\n"),
    ("RW403", "strip dollar prompts",
     "# X\n\n```bash\n$ kubectl get pods \\\n    -n prod\n$ ls\n```\n",
     "# X\n\n```bash\nkubectl get pods \\\n    -n prod\nls\n```\n"),
    ("RW403", "strip user@host prompts in a list",
     "# X\n\n- Run:\n\n  ```sh\n  root@db1:~# systemctl restart postgresql\n  ```\n",
     "# X\n\n- Run:\n\n  ```sh\n  systemctl restart postgresql\n  ```\n"),
]


@pytest.mark.parametrize(("rule_id", "label", "before", "after"), FIX_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in FIX_CASES])
def test_fix_result_and_idempotence(rule_id: str, label: str, before: str, after: str) -> None:
    findings = run_rule(rule_id, before)
    assert findings and any(f.fix for f in findings)
    fixed = apply_fixes(before, findings)
    assert fixed == after
    assert run_rule(rule_id, fixed) == []
    assert apply_fixes(fixed, run_rule(rule_id, fixed)) == fixed


NO_FIX: list[tuple[str, str, str, list[int]]] = [
    ("RW402", "not clearly shell", "# X\n\n```\nNAME   READY\napi    1/1\n```\n", [3]),
    ("RW403", "output lines are kept", "# X\n\n```bash\n$ kubectl get pods\nNAME READY\n```\n",
     [4]),
    ("RW403", "unprompted command mixed in", "# X\n\n```bash\n$ ls\npwd\n```\n", [4]),
    ("RW403", "root transcript", "# X\n\n```bash\n# systemctl status nginx\n● nginx.service\n```\n",
     [4]),
]


@pytest.mark.parametrize(("rule_id", "label", "text", "lines"), NO_FIX,
                         ids=[f"{c[0]}-{c[1]}" for c in NO_FIX])
def test_reported_without_unsafe_fix(rule_id: str, label: str, text: str,
                                     lines: list[int]) -> None:
    findings = run_rule(rule_id, text)
    assert lines_of(findings) == lines
    assert all(f.fix is None for f in findings)


PROMPT_CASES: list[tuple[str, str, list[int]]] = [
    ("comment is not a prompt", "# X\n\n```bash\n# restart the service\nsystemctl restart x\n```\n",
     []),
    ("commented-out command among commands",
     "# X\n\n```bash\nsystemctl restart x\n# kubectl delete pod y\n```\n", []),
    ("console block may have prompts", "# X\n\n```console\n$ ls\nfile\n```\n", []),
    ("venv prompt", "# X\n\n```bash\n(venv) $ pip install x\n```\n", [4]),
]


@pytest.mark.parametrize(("label", "text", "lines"), PROMPT_CASES,
                         ids=[c[0] for c in PROMPT_CASES])
def test_shell_prompt_detection(label: str, text: str, lines: list[int]) -> None:
    assert lines_of(run_rule("RW403", text)) == lines

"""Table tests for RW106 (section-language): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('french file english heading',
     '# Runbook : Redémarrer\n'
     '\n'
     'Le service est redémarré pour la mise à jour dans le cluster.\n'
     '\n'
     '## Informations\n'
     '\n'
     '## Prerequisites\n'
     '\n'
     '- [ ] accès\n',
     [7]),
    ('french consistent',
     '# Runbook : Redémarrer\n'
     '\n'
     'Le service est redémarré pour la mise à jour.\n'
     '\n'
     '## Informations\n'
     '\n'
     '## Prérequis\n',
     []),
    ('english file french heading',
     '# Runbook: Restart\n'
     '\n'
     'The service is restarted for the update on the cluster.\n'
     '\n'
     '## Prerequisites\n'
     '\n'
     '- [ ] x\n'
     '\n'
     '## Dépannage\n'
     '\n'
     'x\n',
     [9]),
    ('shared names say nothing',
     '# Runbook: Restart\n'
     '\n'
     'The service is restarted.\n'
     '\n'
     '## Rollback\n'
     '\n'
     '## Contacts\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_section_language(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW106", text)) == expected

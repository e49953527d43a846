"""Table tests for RW801 (destructive-without-confirm): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('confirmed',
     '# Runbook: X\n'
     '\n'
     '```bash {confirm}\n'
     'kubectl delete pod x\n'
     '```\n',
     []),
    ('kubectl delete',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl get pods\n'
     'kubectl -n prod delete pod x\n'
     '```\n',
     [5]),
    ('rm -rf',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo rm -rf /var/cache/app\n'
     '```\n',
     [4]),
    ('sql',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "psql -c 'DROP TABLE users'\n"
     '```\n',
     [4]),
    ('force and git',
     '# Runbook: X\n'
     '\n'
     '```sh\n'
     'git push -f origin main\n'
     '```\n',
     [4]),
    ('terraform helm dd mkfs',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform destroy\n'
     '```\n'
     '\n'
     '```bash\n'
     'helm uninstall api\n'
     '```\n'
     '\n'
     '```bash\n'
     'dd if=x of=/dev/sda\n'
     '```\n'
     '\n'
     '```bash\n'
     'mkfs.ext4 /dev/sdb1\n'
     '```\n',
     [4, 8, 12, 16]),
    ('redis',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'redis-cli FLUSHALL\n'
     '```\n',
     [4]),
    ('commented out',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '# kubectl delete pod x\n'
     'rm -r build\n'
     '```\n',
     []),
    ('force with lease',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'git push --force-with-lease\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_destructive_without_confirm(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW801", text)) == expected

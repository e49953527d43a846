"""Table tests for RW801 destructive-without-confirm: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('confirmed', '# Runbook: X\n\n```bash {confirm}\nkubectl delete pod x\n```\n',
     []),
    ('kubectl delete', '# Runbook: X\n\n```bash\nkubectl get pods\nkubectl -n prod delete pod x\n```\n',
     [5]),
    ('rm -rf', '# Runbook: X\n\n```bash\nsudo rm -rf /var/cache/app\n```\n',
     [4]),
    ('sql', "# Runbook: X\n\n```bash\npsql -c 'DROP TABLE users'\n```\n",
     [4]),
    ('force and git', '# Runbook: X\n\n```sh\ngit push -f origin main\n```\n',
     [4]),
    ('terraform helm dd mkfs', '# Runbook: X\n\n```bash\nterraform destroy\n```\n\n```bash\nhelm uninstall api\n```\n\n```bash\ndd if=x of=/dev/sda\n```\n\n```bash\nmkfs.ext4 /dev/sdb1\n```\n',
     [4, 8, 12, 16]),
    ('redis', '# Runbook: X\n\n```bash\nredis-cli FLUSHALL\n```\n',
     [4]),
    ('commented out', '# Runbook: X\n\n```bash\n# kubectl delete pod x\nrm -r build\n```\n',
     []),
    ('force with lease', '# Runbook: X\n\n```bash\ngit push --force-with-lease\n```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_destructive_without_confirm(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW801", text)) == expected

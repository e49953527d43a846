"""Table tests for RW409 (needs-terminal): cases and the lines they are reported at."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

from runwright.config import Config, validate
from runwright.errors import ConfigError
from runwright.linter.engine import lint_text
from runwright.linter.settings import Settings

CASES: list[tuple[str, str, list[int]]] = [
    ('sudo',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     [4]),
    ('sudo after &&',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'cd /srv/app && sudo systemctl restart app\n'
     '```\n',
     [4]),
    ('sudo after ;',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo restarting; sudo systemctl restart app\n'
     '```\n',
     [4]),
    ('sudo after a pipe',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "echo 'vm.swappiness=10' | sudo tee /etc/sysctl.d/90-swap.conf\n"
     '```\n',
     [4]),
    ('sudo in a subshell',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '(cd /var/log && sudo ls)\n'
     '```\n',
     [4]),
    ('sudo in a command substitution',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'PID="$(sudo cat /run/app.pid)"\n'
     '```\n',
     [4]),
    ('sudo after xargs',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'pgrep -f worker | xargs sudo kill\n'
     '```\n',
     [4]),
    ('sudo after env',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'env LANG=C sudo apt-get update\n'
     '```\n',
     [4]),
    ('sudo after time',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'time sudo sync\n'
     '```\n',
     [4]),
    ('sudo -u without -n',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo -u postgres pg_dump app > app.dump\n'
     '```\n',
     [4]),
    ('sudo -n',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo -n systemctl restart nginx\n'
     '```\n',
     []),
    ('sudo combined -nu and -un',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "sudo -nu postgres psql -c 'SELECT 1'\n"
     "sudo -un postgres psql -c 'SELECT 1'\n"
     '```\n',
     []),
    ('sudo -S, -A, --non-interactive',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'printf "%s\\n" "$PASSWORD" | sudo -S true\n'
     'sudo -A true\n'
     'sudo --non-interactive true\n'
     '```\n',
     []),
    ('sudo -i without a command',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo -i\n'
     '```\n',
     [4]),
    ('first line only',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'uptime\n'
     'sudo systemctl restart app\n'
     'sudo systemctl status app\n'
     '```\n',
     [5]),
    ('continuation line',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl get pods \\\n'
     '  -o wide\n'
     'sudo \\\n'
     '  systemctl restart app\n'
     '```\n',
     [6]),
    ('read',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'read -r -p "Continue? " answer\n'
     '```\n',
     [4]),
    ('read redirected',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'read -r host < /etc/hostname\n'
     'IFS=: read -r a b <<< "$PAIR"\n'
     'read -r x <<EOF\n'
     'value\n'
     'EOF\n'
     '```\n',
     []),
    ('while read done < file',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'while IFS= read -r line; do\n'
     '  echo "$line"\n'
     'done < hosts.txt\n'
     '```\n',
     []),
    ('pipe into while read',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl get nodes -o name | while read -r node; do\n'
     '  kubectl describe "$node"\n'
     'done\n'
     '```\n',
     []),
    ('read in a loop without input',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'while true; do\n'
     '  read -r answer\n'
     'done\n'
     '```\n',
     [5]),
    ('read < /dev/tty',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'read -r answer < /dev/tty\n'
     '```\n',
     [4]),
    ('kubectl exec -it',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n prod exec -it deploy/api -- bash\n'
     '```\n',
     [4]),
    ('kubectl exec -i -t, --stdin --tty',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl exec -i -t api-0 -- sh\n'
     '```\n',
     [4]),
    ('kubectl run --tty',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl run tmp --rm --stdin --tty --image=busybox -- sh\n'
     '```\n',
     [4]),
    ('kubectl attach and debug -ti',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl debug node/n1 -ti --image=busybox\n'
     '```\n',
     [4]),
    ('docker and podman -it',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'docker exec -it db psql -U postgres\n'
     '```\n',
     [4]),
    ('podman run -t',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'podman run --rm -t alpine top\n'
     '```\n',
     [4]),
    ('oc rsh and oc debug without a command',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'oc rsh api-0\n'
     '```\n',
     [4]),
    ('oc debug node',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'oc debug "node/$NODE"\n'
     '```\n',
     [4]),
    ('commands run without a terminal',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl exec deploy/api -- ls -t /tmp\n'
     'kubectl exec -i statefulset/db -- pg_isready\n'
     'docker run -dit --name web nginx\n'
     'oc debug node/n1 -- chroot /host uptime\n'
     'oc rsh api-0 ls\n'
     '```\n',
     []),
    ('psql without -c',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'psql -h "$DB_HOST" -U app\n'
     '```\n',
     [4]),
    ('psql with -c, -f or input',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'psql -h db -Atc "SELECT 1"\n'
     'psql -f migrate.sql\n'
     'psql app < dump.sql\n'
     'gunzip -c app.sql.gz | psql app\n'
     '```\n',
     []),
    ('mysql without -e',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql -u root app\n'
     '```\n',
     [4]),
    ('mysql -p asks for a password',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql -u root -p -e "SELECT 1"\n'
     '```\n',
     [4]),
    ('mysql with -e or input',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql -e "SHOW PROCESSLIST"\n'
     'mysql app < dump.sql\n'
     '```\n',
     []),
    ('redis-cli without a command',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'redis-cli -h cache -p 6380\n'
     '```\n',
     [4]),
    ('redis-cli with a command or a mode',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'redis-cli -h cache ping\n'
     'redis-cli --bigkeys\n'
     'echo INFO | redis-cli\n'
     '```\n',
     []),
    ('mongosh without --eval',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mongosh "$MONGO_URL"\n'
     '```\n',
     [4]),
    ('mongosh --eval, mongo script',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mongosh "$MONGO_URL" --eval "db.stats()"\n'
     'mongo app check.js\n'
     '```\n',
     []),
    ('ssh without a command',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh -i ~/.ssh/ops.pem admin@db1\n'
     '```\n',
     [4]),
    ('ssh with a command, input or -N',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh db1 uptime\n'
     'ssh db1 < check.sh\n'
     'ssh -N -L 5432:localhost:5432 bastion\n'
     '```\n',
     []),
    ('ssh runs sudo on the remote host without -t',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh "$DB_PRIMARY" sudo journalctl -u postgresql --no-pager\n'
     '```\n'
     '\n'
     '```bash\n'
     'ssh db1 "sudo systemctl restart app"\n'
     '```\n',
     [4, 8]),
    ('ssh runs sudo in a later remote command, or after a wrapper',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "ssh db1 'cd /srv/app && sudo systemctl restart app'\n"
     '```\n'
     '\n'
     '```bash\n'
     'ssh db1 timeout 30 sudo systemctl restart app\n'
     '```\n'
     '\n'
     '```bash\n'
     "ssh db1 'cd /srv/app && sudo -n systemctl restart app'\n"
     '```\n',
     [4, 8]),
    ('read from another descriptor still reads the terminal',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'read -r line 3< input.txt\n'
     '```\n'
     '\n'
     '```bash\n'
     'read -r line 0< input.txt\n'
     '```\n',
     [4]),
    ('ssh runs sudo -n, or a command without sudo, on the remote host',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh "$DB_PRIMARY" sudo -n systemctl restart app\n'
     'ssh db1 "sudo -n journalctl -u app"\n'
     'ssh db1 journalctl -u app --no-pager\n'
     'ssh db1 "echo sudo"\n'
     '```\n',
     []),
    ('sqlite3 without SQL',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sqlite3 /var/lib/app/app.db\n'
     '```\n',
     [4]),
    ('sqlite3 with SQL',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "sqlite3 /var/lib/app/app.db 'PRAGMA integrity_check'\n"
     '```\n',
     []),
    ('terraform apply',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform -chdir=infra apply -var-file=prod.tfvars\n'
     '```\n',
     [4]),
    ('terraform destroy',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform destroy -target=module.cache\n'
     '```\n',
     [4]),
    ('terraform apply -auto-approve or a plan file',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform apply -auto-approve\n'
     'terraform apply tfplan\n'
     'terraform plan -out tfplan\n'
     '```\n',
     []),
    ('vim',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'vim /etc/nginx/nginx.conf\n'
     '```\n',
     [4]),
    ('nano',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'nano /etc/hosts\n'
     '```\n',
     [4]),
    ('emacs',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'emacs /etc/hosts\n'
     '```\n',
     [4]),
    ('emacs --batch, vim -es',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'emacs --batch -l fix.el\n'
     "vim -es -c '%s/a/b/g' -c wq notes.txt\n"
     '```\n',
     []),
    ('less',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'less /var/log/syslog\n'
     '```\n',
     [4]),
    ('pager after a pipe',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'journalctl -u app --no-pager | more\n'
     '```\n',
     [4]),
    ('top',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'top\n'
     '```\n',
     [4]),
    ('top -b',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'top -b -n 1 | head -n 20\n'
     '```\n',
     []),
    ('htop',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'htop\n'
     '```\n',
     [4]),
    ('watch',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'watch -n 5 kubectl get pods\n'
     '```\n',
     [4]),
    ('kubectl edit',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n prod edit deployment/api\n'
     '```\n',
     [4]),
    ('crontab -e',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'crontab -e -u backup\n'
     '```\n',
     [4]),
    ('crontab -l',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'crontab -l -u backup\n'
     '```\n',
     []),
    ('visudo',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'visudo\n'
     '```\n',
     [4]),
    ('visudo -c',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'visudo -cf /etc/sudoers.d/ops\n'
     '```\n',
     []),
    ('passwd',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'passwd deploy\n'
     '```\n',
     [4]),
    ('passwd -l',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'passwd -l deploy\n'
     '```\n',
     []),
    ('git rebase -i',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'git rebase -i HEAD~3\n'
     '```\n',
     [4]),
    ('git add -p',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'git add -p\n'
     '```\n',
     [4]),
    ('git add and rebase',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'git add src/\n'
     'git rebase origin/main\n'
     '```\n',
     []),
    ('comments, quotes and here-documents',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '# sudo systemctl restart app\n'
     'echo "run sudo later, then psql"  # or vim\n'
     "echo 'ssh db1'\n"
     'cat > notes.txt <<EOF\n'
     'sudo systemctl restart app\n'
     'EOF\n'
     '```\n',
     []),
    ('interactive block',
     '# Runbook: X\n'
     '\n'
     '```bash {interactive}\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     []),
    ('interactive with other attributes',
     '# Runbook: X\n'
     '\n'
     '```bash {id=restart confirm interactive timeout=5m}\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     []),
    ('interactive=false',
     '# Runbook: X\n'
     '\n'
     '```bash {interactive=false}\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     [4]),
    ('manual block',
     '# Runbook: X\n'
     '\n'
     '```bash {manual}\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     []),
    ('console block',
     '# Runbook: X\n'
     '\n'
     '```console\n'
     '$ sudo systemctl restart nginx\n'
     '```\n',
     []),
    ('text block',
     '# Runbook: X\n'
     '\n'
     '```text\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     []),
    ('prompted command in a shell block',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '$ sudo systemctl restart nginx\n'
     '```\n',
     [4]),
    ('output lines of a transcript',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '$ cat notes.txt\n'
     'sudo systemctl restart app\n'
     'psql -h db\n'
     '```\n',
     []),
    ('sh block',
     '# Runbook: X\n'
     '\n'
     '```sh\n'
     'ssh db1\n'
     '```\n',
     [4]),
    ('ssh -t',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh -t bastion sudo systemctl restart app\n'
     '```\n',
     [4]),
    ('sudo --',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo -- systemctl restart app\n'
     '```\n',
     [4]),
    ('sudo -s fed by a here-document',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "sudo -n -s <<'EOF'\n"
     'systemctl restart app\n'
     'EOF\n'
     '```\n',
     []),
    ('terraform apply fed by a pipe',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo yes | terraform apply\n'
     '```\n',
     []),
    ('sudo in a case branch',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'case "$1" in\n'
     '  start|stop) sudo systemctl "$1" app ;;\n'
     '  *) echo usage ;;\n'
     'esac\n'
     '```\n',
     [5]),
    ('sudo in a function body',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'restart() {\n'
     '  sudo systemctl restart app\n'
     '}\n'
     '```\n',
     [5]),
    ('sudo in backquotes',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "`sudo whoami`"\n'
     '```\n',
     [4]),
    ('select',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'select action in start stop; do echo "$action"; break; done\n'
     '```\n',
     [4]),
    ('select fed by a file',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'select action in start stop; do echo "$action"; break; done < choice.txt\n'
     '```\n',
     []),
    ('after a loop',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'for f in *.log; do\n'
     '  gzip "$f"\n'
     'done\n'
     'read -r -p "Go on? " answer\n'
     '```\n',
     [7]),
    ('placeholders are words, not redirections',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n <namespace> edit pvc <claim>\n'
     '```\n',
     [4]),
    ('two blocks: one finding each',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo ls\n'
     'sudo ls\n'
     '```\n'
     '\n'
     '```bash\n'
     'psql\n'
     '```\n',
     [4, 9]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_needs_terminal(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW409", text)) == expected


OPTION_CASES: list[tuple[str, str, list[int], dict[str, list[str]]]] = [
    ('ignore sudo',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo systemctl restart nginx\n'
     '```\n',
     [], {'ignore_commands': ['sudo']}),
    ('ignored sudo, its command checked',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo -u postgres psql\n'
     '```\n',
     [4], {'ignore_commands': ['sudo']}),
    ('ignored sudo, on the remote host too',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ssh db1 sudo systemctl restart app\n'
     'ssh db1\n'
     '```\n',
     [5], {'ignore_commands': ['sudo']}),
    ('ignore a subcommand',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform apply\n'
     'terraform destroy\n'
     '```\n',
     [5], {'ignore_commands': ['terraform apply']}),
    ('ignore another command',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo ls\n'
     '```\n',
     [4], {'ignore_commands': ['psql']}),
]


@pytest.mark.parametrize(("label", "text", "expected", "options"), OPTION_CASES,
                         ids=[c[0] for c in OPTION_CASES])
def test_needs_terminal_options(label: str, text: str, expected: list[int],
                                options: dict[str, list[str]]) -> None:
    assert lines_of(run_rule("RW409", text, options=options)) == expected


@pytest.mark.parametrize(("code", "column", "needles"), [
    ("sudo systemctl restart nginx", 1, ("'sudo' may ask for a password", "`{interactive}`",
                                         "(sudo -n)")),
    ("cd /srv && sudo ls", 12, ("'sudo'",)),
    ("kubectl exec -it deploy/api -- sh", 1, ("'kubectl exec -it' gives the command the terminal",
                                              "kubectl exec without -it")),
    ("terraform apply", 1, ("'terraform apply' waits for 'yes'", "-auto-approve")),
    ("psql -h db", 1, ("'psql' without -c or -f", "psql -c 'SQL'")),
    ("read -r answer", 1, ("'read' waits for an answer", "front matter 'variables:'")),
    ("git log | less", 11, ("'less' pages its output", "no pager")),
    ("ssh db1 'cd /srv && sudo systemctl restart app'", 21,
     ("'sudo' on the remote host may ask for a password", "give ssh -t as well")),
    ("sudo kubectl debug node/n1 -ti --image=busybox", 1, ("'sudo' may ask",)),
    ("kubectl debug node/n1 -ti --image=busybox", 1, ("'kubectl debug -ti' gives",)),
])
def test_message_and_column(code: str, column: int, needles: tuple[str, ...]) -> None:
    text = f"# Runbook: X\n\n```bash\n{code}\n```\n"
    [finding] = run_rule("RW409", text)
    assert (finding.line, finding.column) == (4, column)
    for needle in needles:
        assert needle in finding.message, finding.message


def test_one_finding_for_an_ssh_t_that_runs_several_commands() -> None:
    from runwright.linter.rules.needs_terminal import needs_terminal

    [hit] = needs_terminal("ssh -t bastion 'sudo du -sh /var && sudo ls /srv'\n")
    assert (hit.offset, hit.column, hit.names) == (0, 0, ("ssh",))
    assert "'ssh -t' gives the remote command the terminal" in hit.message


def test_column_in_an_indented_block() -> None:
    text = "# Runbook: X\n\n1. Restart:\n\n   ```bash\n   sudo systemctl restart app\n   ```\n"
    [finding] = run_rule("RW409", text)
    assert (finding.line, finding.column) == (6, 4)


def _settings(tmp_path: Path, options: object) -> Settings:
    data = validate({"lint": {"rules": {"RW409": {"ignore_commands": options}}}},
                    "runwright.toml")
    return Settings(Config(root=tmp_path, source=tmp_path / "runwright.toml", data=data),
                    select=["RW409"])


def test_ignore_commands_from_the_configuration(tmp_path: Path) -> None:
    text = "# Runbook: X\n\n```bash\nsudo systemctl restart app\nsudo -u postgres psql\n```\n"
    found = lint_text(text, _settings(tmp_path, ["sudo"]), "x.md")
    assert [(f.rule, f.line) for f in found] == [("RW409", 5)]
    with pytest.raises(ConfigError, match="must be like the default"):
        _settings(tmp_path, "sudo")

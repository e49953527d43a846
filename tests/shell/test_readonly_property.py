"""Property: a destructive verb anywhere in a generated block is never judged read-only,
whatever pipelines, lists, compound commands, substitutions and wrappers are around it."""

from __future__ import annotations

import shlex

from hypothesis import given, settings
from hypothesis import strategies as st

from runwright.shell.readonly import judge

#: Commands whose name or subcommand is a destructive verb (rm, delete, drop, truncate,
#: uninstall, destroy, restart, stop, kill, flushall, apply, scale, patch, set, edit, replace,
#: rollout undo|restart, mv, dd, mkfs ...).
DESTRUCTIVE = [
    "rm -rf /var/lib/postgresql", "rm x", "/bin/rm -f x", "mv a b", "dd if=/dev/zero of=x",
    "mkfs.ext4 /dev/sdb1", "mkfs -t xfs /dev/sdb", "kill 1", "kill -9 1", "pkill worker",
    "killall nginx", "truncate -s 0 app.log", "shred -u key", "reboot", "shutdown -r now",
    "halt", "rmdir /x", "unlink x", "wipefs -a /dev/sda",
    "kubectl delete pod x", "kubectl apply -f x.yaml", "kubectl scale deploy x --replicas=0",
    "kubectl patch deploy x -p {}", "kubectl set image deploy/x a=b", "kubectl edit cm x",
    "kubectl replace -f x.yaml", "kubectl rollout undo deploy/x",
    "kubectl rollout restart deploy/x", "kubectl drain node-1", "kubectl cordon node-1",
    "oc delete pod x", "helm uninstall api", "helm delete api", "helm rollback api 1",
    "helm upgrade api ./chart", "systemctl restart nginx", "systemctl stop nginx",
    "systemctl kill nginx", "service nginx restart", "service nginx stop",
    "docker rm -f web", "docker stop web", "docker kill web", "docker restart web",
    "docker compose down", "podman rm web", "redis-cli FLUSHALL", "redis-cli flushdb",
    "redis-cli DEL k", "redis-cli SET k v", "psql -c 'DROP TABLE jobs'",
    "psql -c 'DELETE FROM users'", "psql -c 'TRUNCATE jobs'",
    "psql -c 'UPDATE jobs SET a = 1'", "mysql -e 'DROP DATABASE x'",
    "mysql -e 'delete from t'", "sqlite3 app.db 'drop table t'", "terraform apply",
    "terraform destroy -auto-approve", "terraform -chdir=x apply", "aws s3 rm s3://b/k",
    "aws ec2 terminate-instances --instance-ids i-1", "gcloud compute instances delete x",
    "az vm delete -n x", "etcdctl del /k", "vault kv delete secret/x", "consul kv delete x",
    "iptables -F", "ip link set eth0 down", "sysctl -w a.b=1", "crontab -r",
    "sed -i s/a/b/ f", "find / -delete", "curl -X DELETE https://x/1",
    "curl -X POST https://x/restart", "git reset --hard", "nginx -s stop",
]

#: Global options that may come before a subcommand.
GLOBALS = {"kubectl": ["-n prod", "--context prod", "--namespace=prod"],
           "helm": ["-n prod", "--kube-context prod"], "systemctl": ["--no-pager", "-q"],
           "docker": ["-H unix:///x"], "redis-cli": ["-h cache1", "-p 6380"],
           "psql": ["-h db1", "-U app"], "mysql": ["-u root", "-h db1"]}

READ_ONLY = ["ls", "uptime", "kubectl get pods", "grep -v Running", "cat /etc/hosts",
             "echo ok", "true", "df -h", "wc -l"]


@st.composite
def destructive(draw: st.DrawFn) -> str:
    cmd = draw(st.sampled_from(DESTRUCTIVE))
    name, _, rest = cmd.partition(" ")
    options = GLOBALS.get(name)
    if options and rest and draw(st.booleans()):
        cmd = f"{name} {draw(st.sampled_from(options))} {rest}"
    return cmd


def _wrap(draw: st.DrawFn, core: str) -> str:
    ro = draw(st.sampled_from(READ_ONLY))
    q = shlex.quote(core)
    forms = [
        f"{ro} | {core}", f"{core} | {ro}", f"{ro} && {core}", f"{core} || {ro}",
        f"{ro}; {core}", f"{ro}\n{core}", f"( {core} )", f"{{ {core}; }}",
        f"if {ro}; then {core}; fi", f"if {core}; then {ro}; fi",
        f"if {ro}; then {ro}; else {core}; fi", f"for x in 1 2; do {core}; done",
        f"while {ro}; do {core}; done", f"until {core}; do sleep 1; done",
        f"case $x in a) {core} ;; esac", f"f() {{ {core}; }}\nf", f"echo \"$({core})\"",
        f"X=$({core})", f"echo `{core}`" if "`" not in core else f"echo $({core})",
        f"diff <({core}) <({ro})", f"! {core}", f"FOO=1 {core}", f"sudo {core}",
        f"sudo -u app {core}", f"env A=1 {core}", f"env -i {core}", f"time {core}",
        f"nice -n 10 {core}", f"ionice -c3 {core}", f"nohup {core}", f"stdbuf -oL {core}",
        f"timeout 30 {core}", f"timeout -s KILL 5m {core}", f"doas {core}",
        f"echo x | xargs {core}", f"bash -c {q}", f"sh -c {q}", f"zsh -c {q}",
        f"bash -ec {q}", f"ssh db1 {core}", f"ssh -p 22 admin@db1 {q}",
        f"kubectl exec api-1 -- {core}", f"kubectl -n prod exec -it api-1 -c app -- {core}",
        f"oc exec api-1 -- {core}", f"docker exec web {core}", f"docker exec -it web {core}",
        f"docker compose exec -T db {core}", f"podman exec web {core}",
        f"watch -n 5 {q}", f"command {core}", f"exec {core}", f"{core} 2>&1",
        f"{core} > /dev/null", f"[[ -n $({core}) ]]",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def blocks(draw: st.DrawFn) -> str:
    code = draw(destructive())
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        code = _wrap(draw, code)
    return code


@settings(max_examples=600, deadline=None)
@given(blocks())
def test_a_destructive_verb_anywhere_is_never_read_only(code: str) -> None:
    assert judge(code) is not None, code


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(READ_ONLY), min_size=1, max_size=4))
def test_read_only_commands_joined_stay_read_only(parts: list[str]) -> None:
    assert judge(" | ".join(parts)) is None
    assert judge(" && ".join(parts)) is None
    assert judge("sudo " + "; ".join(parts)) is None

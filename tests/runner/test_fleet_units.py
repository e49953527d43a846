"""Fleet steps without hosts: serial/max_fail reading, batches, the play runwright hands to
Ansible (nothing templated), and the error that names the extra when it is missing."""

from __future__ import annotations

import sys

import pytest
import yaml

from runwright.errors import UsageError
from runwright.runner import fleet


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("serial", "2", None), ("serial", "25%", None), ("max_fail", "0", None),
    ("max_fail", "100%", None), ("serial", "0", "at least one host"),
    ("serial", "two", "is not a number"), ("max_fail", "-1", "is not a number"),
    ("max_fail", "101%", "between 0% and 100%"), ("serial", True, "needs a value"),
])
def test_count_problem(name: str, value: object, problem: str | None) -> None:
    found = fleet.count_problem(name, value)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_batches_in_order_and_shares() -> None:
    hosts = [f"h{i}" for i in range(1, 8)]
    assert fleet.batches(hosts, None) == [hosts]
    assert fleet.batches(hosts, "3") == [hosts[:3], hosts[3:6], hosts[6:]]
    assert fleet.batches(hosts, "10%") == [[h] for h in hosts]  # at least one per batch
    assert fleet.batches(hosts, "50%") == [hosts[:3], hosts[3:6], hosts[6:]]
    assert fleet.batches([], "2") == []


def test_allowed_failures() -> None:
    assert fleet.allowed_failures(None, 10) == 0
    assert fleet.allowed_failures("2", 10) == 2
    assert fleet.allowed_failures("25%", 10) == 2


def test_the_play_tags_the_command_and_values_unsafe() -> None:
    class Loader(yaml.SafeLoader):
        pass

    tagged: list[str] = []

    def unsafe(loader: yaml.SafeLoader, node: yaml.Node) -> str:
        value = str(loader.construct_scalar(node))  # type: ignore[arg-type]
        tagged.append(value)
        return value

    Loader.add_constructor("!unsafe", unsafe)
    text = fleet.play('echo "$V" {{ x }}', {"V": "{{ lookup('pipe', 'id') }}\n$(id)"},
                      True, 30.4)
    (play,) = yaml.load(text, Loader=Loader)
    (task,) = play["tasks"]
    assert task["ansible.builtin.shell"]["cmd"] == 'set -e -o pipefail\necho "$V" {{ x }}'
    assert task["environment"] == {"V": "{{ lookup('pipe', 'id') }}\n$(id)"}
    assert task["become"] is True and task["timeout"] == 30
    assert sorted(tagged) == sorted([task["ansible.builtin.shell"]["cmd"],
                                     task["environment"]["V"]])


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ansible_runner", None)  # import fails as when absent
    with pytest.raises(UsageError) as caught:
        fleet.require()
    assert "runwright[fleet]" in caught.value.message
    assert "pip install 'runwright[fleet]'" in (caught.value.hint or "")

"""Reading Prometheus rule files: plain rule groups and PrometheusRule manifests.

A file may hold several YAML documents (``---``); each may be a plain rule file
(``groups: [...]``), a ``PrometheusRule`` manifest (``spec.groups``) or a Kubernetes ``List`` of
them. Recording rules are skipped. A file that is not valid YAML (a Helm template, say) gives a
:class:`RuleFileError` with the reason and the line, and the other files are still read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RULE_SUFFIXES = (".yaml", ".yml", ".rules", ".json")
LINK_KEYS = ("runbook_url", "runbook", "runbook_link", "playbook")


@dataclass(frozen=True, slots=True)
class Alert:
    """One alerting rule, with where it was written."""

    name: str
    file: str  # the rule file as given (or found under a given folder)
    line: int
    group: str | None = None
    severity: str | None = None
    expr: str = ""
    duration: str | None = None  # the rule's ``for:``
    summary: str | None = None
    description: str | None = None
    link: str | None = None  # the runbook annotation's value
    link_key: str | None = None  # which annotation held it
    labels: Mapping[str, str] = field(default_factory=dict)
    annotations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleFileError:
    """A rule file that could not be read (missing, unreadable, not YAML, no rule groups)."""

    file: str
    message: str
    line: int | None = None


class _LineDict(dict[str, Any]):
    """A mapping that remembers the line it started on."""

    line = 0


class _Loader(yaml.SafeLoader):
    """A safe loader whose mappings carry their line number."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def iter_rule_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | RuleFileError]:
    """Each rule file named, or found (sorted, recursively) under a named folder."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(RULE_SUFFIXES):
                        found = True
                        yield Path(root) / name
            if not found:
                yield RuleFileError(str(raw), "no rule files (*.yaml, *.yml, *.rules) here")
        elif p.exists():
            yield p
        else:
            yield RuleFileError(str(raw), "no such file or directory")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value)


def _groups(doc: object) -> list[Any] | None:
    """The rule groups of one YAML document, or None when it holds none."""
    if not isinstance(doc, Mapping):
        return None
    if str(doc.get("kind", "")) == "List" and isinstance(doc.get("items"), list):
        out: list[Any] = []
        for item in doc["items"]:
            out.extend(_groups(item) or [])
        return out
    spec = doc.get("spec")
    if isinstance(spec, Mapping) and isinstance(spec.get("groups"), list):
        return list(spec["groups"])
    if isinstance(doc.get("groups"), list):
        return list(doc["groups"])
    return None


def _alert(rule: Mapping[str, Any], group: str | None, file: str) -> Alert:
    labels = rule.get("labels") if isinstance(rule.get("labels"), Mapping) else {}
    annotations = rule.get("annotations") if isinstance(rule.get("annotations"), Mapping) else {}
    assert isinstance(labels, Mapping) and isinstance(annotations, Mapping)
    str_labels = {str(k): _text(v) or "" for k, v in labels.items()}
    str_ann = {str(k): _text(v) or "" for k, v in annotations.items()}
    link = link_key = None
    for key in LINK_KEYS:
        if key in str_ann:
            link, link_key = str_ann[key].strip(), key
            break
    return Alert(
        name=str(rule.get("alert", "")).strip(), file=file,
        line=getattr(rule, "line", 0), group=group, severity=str_labels.get("severity"),
        expr=_text(rule.get("expr")) or "", duration=_text(rule.get("for")),
        summary=str_ann.get("summary") or str_ann.get("message"),
        description=str_ann.get("description"), link=link, link_key=link_key,
        labels=str_labels, annotations=str_ann)


def _yaml_error(file: str, exc: yaml.YAMLError) -> RuleFileError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    where = f"line {line}: " if line else ""
    return RuleFileError(file, f"not valid YAML ({where}{problem}); a Helm or other template "
                               "must be rendered first", line)


def read_rule_file(path: Path, display: str | None = None) -> tuple[list[Alert], list[
        RuleFileError]]:
    """The alerting rules of one file, and what went wrong reading it (if anything)."""
    name = display if display is not None else str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [RuleFileError(name, "no such file or directory")]
    except UnicodeDecodeError:
        return [], [RuleFileError(name, "not UTF-8 text")]
    except OSError as exc:
        return [], [RuleFileError(name, f"cannot read: {exc.strerror or exc}")]
    alerts: list[Alert] = []
    errors: list[RuleFileError] = []
    found_groups = False
    try:
        for doc in yaml.load_all(text, Loader=_Loader):  # a SafeLoader subclass
            groups = _groups(doc)
            if groups is None:
                continue
            found_groups = True
            for group in groups:
                if not isinstance(group, Mapping) or not isinstance(group.get("rules"), list):
                    continue
                gname = _text(group.get("name"))
                for rule in group["rules"]:
                    if isinstance(rule, Mapping) and rule.get("alert"):
                        alerts.append(_alert(rule, gname, name))
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(name, exc))
        return alerts, errors
    if not found_groups:
        errors.append(RuleFileError(name, "no Prometheus rule groups (neither 'groups:' nor a "
                                          "PrometheusRule 'spec.groups:')"))
    return alerts, errors


def load_rules(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Alert], list[
        RuleFileError]]:
    """Every alert of every rule file under ``paths``; unreadable files are collected.

    In a folder, YAML files that hold no rule groups (other manifests) are skipped quietly;
    a file named explicitly must hold rule groups.
    """
    alerts: list[Alert] = []
    errors: list[RuleFileError] = []
    explicit = {Path(p) for p in paths if not Path(p).is_dir()}
    for item in iter_rule_files(paths):
        if isinstance(item, RuleFileError):
            errors.append(item)
            continue
        found, problems = read_rule_file(item)
        alerts.extend(found)
        if item not in explicit:
            problems = [e for e in problems if not e.message.startswith("no Prometheus rule")]
        errors.extend(problems)
    return alerts, errors

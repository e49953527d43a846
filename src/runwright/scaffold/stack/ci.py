"""How the repository deploys itself from CI or make: GitHub Actions and GitLab CI jobs (their
trigger, environment and deploy commands) and Makefile targets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from runwright.scaffold.stack.files import get, mappings, strings, text, yaml_mapping
from runwright.scaffold.stack.model import DeployPath

DEPLOY_COMMAND = re.compile(
    r"^\s*(?:\w+=\S*\s+)*(?:sudo\s+)?(?:"
    r"kubectl\s+(?:.*\s)?(?:apply|set\s+image|rollout\s+restart|replace)\b"
    r"|kustomize\s+edit\s+set\s+image\b"
    r"|helm\s+(?:.*\s)?(?:upgrade|install)\b|helmfile\s+(?:.*\s)?(?:apply|sync)\b"
    r"|docker[- ]compose\s+(?:.*\s)?(?:up|pull)\b|docker\s+stack\s+deploy\b"
    r"|argocd\s+app\s+(?:sync|set)\b|flux\s+reconcile\b"
    r"|ansible-playbook\b|ssh\s|rsync\s|git\s+push\b|make\s+\S*deploy|skaffold\s+(?:run|deploy)\b"
    r"|systemctl\s+(?:restart|reload)\b)")


@dataclass(frozen=True)
class Job:
    path: DeployPath
    environment: str | None


def _commands(script: Any) -> list[str]:
    out: list[str] = []
    for block in strings(script):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def is_deploy(command: str) -> bool:
    return any(DEPLOY_COMMAND.search(part) for part in re.split(r"&&|;", command))


def _github_trigger(on: Any) -> str:
    if isinstance(on, str):
        return f"{on}"
    if isinstance(on, list):
        return ", ".join(strings(on))
    if not isinstance(on, dict):
        return "unknown trigger"
    parts: list[str] = []
    push = on.get("push")
    if isinstance(push, dict):
        tags = strings(push.get("tags"))
        branches = strings(push.get("branches"))
        if tags:
            parts.append("push of tags " + ", ".join(tags))
        if branches:
            parts.append("push to " + ", ".join(branches))
        if not tags and not branches:
            parts.append("push")
    elif "push" in on:
        parts.append("push")
    for event in ("release", "workflow_dispatch", "workflow_run", "schedule", "pull_request"):
        if event in on:
            parts.append({"workflow_dispatch": "manual run (workflow_dispatch)",
                          "release": "release published"}.get(event, event))
    return ", ".join(parts) or "unknown trigger"


def tag_patterns(on: Any) -> list[str]:
    """The tag patterns a GitHub workflow's push trigger names."""
    return strings(get(on, "push", "tags")) if isinstance(on, dict) else []


def github_jobs(rel: str, content: str) -> tuple[list[Job], list[str]]:
    """Deploy jobs of a GitHub Actions workflow, and its push tag patterns."""
    data = yaml_mapping(content)
    on = data["on"] if "on" in data else dict(data).get(True)  # type: ignore[call-overload]
    # (PyYAML reads a bare `on:` key as the boolean True)
    trigger = _github_trigger(on)
    out: list[Job] = []
    jobs = data.get("jobs") if isinstance(data.get("jobs"), dict) else {}
    assert isinstance(jobs, dict)
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            continue
        env = job.get("environment")
        env_name = text(get(env, "name")) if isinstance(env, dict) else text(env)
        commands: list[str] = []
        for step in mappings(job.get("steps")):
            cwd = text(step.get("working-directory"))
            for line in _commands(step.get("run")):
                commands.append(f"cd {cwd} && {line}" if cwd else line)
        if not any(is_deploy(c) for c in commands) and not env_name:
            continue
        when = text(job.get("if")) or ""
        branches = strings(get(on, "push", "branches")) if isinstance(on, dict) else []
        job_trigger = trigger
        heads = re.findall(r"refs/heads/([A-Za-z0-9._/-]+)", when)
        if heads:  # the job runs on a branch push only
            job_trigger, branches = "push to " + ", ".join(heads), heads
        elif "refs/tags" in when and tag_patterns(on):
            job_trigger, branches = "push of tags " + ", ".join(tag_patterns(on)), []
        out.append(Job(DeployPath("ci", "github", f"{rel.rsplit('/', 1)[-1]} job {job_id}",
                                  job_trigger + (f" (if: {when})" if when else ""),
                                  tuple(commands), rel, workflow=rel.rsplit("/", 1)[-1],
                                  branch=branches[0] if len(branches) == 1 else None,
                                  url=text(get(env, "url")) if isinstance(env, dict)
                                  else None),
                       env_name))
    return out, tag_patterns(on)


_GITLAB_KEYWORDS = frozenset({"stages", "variables", "include", "default", "workflow",
                              "image", "services", "before_script", "after_script", "cache"})


def _gitlab_trigger(job: dict[str, Any]) -> str:
    only = strings(job.get("only")) or strings(get(job, "only", "refs"))
    parts = []
    if "tags" in only:
        parts.append("push of tags")
    parts.extend(f"push to {b}" for b in only if b not in ("tags",))
    for rule in mappings(job.get("rules")):
        cond = text(rule.get("if"))
        if cond:
            parts.append(f"rule {cond}" + (" (manual)" if rule.get("when") == "manual"
                                           else ""))
    if job.get("when") == "manual":
        parts.append("manual")
    return ", ".join(parts) or "every pipeline"


def gitlab_jobs(rel: str, content: str) -> list[Job]:
    data = yaml_mapping(content)
    out: list[Job] = []
    for job_id, job in data.items():
        if not isinstance(job, dict) or str(job_id) in _GITLAB_KEYWORDS or \
                str(job_id).startswith("."):
            continue
        env = job.get("environment")
        env_name = text(get(env, "name")) if isinstance(env, dict) else text(env)
        commands = _commands(job.get("script"))
        if not any(is_deploy(c) for c in commands) and not env_name:
            continue
        out.append(Job(DeployPath("ci", "gitlab", f"{rel} job {job_id}", _gitlab_trigger(job),
                                  tuple(commands), rel), env_name))
    return out


_TARGET = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)\s*:(?!=)([^\n]*)$")


def make_targets(rel: str, content: str) -> list[DeployPath]:
    """Makefile targets whose recipe deploys (or that are named like deploy/release)."""
    out: list[DeployPath] = []
    current: str | None = None
    recipe: list[str] = []

    def flush() -> None:
        if current and not current.startswith(".") and (
                any(is_deploy(c) for c in recipe) or re.search(r"deploy|release|rollout",
                                                              current)):
            out.append(DeployPath("make", "make", current, f"make {current}",
                                  tuple(recipe), rel))

    for line in content.splitlines():
        if line.startswith("\t"):
            if current:
                cmd = line.strip().lstrip("@-").strip()
                if cmd:
                    recipe.append(cmd)
            continue
        m = _TARGET.match(line)
        if m:
            flush()
            current, recipe = m.group(1), []
        elif line.strip() and not line.startswith("#"):
            flush()
            current, recipe = None, []
    flush()
    return out

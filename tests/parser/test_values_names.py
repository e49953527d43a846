"""Unit tests of the value readers, fence attributes and section/field names, as tables."""

from __future__ import annotations

import datetime as dt

import pytest

from runwright import names
from runwright.model import Duration
from runwright.parser import parse
from runwright.parser.fence import parse_info
from runwright.parser.values import parse_date, parse_duration, parse_interval_days, parse_owners


@pytest.mark.parametrize(("text", "want"), [
    ("2026-01-15", dt.date(2026, 1, 15)),
    ("2026-01-15T10:00:00Z", dt.date(2026, 1, 15)),
    (" 2026-11-02 ", dt.date(2026, 11, 2)),
    ("2026-02-30", None),
    ("15/01/2026", None),
    ("YYYY-MM-DD", None),
    ("", None),
])
def test_parse_date(text: str, want: dt.date | None) -> None:
    assert parse_date(text) == want


@pytest.mark.parametrize(("text", "low", "high"), [
    ("15-30 minutes", 15, 30),
    ("15 à 30 minutes", 15, 30),
    ("10 to 20 min", 10, 20),
    ("1h30", 90, 90),
    ("2 heures", 120, 120),
    ("~10 min", 10, 10),
    ("environ 45 min", 45, 45),
    ("30 s à 2 min", 0.5, 2),
    ("1-2h", 60, 120),
    ("1 jour", 1440, 1440),
])
def test_parse_duration(text: str, low: float, high: float) -> None:
    assert parse_duration(text) == Duration(low=low, high=high)


@pytest.mark.parametrize("text", ["X minutes", "30", "a while", "30-10 minutes", ""])
def test_parse_duration_rejects(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(("text", "want"), [
    ("@team / @person", ("@team", "@person")),
    ("@web, @ops", ("@web", "@ops")),
    ("Platform team et @alice", ("Platform team", "@alice")),
    ("`@sre`", ("@sre",)),
    ("", ()),
])
def test_parse_owners(text: str, want: tuple[str, ...]) -> None:
    assert parse_owners(text) == want


@pytest.mark.parametrize(("value", "days"), [
    (90, 90), ("90d", 90), ("90 days", 90), ("3 months", 90), ("6 mois", 180),
    ("2 semaines", 14), ("quarterly", 90), ("trimestriel", 90), ("1y", 365),
    ("soon", None), (0, None), (True, None), ("-3d", None),
])
def test_parse_interval_days(value: object, days: int | None) -> None:
    assert parse_interval_days(value) == days


@pytest.mark.parametrize(("info", "language", "attrs", "problem"), [
    ("bash", "bash", {}, False),
    ("bash {id=ci-green timeout=60s confirm}", "bash",
     {"id": "ci-green", "timeout": "60s", "confirm": True}, False),
    ('sh {cwd="/srv/my app" capture=TAG skip-test}', "sh",
     {"cwd": "/srv/my app", "capture": "TAG", "skip-test": True}, False),
    ("bash {watch, readonly}", "bash", {"watch": True, "readonly": True}, False),
    ("expect {exit=2}", "expect", {"exit": "2"}, False),
    ("Bash", "bash", {}, False),
    ("console # note", "console", {}, False),
    ("!bash", "!bash", {}, False),
    ("8sh", "8sh", {}, False),
    ("{manual}", None, {"manual": True}, False),
    ("bash {confirm", "bash", {"confirm": True}, True),
    ("", None, {}, False),
])
def test_fence_info(info: str, language: str | None, attrs: dict[str, object],
                    problem: bool) -> None:
    got_lang, got_attrs, got_problem = parse_info(info)
    assert (got_lang, got_attrs, got_problem is not None) == (language, attrs, problem)


def test_fence_info_results_are_independent_copies() -> None:
    first = parse_info("bash {confirm}")[1]
    first["confirm"] = False
    assert parse_info("bash {confirm}")[1] == {"confirm": True}


@pytest.mark.parametrize(("title", "canonical", "lang"), [
    ("Procédure", "procedure", None),  # accents ignored: the same word as "Procedure"
    ("🚀 Étapes :", "procedure", "fr"),
    ("RUNBOOK STEPS", "procedure", "en"),
    ("Pré-requis", "prerequisites", "fr"),
    ("Before you begin", "prerequisites", "en"),
    ("Rollback", "rollback", None),
    ("Retour arrière", "rollback", "fr"),
    ("Dépannage", "troubleshooting", "fr"),
    ("Meaning", "meaning", "en"),
    ("Possible checks", "diagnosis", "en"),
    ("Contacts", "contacts", None),
    ("Deploy", None, None),
])
def test_section_names(title: str, canonical: str | None, lang: str | None) -> None:
    hit = names.section_canonical(title)
    assert (hit[0] if hit else None, hit[1] if hit else None) == (canonical, lang)


@pytest.mark.parametrize(("label", "canonical"), [
    ("Dernière mise à jour", "last_updated"), ("LAST UPDATED", "last_updated"),
    ("Responsable", "owner"), ("Temps estimé", "estimated_time"),
    ("Fréquence", "frequency"), ("Review interval", "review_interval"), ("Colour", None),
])
def test_field_names(label: str, canonical: str | None) -> None:
    hit = names.field_canonical(label)
    assert (hit[0] if hit else None) == canonical


@pytest.mark.parametrize(("label", "role"), [
    ("On-call", "on_call"), ("Astreinte", "on_call"), ("Escalade", "escalation"),
    ("Escalation path", "escalation"), ("Incident channel", "incident_channel"),
])
def test_contact_roles(label: str, role: str) -> None:
    assert names.contact_role(label) == role


@pytest.mark.parametrize(("value", "key"), [
    ("À chaque release", "every-release"), ("Quotidien", "daily"), ("Hebdo", "weekly"),
    ("À la demande", "on-demand"), ("On demand", "on-demand"), ("whenever", None),
])
def test_frequency(value: str, key: str | None) -> None:
    assert names.frequency_key(value) == key


@pytest.mark.parametrize(("text", "slug"), [
    ("Step 1: Check CI!", "step-1-check-ci"),
    ("Étape 1 : Vérifier", "étape-1--vérifier"),
    ("🚀 Deploy (prod)", "-deploy-prod"),
    ("C++ & Go_x-y", "c--go_x-y"),
])
def test_github_slug(text: str, slug: str) -> None:
    assert names.github_slug(text) == slug


def test_duplicate_headings_get_numbered_anchors() -> None:
    rb = parse("# T\n\n## Notes\n\n## Notes\n\n## Notes\n")
    assert [s.anchor for s in rb.sections] == ["t", "notes", "notes-1", "notes-2"]


@pytest.mark.parametrize(("heading", "number", "title"), [
    ("### Étape 1: Vérifier", 1, "Vérifier"),
    ("### Step 2 - Deploy", 2, "Deploy"),
    ("### 3. Watch", 3, "Watch"),
    ("### Step 4", 4, ""),
    ("### Etape 12 : Fin", 12, "Fin"),
])
def test_step_headings(heading: str, number: int, title: str) -> None:
    rb = parse(f"# T\n\n## Procedure\n\n{heading}\n\n```bash\ntrue\n```\n")
    assert [(s.number, s.title) for s in rb.steps] == [(number, title)]


def test_problems_carry_their_line() -> None:
    text = ("---\nkey: [unclosed\n---\n\n# T\n\n## Procédure\n\n### Étape deux: x\n\n"
            "```bash\necho\n")
    rb = parse(text)
    found = {(p.line, p.message.split(" ")[0]) for p in rb.problems}
    assert (11, "code") in found
    # A step number that is not a number is kept as written; lint reports it (RW302), the
    # parser read the heading as intended.
    assert not any(p.message.startswith("step") for p in rb.problems)
    assert (rb.steps[0].number, rb.steps[0].number_text) == (None, "deux")
    assert any(p.message.startswith("front matter is not valid YAML") and 2 <= p.line <= 3
               for p in rb.problems)


def test_inline_text_matches_markdown_semantics() -> None:
    rb = parse("# T\n\n## Prérequis\n\n- [ ] Accès **admin** au `cluster`\n"
               "- [x] VPN &amp; SSO\n- [ ] \\*pas\\* d'emphase\n")
    assert [(p.text, p.checked) for p in rb.prerequisites] == [
        ("Accès admin au cluster", False), ("VPN & SSO", True), ("*pas* d'emphase", False)]
    assert rb.prerequisites[0].inline_code == ("cluster",)


def test_a_template_front_matter_is_not_broken_yaml() -> None:
    """A Hugo archetype or a cookiecutter file becomes YAML once filled in: not a problem."""
    hugo = parse('---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n\n'
                 "# T\n")
    assert hugo.problems == () and hugo.front_matter == {}
    jinja = parse("---\n{% if owner %}owner: {{ owner }}{% endif %}\nkey: [x\n---\n\n# T\n")
    assert jinja.problems == ()
    filled = parse('---\ntitle: "{{ .Name }}"\n---\n\n# T\n')  # valid YAML: read as YAML
    assert filled.front_matter == {"title": "{{ .Name }}"}
    broken = parse("---\nkey: [unclosed\n---\n\n# T\n")  # no template markup: still reported
    assert any(p.message.startswith("front matter is not valid YAML") for p in broken.problems)

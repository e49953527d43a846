"""``runwright site build`` end to end through the real entry point."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import html5lib
import pytest

from .conftest import XSS_RUNBOOK

SUMMARY = re.compile(r"(\d+) runbook page\(s\): (\d+) built, (\d+) unchanged, (\d+) removed")


def _counts(stdout: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(stdout)
    assert m, stdout
    pages, built, unchanged, removed = (int(g) for g in m.groups())
    return pages, built, unchanged, removed


def _valid_html(path: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(path.read_bytes())


def test_build_lays_out_the_site(cli, sample_repo: Path) -> None:
    r = cli("site", "build", cwd=sample_repo)
    assert r.returncode == 0, r.stderr
    assert _counts(r.stdout) == (2, 2, 0, 0)
    out = sample_repo / "_site"
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [".runwright-site.json", "assets/search-index.js", "assets/site.css",
                     "assets/site.js", "deployment/deploy-production.html", "incidents/"
                     "database-down.html", "index.html"]
    for page in out.rglob("*.html"):
        _valid_html(page)


def test_runbook_page_content(cli, sample_repo: Path) -> None:
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    page = (sample_repo / "_site/deployment/deploy-production.html").read_text()
    assert "<title>Deploy to production · Platform runbooks</title>" in page
    # heading anchors (GitHub slugs) and numbered steps
    assert '<h3 id="step-1-check-ci-is-green" class="step">' in page
    assert '<span class="step-no" aria-hidden="true">2</span>Roll out the new image' in page
    assert '<h3 id="error-imagepullbackoff">' in page
    # metadata panel, badges and contacts box
    assert "<dt>Owner</dt><dd>@devops-team</dd>" in page
    assert "<dt>Estimated time</dt><dd>15-30 minutes</dd>" in page
    assert 'class="badge tested-never"' in page
    assert "<li><strong>Escalation</strong> @cto</li>" in page
    # the Information section is the panel, not repeated in the body
    assert 'id="information"' not in page
    # copy buttons: transcript prompt and output stripped; attributes shown
    assert ('data-copy="kubectl set image deployment/app app=registry.example.com/app:&quot;'
            '$VERSION&quot; -n production"') in page
    assert page.count('class="copy"') == 6
    assert '<span class="attr danger">confirm</span>' in page
    # tickable checklists, links to other runbooks become page links
    assert page.count('<input class="task-list-item-checkbox" type="checkbox">') == 4
    assert 'href="../incidents/database-down.html#diagnosis"' in page
    db = (sample_repo / "_site/incidents/database-down.html").read_text()
    assert "<code>PostgresDown</code>" in db  # alerts named in front matter
    assert "<details>\n<summary>Why <b>not</b> restart right away?</summary>" in db
    assert "internal note" not in db  # HTML comments are dropped


def test_home_page_catalogue(cli, sample_repo: Path) -> None:
    r = cli("site", "build", cwd=sample_repo, env={"RUNWRIGHT_TODAY": "2026-02-01"})
    assert r.returncode == 0, r.stderr
    home = (sample_repo / "_site/index.html").read_text()
    assert '<section class="category" id="cat-deployment"' in home
    assert '<section class="category" id="cat-incidents"' in home
    assert home.index("cat-deployment") < home.index("cat-incidents")
    row = re.search(r'<tr data-category="deployment"[^>]*>', home)
    assert row and 'data-owners="@devops-team"' in row.group(0)
    assert 'data-fresh="fresh"' in row.group(0) and 'data-tested="never"' in row.group(0)
    assert re.search(r'data-category="incidents"[^>]*data-fresh="stale"', home)
    assert '<option value="@sre">@sre</option>' in home
    assert "2 runbooks · 1 stale · 2 never tested" in home


def test_search_index_is_a_script(cli, sample_repo: Path) -> None:
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    text = (sample_repo / "_site/assets/search-index.js").read_text()
    prefix = "window.RUNWRIGHT_SEARCH="
    assert text.startswith(prefix)
    data = json.loads(text[len(prefix):].rstrip().rstrip(";"))
    deploy = next(d for d in data if d["u"] == "deployment/deploy-production.html")
    assert ["ImagePullBackOff", "error-imagepullbackoff"] in deploy["e"]
    assert ["kubectl rollout undo deployment/app -n production", "if-step-2-fails"] in \
        deploy["k"]
    assert ["Check CI is green", "step-1-check-ci-is-green"] not in deploy["h"]
    assert ["Step 1: Check CI is green", "step-1-check-ci-is-green"] in deploy["h"]
    assert "Information" not in [h for h, _ in deploy["h"]]


def test_incremental_build(cli, sample_repo: Path) -> None:
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    out = sample_repo / "_site"
    deploy = out / "deployment/deploy-production.html"
    db = out / "incidents/database-down.html"
    old = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*") if p.is_file()}
    os.utime(deploy, ns=(1_000_000_000, 1_000_000_000))  # so any rewrite shows
    os.utime(db, ns=(1_000_000_000, 1_000_000_000))

    r = cli("site", "build", cwd=sample_repo)
    assert _counts(r.stdout) == (2, 0, 2, 0)
    assert deploy.stat().st_mtime_ns == 1_000_000_000 == db.stat().st_mtime_ns
    assert {p: p.read_bytes() for p in old} == {p: v[1] for p, v in old.items()}

    source = sample_repo / "docs/runbooks/incidents/database-down.md"
    source.write_text(source.read_text() + "\nOne more line.\n")
    r = cli("site", "build", cwd=sample_repo)
    assert _counts(r.stdout) == (2, 1, 1, 0)
    assert deploy.stat().st_mtime_ns == 1_000_000_000
    assert "One more line." in db.read_text()

    # What a page shows besides its source (here: the freshness badge) also counts.
    r = cli("site", "build", cwd=sample_repo, env={"RUNWRIGHT_TODAY": "2026-02-01"})
    assert _counts(r.stdout) == (2, 1, 1, 0)
    assert 'class="badge fresh-fresh"' in deploy.read_text()

    source.unlink()
    r = cli("site", "build", cwd=sample_repo, env={"RUNWRIGHT_TODAY": "2026-02-01"})
    # The deploy page links to the removed runbook: that link changes, so it is rebuilt.
    assert _counts(r.stdout) == (1, 1, 0, 1)
    assert 'href="../incidents/database-down.md#diagnosis"' in deploy.read_text()
    assert not db.exists() and not db.parent.exists()
    assert "database-down" not in (out / "index.html").read_text()


def test_template_change_rebuilds(cli, sample_repo: Path) -> None:
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    manifest = sample_repo / "_site/.runwright-site.json"
    data = json.loads(manifest.read_text())
    data["format"] = "0"  # as left by another runwright version
    manifest.write_text(json.dumps(data))
    assert _counts(cli("site", "build", cwd=sample_repo).stdout) == (2, 2, 0, 0)


def test_out_base_url_and_title_options(cli, sample_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    r = cli("site", "build", str(sample_repo), "--out", str(out), "--title", "Ops <b>",
            "--base-url", "https://runbooks.example.com/ops")
    assert r.returncode == 0, r.stderr
    page = (out / "incidents/database-down.html").read_text()
    assert ('<link rel="canonical" href="https://runbooks.example.com/ops/incidents/'
            'database-down.html">') in page
    assert "<title>Database down · Ops &lt;b&gt;</title>" in page
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://runbooks.example.com/ops/deployment/deploy-production.html</loc>" in \
        sitemap


def test_a_plain_folder_is_published_as_it_is(cli, tmp_path: Path) -> None:
    folder = tmp_path / "runbooks"
    (folder / "db").mkdir(parents=True)
    (folder / "db" / "restore.md").write_text("# Restore\n\n```bash\npg_restore x\n```\n")
    (folder / "top.md").write_text("# Top\n")
    r = cli("site", "build", str(folder), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out/db/restore.html").is_file()
    assert (tmp_path / "out/top.html").is_file()
    assert 'id="cat-other"' in (tmp_path / "out/index.html").read_text()


def test_xss_runbook_page_is_valid_and_inert(cli, tmp_path: Path) -> None:
    (tmp_path / "xss.md").write_text(XSS_RUNBOOK)
    r = cli("site", "build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    page = tmp_path / "out/xss.html"
    _valid_html(page)
    doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    scripts = [el.get("src") for el in doc.iter("script")]
    assert scripts == ["assets/search-index.js", "assets/site.js?v=" + scripts[1].split(
        "=")[-1]]  # only our own scripts
    for el in doc.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)
    index = (tmp_path / "out/assets/search-index.js").read_text()
    assert "</script" not in index and "<\\/script>" in index  # "</" escaped in the script


def test_unreadable_runbook_is_reported_others_built(cli, sample_repo: Path) -> None:
    bad = sample_repo / "docs/runbooks/incidents/broken.md"
    bad.write_bytes(b"# Broken \xff\xfe title\n")
    r = cli("site", "build", cwd=sample_repo)
    assert r.returncode == 2
    assert "Error: docs/runbooks/incidents/broken.md:1:10: not valid UTF-8" in r.stderr
    assert "Traceback" not in r.stderr
    assert _counts(r.stdout)[:2] == (2, 2)


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(cli, sample_repo: Path) -> None:
    precious = sample_repo / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    r = cli("site", "build", "--out", "precious", cwd=sample_repo)
    assert r.returncode == 2
    assert "is not a runwright site; refusing to write into it" in r.stderr
    assert [p.name for p in precious.iterdir()] == ["notes.txt"]
    r = cli("site", "build", "--out", ".", cwd=sample_repo)
    assert r.returncode == 2 and "would contain the runbooks" in r.stderr


def test_missing_root_is_an_error(cli, tmp_path: Path) -> None:
    r = cli("site", "build", str(tmp_path / "nope"))
    assert r.returncode == 2
    assert "Error:" in r.stderr and "nope" in r.stderr and "Traceback" not in r.stderr


def test_config_site_section(cli, sample_repo: Path) -> None:
    (sample_repo / "runwright.toml").write_text(
        '[site]\ntitle = "From config"\nout = "public"\nbase_url = "https://x.example/"\n')
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    home = (sample_repo / "public/index.html").read_text()
    assert "<h1>From config</h1>" in home
    assert '<link rel="canonical" href="https://x.example/">' in home
    (sample_repo / "runwright.toml").write_text('[site]\ntittle = "x"\n')
    r = cli("site", "build", cwd=sample_repo)
    assert r.returncode == 2 and "did you mean 'title'?" in r.stderr


def test_public_corpus_builds_as_valid_html(cli, shared_corpus: Path, tmp_path: Path) -> None:
    for repo in sorted(p for p in shared_corpus.iterdir() if p.is_dir()):
        out = tmp_path / repo.name
        r = cli("site", "build", str(repo), "--out", str(out), "-q")
        assert r.returncode in (0, 2), r.stderr
        assert "Traceback" not in r.stderr
        for page in out.rglob("*.html") if out.exists() else ():
            _valid_html(page)


@pytest.mark.parametrize("many", [70])
def test_parallel_build_matches_serial(cli, tmp_path: Path, many: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(many):
        (folder / f"rb-{i:03}.md").write_text(f"# Runbook {i}\n\n## Procedure\n\n### Step 1: "
                                              f"Go\n```bash\necho {i}\n```\n")
    r = cli("site", "build", str(folder), "--out", str(tmp_path / "out"))
    assert _counts(r.stdout) == (many, many, 0, 0)
    page = (tmp_path / "out/rb-042.html").read_text()
    assert "echo 42" in page and '<span class="step-no" aria-hidden="true">1</span>Go' in page


def test_alerts_pointing_to_a_runbook(cli, sample_repo: Path) -> None:
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    db = sample_repo / "_site/incidents/database-down.html"
    text = db.read_text()
    assert ('<a href="#diagnosis"><code>PostgresUnreachable</code></a> <span class="badge sev '
            'sev-critical">critical</span><br>PostgreSQL does not answer<br><small>'
            'monitoring/rules.yaml:4</small>') in text
    assert "PostgresUnreachable" not in \
        (sample_repo / "_site/deployment/deploy-production.html").read_text()
    # A new alert pointing at the page rebuilds that page only.
    rules = sample_repo / "monitoring/rules.yaml"
    rules.write_text(rules.read_text() + """\
      - alert: PostgresReplicationLag
        expr: pg_replication_lag > 30
        labels:
          severity: warning
        annotations:
          runbook_url: docs/runbooks/incidents/database-down.md
""")
    r = cli("site", "build", cwd=sample_repo)
    assert _counts(r.stdout) == (2, 1, 1, 0)
    assert "<code>PostgresReplicationLag</code>" in db.read_text()


def test_last_tested_badge_from_the_journal(cli, tmp_path: Path) -> None:
    repo = tmp_path / "team"
    folder = repo / "docs/runbooks/maintenance"
    folder.mkdir(parents=True)
    (repo / ".git").mkdir()
    (folder / "echo.md").write_text("# Runbook: Echo\n\n## Procedure\n\n### Step 1: Say hello\n"
                                    "```bash\necho hello\n```\n```expect\nhello\n```\n")
    r = cli("site", "build", cwd=repo)
    assert 'data-tested="never"' in (repo / "_site/index.html").read_text()
    r = cli("test", "docs/runbooks/maintenance/echo.md", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    r = cli("site", "build", cwd=repo)
    assert _counts(r.stdout) == (1, 1, 0, 0)  # the badge changed: the page is rebuilt
    home = (repo / "_site/index.html").read_text()
    assert 'data-tested="passed"' in home
    assert re.search(r'class="badge tested-passed" title="Last test passed on '
                     r'\d{4}-\d\d-\d\d \(run [\w-]+\)">tested \d{4}-\d\d-\d\d<', home)
    assert 'class="badge tested-passed"' in \
        (repo / "_site/maintenance/echo.html").read_text()


def test_local_images_are_copied_next_to_their_pages(cli, tmp_path: Path) -> None:
    folder = tmp_path / "books"
    (folder / "incidents/img").mkdir(parents=True)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    (folder / "incidents/img/flow.png").write_bytes(png)
    (folder / "incidents/img/evil.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "outside.png").write_bytes(png)
    runbook = folder / "incidents/flow.md"
    runbook.write_text("# Flow\n\n![flow](img/flow.png) ![svg](img/evil.svg) "
                       "![out](../../outside.png) ![remote](https://example.com/x.png)\n")
    out = tmp_path / "out"
    assert cli("site", "build", str(folder), "--out", str(out)).returncode == 0
    assert (out / "incidents/img/flow.png").read_bytes() == png
    assert '<img src="img/flow.png" alt="flow"' in (out / "incidents/flow.html").read_text()
    assert not (out / "incidents/img/evil.svg").exists()
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.png")] == \
        ["incidents/img/flow.png"]  # nothing from outside the runbook folder
    runbook.write_text("# Flow\n\nNo picture any more.\n")
    assert cli("site", "build", str(folder), "--out", str(out)).returncode == 0
    assert not (out / "incidents/img/flow.png").exists()


def test_no_runbooks_is_a_warning(cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = cli("site", "build", "empty", "--out", "out")
    assert r.returncode == 0
    assert "Warning: no runbooks found" in r.stderr
    _valid_html(tmp_path / "out/index.html")
    assert "No runbooks found." in (tmp_path / "out/index.html").read_text()


def test_a_paragraph_left_open_before_a_code_block_still_gives_valid_html(
        cli, sample_repo: Path) -> None:
    runbook = sample_repo / "docs/runbooks/incidents/open-p.md"
    runbook.write_text("# Open paragraph\n\n## Steps\n\n<p>Run this:\n\n```bash\necho hi\n```\n\n"
                       "<div><span>unclosed\n\n- item <b>bold\n\n</td></table>stray\n",
                       encoding="utf-8")
    r = cli("site", "build", cwd=sample_repo)
    assert r.returncode == 0, r.stderr
    for page in (sample_repo / "_site").rglob("*.html"):
        _valid_html(page)


def test_pages_carry_a_content_security_policy(cli, sample_repo: Path) -> None:
    def policy() -> str:
        doc = html5lib.parse((sample_repo / "_site/incidents/database-down.html").read_bytes(),
                             namespaceHTMLElements=False)
        metas = [m.get("content") for m in doc.iter("meta")
                 if m.get("http-equiv") == "Content-Security-Policy"]
        assert len(metas) == 1
        return str(metas[0])

    assert cli("site", "build", cwd=sample_repo).returncode == 0
    assert "img-src 'self';" in policy() and "script-src 'self'" in policy()
    config = sample_repo / "runwright.toml"
    text = config.read_text(encoding="utf-8")
    if "[site]" not in text:
        text += "\n[site]\n"
    config.write_text(text.replace("[site]", "[site]\nremote_images = true", 1),
                      encoding="utf-8")
    assert cli("site", "build", cwd=sample_repo).returncode == 0
    assert "img-src 'self' https:;" in policy()


def test_table_alignment_survives_the_content_security_policy(cli, tmp_path: Path) -> None:
    """The page's CSP refuses style attributes: aligned columns use site.css classes."""
    (tmp_path / "t.md").write_text("# T\n\n| host | free |\n|:-----|-----:|\n| db1 | 12% |\n")
    r = cli("site", "build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    doc = html5lib.parse((tmp_path / "out/t.html").read_bytes(), namespaceHTMLElements=False)
    cells = [(el.tag, el.get("class")) for el in doc.iter() if el.tag in ("th", "td")]
    assert cells == [("th", "align-left"), ("th", "align-right"), ("td", "align-left"),
                     ("td", "align-right")]
    assert not [el for el in doc.iter() if el.get("style") is not None]
    css = (tmp_path / "out/assets/site.css").read_text()
    assert ".align-right { text-align: right; }" in css

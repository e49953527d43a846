"""The built site in headless Chromium (Debian's chromium, driven by Playwright).

Skips when chromium is not installed (``scripts/ensure-test-packages.sh`` installs it).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runwright.config import load_config
from runwright.site import build_site

from .conftest import FIXTURES, XSS_RUNBOOK

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]
DEPLOY = "deployment/deploy-production.html"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("browser") / "repo"
    shutil.copytree(FIXTURES / "repo", repo)
    (repo / "docs/runbooks/incidents/xss.md").write_text(XSS_RUNBOOK, encoding="utf-8")
    config = load_config(repo / "runwright.toml")
    report = build_site(repo, config)
    assert report.pages == 3 and not report.errors
    return report.out


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The site served over http://127.0.0.1 (the clipboard API needs a secure context)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/ensure-test-packages.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors  # no JavaScript errors on any page


def test_search_finds_a_runbook_from_a_troubleshooting_error(page: Any, base_url: str) -> None:
    page.goto(base_url + "index.html")
    page.fill("#rw-search", "too many connections")
    first = page.locator("#rw-results li a").first
    first.wait_for()
    assert first.locator(".r-title").inner_text() == "Database down"
    assert first.locator(".r-kind").text_content() == "error"
    assert first.get_attribute("href").endswith(
        "incidents/database-down.html#error-fatal-too-many-connections-for-role-app")
    page.press("#rw-search", "Enter")
    page.wait_for_url("**/incidents/database-down.html#error-fatal-*")
    assert page.locator("h3#error-fatal-too-many-connections-for-role-app").is_visible()


def test_search_by_command_and_no_match(page: Any, base_url: str) -> None:
    page.goto(base_url + DEPLOY)
    page.fill("#rw-search", "rollout undo")
    first = page.locator("#rw-results li a").first
    first.wait_for()
    assert first.get_attribute("href") == "../deployment/deploy-production.html#if-step-2-fails"
    page.fill("#rw-search", "zzzz-nothing-like-this")
    assert page.locator("#rw-results .r-none").inner_text().startswith("No runbook matches")


def test_search_works_from_file_urls(page: Any, site_dir: Path) -> None:
    page.goto((site_dir / DEPLOY).as_uri())
    page.fill("#rw-search", "ImagePullBackOff")
    first = page.locator("#rw-results li a").first
    first.wait_for()
    assert first.locator(".r-title").inner_text() == "Deploy to production"
    first.click()
    page.wait_for_url("**/deploy-production.html#error-imagepullbackoff")


@pytest.mark.parametrize(("index", "expected"), [
    (0, "gh run list --branch main --limit 5"),
    (2, 'kubectl set image deployment/app app=registry.example.com/app:"$VERSION" '
        "-n production"),
    (4, "kubectl rollout undo deployment/app -n production"),
])
def test_copy_button_copies_the_exact_command(browser: Any, base_url: str, index: int,
                                              expected: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base_url + DEPLOY)
        button = page.locator(".code .copy").nth(index)
        button.click()
        page.wait_for_function(f"document.querySelectorAll('.code .copy')[{index}].classList"
                               ".contains('copied')")
        assert page.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()


def test_xss_payloads_do_not_run(page: Any, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "incidents/xss.html")
    page.wait_for_load_state("load")
    for selector in ("article div", "article a", "details summary", "article img"):
        for el in page.locator(selector).all():
            el.hover()
            el.click(no_wait_after=True, force=True)
    page.goto(base_url + "incidents/xss.html")  # links clicked above stay on the page
    page.fill("#rw-search", "xss")
    page.locator("#rw-results li a").first.wait_for()
    page.wait_for_timeout(200)
    hits = page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
    assert hits == [] and dialogs == []
    assert page.locator("article script, article iframe, article svg").count() == 0


def test_checklist_ticks_persist(page: Any, base_url: str) -> None:
    page.goto(base_url + DEPLOY)
    boxes = page.locator(".task-list-item-checkbox")
    assert boxes.count() == 4
    boxes.nth(1).check()
    page.reload()
    assert page.locator(".task-list-item-checkbox").nth(1).is_checked()
    assert not page.locator(".task-list-item-checkbox").nth(0).is_checked()
    page.click(".reset-tasks")
    page.reload()
    assert not page.locator(".task-list-item-checkbox").nth(1).is_checked()


def test_home_filters(page: Any, base_url: str) -> None:
    page.goto(base_url + "index.html")
    rows = page.locator(".catalogue tbody tr")
    assert rows.count() == 3
    page.select_option("#rw-filter-owner", "@devops-team")
    assert [r.is_visible() for r in rows.all()] == [True, False, False]
    assert not page.locator("#cat-incidents").is_visible()
    page.select_option("#rw-filter-owner", "")
    page.fill("#rw-filter-text", "nothing matches this")
    assert page.locator("#rw-no-match").is_visible()


def test_screenshots(browser: Any, base_url: str) -> None:
    """Saved under tests/artifacts/ for a person to look at (light, dark, phone, print)."""
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "site-runbook-page.png": {"viewport": {"width": 1280, "height": 1000}},
        "site-runbook-page-dark.png": {"viewport": {"width": 1280, "height": 1000},
                                       "color_scheme": "dark"},
        "site-runbook-page-phone.png": {"viewport": {"width": 390, "height": 844},
                                        "is_mobile": True, "device_scale_factor": 2},
    }
    for name, options in shots.items():
        context = browser.new_context(**options)
        try:
            page = context.new_page()
            page.goto(base_url + DEPLOY)
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            assert (ARTIFACTS / name).stat().st_size > 10_000
            if "dark" in name:
                bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert bg == "rgb(13, 17, 23)"
        finally:
            context.close()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "index.html")
        page.screenshot(path=str(ARTIFACTS / "site-home.png"), full_page=True)
        page.goto(base_url + DEPLOY)
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert not page.locator(".code .copy").first.is_visible()
    finally:
        context.close()


def test_serve_reloads_an_open_page_after_a_change(page: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``site serve``: edit a runbook, and the page open in the browser shows it by itself."""
    from runwright.site import serve

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", repo)
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    stop = threading.Event()
    ready: list[str] = []
    thread = threading.Thread(target=serve, args=(repo, load_config(repo / "runwright.toml")),
                              kwargs={"port": 0, "interval": 0.1, "on_ready": ready.append,
                                      "stop": stop}, daemon=True)
    thread.start()
    try:
        page.wait_for_timeout(100)
        for _ in range(300):
            if ready:
                break
            page.wait_for_timeout(100)
        page.goto(ready[0] + DEPLOY)
        assert "Deploy to production" in page.locator("h1").inner_text()
        assert "(v2)" not in page.locator("h1").inner_text()
        page.evaluate("window.__kept = 1")  # gone once the page has reloaded
        source = repo / "docs/runbooks/deployment/deploy-production.md"
        source.write_text(source.read_text(encoding="utf-8").replace(
            "# Runbook: Deploy to production", "# Runbook: Deploy to production (v2)"),
            encoding="utf-8")
        for _ in range(200):  # polled from here: the page's CSP forbids string evaluation
            if "(v2)" in page.locator("h1").inner_text():
                break
            page.wait_for_timeout(100)
        assert "(v2)" in page.locator("h1").inner_text()
        assert page.evaluate("window.__kept") is None
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()

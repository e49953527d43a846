"""Fixtures for the site tests: a sample repository and a built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: A runbook full of script-injection attempts: none of them may run on the built page.
XSS_RUNBOOK = """\
---
title: 'XSS <script>window.__xss_fm=1</script>'
---
# Payloads <img src=x onerror="window.__xss_title=1">

<script>window.__xss_script = 1</script>

<img src=x onerror="window.__xss_img=1">

<svg onload="window.__xss_svg=1"><circle r="5"/></svg>

<a href="javascript:window.__xss_href=1">raw link</a> and
[markdown link](javascript:window.__xss_md=1) and
[entity link](jav&#x61;script:window.__xss_ent=1) and
<a href=" JaVaScRiPt:window.__xss_case=1">case</a>

<div title='x" onmouseover="window.__xss_attr=1'>attribute</div>

<iframe src="javascript:window.__xss_iframe=1"></iframe>

<details open ontoggle="window.__xss_toggle=1"><summary>details</summary>ok</details>

<style>body { display: none }</style>

<img src=x onerror=window.__xss_unclosed=1

## Troubleshooting

### Error: <script>window.__xss_heading=1</script>

```bash"><script>window.__xss_info=1</script> {id="a\\" onclick=\\"window.__xss_id=1" confirm}
echo "<script>window.__xss_code=1</script>"
```
"""


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    """A copy of tests/site/fixtures/repo (two runbooks, a runwright.toml) in tmp_path."""
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", dest)
    return dest

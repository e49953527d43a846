"""The format and JSON docs cannot drift from the code."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from runwright.names import alias_tables_markdown
from runwright.parser import load, parse
from runwright.show import to_dict

REPO = Path(__file__).resolve().parents[2]
FORMAT = REPO / "docs" / "format.md"
SHOW_JSON = REPO / "docs" / "show-json.md"


def _between(text: str, name: str) -> str:
    m = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert m, f"markers for {name} missing"
    return m.group(1)


def test_alias_tables_match_names_py() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    want = alias_tables_markdown()
    if os.environ.get("UPDATE_DOCS") == "1":
        text = text.replace(_between(text, "names"), want) if _between(text, "names") else \
            text.replace("<!-- names:start -->\n", "<!-- names:start -->\n" + want)
        FORMAT.write_text(text, encoding="utf-8")
    assert _between(text, "names") == want, "run UPDATE_DOCS=1 pytest " + __file__


def _example(name: str) -> str:
    block = _between(FORMAT.read_text(encoding="utf-8"), name)
    return block.split("\n", 1)[1].rsplit("````", 1)[0]


def test_format_examples_are_complete_runbooks() -> None:
    for name, lang in (("example-fr", "fr"), ("example-en", "en")):
        rb = parse(_example(name), f"{name}.md")
        assert rb.problems == (), (name, rb.problems)
        assert rb.language == lang and rb.title
        for canonical in ("information", "prerequisites", "procedure", "verification",
                          "rollback", "troubleshooting", "contacts"):
            assert rb.has_section(canonical), (name, canonical)
        assert rb.metadata.last_updated and rb.metadata.owner and rb.metadata.duration
        assert rb.steps and all(s.expected_result and s.commands for s in rb.steps)
        assert rb.rollback[0].step is not None
        assert rb.troubleshooting[0].cause and rb.troubleshooting[0].solution
        assert rb.contact("on_call") and rb.contact("escalation")
        assert rb.variables


def _keys(value: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(f"{prefix}{k}")
            out |= _keys(v, f"{prefix}{k}.")
    elif isinstance(value, list):
        for item in value:
            out |= _keys(item, prefix[:-1] + "[]." if prefix else "")
    return out


def test_show_json_doc_lists_every_key() -> None:
    doc = SHOW_JSON.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_\[\].]+)` \|", doc, re.M))
    leaves: set[str] = set()
    for path in sorted((REPO / "examples").glob("*.md")):
        for key in _keys(to_dict(load(path))):
            if key.startswith("metadata.") and key.count(".") == 1 and \
                    key.split(".")[1] not in {"last_updated", "owner", "estimated_time",
                                              "frequency", "parsed"}:
                continue  # "other fields" are documented as a class
            if key.startswith("contacts.") or ".attributes." in key:
                continue  # one key per contact label / per fence attribute
            leaves.add(key.rsplit(".", 1)[-1])
    names = {d.rsplit(".", 1)[-1].split("[]")[-1] for d in documented}
    missing = sorted(k for k in leaves if k not in names)
    assert not missing, f"keys produced by show but not documented in show-json.md: {missing}"

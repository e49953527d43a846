"""``runwright init``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from runwright.scaffold.init import Plan


@click.command(epilog="""\b
Examples:
  runwright init --dry-run        # show what was detected and what would be written
  runwright init --lang fr        # lay out docs/runbooks and draft the set in French
  runwright init --force          # rewrite the drafted files (your edits are lost)""")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False))
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the drafted runbooks "
              "(default: the config's language, else en).")
@click.option("--no-detect", is_flag=True, help="Do not read the repository's stack; draft "
              "generic runbooks with declared variables.")
@click.option("--dry-run", is_flag=True, help="Print what was detected and what would be "
              "written; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--owner", help="Owner written into the config and runbooks (e.g. @ops-team).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: print the stack model and the file actions as "
              "one JSON object.")
def init(directory: str, lang: str | None, no_detect: bool, dry_run: bool, force: bool,
         owner: str | None, fmt: str) -> int:
    """Lay out docs/runbooks in DIRECTORY and draft the standard runbooks for its stack.

    Writes the deployment, incident and maintenance runbooks, TEMPLATE.md, the README
    catalogue, runwright.toml and a CI workflow. Never overwrites without --force.
    """
    from runwright.catalog import write_index
    from runwright.config import load_config
    from runwright.errors import UsageError
    from runwright.scaffold.init import apply, plan_init

    root = Path(directory)
    if not root.is_dir():
        raise UsageError(f"{directory}: no such directory")
    root = root.resolve()
    explicit = (click.get_current_context().find_root().obj or {}).get("config_path")
    config = load_config(Path(explicit) if explicit else None, start=root)
    plan = apply(plan_init(root, config, lang=lang, use_detect=not no_detect, owner=owner),
                 force=force, dry_run=dry_run)
    if fmt == "json":
        return _json(plan, root, dry_run)
    if plan.stack is not None:
        click.echo(f"Detected: platform {plan.stack.platform}")
        for line in plan.stack.evidence:
            click.echo(f"  - {line}")
        if not plan.stack.evidence:
            click.echo("  (nothing recognised: drafting generic runbooks with variables)")
    if plan.model is not None:
        from runwright.scaffold.stack.show import text

        for line in text(plan.model):
            click.echo(line)
    verb = {"created": "would create", "overwritten": "would overwrite",
            "skipped": "would skip (exists)"} if dry_run else \
        {"created": "created", "overwritten": "overwritten", "skipped": "skipped (exists)"}
    for rel, status in plan.actions:
        click.echo(f"{verb[status]:>20}  {rel}")
    if not dry_run:
        final = load_config(None, start=root)
        result = write_index(root, final)
        shown = result.path.relative_to(root).as_posix()
        click.echo(f"{'updated' if result.written else 'up to date':>20}  {shown}")
    created = sum(1 for _, s in plan.actions if s != "skipped")
    skipped = len(plan.actions) - created
    click.echo(f"{created} file(s) {'to write' if dry_run else 'written'}, {skipped} skipped.")
    for note in plan.notes:
        click.echo(f"Next: {note}")
    return 0


def _json(plan: Plan, root: Path, dry_run: bool) -> int:
    import json

    from runwright.catalog import write_index
    from runwright.config import load_config
    from runwright.scaffold.stack.show import plain

    index = None
    if not dry_run:
        result = write_index(root, load_config(None, start=root))
        index = {"path": result.path.relative_to(root).as_posix(), "written": result.written}
    click.echo(json.dumps({"stack": plain(plan.model) if plan.model else None,
                           "dry_run": dry_run,
                           "files": [{"path": rel, "action": status}
                                     for rel, status in plan.actions],
                           "index": index, "next": plan.notes}, indent=2,
                          ensure_ascii=False))
    return 0

"""Engine-level rules: internal errors, parser problems and unused suppressions.

They are reported by the engine itself (:mod:`runwright.linter.engine`,
:mod:`runwright.linter.suppress`), not by a rule module, but are documented, selected and
configured like every other rule.
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class InternalError(Rule):
    """A rule crashed on this file; the other rules still ran.

    ## Why

    A bug in one check must not hide the findings of every other check, nor stop the run.
    The finding names the rule and the exception so that it can be reported.

    ## Fails

    Any file on which a rule raises an exception.

    ## Passes

    Every file, as long as the rules work.
    """

    id = "RW000"
    name = "internal-error"
    severity = "error"
    summary = "A rule crashed on this file (reported, the other rules still ran)."

    def check(self, ctx: LintContext) -> None:
        """Nothing to check: the engine reports crashes of the other rules."""


class ParseProblem(Rule):
    """The parser met something it could not read as the runbook format intends.

    ## Why

    An unclosed fence, an unreadable front matter or fence attribute list changes what every
    other tool (run, test, index, site) sees in the file. The finding
    explains what the parser made of it.

    ## Fails

    ````markdown
    ---
    owner: [unclosed
    ---
    # Runbook: Rotate logs
    ````

    ## Passes

    ````markdown
    ---
    owner: "@ops"
    ---
    # Runbook: Rotate logs
    ````
    """

    id = "RW001"
    name = "parse-problem"
    severity = "error"
    summary = "The parser could not read part of the file as intended."

    def check(self, ctx: LintContext) -> None:
        for problem in ctx.runbook.problems:
            ctx.report(problem.line, problem.message, column=problem.column)


class UnusedSuppression(Rule):
    """A ``runwright-disable`` comment that suppresses nothing.

    ## Why

    Suppressions outlive the problem they hid; a stale one would silently hide the next real
    finding at that place. Remove it, or narrow it to the rule that still fires. A suppression
    of a rule that is not enabled in this run is not reported. An unknown rule in a
    suppression is reported here too.

    ## Fails

    ````markdown
    # Runbook: Restart the API

    <!-- runwright-disable-next-line -->
    Restart the service and watch the logs.
    ````

    ## Passes

    ````markdown
    # Runbook: Restart the API

    Restart the service and watch the logs.
    ````
    """

    id = "RW002"
    name = "unused-suppression"
    severity = "warning"
    summary = "A suppression comment that suppresses nothing."

    def check(self, ctx: LintContext) -> None:
        """Nothing to check here: :mod:`runwright.linter.suppress` reports these."""


ENGINE_RULES: tuple[type[Rule], ...] = (InternalError, ParseProblem, UnusedSuppression)

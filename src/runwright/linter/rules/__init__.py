"""The rule registry: every rule runwright knows, written out by hand, in ID order.

Each rule lives in its own module; the module docstring is the rule's documentation.
"""

from __future__ import annotations

from runwright.linter.rule import Rule
from runwright.linter.rules.broken_anchor import BrokenAnchor
from runwright.linter.rules.broken_link import BrokenLink
from runwright.linter.rules.curl_pipe_shell import CurlPipeShell
from runwright.linter.rules.destructive_without_confirm import DestructiveWithoutConfirm
from runwright.linter.rules.empty_option_value import EmptyOptionValue
from runwright.linter.rules.empty_section import EmptySection
from runwright.linter.rules.fence_language import FenceLanguage
from runwright.linter.rules.fleet_target import FleetTarget
from runwright.linter.rules.future_date import FutureDate
from runwright.linter.rules.invalid_date import InvalidDate
from runwright.linter.rules.invalid_duration import InvalidDuration
from runwright.linter.rules.invalid_owner import InvalidOwner
from runwright.linter.rules.metadata_mismatch import MetadataMismatch
from runwright.linter.rules.missing_contact import MissingContact
from runwright.linter.rules.missing_expected_result import MissingExpectedResult
from runwright.linter.rules.missing_field import MissingField
from runwright.linter.rules.missing_section import MissingSection
from runwright.linter.rules.missing_title import MissingTitle
from runwright.linter.rules.needs_terminal import NeedsTerminal
from runwright.linter.rules.no_steps import NoSteps
from runwright.linter.rules.not_a_checklist import NotAChecklist
from runwright.linter.rules.nothing_testable import NothingTestable
from runwright.linter.rules.placeholder import Placeholder
from runwright.linter.rules.readonly_mutates import ReadonlyMutates
from runwright.linter.rules.rollback_unknown_step import RollbackUnknownStep
from runwright.linter.rules.rollback_without_commands import RollbackWithoutCommands
from runwright.linter.rules.secret_in_command import SecretInCommand
from runwright.linter.rules.section_language import SectionLanguage
from runwright.linter.rules.section_order import SectionOrder
from runwright.linter.rules.shell_prompt import ShellPrompt
from runwright.linter.rules.shell_syntax import ShellSyntax
from runwright.linter.rules.shellcheck import ShellCheck
from runwright.linter.rules.stale import Stale
from runwright.linter.rules.step_numbering import StepNumbering
from runwright.linter.rules.step_without_command import StepWithoutCommand
from runwright.linter.rules.todo_in_prose import TodoInProse
from runwright.linter.rules.troubleshooting_incomplete import TroubleshootingIncomplete
from runwright.linter.rules.unaccepted_exit_status import UnacceptedExitStatus
from runwright.linter.rules.undefined_variable import UndefinedVariable
from runwright.linter.rules.unfenced_command import UnfencedCommand
from runwright.linter.rules.unknown_frequency import UnknownFrequency
from runwright.linter.rules.vague_wording import VagueWording

ALL_RULES: tuple[type[Rule], ...] = (
    MissingTitle,  # RW101
    MissingSection,  # RW102
    SectionOrder,  # RW103
    EmptySection,  # RW104
    NotAChecklist,  # RW105
    SectionLanguage,  # RW106
    MissingField,  # RW201
    InvalidDate,  # RW202
    FutureDate,  # RW203
    InvalidOwner,  # RW204
    InvalidDuration,  # RW205
    UnknownFrequency,  # RW206
    MetadataMismatch,  # RW207
    NoSteps,  # RW301
    StepNumbering,  # RW302
    StepWithoutCommand,  # RW303
    MissingExpectedResult,  # RW304
    NothingTestable,  # RW305
    UnfencedCommand,  # RW401
    FenceLanguage,  # RW402
    ShellPrompt,  # RW403
    Placeholder,  # RW404
    EmptyOptionValue,  # RW405
    ShellSyntax,  # RW406
    UndefinedVariable,  # RW407
    ShellCheck,  # RW408
    NeedsTerminal,  # RW409
    ReadonlyMutates,  # RW410
    UnacceptedExitStatus,  # RW411
    FleetTarget,  # RW412
    VagueWording,  # RW501
    TodoInProse,  # RW502
    RollbackWithoutCommands,  # RW601
    RollbackUnknownStep,  # RW602
    TroubleshootingIncomplete,  # RW611
    MissingContact,  # RW621
    Stale,  # RW701
    DestructiveWithoutConfirm,  # RW801
    SecretInCommand,  # RW802
    CurlPipeShell,  # RW803
    BrokenLink,  # RW901
    BrokenAnchor,  # RW902
)

__all__ = ["ALL_RULES"]

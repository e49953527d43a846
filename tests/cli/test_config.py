"""Configuration loading and strict validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import CliRunner

from runwright.config import load_config, validate
from runwright.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = load_config(start=tmp_path)
    assert config.source is None
    assert config.max_age_days == 180
    assert config.paths == ("docs/runbooks",)
    assert config.language == "en"


def test_runwright_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "runwright.toml").write_text(
        'owner = "@sre"\nlanguage = "fr"\nmax_age_days = 90\n[contacts]\non_call = "#oncall"\n',
        encoding="utf-8")
    sub = tmp_path / "docs" / "runbooks"
    sub.mkdir(parents=True)
    config = load_config(start=sub)
    assert config.source == tmp_path / "runwright.toml"
    assert config.root == tmp_path.resolve()
    assert (config.owner, config.language, config.max_age_days) == ("@sre", "fr", 90)
    assert config.contacts["on_call"] == "#oncall"


def test_pyproject_tool_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.runwright]\nprofile = "alert"\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.profile == "alert"


def test_pyproject_without_section_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(start=tmp_path).source is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ownr": "@x"}, "unknown key 'ownr'"),
        ({"lint": {"selct": ["RW1"]}}, "unknown key 'lint.selct'"),
        ({"max_age_days": "ninety"}, "max_age_days must be an integer"),
        ({"max_age_days": True}, "max_age_days must be an integer"),
        ({"max_age_days": -3}, "positive number of days"),
        ({"language": "de"}, "language must be 'fr' or 'en'"),
        ({"paths": "docs"}, "paths must be a list"),
        ({"paths": ["docs", 3]}, "paths[1] must be a string"),
        ({"contacts": {"on_call": 5}}, "contacts.on_call must be a string"),
    ],
)
def test_validation_errors(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        validate(data, "runwright.toml")
    assert message in info.value.message


def test_unknown_key_hint_names_nearest() -> None:
    with pytest.raises(ConfigError) as info:
        validate({"max_age_dayz": 3})
    assert info.value.hint == "did you mean 'max_age_days'?"


def test_validated_config_is_frozen() -> None:
    data = validate({"paths": ["a"], "contacts": {"on_call": "#x"}})
    with pytest.raises(TypeError):
        data["contacts"]["on_call"] = "#y"  # type: ignore[index]
    assert data["paths"] == ("a",)


def test_broken_pyproject_with_our_table_is_an_error(tmp_path: Path) -> None:
    """A pyproject.toml that does not parse but holds [tool.runwright] is reported, not skipped."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.runwright\nowner = "@x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: not valid TOML"):
        load_config(start=tmp_path)


def test_broken_pyproject_of_another_tool_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.ruff\nline-length = 1\n', encoding="utf-8")
    assert load_config(start=tmp_path).source is None


def test_broken_pyproject_through_the_cli(tmp_path: Path, cli: CliRunner) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.runwright]\nowner = "@x\n', encoding="utf-8")
    result = cli("show", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml: not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr

"""Settings come from NEWSFLOW_* variables; secrets stay secret."""

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from worker.settings import Settings, get_settings
from worker.stream.connection import aiokafka_options, bootstrap_servers


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_TOPIC_RAW", "in.topic")
    monkeypatch.setenv("NEWSFLOW_PARTITIONS", "8")
    settings = Settings()
    assert settings.topic_raw == "in.topic" and settings.partitions == 8


def test_bad_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_PARTITIONS", "zero")
    with pytest.raises(ValidationError):
        Settings()


def test_faust_broker_url_becomes_bootstrap_list() -> None:
    settings = Settings(broker="kafka://a:9092;kafka://b:9093")
    assert bootstrap_servers(settings) == "a:9092,b:9093"


def test_password_is_hidden_in_repr_and_passed_to_client() -> None:
    settings = Settings(security_protocol="SASL_PLAINTEXT", sasl_username="u", sasl_password="hunter2")  # noqa: S106
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings.model_dump())
    assert aiokafka_options(settings)["sasl_plain_password"] == "hunter2"  # noqa: S105


def test_web_server_binds_to_loopback_by_default() -> None:
    assert Settings().web_host == "127.0.0.1"


def test_unit_tests_ignore_a_developers_env_file_and_shell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A `.env` in the working directory and a NEWSFLOW_* variable exported before the test run are not read."""
    (tmp_path / ".env").write_text("NEWSFLOW_BATCH_SIZE=99\nNEWSFLOW_TOPIC_RAW=from.dotenv\n")
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.batch_size == Settings.model_fields["batch_size"].default
    assert settings.topic_raw == "articles.raw"
    assert get_settings().topic_raw == "articles.raw"


def test_a_variable_the_shell_exported_is_not_seen() -> None:
    """A NEWSFLOW_* variable exported in the shell that runs pytest (CI sets NEWSFLOW_BROKER) is hidden."""
    assert not [name for name in os.environ if name.startswith("NEWSFLOW_")]


def test_the_cache_folder_follows_the_xdg_spec_and_can_be_set_or_switched_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """NEWSFLOW_CACHE_DIR wins; else $XDG_CACHE_HOME/newsflow if absolute; else ~/.cache/newsflow; off: none."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert Settings().cache_folder() == tmp_path / "home" / ".cache" / "newsflow"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert Settings().cache_folder() == tmp_path / "home" / ".cache" / "newsflow"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Settings().cache_folder() == tmp_path / "xdg" / "newsflow"
    monkeypatch.setenv("NEWSFLOW_CACHE_DIR", str(tmp_path / "mine"))
    assert Settings().cache_folder() == tmp_path / "mine"
    monkeypatch.setenv("NEWSFLOW_CACHE", "false")
    assert Settings().cache_folder() is None

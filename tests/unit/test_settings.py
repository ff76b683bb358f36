"""Settings come from NEWSFLOW_* variables; secrets stay secret."""

import pytest
from pydantic import ValidationError

from worker.settings import Settings
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

"""The one settings object: NEWSFLOW_* environment variables (or a .env file), read once."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the worker and the commands can be told. Each field is NEWSFLOW_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_file=".env", frozen=True, extra="ignore")

    # Kafka connection
    broker: str = Field(default="kafka://127.0.0.1:9092", description="Bootstrap servers, faust URL form.")
    app_id: str = Field(default="newsflow", description="Faust app id; also the consumer group id.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="How clients talk to the brokers."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        default="PLAIN", description="SASL mechanism."
    )
    sasl_username: str | None = Field(default=None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(default=None, description="SASL password; never logged.")
    ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL; system CAs if unset.")

    # Topics
    topic_raw: str = Field(default="articles.raw", description="Input topic: raw articles.")
    topic_enriched: str = Field(default="articles.enriched", description="One enriched record per article.")
    topic_mentions: str = Field(default="entities.mentions", description="One event per entity per article.")
    topic_deadletter: str = Field(default="articles.deadletter", description="Input that could not be processed.")
    topic_stories: str = Field(
        default="stories", description="Stories (events across sources), keyed by story id; compacted."
    )
    partitions: int = Field(default=4, ge=1, description="Partitions for topics the worker creates.")
    replication_factor: int = Field(default=1, ge=1, description="Replicas for topics the worker creates.")

    # Processing
    max_message_bytes: int = Field(
        default=1_000_000, ge=1024, description="Larger inputs are dead-lettered (Kafka's own default limit is 1 MB)."
    )
    deadletter_max_original_bytes: int = Field(
        default=262_144, ge=0, le=360_000,
        description="Bytes of the input's value, and of its key, kept in a dead letter (both, base64, must fit the "
        "producer's 1 MB record).",
    )
    max_text_chars: int = Field(
        default=50_000, ge=1000, description="Clean text beyond this is cut (bounds NER time and memory per article)."
    )
    batch_size: int = Field(default=16, ge=1, description="Messages handed to the NLP model at once.")
    batch_timeout: float = Field(
        default=0.01, gt=0, description="Seconds to wait to fill a batch (a busy worker finds it full already)."
    )
    trending_batch_timeout: float = Field(
        default=0.1, gt=0,
        description="Seconds of mention tallies the trending agent counts at once; each touched window is then "
        "updated once a batch, and the view lags by up to this.",
    )
    producer_linger: float = Field(
        default=0.005, ge=0,
        description="Seconds the producer waits to fill a request with more records (fewer, larger requests).",
    )
    processing_guarantee: Literal["at_least_once", "exactly_once"] = Field(
        default="at_least_once",
        description="exactly_once: each input partition's outputs and offset in one Kafka transaction "
        "(read the outputs with isolation_level=read_committed).",
    )
    story_quiet_period: float = Field(
        default=864_000.0, gt=0, description="Seconds without a new article after which a story closes."
    )
    story_followed_quiet_period: float = Field(
        default=1_814_400.0, gt=0,
        description="Seconds without a new article after which a story of two or more articles closes "
        "(follow-ups: arrests, trials).",
    )
    story_archive_period: float = Field(
        default=63_072_000.0, ge=0,
        description="Seconds a closed story's signature is kept so that a follow-up naming its people can re-open "
        "it (0: none).",
    )
    story_archive_capacity: int = Field(
        default=1_000_000, ge=0, description="Closed stories' signatures kept at most (the oldest go first)."
    )
    knowledge_base: Path | None = Field(default=None, description="Extra aliases file (JSON lines) to merge in.")

    dedupe_window: float = Field(
        default=7 * 86400.0,
        ge=60,
        description="Seconds a sighting (article id, content hash) is remembered for duplicate and revision checks.",
    )
    dedupe_max_articles: int = Field(
        default=20_000,
        ge=100,
        description="Most articles remembered for duplicate checks; the oldest are forgotten first (bounds RAM and "
        "start-up replay).",
    )
    commit_interval: float = Field(
        default=0.5, gt=0, description="Seconds between offset commits; bounds re-delivery after a crash."
    )
    publish_attempts: int = Field(default=8, ge=1, description="Tries to publish a record before giving up.")
    publish_backoff: float = Field(default=0.2, gt=0, description="First retry delay, seconds; doubles per try.")

    # Faust consumer tuning: faust's defaults (60 s session) make a group slow to settle.
    session_timeout: float = Field(default=10.0, gt=0, description="Consumer group session timeout, seconds.")
    heartbeat_interval: float = Field(default=1.0, gt=0, description="Consumer heartbeat interval, seconds.")
    rebalance_timeout: float = Field(default=20.0, gt=0, description="Consumer group rebalance timeout, seconds.")

    # Web server (health and views)
    web_host: str = Field(default="127.0.0.1", description="Address the web server binds to.")
    web_port: int = Field(default=6066, ge=0, le=65535, description="Web server port (health, views).")

    # Start-up
    cache: bool = Field(
        default=True,
        description="Keep the places gazetteer a start builds in the cache folder and read it back at the next start "
        "(about a tenth of the CPU: BENCHMARKS.md); false: build it at every start and write nothing.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="The cache folder (the gazetteer's file goes in its gazetteer/, mode 0700); unset: "
        "$XDG_CACHE_HOME/newsflow, else ~/.cache/newsflow.",
    )

    # Logging
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO", description="Log level.")
    log_format: Literal["auto", "json", "console"] = Field(
        default="auto", description="auto: JSON unless stderr is a terminal."
    )
    log_repeat_interval: float = Field(
        default=30.0, ge=0,
        description="Seconds over which repeats of one warning or error are collapsed into one summary line "
        "with a count (0: log every one).",
    )

    def cache_folder(self) -> Path | None:
        """Where a start keeps what it builds, or None when `cache` is off or there is no home to keep it in."""
        if not self.cache:
            return None
        if self.cache_dir is not None:
            return self.cache_dir
        xdg = os.environ.get("XDG_CACHE_HOME", "")  # the XDG base directory spec: only an absolute path counts
        try:
            return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "newsflow"
        except RuntimeError:  # no HOME and no password entry
            return None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()

"""The worker's own topics and changelogs as `newsflow worker` creates them before it starts
(faust_fixes.topic_specs over worker.stream.app.topics and its tables)."""

from __future__ import annotations

from worker.stream import app as stream
from worker.stream.connection import _spec, topic_names
from worker.stream.faust_fixes import topic_specs
from worker.stream.trending import HOUR, KEPT


def test_every_topic_the_worker_uses_is_created_with_its_settings() -> None:
    specs = {spec.name: spec for spec in topic_specs(stream.app, stream.topics)}
    settings = stream.settings
    # Every topic connection.ensure_topics would otherwise create with plain defaults is specified, as those do.
    assert {name: specs[name] for name in topic_names(settings)} == {name: _spec(settings, name)
                                                                     for name in topic_names(settings)}
    # The tallies are kept a day and an hour: every window the trending table holds is replayed from them, and
    # no more (a week, the broker's default, was replayed at every start).
    assert specs[stream.tallies_topic.get_topic_name()].configs == {"retention.ms": str(int((KEPT + HOUR) * 1000))}
    assert specs[settings.topic_stories].configs == {"cleanup.policy": "compact"}
    assert specs[stream.features_topic.get_topic_name()].partitions == 1
    changelogs = {name: spec for name, spec in specs.items() if name.endswith("-changelog")}
    assert set(changelogs) == {f"{settings.app_id}-{table}-changelog" for table in ("seen", "trending-1h", "stories")}
    assert all("compact" in spec.configs["cleanup.policy"] for spec in changelogs.values())
    assert changelogs[f"{settings.app_id}-stories-changelog"].partitions == 1

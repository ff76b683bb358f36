"""Follow the `stories` topic with a plain aiokafka consumer: rebuild the current stories, then print changes.

The topic is compacted and keyed by story id, so the last record of each key is that story's state: read it
from the beginning and keep the last record per key. A record with `closed: true` ends its story.

Run: .venv/bin/python examples/follow_stories.py [bootstrap servers] [topic]   (Ctrl-C to stop)
"""

import asyncio
import sys

from aiokafka import AIOKafkaConsumer

from worker.models import Story


async def main(bootstrap: str = "127.0.0.1:9092", topic: str = "stories") -> None:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                isolation_level="read_committed")
    await consumer.start()
    current: dict[str, Story] = {}
    try:
        async for message in consumer:
            story = Story.model_validate_json(message.value or b"")
            if story.closed:
                current.pop(story.id, None)
            else:
                current[story.id] = story
            places = ", ".join(p.name for p in story.places[:3])
            print(f"{story.change:>7} {story.id}: {story.article_count} articles from {len(story.sources)} sources, "
                  f"{story.title or '(no title)'} [{places}]  ({len(current)} open)", flush=True)
    finally:
        await consumer.stop()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))

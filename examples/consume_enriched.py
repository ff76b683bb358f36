"""Read articles.enriched with a plain aiokafka consumer and the published model; print titles and entities.

Run: .venv/bin/python examples/consume_enriched.py [bootstrap servers] [topic]   (Ctrl-C to stop)
"""

import asyncio
import sys

from aiokafka import AIOKafkaConsumer

from worker.models import EnrichedArticle


async def main(bootstrap: str = "127.0.0.1:9092", topic: str = "articles.enriched") -> None:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                isolation_level="read_committed")
    await consumer.start()
    try:
        async for message in consumer:
            article = EnrichedArticle.model_validate_json(message.value or b"")
            entities = ", ".join(f"{e.name} ({e.type})" for e in article.entities)
            print(f"{article.title or article.id}: {entities}", flush=True)
    finally:
        await consumer.stop()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))

"""A gap in faust's end-of-recovery sequence that silently loses input messages, and its fix.

After a rebalance faust ends table recovery (`Recovery.on_recovery_completed`, or `_resume_streams` when
no table needs it) with:

    1. resume the stream partitions (raw articles, mentions) in the consumer,
    2. seek them to the committed offsets (the consumer's read offsets are reset to match),
    3. `app.flow_control.resume()`, which also *empties every stream's input queue*,
    4. `consumer.resume_flow()`.

Step 3 is meant to drop only what was fetched before the seek (the seek fetches it again). That holds when
the consumer's flow is still stopped at step 1, as after a plain rebalance. But table recovery resumes the
flow earlier, to read the changelogs (the worker's tables always need it: `seen` is a GlobalTable, read as a
standby, and the trending tables have changelogs to restore). The fetcher is then live between steps 1
and 3: a record fetched *after* the seek is handed to the agent's queue, step 3 throws it away, and the
consumer's read offset is already past it. Nothing fetches it again, nothing acks it (so its offset and
every later one in that partition stay uncommitted), and nothing is logged: the worker simply never sees
that message. The same window also duplicates: a record handed over *before* the seek completes can be
taken and processed by the agent before step 3, and the seek then fetches it again.
Upstream: https://github.com/faust-streaming/faust/issues/596 (open).

The fix puts back the precondition: when faust signals that the rebalance is complete (`on_rebalance_complete`,
sent by both paths before step 1), stop the consumer's flow. Nothing then reaches a stream queue until
faust's own `resume_flow()` in step 4, which comes after the seek and after the queues were emptied, so
the fetcher restarts from the committed offsets and hands each record over once. The stream
partitions are still paused when the signal arrives, so no input record is in flight to be cut short.
"""

from __future__ import annotations

from typing import Any

from faust.types import AppT
from mode.types.signals import BaseSignalT


def hold_flow_until_streams_resume(app: AppT) -> None:
    """Stop the consumer's flow at the end of recovery; faust resumes it once the queues are safe to fill."""

    async def stop_flow(sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any) -> None:
        # Same call faust makes when partitions are revoked; faust's resume_flow() at the end of recovery
        # (or of the next rebalance, if this one is superseded) starts it again.
        app.consumer.stop_flow()

    app.on_rebalance_complete.connect(stop_flow)

"""When Python's cycle collector runs: between pieces of work, not in the middle of one.

Left to itself, the collector runs whenever enough objects were made, wherever that
happens: in the middle of a search, on a worker thread. A full collection (generation 2)
holds every thread for 70 to 180 ms in the window's process, so one search in twenty took
that much longer than its SQL (benchmarks/engines.py, at a million clients). The window
takes collection over (``take_over``) and runs what is due from a timer on the GUI thread
(``desktop.ui.collection_timer``), the full collection only when no operation is running;
Qt objects are then also finalised on the thread that owns them. Commands on the command
line keep Python's own collection: they do one piece of work and exit.
"""

from __future__ import annotations

import gc
import time

# A full collection put off while work runs is run all the same after this long: a long
# import must not keep its garbage for as long as it takes.
LONGEST_DEFERRAL_S = 60.0

_due_since: float | None = None


def take_over() -> None:
    """Stop automatic collection; ``collect_due`` does it from now on. What start-up made
    (modules, the schema, translations) lives as long as the process: frozen, it is left
    out of every later collection."""
    gc.collect()
    gc.freeze()
    gc.disable()


def collect_due(busy: bool = False) -> int:
    """Run the collection Python would have run by now, by its own thresholds; while work
    runs (``busy``), only the young generations, unless the full one has waited too long.
    Returns the generation collected, -1 for none."""
    global _due_since
    thresholds, counts = gc.get_threshold(), gc.get_count()
    if counts[0] <= thresholds[0]:
        return -1  # too few objects made since: Python would not collect yet
    # The oldest generation past its threshold, as Python chooses (a generation's count
    # is how many collections of the one before it ran since its own).
    generation = max(number for number in range(3) if counts[number] > thresholds[number])
    if generation == 2:
        now = time.monotonic()
        _due_since = _due_since or now
        if busy and now - _due_since < LONGEST_DEFERRAL_S:
            generation = 1
        else:
            _due_since = None
    gc.collect(generation)
    return generation

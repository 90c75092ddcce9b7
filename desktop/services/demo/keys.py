"""Random record ids for the demo, made straight in their stored form."""

from __future__ import annotations

import random

from desktop.services.access import pure


@pure
def random_key(rng: random.Random) -> str:
    """``db.bulk.key(uuid.UUID(int=rng.getrandbits(128), version=4))``, the same 32 hex
    digits without making the UUID: a large demo makes millions of ids, and the object
    cost more than the rest of each one."""
    bits = rng.getrandbits(128)
    # uuid.UUID's version 4: the RFC 4122 variant bits, then the version's.
    bits = bits & ~(0xC000 << 48) | 0x8000 << 48
    return f"{bits & ~(0xF000 << 64) | 0x4000 << 64:032x}"

"""Seeded random streams: one independent generator per (seed, part), plus counter-based noise.

Each sub-generator gets its own stream so changing one part (or one size) never shifts another's draws.
"""
import zlib

import numpy as np

DEFAULT_SEED = 7239


def rng_for(seed: int, part: str) -> np.random.Generator:
    """A PCG64 generator for one part of the city (e.g. "buildings"), independent of the others."""
    return np.random.Generator(np.random.PCG64([int(seed) & 0xFFFFFFFF, zlib.crc32(part.encode("utf-8"))]))


_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


def hash_uniform(seed: int, key: str, counters) -> np.ndarray:
    """Uniform [0, 1) values that depend only on (seed, key, counter).

    Counter-based, so a value for a given time slot is the same whichever time range is asked for.
    """
    base = np.uint64((int(seed) & 0xFFFFFFFF) << 32 | zlib.crc32(key.encode("utf-8")))
    c = np.asarray(counters, dtype=np.int64).astype(np.uint64)
    with np.errstate(over="ignore"):
        h = _splitmix64(_splitmix64(c ^ base) + base)
    return (h >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def hash_normal(seed: int, key: str, counters) -> np.ndarray:
    """Standard normal values from two counter-based uniforms (Box-Muller)."""
    c = np.asarray(counters, dtype=np.int64)
    u1 = hash_uniform(seed, key + "#a", c)
    u2 = hash_uniform(seed, key + "#b", c)
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)

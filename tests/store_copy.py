"""Copy the rows of one store into another (e.g. a demo GeoPackage into a shared PostGIS): a test and
benchmark helper (the review concurrency/crash tests and bench_review fill PostGIS from a demo city with it).

Rows keep their ids, so references between tables stay valid; the target tables must be
empty. Tables are copied in schema.py order, which lists every table after the tables
it references.
"""
from typing import Iterable, Optional

from herzlich_digital_plugin.store.schema import TABLES


def copy_store(src, dst, tables: Optional[Iterable[str]] = None, chunk: int = 20000) -> dict:
    """Copy ``tables`` (default: all) from store ``src`` to store ``dst`` in one transaction.

    Returns {table: rows copied}.
    """
    wanted = None if tables is None else set(tables)
    counts = {}
    with dst.transaction():
        for table in TABLES:
            if wanted is not None and table.name not in wanted:
                continue
            counts[table.name] = dst.insert_many(table.name, src.iter_select(table.name, chunk=chunk), batch=chunk)
    return counts

"""SQL identifiers: the one place that quotes a table or column name (both backends, DDL and queries).

Only lower-case snake_case names from schema.py pass; values never go through here (they are parameters).
"""
import re

from .errors import InvalidNameError

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def quote_ident(name):
    """Double-quoted identifier; refuses anything but lower-case snake_case names."""
    if not isinstance(name, str) or not _IDENT.match(name) or len(name) > 63:
        raise InvalidNameError(f"invalid SQL identifier: {name!r}")
    return f'"{name}"'


def pg_table_ref(schema, name):
    return f"{quote_ident(schema)}.{quote_ident(name)}"

"""The table commands of the CLI: compare, timeline, matrix (argparse only, imports nothing heavy)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register_table_commands(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the table commands to ``sub``; return command name -> handler."""
    return {}

"""Subcommands of the ``progressions`` command line.

Each module defines ``register(subparsers)``, which adds its parser and sets
``run(args, out, err) -> int`` as the parser's ``handler`` default.
"""

from . import audit, init, new, rules, validate

MODULES = (validate, audit, new, rules, init)

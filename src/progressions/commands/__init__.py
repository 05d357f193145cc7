"""Subcommands of the ``progressions`` command line.

Each module defines ``register(subparsers)``, which adds its parser and sets
``run(args, out, err) -> int`` as the parser's ``handler`` default. Commands
that read standard input find it as ``args.stdin``.
"""

from . import audit, export, init, new, next_units, path, rules, site, units, validate

MODULES = (validate, next_units, path, units, audit, new, rules, init, export, site)

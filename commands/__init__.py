"""Sub-commands of cli.py, one module each: ``add_parser(subparsers)`` and ``run(args) -> int``."""

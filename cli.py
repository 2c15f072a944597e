"""Command line: the app's data and rules without a browser (flags, and the commands in commands/)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import commands
from commands.output import say
from geo.errors import AppError
from geo.vocab import LANGS
from workflows.checks import check_project


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with one sub-command per module of the ``commands`` package."""
    parser = argparse.ArgumentParser(
        prog="cli.py",
        description="Điện Biên coverage tool — command line (Vietnamese by default, --lang en).",
    )
    parser.add_argument("--lang", choices=LANGS, default="vi", help="language of messages (default vi)")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"commands.{info.name}")
        if hasattr(module, "add_parser"):
            sub_parser = module.add_parser(sub)
            sub_parser.set_defaults(handler=module.run)
    return parser


def _lang_first(argv: list[str]) -> list[str]:
    """Move ``--lang X`` / ``--lang=X`` to the front, so it works before or after the sub-command."""
    rest, lang, i = [], None, 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return (["--lang", lang] if lang is not None else []) + rest


def main(argv: list[str] | None = None) -> int:
    """Run one command; exit code 0 on success, 2 on bad input (message on stderr, nothing half-written)."""
    parser = build_parser()
    argv = _lang_first(list(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return int(exc.code or 0) and 2
    try:
        # every sub-command's --project: a name or a path, checked once here
        if getattr(args, "project", None):
            args.project = check_project(args.project, writing=args.command == "import")
        return int(args.handler(args) or 0)
    except AppError as exc:
        say(exc.render(args.lang), err=True)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())

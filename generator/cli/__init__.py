"""The command line: thin commands over the core (`python -m generator`, `cnppm`)."""

from generator.cli.commands import main

__all__ = ["main"]

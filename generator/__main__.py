"""`python -m generator`: the project's command line."""

from generator.cli.commands import main

main()

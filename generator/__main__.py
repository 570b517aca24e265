"""`python -m generator`: the project's command line."""

from .cli import main

main()

"""The one error a person running a command gets: a Russian message and an exit code.

Core functions raise a subclass of `UserError` for what the user must fix (a scaffold that
cannot be made, a malformed date, nothing to export…); the command line prints it once, in
one place, and exits with its code — never a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake of the user or of the records; the message says in Russian what to do.

    `exit_code` 1 — the command ran and could not do its work; 2 — the command was called
    wrongly (the command line prints its usage line too, as for a mistyped option).
    """

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

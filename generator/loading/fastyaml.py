"""The fast path of `yamlsafe.parse_yaml`: rapidyaml for plain records, nothing unusual.

Most record files use a small part of YAML: block mappings and lists, one-line plain or
quoted scalars and `|` texts. For such a file rapidyaml (`ryml`, C++) builds the tree
and writes it as JSON, which the C JSON decoder turns into Python data — about three
times cheaper than walking libyaml's events. The text is first matched line by line
against that subset; whatever falls outside it, or whatever ryml's JSON could spell
differently from the event loader's data, makes `parse_fast` return None, and the
caller parses the text with the event loader, the single source of messages.

Outside the subset (so never on the fast path): tabs, control and invisible characters,
a BOM, CR; tags, anchors, aliases, `<<`, `?`, `%`, `---`, `...`; flow `{ }`, and flow
`[ ]` holding anything but identifiers, or over several lines;
scalars over several lines; `>` and `|` with an indentation digit or as a list item;
backslashes in double quotes; plain scalars starting with an indicator or `~`; quoted or
`:`/`#`-holding keys, keys longer than 1000 characters; a line deeper than a finished
scalar's key or item (that would continue the scalar); a scalar as the whole document;
an empty document. Then, on ryml's JSON: a ryml error, duplicate keys, floats,
`True`/`Null`/`~`-like words and `inf`/`nan` spellings (ryml resolves or respells them
otherwise than the event loader), nesting deeper than `DEPTH_LIMIT`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from typing import Any

DEPTH_LIMIT: int = 30  # well under yamlsafe.MAX_DEPTH (40); deeper files take the event loader

_BAD = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"  # incl. \t, \n, \r
_C = f"[^{_BAD}]"  # any character of a line
_FIRST = rf"(?!\.\.\.)[^ \-?:,\[\]{{}}#&*!|>'\"%@`~<{_BAD}]"  # no indicator starts a scalar
_RUN = f"[^ :{_BAD}]"
_PLAIN = rf"{_FIRST}{_RUN}*+(?:(?:[ ]++(?=[^ :#{_BAD}])|:(?=[^ {_BAD}])){_RUN}*+)*+"
_DQ = rf'"[^"\\{_BAD}]*+"'
_SQ = rf"'[^'{_BAD}]*+(?:''[^'{_BAD}]*+)*+'"
_WORD = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*+"  # identifiers, dates: all a flow list may hold
_FLOW = rf"\[(?:[ ]*+{_WORD}(?:[ ]*+,[ ]*+{_WORD})*+)?[ ]*+\]"
_VALUE = f"(?:{_PLAIN}|{_DQ}|{_SQ}|{_FLOW})"
_KEY = rf"{_FIRST}[^:#{_BAD}]{{0,1000}}+(?<! ):(?=[ \n])"  # libyaml's keys: ≤ 1024 chars
_END = rf"(?:[ ]++(?:\#{_C}*+)?)?\n"
_SKIP = rf"(?:[ ]*+(?:\#{_C}*+)?\n)*+"  # blank and comment lines
_LITERAL = r"[ ]++\|[-+]?" + _END


def _after(indent: str, dash: bool) -> str:
    """No next line deeper than the finished line's key or item (it would continue it)."""
    if dash:  # "- key: v": the next line is at most the dash's column or exactly the key's
        return rf"(?!{_SKIP}(?P={indent})[ ](?![ ][^ ]))"
    return rf"(?!{_SKIP}(?P={indent})[ ])"


def _text_block(indent: str, body: str, deeper: str) -> str:
    """`|` text: its first line is deeper than the key, every later one at least as deep."""
    first = rf"(?P<{body}>(?P={indent}){deeper}[ ]*+)[^ {_BAD}]{_C}*+\n"
    return rf"{first}(?:(?P={body}){_C}*+\n|\n)*+"


_LINES = (  # the commonest first
    rf"(?P<a>[ ]*+){_KEY}[ ]++{_VALUE}{_END}{_after('a', False)}",  # key: value
    rf"(?P<b>[ ]*+)-[ ]{_KEY}[ ]++{_VALUE}{_END}{_after('b', True)}",  # - key: value
    rf"[ ]*+(?:-[ ])?{_KEY}{_END}",  # key:   (a block or nothing follows)
    rf"(?P<c>[ ]*+)-[ ]{_VALUE}{_END}{_after('c', False)}",  # - value
    rf"[ ]*+(?:\#{_C}*+)?\n",  # blank or comment
    rf"(?P<d>[ ]*+){_KEY}{_LITERAL}{_text_block('d', 'e', '[ ]')}{_after('d', False)}",
    rf"(?P<f>[ ]*+)-[ ]{_KEY}{_LITERAL}{_text_block('f', 'g', '[ ]{3}')}{_after('f', True)}",
)


# Both made at the first parse: a check whose records all come from the cache parses nothing,
# and compiling the pattern and importing rapidyaml take a twentieth of a second.
@functools.cache
def _subset() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(_LINES) + ")*+")


@functools.cache
def _rapidyaml() -> Any:
    """The `ryml` module; None when its wheel is missing: every file takes the event loader."""
    try:
        import ryml  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return None
    return ryml


# Words the event loader resolves (or ryml respells) otherwise than ryml's JSON says.
_RESPELT = re.compile(r'"(?:True|TRUE|False|FALSE|Null|NULL|~|[-+]?\.(?:inf|nan))"')
_TOO_DEEP = "\n" + " " * (2 * DEPTH_LIMIT)  # ryml's JSON indents each level by two spaces
_DEEP_TEXT = "\n" + " " * 80
_STDERR_LOCK = threading.Lock()


class _Unusual(Exception):
    """Raised inside JSON decoding: the file takes the event loader."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):  # a duplicate key: the event loader names both lines
        raise _Unusual
    return mapping


def _refuse(_token: str) -> Any:
    raise _Unusual


# ryml respells some floats in its JSON (".5" → 0.5, "1." → 1.0, ".5e3" → 0.5e3): a float
# passes only in a form no respelling produces — no leading "0.", no trailing zero, no
# exponent; others take the event loader.
_PLAIN_FLOAT = re.compile(r"-?[1-9][0-9]*\.[0-9]*[1-9]")


def _float(token: str) -> str:
    if _PLAIN_FLOAT.fullmatch(token) is None:
        raise _Unusual
    return token


# Plain scalars keep their spelling as text, as in the event loader.
_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_int=str, parse_float=_float, parse_constant=_refuse
)


def parse_fast(text: str) -> dict[str, Any] | list[Any] | None:
    """The data of `text` if it is in the fast subset, else None (use the event loader).

    When not None, it equals what the event loader returns for the same text.
    """
    ryml = _rapidyaml()
    if ryml is None or _DEEP_TEXT in text:
        return None
    if not text.endswith("\n"):
        if "|" in text:  # a last `|` text's final line break depends on it
            return None
        text += "\n"
    if _subset().fullmatch(text) is None:
        return None
    emitted = _emit_json(ryml, text.encode("utf-8"))
    if not emitted or _TOO_DEEP in emitted or _RESPELT.search(emitted):
        return None
    try:
        data = _DECODER.decode(emitted)
    except (_Unusual, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict | list) else None


def _emit_json(ryml: Any, raw: bytes) -> str | None:
    """ryml's tree of `raw` as JSON; None on a ryml error, whose report is kept off stderr.

    rapidyaml's default error handler prints to the process's stderr before raising, so
    file descriptor 2 points at /dev/null while it parses (other threads' stderr output
    in that moment would be lost too; loading runs in one thread).
    """
    tree = ryml.Tree()
    with _STDERR_LOCK:
        saved = os.dup(2)
        try:
            os.dup2(_devnull(), 2)
            ryml._ryml.parse_csubstr(raw, tree)
        except ryml.ExceptionBasic:
            return None
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    emitted: str | None = ryml._ryml.emit_json_malloc(tree, tree.root_id())
    return emitted


_NULL_FD: list[int] = []


def _devnull() -> int:
    if not _NULL_FD:
        _NULL_FD.append(os.open(os.devnull, os.O_WRONLY))
    return _NULL_FD[0]

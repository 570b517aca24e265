"""Click in Russian: help headings and the messages of usage errors.

The people who run the commands are methodologists, so a wrong option must be explained in
Russian too. Click marks its messages for gettext (`_` and `ngettext` in each module); we
give those names a catalog of our own instead of installing a locale, which a Debian
runner or a Windows laptop may not have. Messages missing from the catalog stay English.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import click

MESSAGES: dict[str, str] = {
    "Error: {message}": "Ошибка: {message}",
    "Usage:": "Запуск:",
    "Try '{command} {option}' for help.": "Справка: {command} {option}",
    "Missing argument": "Не указан аргумент",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "Missing {param_type}": "Не указан {param_type}",
    "Missing command.": "Не указана команда.",
    "No such command {name!r}.": "Команды «{name}» нет.",
    "No such option {name!r}.": "Параметра {name} нет.",
    "Did you mean {possibility}?": "Может быть, {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Может быть, одно из: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Недопустимое значение {param_hint}: {message}",
    "Invalid value: {message}": "Недопустимое значение: {message}",
    "Option {name!r} does not take a value.": "Параметру {name} значение не нужно.",
    "Option {name!r} requires an argument.": "Параметру {name} нужно значение.",
    "Option {name!r} requires {nargs} arguments.": "Параметру {name} нужно значений: {nargs}.",
    "Got unexpected extra argument ({args})": "Лишний аргумент: {args}",
    "Got unexpected extra arguments ({args})": "Лишние аргументы: {args}",
    "{value!r} is not {choice}.": "«{value}» — не {choice}.",
    "{value!r} is not one of {choices}.": "«{value}» — не одно из: {choices}.",
    # every date option of the project has the one format %Y-%m-%d
    "{value!r} does not match the format {format}.": (
        "«{value}» — не дата в виде ГГГГ-ММ-ДД (например, 2026-09-01)."
    ),
    "{value!r} does not match the formats {formats}.": "«{value}» не подходит: нужен вид {formats}.",
    "{value!r} is not a valid {number_type}.": "«{value}» — не число.",
    "{value} is not in the range {range}.": "{value} — вне допустимого: {range}.",
    "{name} {filename!r} does not exist.": "{name} «{filename}» не существует.",
    "{name} {filename!r} is a file.": "{name} «{filename}» — файл, а нужна папка.",
    "{name} {filename!r} is a directory.": "{name} «{filename}» — папка, а нужен файл.",
    "{name} {filename!r} is not readable.": "{name} «{filename}» нельзя прочитать.",
    "{name} {filename!r} is not writable.": "{name} «{filename}» нельзя записать.",
    "file": "файл",
    "directory": "папка",
    "path": "путь",
    "Aborted!": "Прервано.",
}

# Where click formats a value with {…!r}, the Russian wording drops the `!r` and quotes the
# value with «…»: `format()` takes the same keyword arguments either way.
_CLICK_MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting")


def translate(message: str) -> str:
    """A click message in Russian, or as it is when the catalog lacks it."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """Click's ngettext: Russian wordings here do not depend on the count."""
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Give click's modules the Russian catalog in place of gettext.

    Call it before the commands are declared: click.Path names its kind («файл») when an
    option is created.
    """
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]


class RussianHelpFormatter(click.HelpFormatter):
    """Click's help with Russian headings: the people reading it are not programmers."""

    SECTIONS: ClassVar[dict[str, str]] = {
        "Options": "Параметры",
        "Commands": "Команды",
        "Arguments": "Аргументы",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Запуск: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.SECTIONS.get(heading, heading))


class RussianContext(click.Context):
    formatter_class = RussianHelpFormatter

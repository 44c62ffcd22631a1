"""The progress bar of a long management command, on the command's own stderr."""

from __future__ import annotations

from django.core.management.base import BaseCommand, OutputWrapper
from tqdm import tqdm


class _Stream:
    """A command's stderr as tqdm writes to it: no added line ending, no error colour."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, style_func=lambda s: s, ending="")

    def flush(self) -> None:
        self.wrapper.flush()

    def isatty(self) -> bool:
        return self.wrapper.isatty()


def progress_bar(command: BaseCommand, total: int | None, unit: str, hidden: bool, **more) -> tqdm:
    """A bar counting ``unit`` up to ``total`` on ``command``'s stderr; shown only on a
    terminal, and never when ``hidden`` (the ``--no-progress`` option)."""
    return tqdm(
        total=total,
        unit=f" {unit}",
        disable=True if hidden else None,
        file=_Stream(command.stderr),
        **more,
    )

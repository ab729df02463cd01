"""Progress of an ingest: a rich progress line on a terminal, plain periodic lines otherwise, nothing if quiet.

Error lines always go to stderr (above the progress line on a terminal), one line per bad input.
"""

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class IngestSummary:
    """Counts of what an ingest run did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    chars: int = 0
    merged: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        """Articles read (stored, replaced or unchanged) plus inputs that failed."""
        return self.added + self.replaced + self.unchanged + self.failed

    def line(self) -> str:
        """One line saying what the run did."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, {self.failed} failed; "
                f"{self.events} event reports, {self.merged} events written; {self.seconds:.1f} s, "
                f"{rate:.0f} articles/s, {self.chars / max(self.seconds, 1e-9) / 1000:.0f}k chars/s")


class Progress:
    """Shows how an ingest is going; `error` prints one line for a bad input."""

    def __init__(self, summary: IngestSummary, quiet: bool = False, tty: bool | None = None,
                 stream: TextIO | None = None, every: float = 10.0, label: str = "ingest") -> None:
        self.summary, self.quiet, self.every, self.label = summary, quiet, every, label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.started = self.last = time.monotonic()
        self.rich = None
        self.task = None
        self.phase = "reading"

    def __enter__(self) -> "Progress":
        if self.tty and not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.rich = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=12),
                                 TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                                 console=Console(file=self.stream), transient=False)
            self.rich.start()
            self.task = self.rich.add_task(self.label, total=None, counts="")
        return self

    def __exit__(self, *exc: object) -> None:
        self.summary.seconds = time.monotonic() - self.started
        if self.rich is not None:
            self.update(force=True)
            self.rich.stop()

    def counts(self) -> str:
        """Counts so far and the rate."""
        s = self.summary
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (f"{s.articles} articles ({s.added} added, {s.replaced} replaced, {s.unchanged} unchanged, "
                f"{s.failed} failed), {s.articles / elapsed:.0f}/s, {s.chars / elapsed / 1000:.0f}k chars/s")

    def short(self) -> str:
        """Counts and rate, compact enough for an 80-column terminal line."""
        s = self.summary
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (f"{s.added} new {s.replaced} repl {s.unchanged} same [red]{s.failed} failed[/] "
                f"{s.articles / elapsed:.0f}/s {s.chars / elapsed / 1000:.0f}k ch/s")

    def update(self, force: bool = False, phase: str | None = None) -> None:
        """Refresh the display (rich) or print a plain line when `every` seconds have passed."""
        if phase:
            self.phase = phase
        now = time.monotonic()
        if self.quiet:
            return
        if self.rich is not None:
            if force or now - self.last >= 0.1:
                self.rich.update(self.task, counts=self.short(), description=f"{self.label} {self.phase}")
                self.last = now
        elif force or now - self.last >= self.every:
            print(f"{self.label}: {self.phase}: {self.counts()}", file=self.stream, flush=True)
            self.last = now

    def error(self, reason: str) -> None:
        """One line on stderr for an input that failed."""
        line = f"error: {reason}"
        if self.rich is not None:
            self.rich.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

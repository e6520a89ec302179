"""The ``jobpulse`` command group: one-line errors, and commands imported when asked for."""

from __future__ import annotations

import atexit
import functools
import gc
import importlib
from typing import Any

import click

from pipeline.errors import JobpulseError


class JobpulseGroup(click.Group):
    """Turns the errors a user can act on into one ``Error: ...`` line and exit code 1.

    The commands in :attr:`lazy` are imported when asked for (run, or listed by ``--help``):
    a command needs a fraction of what all of them import (DuckDB, the scheduler, the
    evaluators), which every start of ``jobpulse pay parse`` or ``skills extract`` paid.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}
        """Command name -> ``"module:attribute"`` of the command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        _skip_the_last_collection()
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if isinstance(exc, _user_errors()):
                raise click.ClickException(str(exc)) from exc
            raise


@functools.cache
def _skip_the_last_collection() -> None:
    """Freeze every object at exit, so the interpreter's last garbage collection skips them: it
    walked everything a command built (a load's place reference, rate history and taxonomy)
    for 0.3-0.4 s only to free memory the ending process hands back whole. Files and logs are
    flushed by their own exit handlers and ``with`` blocks, not by that collection."""
    atexit.register(gc.freeze)


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors a user can act on (imported here: the warehouse's bring in DuckDB)."""
    from pipeline.normalize.skills import TaxonomyError
    from warehouse.db import WarehouseError
    from warehouse.migrate import MigrationError

    return JobpulseError, WarehouseError, MigrationError, TaxonomyError

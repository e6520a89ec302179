"""``jobpulse boards``: check the configured ATS boards, add one from its URL, revive a dead one."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.options import URL

BOARDS_FILE_OPTION = click.option(
    "--boards-file", type=click.Path(dir_okay=False, path_type=Path),
    envvar="JOBPULSE_BOARDS_FILE",
    help="The boards file [env JOBPULSE_BOARDS_FILE; default crawlers/boards.yaml].")


class BadUse(click.ClickException):
    """A usage error said in one line (click's UsageError adds the usage text around it)."""

    exit_code = 2


@click.group(name="boards")
def boards_group() -> None:
    """The company boards of the ATS sources (crawlers/boards.yaml).

    \b
    Examples:
        jobpulse boards check                 # every board of every board source, once
        jobpulse boards add https://jobs.lever.co/acme --name "Acme"
        jobpulse boards revive greenhouse acme
    """


def _board_source(source: str) -> str:
    from pipeline.ops.boards import board_sources

    known = board_sources()
    if source not in known:
        raise BadUse(f"{source!r} is not a board source (board sources: "
                               f"{', '.join(known)})")
    return source


@boards_group.command(name="check")
@click.argument("sources", metavar="[SOURCE]...", nargs=-1)
@click.option("--base-url", type=URL, help="Base URL instead of the real one (e.g. a local "
              "server); with several sources it must contain {source}.")
@BOARDS_FILE_OPTION
def check_command(sources: tuple[str, ...], base_url: str | None,
                  boards_file: Path | None) -> None:
    """Ask every board of the board sources once and say how it answered.

    live: it lists jobs; empty: no jobs; moved: 404/410 or a redirect off the ATS; broken:
    an unusable answer. Dead boards (moved or empty three crawls in a row, skipped by crawls)
    are marked; a live answer brings one back. Findings are not failures: the exit status is 0
    unless the check itself could not run.

    \b
    Examples:
        jobpulse boards check
        jobpulse boards check greenhouse lever
    """
    from pipeline.config import Settings
    from pipeline.ops.boards import board_sources, check_boards, summary

    names = [_board_source(s) for s in dict.fromkeys(sources)] or board_sources()
    if base_url and len(names) > 1 and "{source}" not in base_url:
        raise BadUse("with several sources, --base-url must contain {source}")
    if boards_file is not None and not boards_file.is_file():
        raise BadUse(f"--boards-file {boards_file}: no such file")
    checks = check_boards(names, landing=Settings.from_env().landing_dir, base_url=base_url,
                          boards_file=boards_file)
    width = max((len(f"{c.source}/{c.board}") for c in checks), default=0)
    for check in checks:
        mark = (f"  DEAD since {check.dead_since[:10]}" if check.dead_since
                else "  (was dead: revived)" if check.revived else "")
        click.echo(f"{check.source + '/' + check.board:<{width}}  {check.kind:<6}  "
                   f"{check.detail()}{mark}")
    click.echo(summary(checks))


@boards_group.command(name="add")
@click.argument("url")
@click.option("--name", help="Display name of the company [default: the ATS's, or the token].")
@click.option("--no-check", is_flag=True, help="Add it without asking the board first.")
@click.option("--base-url", type=URL, help="Check against this base URL instead of the real "
              "one (e.g. a local server).")
@BOARDS_FILE_OPTION
def add_command(url: str, name: str | None, no_check: bool, base_url: str | None,
                boards_file: Path | None) -> None:
    """Add a company's board from its careers URL to the boards file.

    Recognises Greenhouse, Lever, Ashby, SmartRecruiters, Workable, Recruitee, Personio,
    Workday and BambooHR URLs. Unless --no-check, the board is asked once first, and one
    that moved (404) or cannot be read is refused.

    \b
    Examples:
        jobpulse boards add https://job-boards.greenhouse.io/acme
        jobpulse boards add https://acme.wd5.myworkdayjobs.com/en-US/External --name "Acme"
    """
    from pipeline.config import Settings
    from pipeline.ops.boards import board_sources, check_boards, default_boards_file
    from pipeline.ops.boards_file import add_board, find_board
    from pipeline.ops.boards_url import RECOGNISERS, recognise

    ref = recognise(url)
    if ref is None:
        raise BadUse(f"{url!r} is not a board URL of a known ATS "
                               f"({', '.join(RECOGNISERS)})")
    if ref.source not in board_sources():
        raise BadUse(f"{url!r} is a {ref.source} board, and this jobpulse has no "
                               f"{ref.source} spider")
    path = boards_file or default_boards_file()
    present = find_board(path, ref.source, ref.token)
    if present is not None:
        click.echo(f"{ref.source}/{present} is already in {path}")
        return
    if not no_check:
        check = check_boards([ref.source], landing=Settings.from_env().landing_dir,
                             base_url=base_url, boards_file=boards_file,
                             boards={ref.source: [ref.token]})[0]
        if check.kind in ("moved", "broken"):
            raise click.ClickException(
                f"{ref.source}/{ref.token} not added: the board answered {check.kind} "
                f"({check.detail()}); --no-check adds it anyway")
        click.echo(f"{ref.source}/{ref.token}: {check.kind}, {check.detail()}")
    add_board(path, ref.source, ref.token, name)
    click.echo(f"added {ref.source}/{ref.token} to {path}")


@boards_group.command(name="revive")
@click.argument("source")
@click.argument("board")
def revive_command(source: str, board: str) -> None:
    """Bring a dead board back: the next crawl asks it again.

    \b
    Example:
        jobpulse boards revive greenhouse acme
    """
    from pipeline.config import Settings
    from pipeline.ops.boards import revive

    before = revive(Settings.from_env().landing_dir, _board_source(source), board)
    if before.dead_since:
        click.echo(f"{source}/{board} revived (dead since {before.dead_since[:10]}); the next "
                   "crawl asks it again")
    else:
        click.echo(f"{source}/{board} is not dead; nothing to do")

"""Click commands for the skills taxonomy and extractor.

The lead registers them on the ``jobpulse`` CLI::

    cli.add_command(skills)                 # jobpulse skills extract|resolve|list
    eval_group.add_command(eval_skills, "skills")   # jobpulse eval skills

All output is JSON Lines (or JSON with ``--json``) so it pipes into ``jq``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, TypeVar

import click

from pipeline.cli.options import NON_NEGATIVE
from pipeline.cli.skills_batch import extract_lines
from pipeline.jsonl import JsonLinesError
from pipeline.normalize.skills import SkillExtractor, Taxonomy, TaxonomyError, load_taxonomy
from pipeline.normalize.skills.stored_extractor import stored_extractor

T = TypeVar("T")

__all__ = ["eval_skills", "skills"]

_taxonomy_option = click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Taxonomy YAML to use instead of the bundled pipeline/normalize/taxonomy.yaml.",
)


def _load(path: str | None) -> Taxonomy:
    return _read(lambda: load_taxonomy(path))


def _extractor(path: str | None) -> SkillExtractor:
    """The taxonomy's extractor (kept on disk between runs), or a one-line error."""
    return _read(lambda: stored_extractor(path))


def _read(load: Callable[[], T]) -> T:
    try:
        return load()
    except (OSError, TaxonomyError) as exc:
        raise click.ClickException(f"cannot load taxonomy: {exc}") from exc
    except Exception as exc:  # yaml errors carry their own position info
        raise click.ClickException(f"cannot parse taxonomy: {exc}") from exc


@click.group("skills")
def skills() -> None:
    """Skills taxonomy: extract skills from postings, resolve names, list the taxonomy.

    \b
    Examples:
      echo '{"id": "1", "text": "Go and Postgres on k8s"}' | jobpulse skills extract -
      jobpulse skills resolve golang k8s "ms sql"
      jobpulse skills list --category database
    """


@skills.command("extract")
@click.argument("file", type=click.File("rb"), default="-")
@_taxonomy_option
def extract_cmd(file: IO[bytes], taxonomy_path: str | None) -> None:
    """Extract canonical skills from JSON Lines postings.

    FILE holds one object per line: {"id", "text"} plus optional "title", "tags" (a list of
    strings) and "company" (the employer, whose own name is not a skill); "text" may be null.
    Use - for stdin. Prints {"id", "skills": [...]} per line. A line that is not such an object
    stops the command with its line number.

    \b
    Example:
      echo '{"id": "a1", "text": "Python/Django, PostgreSQL, AWS Lambda"}' \\
        | jobpulse skills extract -
      {"id": "a1", "skills": ["AWS", "AWS Lambda", "Django", "PostgreSQL", "Python"]}
    """
    extractor = _extractor(taxonomy_path)
    source = click.format_filename(getattr(file, "name", "-"))
    try:
        for out in extract_lines(file, source, extractor, taxonomy_path):
            click.echo(out, nl=False)
    except JsonLinesError as exc:
        raise click.ClickException(str(exc)) from None


@skills.command("resolve")
@click.argument("names", nargs=-1, required=True)
@_taxonomy_option
def resolve_cmd(names: tuple[str, ...], taxonomy_path: str | None) -> None:
    """Map names or aliases to canonical skill names (null when unknown).

    \b
    Example:
      jobpulse skills resolve golang postgres nosuchthing
      {"name": "golang", "canonical": "Go"}
      {"name": "postgres", "canonical": "PostgreSQL"}
      {"name": "nosuchthing", "canonical": null}
    """
    tax = _load(taxonomy_path)
    for name in names:
        click.echo(json.dumps({"name": name, "canonical": tax.resolve(name)}, ensure_ascii=False))


@skills.command("list")
@click.option("--category", default=None, help="Only skills of this category.")
@_taxonomy_option
def list_cmd(category: str | None, taxonomy_path: str | None) -> None:
    """List taxonomy skills as JSON Lines (name, category, parent, aliases).

    \b
    Example:
      jobpulse skills list --category cloud
      {"name": "Alibaba Cloud", "category": "cloud", "parent": null, "aliases": ["aliyun"]}
    """
    tax = _load(taxonomy_path)
    if category is not None and category not in tax.categories:
        raise click.ClickException(
            f"unknown category {category!r}; known: {', '.join(tax.categories)}"
        )
    for s in tax.by_category(category):
        click.echo(json.dumps(
            {"name": s.name, "category": s.category, "parent": s.parent,
             "aliases": list(s.aliases), "concept": s.concept},
            ensure_ascii=False,
        ))


@click.command("skills")
@click.option("--gold", "gold_files", multiple=True, required=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Gold JSON Lines file (repeatable); each file is scored on its own.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
@click.option("--top", type=NON_NEGATIVE, default=10, show_default=True,
              help="How many worst skills to show.")
@_taxonomy_option
def eval_skills(gold_files: tuple[str, ...], as_json: bool, top: int,
                taxonomy_path: str | None) -> None:
    """Score the skill extractor against gold files: micro P/R/F1 and worst skills.

    Concept skills (CI/CD, DevOps, ...) are excluded because the gold drops them.

    \b
    Example:
      jobpulse eval skills --gold ../shared/eval/skills/skillspan_tech_dev.jsonl \\
                           --gold ../shared/eval/skills/green2022.jsonl
    """
    from pipeline.eval.skills import evaluate_file, render_report

    extractor = _extractor(taxonomy_path)
    results = []
    for path in gold_files:
        try:
            results.append(evaluate_file(path, extractor))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot read ({exc.strerror or exc})") from None
    if as_json:
        payload = {
            "taxonomy_version": extractor.taxonomy.version,
            "excluded_concepts": list(results[0].excluded_concepts) if results else [],
            "files": [r.to_dict(top=top) for r in results],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(f"taxonomy {extractor.taxonomy.version}")
        click.echo(render_report(results, top=top))

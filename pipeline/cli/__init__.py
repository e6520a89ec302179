"""The ``jobpulse`` command line: thin click commands over the rooms beside it.

``commands`` holds the group and the everyday commands (sources, crawl, load, rebuild, migrate,
dashboard, demo); the other modules add their groups of commands to it.
"""

from pipeline.cli.commands import cli, main

__all__ = ["cli", "main"]

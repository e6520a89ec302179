"""``python -m pipeline.cli``: the ``jobpulse`` command without an installed script."""

from pipeline.cli.commands import main

main()

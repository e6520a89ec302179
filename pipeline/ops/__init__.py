"""Running jobpulse: the source registry, crawls in subprocesses, distributed workers, the
scheduler service and its config, and the run reports of ``jobpulse runs``.
"""

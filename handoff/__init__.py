"""What a crawl hands the pipeline, importable by both sides without importing either.

``crawlers/`` runs inside Scrapy and may import nothing of the pipeline; ``pipeline/`` starts
crawls in subprocesses and may import nothing of the crawlers. Both still have to agree on where
a run's items land, how its manifest proves them whole, and under which Redis keys a
distributed crawl keeps its queue. That contract lives here, and imports nothing of ours.

- :mod:`handoff.landing`: the landing zone (a folder or ``s3://``), its runs and manifests'
  landing digest.
- :mod:`handoff.s3`: the S3 landing store, its client and its errors; :mod:`handoff.stores`
  opens the store of either kind.
- :mod:`handoff.queue`: the Redis keys and settings of one distributed crawl.
- :mod:`handoff.text`: HTML bodies to plain text and ISO 8601 times, read the same on both sides.
- :mod:`handoff.collector`: Python's garbage collector made to run rarely, for the bulk work
  of either side (a crawl process, the loader and its normalizer workers).
- :mod:`handoff.errors`: the root error every jobpulse package raises for things a user can act
  on.
"""

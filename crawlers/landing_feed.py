"""The landing file's exporter: JSON Lines, with a digest of exactly the bytes it wrote.

The run manifest carries this digest (lines, bytes, SHA-256), so the loader can tell a whole
landing file from one cut short at a line boundary: a file cut after 100 of 318 lines is still
valid JSON Lines, and only the manifest knows it should hold more. The digest is taken as the
bytes are written, so it costs no second read of the file and holds for an S3 feed too (Scrapy
uploads the very bytes the exporter wrote).
"""

from __future__ import annotations

import hashlib
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exporters import JsonLinesItemExporter
from scrapy.utils.python import to_bytes

DIGEST_PREFIX = "jobpulse/landing/"
"""Stats keys: ``lines``, ``bytes`` and ``sha256`` of the landing file."""


class DigestJsonLinesExporter(JsonLinesItemExporter):
    """Scrapy's JSON Lines exporter, counting and hashing what it writes into the crawl stats."""

    def __init__(self, file: IO[bytes], *, crawler: Crawler | None = None,
                 **kwargs: Any) -> None:
        super().__init__(file, **kwargs)  # type: ignore[arg-type]
        self.crawler = crawler
        self.digest = hashlib.sha256()
        self.lines = 0
        self.bytes = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes],
                     **kwargs: Any) -> DigestJsonLinesExporter:
        return cls(file, crawler=crawler, **kwargs)

    def export_item(self, item: Any) -> None:
        itemdict = dict(self.get_serialized_fields(item))
        data = to_bytes(self.encoder.encode(itemdict) + "\n", self.encoding)
        self.file.write(data)
        # Counted after the write: an item the write refused is not in the file.
        self.digest.update(data)
        self.lines += 1
        self.bytes += len(data)

    def finish_exporting(self) -> None:
        super().finish_exporting()
        if self.crawler is not None and self.crawler.stats is not None:
            stats = self.crawler.stats
            stats.set_value(DIGEST_PREFIX + "lines", self.lines)
            stats.set_value(DIGEST_PREFIX + "bytes", self.bytes)
            stats.set_value(DIGEST_PREFIX + "sha256", self.digest.hexdigest())

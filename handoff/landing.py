"""The landing zone: where crawls put raw items and where the loader finds them.

A landing location is a local folder or an ``s3://bucket/prefix`` URI (``JOBPULSE_LANDING_DIR``).
Both hold ``<source>/<run>.jsonl`` (the run's items) and ``<source>/<run>.run.json`` (its
manifest, written only once the items are whole). A run is complete when both exist; the
relative name ``<source>/<run>.jsonl`` is the run's key wherever it lives, so a warehouse does
not care which kind of landing zone filled it.

The S3 store is in :mod:`handoff.s3`; :func:`handoff.stores.open_store` opens either kind.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import attrs

from handoff.errors import JobpulseError, LandingUnavailable

S3_SCHEME = "s3://"
DATA_SUFFIX = ".jsonl"
MANIFEST_SUFFIX = ".run.json"

_BUCKET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$")


@attrs.frozen
class S3Location:
    """``s3://bucket/prefix``: the prefix has no leading or trailing ``/`` and may be empty."""

    bucket: str
    prefix: str = ""

    def __str__(self) -> str:
        return f"{S3_SCHEME}{self.bucket}" + (f"/{self.prefix}" if self.prefix else "")

    def key(self, relative: str) -> str:
        """The object key of ``relative`` (``<source>/<file>``) under the prefix."""
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def uri(self, relative: str) -> str:
        return f"{S3_SCHEME}{self.bucket}/{self.key(relative)}"


LandingLocation = Path | S3Location


def parse_location(value: str | os.PathLike[str] | LandingLocation) -> LandingLocation:
    """A folder or an ``s3://`` location; anything else with a scheme is an error."""
    if isinstance(value, S3Location):
        return value
    text = os.fspath(value)
    if not text.startswith(S3_SCHEME):
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
            raise JobpulseError(f"unsupported landing location {text!r}: use a folder or "
                                "s3://bucket/prefix")
        return Path(text)
    parts = urlsplit(text)
    if "@" in parts.netloc:
        # Scrapy would accept key:secret@bucket, but the URI ends up in logs and manifests.
        raise JobpulseError("put S3 credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                            "not in the landing URI")
    if not _BUCKET.fullmatch(parts.netloc) or parts.query or parts.fragment:
        raise JobpulseError(f"invalid S3 landing location {text!r}: expected "
                            "s3://bucket/prefix")
    return S3Location(parts.netloc, parts.path.strip("/"))


def feed_uri(landing: str) -> str:
    """Scrapy's FEEDS key for a landing location given as text: one file per run."""
    location = parse_location(landing)
    if isinstance(location, S3Location):
        # FEEDS keys are %-templates: a literal % in the prefix must not be read as one.
        return str(location).replace("%", "%%") + "/%(name)s/%(crawl_run)s" + DATA_SUFFIX
    return os.path.join(landing, "%(name)s", "%(crawl_run)s" + DATA_SUFFIX)


def manifest_key(data_key: str) -> str:
    """``hn/r1.jsonl`` -> ``hn/r1.run.json``."""
    return data_key.removesuffix(DATA_SUFFIX) + MANIFEST_SUFFIX


def file_digest(data: bytes) -> dict[str, Any]:
    """Lines, bytes and SHA-256 of a landing file, as its run manifest records them."""
    return {"lines": data.count(b"\n"), "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


def digest_mismatch(expected: Any, data: bytes) -> str | None:
    """Why ``data`` is not the file a manifest's ``landing`` digest describes, or ``None``.

    A file cut at a line boundary is still valid JSON Lines; only the count, size and hash the
    crawl recorded when it closed the feed show that lines are missing.
    """
    if not isinstance(expected, dict):
        return "manifest has no valid landing digest"
    actual = file_digest(data)
    if all(expected.get(key) == actual[key] for key in ("lines", "bytes", "sha256")):
        return None
    return (f"manifest says {expected.get('lines')} items / {str(expected.get('sha256'))[:12]}, "
            f"file has {actual['lines']} / {actual['sha256'][:12]}")


@attrs.frozen
class StoredManifest:
    relative: str
    """``<source>/<run>.run.json``."""
    modified: datetime | None
    """When the store last wrote it, where that is cheap to know and worth using."""


class LandingStore(Protocol):
    """One landing zone; ``relative`` names are ``<source>/<file>``."""

    location: LandingLocation

    def runs(self) -> tuple[list[LandingRun], list[str]]:
        """Complete runs in run order, and the keys of data files that have no manifest yet."""
        ...

    def manifests(self, source: str) -> list[StoredManifest]:
        ...

    def read(self, relative: str) -> bytes:
        """The object's bytes; ``OSError`` when it cannot be read."""
        ...

    def exists(self, relative: str) -> bool:
        ...

    def write_atomic(self, relative: str, data: bytes) -> None:
        """Readers see no object or the whole of ``data``, never a part."""
        ...

    def check(self) -> None:
        """:class:`LandingUnavailable` unless the zone can be used."""
        ...

    def name(self, relative: str) -> str:
        """Where ``relative`` is, for messages."""
        ...


@attrs.frozen
class LandingRun:
    """A complete run: its items and its manifest, in the store that holds them."""

    key: str
    """``<source>/<run>.jsonl``: how ``landing_files`` records it."""
    store: LandingStore = attrs.field(eq=False, repr=False)

    @property
    def run_id(self) -> str:
        return self.key.rsplit("/", 1)[-1].removesuffix(DATA_SUFFIX)

    @property
    def data_name(self) -> str:
        return self.store.name(self.key)

    @property
    def manifest_name(self) -> str:
        return self.store.name(manifest_key(self.key))

    def read_data(self) -> bytes:
        return self.store.read(self.key)

    def read_manifest(self) -> bytes:
        return self.store.read(manifest_key(self.key))


def _run_order(key: str) -> tuple[str, str]:
    # Run ids start with their UTC start time: run order, then source.
    source, _, name = key.partition("/")
    return name.removesuffix(DATA_SUFFIX), source


def split_runs(store: LandingStore, names: set[str]) -> tuple[list[LandingRun], list[str]]:
    """The complete runs among a store's file ``names`` and the data files without a manifest.

    Only ``<source>/<run>.jsonl`` counts (one level of source folders, as on a local folder),
    both lists in run order.
    """
    runs: list[LandingRun] = []
    incomplete: list[str] = []
    for relative in sorted(names, key=_run_order):
        source, sep, name = relative.partition("/")
        if not (source and sep and name.endswith(DATA_SUFFIX)) or "/" in name:
            continue
        if manifest_key(relative) in names:
            runs.append(LandingRun(relative, store))
        else:
            incomplete.append(relative)
    return runs, incomplete


class LocalLanding:
    """A landing folder on this machine (or a mounted bucket)."""

    def __init__(self, folder: Path) -> None:
        self.location: LandingLocation = folder
        self.folder = folder

    def runs(self) -> tuple[list[LandingRun], list[str]]:
        self.check()
        if not self.folder.is_dir():
            return [], []
        names = {path.relative_to(self.folder).as_posix()
                 for pattern in (f"*/*{DATA_SUFFIX}", f"*/*{MANIFEST_SUFFIX}")
                 for path in self.folder.glob(pattern) if path.is_file()}
        return split_runs(self, names)

    def manifests(self, source: str) -> list[StoredManifest]:
        # Local reads are cheap: no write times, so callers read every manifest.
        return [StoredManifest(path.relative_to(self.folder).as_posix(), None)
                for path in (self.folder / source).glob(f"*{MANIFEST_SUFFIX}")]

    def read(self, relative: str) -> bytes:
        return (self.folder / relative).read_bytes()

    def exists(self, relative: str) -> bool:
        return (self.folder / relative).exists()

    def write_atomic(self, relative: str, data: bytes) -> None:
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        # Rename is atomic: a reader sees no file or a whole one.
        os.replace(tmp, target)

    def check(self) -> None:
        """A missing folder is created when first written; a file in its place is an error."""
        if self.folder.exists() and not self.folder.is_dir():
            raise LandingUnavailable(f"landing zone {self.folder} is a file, not a folder")

    def name(self, relative: str) -> str:
        return str(self.folder / relative)

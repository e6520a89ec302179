"""An S3 landing zone (or an S3-compatible store such as MinIO), behind ``LandingStore``.

Object stores need boto3 (imported only when used). Its usual chain supplies credentials
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, ...) and the endpoint of an
S3-compatible store (``AWS_ENDPOINT_URL``); :class:`S3Options` carries Scrapy's ``AWS_*``
settings when a crawl overrides them. S3 failures become one :class:`LandingUnavailable` line a
user can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Protocol

import attrs

from handoff.errors import LandingUnavailable
from handoff.landing import (
    MANIFEST_SUFFIX,
    LandingLocation,
    LandingRun,
    S3Location,
    StoredManifest,
    split_runs,
)


class SettingsLike(Protocol):
    """Scrapy's Settings or a plain dict of setting names to values."""

    def get(self, name: str, default: Any = None, /) -> Any:
        ...


@attrs.frozen
class S3Options:
    """How to reach S3; ``None`` leaves a value to boto3's own chain (env, profile, ...)."""

    endpoint_url: str | None = None
    region_name: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    session_token: str | None = None

    @classmethod
    def from_settings(cls, settings: SettingsLike) -> S3Options:
        """From Scrapy's ``AWS_*`` settings (a Settings object or a plain mapping), the ones
        Scrapy's own S3 feed storage reads, so the manifest goes where the feed went."""
        def get(name: str) -> str | None:
            value = settings.get(name)
            return str(value) if value else None

        return cls(endpoint_url=get("AWS_ENDPOINT_URL"), region_name=get("AWS_REGION_NAME"),
                   access_key=get("AWS_ACCESS_KEY_ID"), secret_key=get("AWS_SECRET_ACCESS_KEY"),
                   session_token=get("AWS_SESSION_TOKEN"))


class S3ObjectError(OSError):
    """One object could not be read (missing, refused, connection cut): that object only."""


class S3Landing:
    """A landing zone in an S3 bucket (or an S3-compatible store such as MinIO)."""

    def __init__(self, location: S3Location, options: S3Options | None = None, *,
                 client: Any = None) -> None:
        self.location: LandingLocation = location
        self.s3 = location
        self.client = client if client is not None else _client(options or S3Options())

    def _objects(self, under: str) -> Iterator[tuple[str, datetime]]:
        """``(relative name, last modified)`` of every object under ``<prefix>/<under>``."""
        base = self.s3.key("")
        paginator = self.client.get_paginator("list_objects_v2")
        with _s3_errors(self.s3, "list"):
            for page in paginator.paginate(Bucket=self.s3.bucket, Prefix=base + under):
                for obj in page.get("Contents", []):
                    yield obj["Key"][len(base):], obj["LastModified"]

    def runs(self) -> tuple[list[LandingRun], list[str]]:
        return split_runs(self, {relative for relative, _ in self._objects("")})

    def manifests(self, source: str) -> list[StoredManifest]:
        return [StoredManifest(relative, modified)
                for relative, modified in self._objects(f"{source}/")
                if relative.endswith(MANIFEST_SUFFIX) and relative.count("/") == 1]

    def read(self, relative: str) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            response = self.client.get_object(Bucket=self.s3.bucket, Key=self.s3.key(relative))
            return bytes(response["Body"].read())
        except (BotoCoreError, ClientError) as exc:
            raise S3ObjectError(_describe(exc)) from exc

    def exists(self, relative: str) -> bool:
        from botocore.exceptions import ClientError

        with _s3_errors(self.s3, f"look up {self.name(relative)}"):
            try:
                self.client.head_object(Bucket=self.s3.bucket, Key=self.s3.key(relative))
            except ClientError as exc:
                if _error_code(exc) in {"404", "NoSuchKey", "NotFound"}:
                    return False
                raise
        return True

    def write_atomic(self, relative: str, data: bytes) -> None:
        # One PUT: S3 shows the new object whole or not at all.
        with _s3_errors(self.s3, f"write {self.name(relative)}"):
            self.client.put_object(Bucket=self.s3.bucket, Key=self.s3.key(relative), Body=data)

    def check(self) -> None:
        with _s3_errors(self.s3, "open"):
            self.client.head_bucket(Bucket=self.s3.bucket)

    def name(self, relative: str) -> str:
        return self.s3.uri(relative)


def _client(options: S3Options) -> Any:
    try:
        import boto3.session
    except ImportError:
        raise LandingUnavailable("an s3:// landing zone needs boto3 (pip install boto3)") from None
    # A session of our own, like Scrapy's feed storage: the default one is shared state.
    return boto3.session.Session().client(
        "s3", endpoint_url=options.endpoint_url, region_name=options.region_name,
        aws_access_key_id=options.access_key, aws_secret_access_key=options.secret_key,
        aws_session_token=options.session_token,
    )


def _error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def _describe(exc: BaseException) -> str:
    """``Code: message`` of an S3 answer, else the exception's text; always one line."""
    code = _error_code(exc)
    if not code:
        return " ".join((str(exc) or type(exc).__name__).split())
    response = getattr(exc, "response", {})
    message = str(response.get("Error", {}).get("Message") or "")
    return " ".join((f"{code}: {message}" if message else code).split())


_REFUSED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "AllAccessDisabled"}


@contextmanager
def _s3_errors(location: S3Location, doing: str) -> Iterator[None]:
    """Turn S3 failures into one :class:`LandingUnavailable` line a user can act on."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        EndpointConnectionError,
        NoCredentialsError,
        PartialCredentialsError,
    )

    try:
        yield
    except (BotoCoreError, ClientError) as exc:
        code = _error_code(exc)
        if isinstance(exc, NoCredentialsError | PartialCredentialsError):
            text = (f"no AWS credentials for the landing zone {location}: set AWS_ACCESS_KEY_ID "
                    "and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)")
        elif code == "NoSuchBucket" or (doing == "open" and code in {"404", "NotFound"}):
            text = (f"the landing bucket {location.bucket!r} does not exist ({location}); create "
                    "it or correct JOBPULSE_LANDING_DIR")
        elif code in _REFUSED:
            text = (f"S3 refused access to the landing zone {location} ({_describe(exc)}); check "
                    "the AWS credentials and the bucket's permissions")
        elif isinstance(exc, EndpointConnectionError):
            text = f"cannot reach S3 for the landing zone {location}: {_describe(exc)}"
        else:
            text = f"S3 error for the landing zone {location} ({doing}): {_describe(exc)}"
        raise LandingUnavailable(text) from exc

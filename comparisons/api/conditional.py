"""Conditional requests for the API, on the catalogue's data version (core/data_version.py).

Validators are those of the whole catalogue, not of one object: `ETag` is
`data_version.data_etag` (data version, URL, language, Accept header, user) and
`Last-Modified` is `data_version.data_last_modified`. So:

- a read with `If-None-Match` (or `If-Modified-Since`) gets 304 until any
  catalogue write happens;
- a write with `If-Match: <ETag of a GET of the same URL, same headers>` (or
  `If-Unmodified-Since`) gets 412 if anything in the catalogue was written
  since that read. This is stricter than per-object versions, never looser:
  no lost update can slip through.
"""

from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from core.data_version import data_etag, data_last_modified

from .errors import NotModified, PreconditionFailed


def current_validators(request) -> tuple[str, int]:
    """The quoted ETag and the Last-Modified timestamp for this request."""
    return quote_etag(data_etag(request)), int(data_last_modified(request).timestamp())


def evaluate_preconditions(request) -> None:
    """Raise NotModified (reads) or PreconditionFailed (writes) when a condition says so."""
    etag, last_modified = current_validators(request)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        return
    if response.status_code == 304:
        raise NotModified(response)
    raise PreconditionFailed()

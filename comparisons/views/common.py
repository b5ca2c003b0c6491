from django.views.decorators.http import condition

from core.data_version import data_etag, data_last_modified

# Every public page depends only on the catalogue (and the URL, language and
# user, which data_etag mixes in): answer conditional GETs with 304.
conditional = condition(etag_func=data_etag, last_modified_func=data_last_modified)


def unique_sources(*groups):
    """Sources in order of first appearance, each once."""
    seen = {}
    for group in groups:
        for source in group:
            seen.setdefault(source.pk, source)
    return list(seen.values())

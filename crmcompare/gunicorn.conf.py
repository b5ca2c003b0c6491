"""gunicorn's settings for `make serve` and bench/: `gunicorn -c crmcompare/gunicorn.conf.py`."""

import gc

# Objects a worker loads for its first requests (URLconf, templates, translations,
# locale data) live as long as the worker, and Python's full garbage collections
# walk every one of them, several times per big comparison page. Once loaded they
# are frozen out of the collector's sight; again later for what rarer pages load.
FREEZE_AFTER_REQUESTS = frozenset({5, 100, 1000})


def post_request(worker, req, environ, resp):
    if worker.nr in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()

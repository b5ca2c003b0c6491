import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmcompare.settings")

# Objects loaded by the first requests (URLconf, templates, translations, locale
# data) live as long as the worker. Python's full collections walk every one of
# them several times per big page (a 10 × 600 comparison spent about a third of
# its time there), so once they are loaded they are moved out of the collector's
# sight with gc.freeze(): after the first few requests, and again later for what
# rarer pages load.
FREEZE_AFTER = (5, 100, 1000)


def freeze_after_warm_up(app, after: tuple[int, ...] = FREEZE_AFTER):
    served = 0

    def application(environ, start_response):
        nonlocal served
        try:
            return app(environ, start_response)
        finally:
            served += 1
            if served in after:
                gc.collect()
                gc.freeze()

    return application


application = freeze_after_warm_up(get_wsgi_application())

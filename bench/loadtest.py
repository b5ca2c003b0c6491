"""Load test: mixed reads with concurrent admin price edits, on gunicorn + PostgreSQL + Redis.

    .venv/bin/python bench/loadtest.py              # 30 s, 4 readers, 2 editors
    .venv/bin/python bench/loadtest.py --seconds 10

Builds a scratch PostgreSQL database (the seed article plus a small generated
catalogue), serves it with gunicorn on loopback with the response cache on
(Redis), then for a fixed time:
- readers GET a mix of public pages, API reads and the sitemap, anonymously;
- editors change plan prices through the Django admin's change form (logged in,
  CSRF and all), each on its own plans, and right after each save read the plan
  back anonymously from the API and the vendor page (through the cache).

It fails (exit status 1) on any 5xx, on any edit not visible right after it was
saved, and, at the end, on any lost edit: every plan's price in the database is
its last edit's, and its history holds one version per edit. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ROOT,
    build_site,
    database_url,
    gunicorn,
    manage,
    redis_reachable,
    request,
    site_environment,
)

PASSWORD = "load-test-editor-password-1"
READ_PATHS = [
    "/",
    "/comparar/zoho-crm-vs-hubspot-crm/",
    "/en/comparar/zoho-crm-vs-hubspot-crm/",
    "/comparar/zoho-crm-vs-hubspot-crm/?diferencias=1",
    "/crm/zoho-crm/",
    "/en/crm/hubspot-crm/",
    "/comparar/load-all-vendors/",
    "/preguntas-frecuentes/",
    "/api/v1/comparisons/zoho-crm-vs-hubspot-crm/",
    "/api/v1/plans/",
    "/api/v1/vendors/",
    "/sitemap.xml",
]


class FormParser(HTMLParser):
    """The fields of each <form method=post>, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.select_value: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
            self.fields = []
            self.forms.append(self.fields)
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.select_value, self.first_option = name, None, None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.select_value = value
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "select" and self.select:
            value = self.select_value if self.select_value is not None else self.first_option
            self.fields.append((self.select, value or ""))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.lstrip("\n")))
            self.textarea = None
        elif tag == "form":
            self.in_form = False


class Session:
    """A logged-in editor: cookies kept by hand, one connection per request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, fields=None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        status, response_headers, content = request(
            self.port, path, method=method, headers=headers, body=body
        )
        for cookie in response_headers.get_all("Set-Cookie") or []:
            key, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[key.strip()] = value.strip()
        return status, content.decode("utf-8", "replace")

    def form(self, path: str) -> list[tuple[str, str]]:
        status, content = self.send("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        parser = FormParser()
        parser.feed(content)
        # The page's main form, not e.g. the admin's logout button.
        return max(parser.forms, key=len)

    def login(self, username: str) -> None:
        fields = dict(self.form("/admin/login/"))
        fields.update(username=username, password=PASSWORD, next="/admin/")
        status, _ = self.send("POST", "/admin/login/", list(fields.items()))
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"admin login failed ({status})")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    edits: list[tuple[int, Decimal]] = field(default_factory=list)  # (plan id, price) in order
    invisible: list[str] = field(default_factory=list)
    edit_failures: list[str] = field(default_factory=list)

    def record(self, path: str, status: int) -> None:
        with self.lock:
            self.reads += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500:
                self.server_errors.append(f"{status} {path}")


def reader(port: int, deadline: float, tally: Tally, offset: int) -> None:
    paths = itertools.cycle(READ_PATHS[offset:] + READ_PATHS[:offset])
    while time.monotonic() < deadline:
        path = next(paths)
        try:
            status, _h, _b = request(port, path)
        except OSError as error:
            with tally.lock:
                tally.server_errors.append(f"{error!r} {path}")
            continue
        tally.record(path, status)


def editor(port: int, deadline: float, tally: Tally, number: int, plans: list[dict]) -> None:
    session = Session(port)
    session.login(f"editor{number}")
    for sequence in itertools.count():
        if time.monotonic() >= deadline:
            return
        plan = plans[sequence % len(plans)]
        # Never a whole number (the pages drop ".00"), unique per plan and edit.
        price = Decimal(f"{100 + (sequence * 7 + number) % 800}.{sequence % 89 + 10}")
        path = f"/admin/comparisons/plan/{plan['id']}/change/"
        try:
            fields = [(k, v) for k, v in session.form(path) if k not in ("price", "_save")]
            fields += [("price", str(price)), ("_save", "Save")]
            status, content = session.send("POST", path, fields)
        except (OSError, RuntimeError) as error:
            with tally.lock:
                tally.edit_failures.append(f"{path}: {error!r}")
            continue
        tally.record(path, status)
        if status != 302:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', content, re.S)
            with tally.lock:
                tally.edit_failures.append(f"{path}: {status} {errors[:3]}")
            continue
        with tally.lock:
            tally.edits.append((plan["id"], price))
        check_visible(port, tally, plan, price)


def check_visible(port: int, tally: Tally, plan: dict, price: Decimal) -> None:
    """Read-your-write through the cache, from whichever worker answers."""
    status, _h, body = request(port, f"/api/v1/plans/{plan['id']}/")
    tally.record("/api/v1/plans/<id>/", status)
    shown = json.loads(body).get("price") if status == 200 else None
    if shown is None or Decimal(shown) != price:
        with tally.lock:
            tally.invisible.append(f"API plan {plan['id']}: {shown} instead of {price}")
    status, _h, body = request(port, f"/en/crm/{plan['vendor']}/")
    tally.record("/en/crm/<slug>/", status)
    if f"{price:.2f}" not in body.decode():
        with tally.lock:
            tally.invisible.append(f"vendor page {plan['vendor']}: {price} not shown")


def editable_plans(env: dict) -> list[dict]:
    output = manage(
        env,
        "shell",
        "-c",
        "import json; from comparisons.models import Plan; print(json.dumps([{'id': p.pk, "
        "'vendor': p.vendor.slug} for p in Plan.objects.filter(is_free=False, kind='plan')"
        ".exclude(price=None).select_related('vendor').order_by('pk')]))",
    )
    return json.loads(output.strip().splitlines()[-1])


def final_state(env: dict, plan_ids: list[int], since: str) -> dict:
    output = manage(
        env,
        "shell",
        "-c",
        "import json; from comparisons.models import Plan\n"
        f"ids = {plan_ids!r}\n"
        "print(json.dumps({p.pk: {'price': str(p.price), 'versions': "
        f"p.history.filter(history_type='~', history_date__gte='{since}').count()}} "
        "for p in Plan.objects.filter(pk__in=ids)}))",
    )
    return {int(k): v for k, v in json.loads(output.strip().splitlines()[-1]).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-name", default="crm_prod_load", help="dropped and created afresh"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8108")))
    args = parser.parse_args()

    redis_url = args.redis if redis_reachable(args.redis) else None
    env = site_environment(
        database_url=database_url("postgres", args.database_name),
        redis_url=redis_url,
        **({} if redis_url else {"CACHE_DIR": f"/tmp/crm-load-cache-{os.getpid()}"}),
    )
    print(f"cache: {'Redis' if redis_url else 'files'}; preparing the database...", flush=True)
    build_site(env, vendors=4, features=40, prefix="load")
    for number in range(args.editors):
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            f"--username=editor{number}",
            f"--email=editor{number}@example.com",
        )
    plans = editable_plans(env)
    shares = [plans[number :: args.editors] for number in range(args.editors)]

    tally = Tally()
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    with gunicorn(env, port=args.port, workers=args.workers, log=Path("/tmp/crm-loadtest.log")):
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=reader, args=(args.port, deadline, tally, n))
            for n in range(args.readers)
        ] + [
            threading.Thread(target=editor, args=(args.port, deadline, tally, n, shares[n]))
            for n in range(args.editors)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Afterwards, through the cache: every plan shows its last edit.
        last = dict(tally.edits)
        by_id = {plan["id"]: plan for plan in plans}
        for plan_id, price in last.items():
            check_visible(args.port, tally, by_id[plan_id], price)

    state = final_state(env, sorted(last), started_at)
    lost = [
        f"plan {plan_id}: database has {state[plan_id]['price']}, last edit {price}"
        for plan_id, price in last.items()
        if Decimal(state[plan_id]["price"]) != price
    ]
    counts = {plan_id: sum(1 for p, _ in tally.edits if p == plan_id) for plan_id in last}
    missing_history = [
        f"plan {plan_id}: {state[plan_id]['versions']} versions for {count} edits"
        for plan_id, count in counts.items()
        if state[plan_id]["versions"] != count
    ]

    print(
        f"{args.seconds:g} s, {args.readers} readers, {args.editors} editors, "
        f"gunicorn {args.workers} workers"
    )
    print(
        f"requests: {tally.reads} ({tally.reads / args.seconds:.1f}/s), statuses {tally.statuses}"
    )
    print(f"edits saved: {len(tally.edits)} on {len(last)} plans")
    problems = {
        "5xx or connection errors": tally.server_errors,
        "edits refused": tally.edit_failures,
        "edits not visible": tally.invisible,
        "lost edits": lost,
        "edits missing from history": missing_history,
    }
    failed = False
    for label, items in problems.items():
        print(f"{label}: {len(items)}" + "".join(f"\n  {item}" for item in items[:10]))
        failed |= bool(items)
    if not tally.edits:
        print("no edit was saved")
        failed = True
    print("FAILED" if failed else "PASSED")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()

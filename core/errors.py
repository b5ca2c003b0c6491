"""The database errors that mean "the database is down", not "this request is wrong"."""

from django.db import InterfaceError, OperationalError

DATABASE_ERRORS = (OperationalError, InterfaceError)

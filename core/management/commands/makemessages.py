"""Django's makemessages, reading the Jinja2 templates of the public pages as well.

Django's own command reads every template as Django template language, which
misses Jinja2's {% trans %} blocks. Files under a Jinja2 engine's DIRS are parsed
by that engine's environment instead (same extensions and gettext style as the
site renders them with), and their strings handed to xgettext as gettext calls on
the template's own line numbers; everything else goes through Django as before.
"""

import json
from pathlib import Path

from django.core.management.commands import makemessages
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property
from jinja2 import Environment
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast


def gettext_calls(environment: Environment, source: str) -> str:
    """The template's translatable strings as Python gettext calls, each on its line."""
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, message in extract_from_ast(environment.parse(source), GETTEXT_FUNCTIONS):
        strings = message if isinstance(message, tuple) else (message,)
        if function in {"_", "gettext", "ngettext"} and strings[0] is None:
            continue  # _(variable): nothing to extract
        if function in {"pgettext", "npgettext"} and None in strings[:2]:
            continue
        name = "gettext" if function == "_" else function
        arguments = [json.dumps(s, ensure_ascii=False) for s in strings if s is not None]
        if name in {"ngettext", "npgettext"}:
            arguments.append("n")  # the count, any expression for xgettext
        lines[lineno - 1] += f"{name}({', '.join(arguments)}); "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    @cached_property
    def jinja2_environment(self) -> Environment | None:
        path = Path(self.path).resolve()
        for engine in engines.all():
            if isinstance(engine, Jinja2) and any(
                path.is_relative_to(Path(folder).resolve()) for folder in engine.template_dirs
            ):
                return engine.env
        return None

    def preprocess(self):
        if self.domain != "django" or self.jinja2_environment is None:
            return super().preprocess()
        with open(self.path, encoding="utf-8") as template:
            content = gettext_calls(self.jinja2_environment, template.read())
        with open(self.work_path, "w", encoding="utf-8") as work_file:
            work_file.write(content)


class Command(makemessages.Command):
    help = makemessages.Command.help + " Jinja2 templates are read with Jinja2's parser."
    build_file_class = BuildFile

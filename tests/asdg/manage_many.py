"""`manage.py` for several commands in one process: what the README-commands test runs
(tests/asdg/test_readme_commands.py), without starting Python and Django once per command.

    python -m tests.asdg.manage_many '[["check"], ["migrate", "--check"]]'

Each command runs as manage.py runs it (execute_from_command_line, the same settings),
one after the other; the output is a JSON list of [exit status, output] per command.
"""

import contextlib
import io
import json
import os
import sys
import traceback


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asdg.settings")
    from django.core.management import execute_from_command_line

    results = []
    for words in json.loads(argv[0]):
        output, status = io.StringIO(), 0
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                execute_from_command_line(["manage.py", *words])
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
            except Exception:
                traceback.print_exc()
                status = 1
        results.append([status, output.getvalue()])
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

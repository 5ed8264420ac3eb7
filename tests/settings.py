"""The settings the tests run with: the project's own, with production's values (pytest-env
eases two for the test client), on the project-local cluster unless DATABASE_URL
(environment or .env) names another database. asdg.settings falls back to that cluster
only with DEBUG on, and the tests run with DEBUG off."""

import os

from asdg import devdb

local = not devdb.configured_url()
if local:
    os.environ["DATABASE_URL"] = devdb.database_url()
try:
    from asdg.settings import *  # noqa: F403
finally:
    if local:  # the servers and commands the tests start choose their own database
        del os.environ["DATABASE_URL"]

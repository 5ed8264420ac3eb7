"""The settings of the site `make bench` serves (bench.server): the project's own, read
from the same environment, with the floor's URLs beside the site's (bench.urls).
Never a real site's settings."""

from asdg.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

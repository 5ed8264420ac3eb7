"""The public site's own content: news, editable pages, the newsletter (issue 6)."""

from django.db import models  # noqa: F401

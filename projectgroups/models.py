from django.db import models  # noqa: F401

# Models come with the projectgroups issue.

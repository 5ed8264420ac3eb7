"""The steering app's admin: governance (seats, elections) and meetings (plenary
meetings, consultations, agendas to watch, subjects, training)."""

from steering.admin import governance, meetings  # noqa: F401

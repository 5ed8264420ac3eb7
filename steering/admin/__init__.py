"""The steering app's admin: governance (seats, elections) and meetings (plenary
meetings, consultations, agendas to watch, subjects, training), and the trajectory
admin that adopts advices through plenary decisions (S5)."""

from steering.admin import (  # noqa: F401
    governance,
    meetings,
    papers,
    relations,
    reports,
    trajectories,
    votes,
)

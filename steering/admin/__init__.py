"""The steering app's admin: governance (seats, elections) and meetings (plenary
meetings, consultations, agendas to watch, subjects, training), and the trajectory
admin that adopts advices through plenary decisions (S5)."""

from steering.admin import governance, meetings, papers, reports, trajectories  # noqa: F401

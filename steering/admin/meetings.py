"""Admin of plenary meetings, consultations, agendas to watch, subjects and training (S5–S8)."""

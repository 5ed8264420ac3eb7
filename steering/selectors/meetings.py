"""Plenary meetings, consultations, subjects from members and training (S5–S8)."""

"""Steering-group services: every state change in transaction.atomic, locked where two
people could race. seats/elections (S1–S4) and meetings/consultations/subjects/training/
calendar (S5–S8) are separate modules."""

"""Admin of seats and elections (S1–S4)."""

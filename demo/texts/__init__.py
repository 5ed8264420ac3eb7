"""The demo's texts, kept as data beside the code that seeds them: one TOML file per
module of demo/ (demo/texts/<module>.toml), with named fields."""

import datetime
import tomllib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def load(name: str) -> dict:
    """The texts of demo/texts/<name>.toml."""
    with (FOLDER / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


MONTHS = load("common")["months"]


def dutch_date(day: datetime.date) -> str:
    """A date as the demo's Dutch texts write it: 8 september 2021."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

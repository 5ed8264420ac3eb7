"""Issue 20.4: the demo's texts are data files (demo/texts/*.toml) with named fields."""

import datetime
import re
from pathlib import Path

from demo import texts

DEMO_DIR = Path(texts.__file__).resolve().parent.parent


def test_every_text_file_is_read_by_the_demo_and_every_read_file_exists():
    files = {path.stem for path in texts.FOLDER.glob("*.toml")}
    code = "".join(path.read_text() for path in DEMO_DIR.rglob("*.py"))
    read = set(re.findall(r'load\("(\w+)"\)', code))
    assert read == files


def test_the_texts_hold_named_fields_not_positions():
    for path in texts.FOLDER.glob("*.toml"):
        for name, value in texts.load(path.stem).items():
            rows = value if isinstance(value, list) else [value]
            assert not any(isinstance(row, list) for row in rows), (path.name, name)


def test_dates_are_written_the_dutch_way():
    assert texts.dutch_date(datetime.date(2021, 9, 8)) == "8 september 2021"

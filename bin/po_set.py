"""Set translations in a .po file: python bin/po_set.py FILE < json {msgid: msgstr | [forms]}.

Clears the fuzzy flag and the previous-msgid (#|) lines of the entries it sets.
A maintenance helper for the catalogue; stdlib only.
"""

import json
import re
import sys
from pathlib import Path


def unquote(block: str) -> str:
    return "".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', block))


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main(path: str) -> None:
    wanted = json.load(sys.stdin)
    entries = Path(path).read_text(encoding="utf-8").split("\n\n")
    done = set()
    for i, entry in enumerate(entries):
        match = re.search(r"^msgid ((?:\".*\"\n?)+)", entry, re.M)
        if not match:
            continue
        msgid = unquote(match.group(1))
        if msgid not in wanted or not msgid:
            continue
        lines = [ln for ln in entry.split("\n") if not ln.startswith("#|")]
        lines = [
            re.sub(r"^#, fuzzy, ", "#, ", ln) if ln.startswith("#, fuzzy,") else ln
            for ln in lines
            if ln != "#, fuzzy"
        ]
        # Keep comments, msgid and msgid_plural; replace the msgstr(s).
        text = "\n".join(lines)
        cut = re.search(r"^msgstr", text, re.M).start()
        value = wanted[msgid]
        if isinstance(value, list):
            tail = "\n".join(f"msgstr[{n}] {quote(v)}" for n, v in enumerate(value))
        else:
            tail = f"msgstr {quote(value)}"
        entries[i] = text[:cut] + tail
        done.add(msgid)
    missing = set(wanted) - done
    if missing:
        sys.exit(f"not in the catalogue: {sorted(missing)}")
    Path(path).write_text("\n\n".join(entries), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

"""Fill the visibility app's strings into the fr, es, pt and ar catalogues (run once after
makemessages); entries already translated by hand are left alone."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from visibility_translations_1 import T as T1  # noqa: E402
from visibility_translations_2 import PLURALS  # noqa: E402
from visibility_translations_2 import T as T2

LANGS = {"fr": 1, "es": 2, "pt": 3, "ar": 4}
TABLE = {row[0]: row for row in T1 + T2}

for lang, col in LANGS.items():
    path = Path(__file__).parent.parent / "locale" / lang / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        if entry.msgid_plural and entry.msgid in PLURALS:
            forms = PLURALS[entry.msgid][col - 1]
            if lang == "ar":
                entry.msgstr_plural = {i: forms for i in range(6)}
            else:
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        elif entry.msgid in TABLE:
            entry.msgstr = TABLE[entry.msgid][col]
        else:
            missing.append(entry.msgid)
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    print(lang, "missing:", missing)

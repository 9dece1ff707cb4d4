"""Fill unfinished messages of resources/translations/opora_ru.ts from JSON lists of translations.

    .venv/bin/python scripts/fill_translations.py FILE.json [FILE.json …]

Each JSON file is a list of {"context", "source", "translation"}; a plural message («%n year(s)») takes a
list of its Russian forms (one, few, many). Used after `pyside6-lupdate` adds
new source strings (`make translations` then builds the .qm); prints what is still unfinished.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "opora_ru.ts"


def main(files: list[str]) -> int:
    known: dict[tuple[str, str], str | list[str]] = {}
    for name in files:
        for item in json.loads(Path(name).read_text(encoding="utf-8")):
            known[(item["context"], item["source"])] = item["translation"]
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            text = known.get((context_name, message.findtext("source") or ""))
            if text is None:
                missing.append(f"{context_name}: {message.findtext('source')}")
                continue
            if isinstance(text, list):  # plural forms (numerus="yes"): one, few, many in Russian
                for child in list(translation):
                    translation.remove(child)
                for form in text:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = text
            del translation.attrib["type"]
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for line in missing:
        print("unfinished:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

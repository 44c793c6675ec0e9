"""Holds a findings.ocsf.json to the OCSF schema as py-ocsf-models models it.

Each record must validate as a Detection Finding, and must survive the model unchanged: the
models ignore fields OCSF does not have, so a field the schema does not know shows up as a
difference instead of passing unseen. Exits non-zero, saying which record and where, on the
first problem, and on a file with no record at all.
"""

import json
import sys

from py_ocsf_models import OCSF_VERSION
from py_ocsf_models.events.findings.detection_finding import DetectionFinding


def differences(written, kept, path="$"):
    if isinstance(written, dict) and isinstance(kept, dict):
        for key in written:
            if key not in kept:
                yield f"{path}.{key} is not an OCSF field"
            else:
                yield from differences(written[key], kept[key], f"{path}.{key}")
    elif isinstance(written, list) and isinstance(kept, list) and len(written) == len(kept):
        for i, (w, k) in enumerate(zip(written, kept)):
            yield from differences(w, k, f"{path}[{i}]")
    elif written != kept:
        yield f"{path} was {written!r}, the schema reads {kept!r}"


def main(path):
    with open(path, encoding="utf-8") as f:
        records = json.load(f)
    if not isinstance(records, list) or not records:
        sys.exit(f"{path}: expected a non-empty JSON array of findings")
    for i, record in enumerate(records):
        finding = DetectionFinding.model_validate(record)
        kept = finding.model_dump(mode="json", exclude_unset=True)
        problems = list(differences(record, kept))
        if problems:
            sys.exit(f"record {i} ({record.get('finding_info', {}).get('uid')}): " + "; ".join(problems))
    print(f"{len(records)} Detection Findings valid against OCSF {OCSF_VERSION}")


if __name__ == "__main__":
    main(sys.argv[1])

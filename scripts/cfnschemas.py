#!/usr/bin/env python3
"""Extracts what samgen needs from CloudFormation's resource provider
schemas, as cfn-lint ships them, into internal/cfnschema/replacement.json.

Run it with the cfn-lint the tests use (see internal/cfnschema/SOURCE.md):
    python3 scripts/cfnschemas.py > internal/cfnschema/replacement.json
The types are listed in internal/cfnschema/types.txt, one per line.
"""
import importlib.metadata, json, os, sys

import cfnlint
from cfnlint.data.schemas.providers import us_east_1

here = os.path.dirname(os.path.abspath(__file__))
types_file = os.path.join(here, "..", "internal", "cfnschema", "types.txt")
root = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "resources")

def props(pointers):
    # "/properties/KeySchema" -> "KeySchema"; deeper pointers keep their path.
    return sorted(p[len("/properties/"):] for p in pointers or [] if p.startswith("/properties/"))

out = {}
for line in open(types_file):
    name = line.strip()
    if not name or name.startswith("#"):
        continue
    h = us_east_1.types[name]
    s = json.load(open(os.path.join(root, h + ".json")))
    out[name] = {
        "schema": h,
        "createOnly": props(s.get("createOnlyProperties")),
        "conditionalCreateOnly": props(s.get("conditionalCreateOnlyProperties")),
    }
json.dump({
    "source": "CloudFormation resource provider schemas (us-east-1) as shipped in cfn-lint",
    "version": "cfn-lint " + importlib.metadata.version("cfn-lint"),
    "types": out,
}, sys.stdout, indent=1, sort_keys=True)
print()

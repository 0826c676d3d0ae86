#!/usr/bin/env python3
"""Extracts what samgen needs from CloudFormation's resource provider
schemas, as cfn-lint ships them, and from SAM's schema (vendored in
internal/samdata), into internal/cfnschema:

- replacement.json: the create-only properties of each type listed in
  internal/cfnschema/types.txt;
- properties.json: the property schema (names and types, nested) of each
  type listed in internal/cfnschema/properties.txt, and of every type SAM
  passes one of their properties through to.

Run it with the cfn-lint the tests use (see internal/cfnschema/SOURCE.md):
    python3 scripts/cfnschemas.py            # writes both files
    python3 scripts/cfnschemas.py --check    # exits 1 if either is stale
"""
import importlib.metadata, importlib.util, json, os, re, runpy, sys

# cfn-lint's data is read without importing cfn-lint, whose start-up costs
# more than the whole extraction (the tests run --check).
spec = importlib.util.find_spec("cfnlint")
if spec is None:
    print("cfn-lint is not installed", file=sys.stderr)
    sys.exit(75)  # EX_TEMPFAIL: not the script's fault
data = os.path.join(spec.submodule_search_locations[0], "data", "schemas")
provider_types = runpy.run_path(os.path.join(data, "providers", "us_east_1.py"))["types"]

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "internal", "cfnschema")
sam_schema = os.path.join(here, "..", "internal", "samdata", "sam.schema.json")
root = os.path.join(data, "resources")
version = "cfn-lint " + importlib.metadata.version("cfn-lint")


def listed(name):
    with open(os.path.join(out_dir, name)) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def provider(name):
    with open(os.path.join(root, provider_types[name] + ".json")) as f:
        return provider_types[name], json.load(f)


def props(pointers):
    # "/properties/KeySchema" -> "KeySchema"; deeper pointers keep their path.
    return sorted(p[len("/properties/"):] for p in pointers or [] if p.startswith("/properties/"))


def replacement():
    out = {}
    for name in listed("types.txt"):
        h, s = provider(name)
        out[name] = {
            "schema": h,
            "createOnly": props(s.get("createOnlyProperties")),
            "conditionalCreateOnly": props(s.get("conditionalCreateOnlyProperties")),
        }
    return {
        "source": "CloudFormation resource provider schemas (us-east-1) as shipped in cfn-lint",
        "version": version,
        "types": out,
    }


# The property data keeps, of JSON Schema, what says which names an object
# has and what type each value is: a node is
#   {"type": [...]}            the JSON types it takes (absent: any)
#   {"properties": {...}}      an object's named properties
#   {"closed": true}           no other names are allowed
#   {"values": node}           the schema of the other names' values (a map)
#   {"items": node}            a list's items
#   {"anyOf": [node, ...]}     any one of these (JSON Schema's anyOf, oneOf)
#   {"ref": "TYPE/seg/..."}    the node at that path of "types"
# Constraints (lengths, patterns, enums, required) are left to CloudFormation
# and cfn-lint.

# Keywords of an alternative that constrain without widening (oneOf
# [{required: [A]}, {required: [B]}]): such an alternative is dropped.
CONSTRAINTS = {"required", "not", "dependencies", "dependentRequired", "dependentExcluded",
               "minProperties", "maxProperties", "uniqueItems", "minItems", "maxItems"}


def node(n, ref):
    """Reduces a JSON Schema node; ref maps a $ref to a data path."""
    if not isinstance(n, dict):
        return {}
    if "$ref" in n:
        return ref(n["$ref"])
    out = {}
    t = n.get("type")
    if t is not None:
        out["type"] = sorted(t if isinstance(t, list) else [t])
    if "properties" in n:
        out["properties"] = {k: node(v, ref) for k, v in sorted(n["properties"].items())}
        out.setdefault("type", ["object"])
    pattern = [node(v, ref) for _, v in sorted(n.get("patternProperties", {}).items())]
    extra = n.get("additionalProperties")
    if isinstance(extra, dict):
        pattern.append(node(extra, ref))
    if pattern:
        out["values"] = pattern[0] if len(pattern) == 1 else {"anyOf": pattern}
    elif extra is False:
        out["closed"] = True
    if isinstance(n.get("items"), dict):
        out["items"] = node(n["items"], ref)
    alts = []
    for k in ("anyOf", "oneOf"):
        for a in n.get(k, []):
            if isinstance(a, dict) and set(a) <= CONSTRAINTS:
                continue
            alts.append(node(a, ref))
    for a in n.get("allOf", []):
        # allOf narrows: of its members only one that says more than
        # constraints is kept (SAM wraps a pass-through in allOf).
        if isinstance(a, dict) and not set(a) <= CONSTRAINTS:
            r = node(a, ref)
            if r:
                alts.append(r)
    if {} in alts:
        alts = []  # one alternative takes anything
    if len(alts) == 1 and not out:
        return alts[0]
    if alts:
        out["anyOf"] = alts
    return out


def cfn_type(name):
    h, s = provider(name)
    def ref(r):
        assert r.startswith("#/definitions/"), (name, r)
        d = r[len("#/definitions/"):]
        assert "/" not in d, (name, r)
        return {"ref": name + "/definitions/" + d}
    t = {"schema": h, "properties": {k: node(v, ref) for k, v in sorted(s["properties"].items())}}
    defs = {k: node(v, ref) for k, v in sorted(s.get("definitions", {}).items())}
    if defs:
        t["definitions"] = defs
    return t


PASSED = re.compile(r"passed directly to the `?\[\s*`?([A-Za-z0-9]+)`?\]\([^)]*\)`? property of an? `(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)` resource")


def sam_types(names):
    """The SAM resource types, from SAM's schema: their own properties,
    and a reference to the CloudFormation schema for each property SAM
    passes through. Returns the types and the CloudFormation types those
    references need."""
    with open(sam_schema) as f:
        s = json.load(f)
    targets = set()

    def pass_through(path):
        # ["definitions", "AWS::Lambda::Function", "properties",
        # "Properties", "properties", "Environment"] or ["definitions",
        # "AWS::Lambda::Function.Code", "properties", "ImageUri"]
        typ, _, d = path[1].partition(".")
        targets.add(typ)
        if d:
            return typ + "/definitions/" + d + "/" + "/".join(path[2:])
        assert path[2:5] == ["properties", "Properties", "properties"], path
        return typ + "/properties/" + "/".join(path[5:])

    def documented(name, n):
        # SAM's schema types a property it passes through as PassThroughProp
        # (any value) and marks only some with __samPassThrough; its
        # documentation names the target of the others: "This property is
        # passed directly to the [`MemorySize`](...) property of an
        # `AWS::Lambda::Function` resource". Only a target of the same
        # name is taken (SAM documents some renamed targets that do not
        # take the same value), and only one the provider schema has.
        if n.get("allOf") != [{"$ref": "#/definitions/PassThroughProp"}]:
            return None
        m = PASSED.search(n.get("markdownDescription", ""))
        if not m or m.group(1) != name or m.group(2) not in provider_types:
            return None
        if name not in provider(m.group(2))[1]["properties"]:
            return None
        targets.add(m.group(2))
        return m.group(2) + "/properties/" + name

    def marked(n, name=None):
        # A property SAM passes through to CloudFormation becomes a
        # reference to CloudFormation's schema of it.
        if isinstance(n, dict):
            if "__samPassThrough" in n:
                return {"$ref": "cfn:" + pass_through(n["__samPassThrough"]["schemaPath"])}
            if name is not None and (target := documented(name, n)):
                return {"$ref": "cfn:" + target}
            return {k: ({p: marked(v, p) for p, v in x.items()} if k == "properties" and isinstance(x, dict) else marked(x))
                    for k, x in n.items()}
        if isinstance(n, list):
            return [marked(v) for v in n]
        return n

    defs = s["definitions"]
    out = {}
    for name in names:
        used = {}
        def ref(r):
            if r.startswith("cfn:"):
                return {"ref": r[len("cfn:"):]}
            assert r.startswith("#/definitions/"), r
            d = r[len("#/definitions/"):]
            if d not in used:
                used[d] = None  # a definition may refer to itself
                used[d] = node(marked(defs[d]), ref)
            return {"ref": name + "/definitions/" + d}
        # SAM names most definitions in lower case (statemachine), newer ones
        # in snake case (capacity_provider).
        base = name.replace("AWS::Serverless::", "")
        resource = "samtranslator__internal__schema_source__aws_serverless_" + base.lower() + "__Properties"
        if resource not in defs:
            snake = re.sub(r"(?<!^)([A-Z])", r"_\1", base).lower()
            resource = "samtranslator__internal__schema_source__aws_serverless_" + snake + "__Properties"
        t = {"schema": "internal/samdata/sam.schema.json#/definitions/" + resource,
             "properties": node(marked(defs[resource]), ref)["properties"]}
        if used:
            t["definitions"] = dict(sorted(used.items()))
        out[name] = t
    return out, targets


def sam_version():
    with open(os.path.join(os.path.dirname(sam_schema), "SOURCE.md")) as f:
        return re.search(r"release tag (v[0-9.]+)", f.read()).group(1)


def sam_only_failure_type(fn):
    """SAM's translator takes a Type beside a stream or Kafka event's
    on-failure Destination (SQS, SNS, S3 or Kafka: the IAM to add) and
    strips it before CloudFormation, while its schema passes the event's
    DestinationConfig through to CloudFormation's, which has no Type:
    those events get a DestinationConfig of their own with it."""
    if fn is None:
        return
    esm = {"ref": "AWS::Lambda::EventSourceMapping/properties/DestinationConfig"}
    own = {"ref": "AWS::Serverless::Function/definitions/EventSourceDestinationConfig"}
    for d in fn.get("definitions", {}).values():
        if d.get("properties", {}).get("DestinationConfig") == esm:
            d["properties"]["DestinationConfig"] = own
    fn.setdefault("definitions", {})["EventSourceDestinationConfig"] = {
        "closed": True, "type": ["object"],
        "properties": {"OnFailure": {"closed": True, "type": ["object"], "properties": {
            "Destination": {"type": ["string"]}, "Type": {"type": ["string"]}}}},
    }


def properties():
    listed_types = listed("properties.txt")
    sam = [t for t in listed_types if t.startswith("AWS::Serverless::")]
    cfn = [t for t in listed_types if not t.startswith("AWS::Serverless::")]
    sam_out, targets = sam_types(sam)
    sam_only_failure_type(sam_out.get("AWS::Serverless::Function"))
    types = {t: cfn_type(t) for t in sorted(set(cfn) | targets)}
    types.update(sam_out)
    return {
        "source": "CloudFormation resource provider schemas (us-east-1) as shipped in cfn-lint; "
                  "SAM's schema (internal/samdata/sam.schema.json)",
        "version": version + "; SAM " + sam_version(),
        "types": types,
    }


def encode(d, compact_types=False):
    if not compact_types:
        return json.dumps(d, indent=1, sort_keys=True) + "\n"
    # One line per type: small, and a diff names the types it changes.
    lines = ["{"]
    for k in ("source", "version"):
        lines.append(" %s: %s," % (json.dumps(k), json.dumps(d[k])))
    lines.append(' "types": {')
    names = sorted(d["types"])
    for i, n in enumerate(names):
        sep = "," if i < len(names) - 1 else ""
        lines.append("  %s: %s%s" % (json.dumps(n), json.dumps(d["types"][n], sort_keys=True, separators=(",", ":")), sep))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    check = sys.argv[1:] == ["--check"]
    files = {
        "replacement.json": encode(replacement()),
        "properties.json": encode(properties(), compact_types=True),
    }
    stale = []
    for name, text in files.items():
        path = os.path.join(out_dir, name)
        old = open(path).read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if stale:
        print("stale: %s; run python3 scripts/cfnschemas.py" % ", ".join(stale), file=sys.stderr)
        sys.exit(1)


main()

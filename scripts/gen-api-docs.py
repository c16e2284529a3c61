#!/usr/bin/env python3
"""Writes docs/api.md from the generated CRDs in crds/ (called by `make generate`).

The CRDs are generated from the Java API classes, so this page can never disagree with the schema the
API server enforces: descriptions, types, defaults, ranges, patterns and CEL rules all come from there.
"""
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORDER = ["NfvNodePolicy", "NfvNetwork", "NfvNodeState", "NfvOperatorConfig"]


def constraints(s):
    out = []
    if "enum" in s:
        out.append("one of " + ", ".join(f"`{v}`" for v in s["enum"]))
    if "minimum" in s or "maximum" in s:
        lo, hi = s.get("minimum"), s.get("maximum")
        fmt = lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        out.append(f"{fmt(lo) if lo is not None else '…'}–{fmt(hi) if hi is not None else '…'}")
    if "pattern" in s:
        out.append(f"pattern `{s['pattern']}`")
    if "maxItems" in s:
        out.append(f"at most {s['maxItems']} items")
    if "minItems" in s:
        out.append(f"at least {s['minItems']} items")
    if "default" in s:
        out.append(f"default `{s['default']}`")
    if s.get("x-kubernetes-int-or-string"):
        out.append("integer or percentage")
    for rule in s.get("x-kubernetes-validations", []):
        out.append(f"rule: {rule['message']}")
    return "; ".join(out)


def typename(s):
    if s.get("x-kubernetes-int-or-string"):
        return "int-or-string"
    t = s.get("type", "object" if s.get("x-kubernetes-preserve-unknown-fields") else "any")
    if t == "array":
        return f"[]{typename(s.get('items', {}))}"
    if t == "object" and "additionalProperties" in s:
        return f"map[string]{typename(s['additionalProperties'])}"
    return t


def walk(schema, path, required, rows):
    for name, s in sorted(schema.get("properties", {}).items()):
        p = f"{path}.{name}" if path else name
        desc = " ".join(s.get("description", "").split())
        req = "yes" if name in required else ""
        rows.append((p, typename(s), req, desc, constraints(s)))
        child = s.get("items", s) if s.get("type") == "array" else s
        if "properties" in child and not p.endswith("conditions"):
            walk(child, p + ("[]" if s.get("type") == "array" else ""), child.get("required", []), rows)


def main():
    crds = {}
    for f in sorted((ROOT / "crds").glob("*.yml")):
        crd = yaml.safe_load(f.read_text())
        crds[crd["spec"]["names"]["kind"]] = crd
    out = ["# API reference: `nfv.dataplane.io/v1alpha1`", "",
           "Generated from `crds/` by `scripts/gen-api-docs.py` (`make generate`); do not edit by hand.",
           "Every field also shows in `kubectl explain <kind>.<field>`.", ""]
    for kind in ORDER:
        crd = crds[kind]
        names = crd["spec"]["names"]
        version = crd["spec"]["versions"][0]
        schema = version["schema"]["openAPIV3Schema"]
        out += [f"## {kind}", "",
                f"Scope: {crd['spec']['scope']}. Plural `{names['plural']}`, short names "
                + ", ".join(f"`{n}`" for n in names.get("shortNames", [])) + ", category `nfv`.", ""]
        for rule in schema.get("x-kubernetes-validations", []):
            out.append(f"Object rule: {rule['message']}.")
            out.append("")
        cols = version.get("additionalPrinterColumns", [])
        if cols:
            out.append("`kubectl get` columns: " + ", ".join(c["name"] for c in cols) + ".")
            out.append("")
        for part in ("spec", "status"):
            s = schema["properties"].get(part)
            if not s:
                continue
            rows = []
            walk(s, part, s.get("required", []), rows)
            out += [f"### {kind}.{part}", "", "| field | type | required | description | constraints |",
                    "|---|---|---|---|---|"]
            out += ["| `%s` | %s | %s | %s | %s |" % (r[0], r[1], r[2], r[3], r[4].replace("|", "\\|")) for r in rows]
            out.append("")
    target = ROOT / "docs" / "api.md"
    target.write_text("\n".join(out))
    print(f"[generate] wrote {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()

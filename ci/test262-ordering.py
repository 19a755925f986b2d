#!/usr/bin/env python3
"""Measure the reference on test262's async ORDERING tests.

Usage: ci/test262-ordering.py TEST262_CHECKOUT OUT_DIR [--engines LIST]

Selects the test262 files that are async tests (flags: [async], not modules)
and record an order in an array (`sequence`, `log`, `order`, `actual`,
`events`, `calls` declared `= []` or pushed to), converts each mechanically
to the host model (DESIGN.md §1) and runs them with `tickdiff run`:

- the frontmatter is dropped; test262's harness functions become host
  functions that LOG what they would assert: `checkSequence(s)` logs the
  sequence so far, `assert.sameValue(a, b)` whether a and b are the same,
  `assert.compareArray(a, b)` both arrays, `$DONE(e)` the completion;
  `asyncTest(f)` is test262's own (then on f's promise, $DONE either way).
- a test's own `log` variable is renamed (the host's `log` is the logger).
- files including a harness file other than compareArray.js,
  promiseHelper.js, asyncHelpers.js are counted as not converted.

The trace of every engine is then the order the test observed. Reported:
how many the reference runs with the trace QuickJS, Boa and V8 agree on,
how many end `unsupported` (by reason), and any WRONG trace (reference
status ok, trace differs from the engines' agreed one), which must be 0.
"""
import json, os, re, subprocess, sys
from collections import Counter

KNOWN_INCLUDES = {"compareArray.js", "promiseHelper.js", "asyncHelpers.js"}
SEQ_NAMES = r"(sequence|log|order|actual|events|calls)"

PRELUDE = {
    "$DONE": "function $DONE(error) { log('$DONE ' + String(error)); }",
    "asyncTest": "function asyncTest(f) { try { f().then(() => $DONE(), (e) => $DONE(e)); } catch (e) { $DONE(e); } }",
    "checkSequence": "function checkSequence(s) { log('checkSequence ' + s.join()); }",
    "assert_sameValue": "function assert_sameValue(a, b) { log('sameValue ' + [a].includes(b)); }",
    "assert_notSameValue": "function assert_notSameValue(a, b) { log('notSameValue ' + [a].includes(b)); }",
    "assert_compareArray": "function assert_compareArray(a, b) { log('compareArray ' + a.join() + ' / ' + b.join()); }",
    "assert_": "function assert_(v) { log('assert ' + String(v)); }",
    "Test262Error": "const Test262Error = Error;",
}


def frontmatter(src):
    m = re.search(r"/\*---(.*?)---\*/", src, re.S)
    return (m.group(1) if m else ""), (src[m.end():] if m else src)


def field(meta, name):
    m = re.search(rf"^{name}:\s*\[(.*?)\]", meta, re.M)
    return [x.strip() for x in m.group(1).split(",")] if m else []


def selected(src):
    meta, body = frontmatter(src)
    flags = field(meta, "flags")
    if "async" not in flags or "module" in flags or "raw" in flags:
        return False
    return re.search(SEQ_NAMES + r"\s*(=\s*\[\]|\.push\()", body) is not None


def convert(src):
    meta, body = frontmatter(src)
    extra = [i for i in field(meta, "includes") if i and i not in KNOWN_INCLUDES]
    if extra:
        return None, "includes " + ",".join(extra)
    body = re.sub(r"(?<![\w$.])log(?![\w$])", "log_", body)
    body = re.sub(r"\bassert\.(sameValue|notSameValue|compareArray)\(", r"assert_\1(", body)
    body = re.sub(r"(?<![\w$.])assert\(", "assert_(", body)
    if re.search(r"\bassert\.", body):
        return None, "assert." + re.search(r"\bassert\.(\w+)", body).group(1)
    used = [k for k in PRELUDE if re.search(rf"(?<![\w$]){re.escape(k)}(?![\w$])", body)]
    if "asyncTest" in used and "$DONE" not in used:
        used.insert(0, "$DONE")
    head = "\n".join(PRELUDE[k] for k in PRELUDE if k in used)
    return head + "\n" + body, None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, out = sys.argv[1], sys.argv[2]
    engines = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--engines" else "reference,quickjs,boa,v8"
    os.makedirs(out, exist_ok=True)
    picked, skipped = [], Counter()
    for d, _, files in os.walk(os.path.join(root, "test")):
        for f in sorted(files):
            if not f.endswith(".js") or "_FIXTURE" in f:
                continue
            path = os.path.join(d, f)
            src = open(path, encoding="utf-8").read()
            if not selected(src):
                continue
            rel = os.path.relpath(path, root)
            js, why = convert(src)
            if js is None:
                skipped[why] += 1
                continue
            name = rel.replace("/", "__")
            with open(os.path.join(out, name), "w", encoding="utf-8") as w:
                w.write(f"// converted from test262 {rel}\n" + js)
            picked.append(name)
    n = len(picked) + sum(skipped.values())
    tickdiff = os.environ.get("TICKDIFF", "target/release/tickdiff")
    run = subprocess.run([tickdiff, "run", out, "--engines", engines, "--format", "jsonl"],
                         capture_output=True, text=True)
    right, wrong, unsupported, other, engines_split = 0, [], Counter(), Counter(), 0
    for line in run.stdout.splitlines():
        r = json.loads(line)
        res = r["results"]
        ref = res.get("reference", {})
        others = [v for k, v in res.items() if k != "reference"]
        traces = {json.dumps(v.get("trace")) for v in others if v.get("status") == "ok"}
        if ref.get("status") == "unsupported":
            unsupported[re.sub(r"^.*?unsupported: ", "", ref.get("detail") or "?")] += 1
        elif len(traces) != 1 or any(v.get("status") != "ok" for v in others):
            engines_split += 1
            if ref.get("status") == "ok" and json.dumps(ref.get("trace")) not in traces:
                wrong.append(r["file"])
        elif json.dumps(ref.get("trace")) in traces and ref.get("status") == "ok":
            right += 1
        elif ref.get("status") == "ok":
            wrong.append(r["file"])
        else:
            other[ref.get("status")] += 1
    print(f"test262 ordering tests: {n} selected, {len(picked)} converted ({dict(skipped)} not)")
    print(f"reference right: {right}; unsupported: {sum(unsupported.values())}; other status: {dict(other)}; "
          f"engines themselves disagree: {engines_split}; WRONG: {len(wrong)}")
    for why, c in unsupported.most_common():
        print(f"  unsupported {c:4} {why}")
    for f in wrong:
        print(f"  WRONG {f}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()

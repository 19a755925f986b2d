// JSON.stringify of plain data: keys decided before any Get, toJSON with its key, cycles, indentation
// expect: ["{\"a\":1,\"b\":\"x\\\"y\\n\",\"c\":[1,null,null,null],\"e\":true,\"f\":{\"g\":[]}}","[\n  1,\n  \"two\",\n  {\n    \"three\": 3\n  }\n]","{\n--\"x\": 1,\n--\"y\": {\n----\"z\": 2\n--}\n}","undefined\"s\"5null0null","get-a","{\"a\":1,\"b\":2}","toJSON:when","{\"when\":\"T\"}","cycle:TypeError","{\"tab\":\"\\t\",\"ctl\":\"\\u0001\",\"uni\":\"é\"}","{}[][\n []\n]","[[\"k1\",1],[\"k2\",2]]","all:[{\"n\":1},{\"n\":2}]"]
// why: SerializeJSONProperty Gets each property, calls a callable toJSON with the property's key
// why: ('toJSON:when'), and drops undefined and functions in objects (null in arrays). SerializeJSONObject
// why: takes EnumerableOwnProperties(value, key) before reading any property, so the getter runs once, in key
// why: order; an object already on the stack is a TypeError. A number space indents by that many spaces, a
// why: string by its first 10 code units; an empty object or array stays {} or [] whatever the gap.
// why: QuoteJSONString escapes \t and control characters as \u00XX and keeps é. Non-finite numbers are null.
// why: The Promise.all result is logged last: it is a job.
// v8: same
// xs: differs ["{\"a\":1,\"b\":\"x\\\"y\\n\",\"c\":[1,null,null,null],\"e\":true,\"f\":{\"g\":[]}}","[\n  1,\n  \"two\",\n  {\n    \"three\": 3\n  }\n]","{\n--\"x\": 1,\n--\"y\": {\n----\"z\": 2\n--}\n}","undefined\"s\"5null0null","get-a","{\"a\":1,\"b\":2}","toJSON:when","{\"when\":\"T\"}","cycle:TypeError","{\"tab\":\"\\t\",\"ctl\":\"\\u0001\",\"uni\":\"é\"}","{\n    \n}[\n    \n][\n [\n  \n ]\n]","[[\"k1\",1],[\"k2\",2]]","all:[{\"n\":1},{\"n\":2}]"] because XS bug: with a gap, an empty object or array is printed with a line break and indentation (tc39.es/ecma262/#sec-serializejsonobject step 10 gives "{}" when there are no members)
log(JSON.stringify({ a: 1, b: 'x"y\n', c: [1, null, undefined, () => 1], d: undefined, e: true, f: { g: [] } }));
log(JSON.stringify([1, 'two', { three: 3 }], null, 2));
log(JSON.stringify({ x: 1, y: { z: 2 } }, null, '--'));
log(String(JSON.stringify(undefined)) + JSON.stringify('s') + JSON.stringify(5) + JSON.stringify(null) + JSON.stringify(0 - 0) + JSON.stringify(1 / 0));
const o = { get a() { log('get-a'); return 1; }, b: 2, toString() { return 'nope'; } };
log(JSON.stringify(o));
log(JSON.stringify({ when: { toJSON(k) { log('toJSON:' + k); return 'T'; } } }));
const cyc = { name: 'c' };
cyc.self = cyc;
try { JSON.stringify(cyc); } catch (e) { log('cycle:' + e.name); }
log(JSON.stringify({ tab: '\t', ctl: '\u0001', uni: 'é' }));
log(JSON.stringify({}, null, 4) + JSON.stringify([], null, 4) + JSON.stringify([[]], null, 1));
Promise.all([1, 2].map(async (n) => ({ n }))).then((r) => log('all:' + JSON.stringify(r)));
const results = Object.entries({ k1: 1, k2: 2 });
log(JSON.stringify(results));

// the common Array.prototype, String.prototype and Object methods: callbacks in index order, UTF-16 positions, getters run in key order
// expect: ["sum:14","sum2:14","right:cba","empty:TypeError","some:truetruetrue","find:411-1","at:53undefined","rev:321","visit01","visit12","visit2undefined","visit3undefined","shrink:undefined","[Hello, World][Hello, World  ][  Hello, World]","  HELLO, WORLD  |  hello, world  ","005|abxyx|abc|   x","sw:truetruetruetrue","inc:true23-10","sl:el|llo||","rep:ababab||","rep:RangeError","split:4|a-b-c|a+b|1","ch:oe[]undefined","unicode:STRASSEσας","get-b","entries:a=1&b=2&c=3","get-b","values:1,2,3","assign:truez,a,b32","padnum:...42","total:12"]
// why: reduce without an initial value starts from the first present element (a TypeError for an empty array);
// why: some/every/find* stop at the first decisive element; find reads every index below the length it read at
// why: the start (an array shrunk by its callback gives undefined for the rest: visit2undefined), while
// why: reduce/some/every skip absent ones. String methods work on UTF-16 code units: padStart fills to the
// why: length from the start, slice takes relative positions, split with '' gives code units and stops at its
// why: limit; case mapping is Unicode's full, locale-insensitive one (ß to SS, a final sigma). Object.entries and
// why: values Get each enumerable own key in order (get-b runs once for each); Object.assign [[Set]]s each
// why: enumerable own property of each source in turn and skips null. The Promise.all total comes last: a job.
// v8: same
// spidermonkey: differs ["sum:14","sum2:14","right:cba","empty:TypeError","some:truetruetrue","!uncaught"] because SpiderMonkey 102 predates Array.prototype.findLast (ES2023): the call throws a TypeError
const xs = [3, 1, 4, 1, 5];
log('sum:' + xs.reduce((a, b) => a + b, 0));
log('sum2:' + xs.reduce((a, b) => a + b));
log('right:' + ['a', 'b', 'c'].reduceRight((a, b) => a + b));
try { [].reduce((a, b) => a); } catch (e) { log('empty:' + e.name); }
log('some:' + xs.some((x) => x > 4) + xs.every((x) => x > 0) + [].every((x) => false));
log('find:' + xs.find((x) => x > 3) + xs.findIndex((x) => x === 1) + xs.findLast((x) => x === 1) + xs.findLastIndex((x) => x > 100));
log('at:' + xs.at(-1) + xs.at(0) + xs.at(9));
log('rev:' + [1, 2, 3].reverse().join(''));
const shrink = [1, 2, 3, 4];
log('shrink:' + shrink.find((x, i) => { if (i === 0) shrink.length = 2; log('visit' + i + x); return false; }));
const s = '  Hello, World  ';
log('[' + s.trim() + '][' + s.trimStart() + '][' + s.trimEnd() + ']');
log(s.toUpperCase() + '|' + s.toLowerCase());
log('5'.padStart(3, '0') + '|' + 'ab'.padEnd(5, 'xy') + '|' + 'abc'.padStart(2, 'zz') + '|' + 'x'.padStart(4));
log('sw:' + 'hello'.startsWith('he') + 'hello'.startsWith('l', 2) + 'hello'.endsWith('lo') + 'hello'.endsWith('l', 4));
log('inc:' + 'hello'.includes('ell') + 'hello'.indexOf('l') + 'hello'.indexOf('l', 3) + 'hello'.indexOf('z') + 'hello'.indexOf(''));
log('sl:' + 'hello'.slice(1, 3) + '|' + 'hello'.slice(-3) + '|' + 'hello'.slice(3, 1) + '|');
log('rep:' + 'ab'.repeat(3) + '|' + 'x'.repeat(0) + '|');
try { 'a'.repeat(-1); } catch (e) { log('rep:' + e.name); }
log('split:' + 'a,b,,c'.split(',').length + '|' + 'abc'.split('').join('-') + '|' + 'a b c'.split(' ', 2).join('+') + '|' + 'abc'.split().length);
log('ch:' + 'hello'.at(-1) + 'hello'.charAt(1) + '[' + 'hello'.charAt(10) + ']' + 'hi'.at(5));
log('unicode:' + 'straße'.toUpperCase() + 'ΣΑΣ'.toLowerCase());
const o = { a: 1, get b() { log('get-b'); return 2; }, c: 3 };
log('entries:' + Object.entries(o).map(([k, v]) => k + '=' + v).join('&'));
log('values:' + Object.values(o).join(','));
const t = { z: 0 };
const r = Object.assign(t, { a: 1 }, null, { b: 2, a: 3 });
log('assign:' + (r === t) + Object.keys(t).join(',') + t.a + t.b);
const n = 42;
log('padnum:' + String(n).padStart(5, '.'));
Promise.all([1, 2, 3].map(async (x) => x * 2)).then((vals) => log('total:' + vals.reduce((a, b) => a + b, 0)));

// sequence: test262's pattern (callbacks push to an array, joined at the end), with Promise.withResolvers and Promise.try
// expect: ["try body,sync,try x,caught boom,then 1","sync|try x|c 4 true 5 -1"]
// why: withResolvers (§27.2.4.8) is NewPromiseCapability(%Promise%) as an object: r.promise is pending, so
// why: its then only registers a reaction. Promise.try calls its callback at once ('try body' pushed) and
// why: resolves the new promise with the result ('x'): its then queues J1 (T1); the second callback throws,
// why: so its promise is rejected and catch queues J2 (T1). r.resolve(1) fulfils r.promise: J3 (T1).
// why: 'sync' is pushed. T1: J1 'try x', J2 'caught boom', J3 'then 1'. Timer: the sequence; then
// why: slice(1, 3) = [sync, try x], concat(['c']) appends c; indexOf('then 1') is 4; includes('sync');
// why: Math.max(5, 2); indexOf('nope') is -1 (push returned the new lengths, which nothing reads).
// v8: same
// node: differs ["!uncaught"] because node 20 (V8 11.3) predates Promise.withResolvers (ES2024) and Promise.try (ES2025)
// spidermonkey: differs ["!uncaught"] because SpiderMonkey 102 predates Promise.withResolvers (ES2024) and Promise.try (ES2025)
// xs: differs ["!uncaught"] because XS 13.3.0 (xsnap 0.15.0) has neither Promise.withResolvers nor Promise.try
const seq = [];
const r = Promise.withResolvers();
r.promise.then((v) => seq.push('then ' + v));
Promise.try(() => {
  seq.push('try body');
  return 'x';
}).then((v) => seq.push('try ' + v));
Promise.try(() => {
  throw 'boom';
}).catch((e) => seq.push('caught ' + e));
r.resolve(1);
seq.push('sync');
setTimeout(() => {
  log(seq.join());
  log(seq.slice(1, 3).concat(['c']).join('|') + ' ' + seq.indexOf('then 1') + ' ' + seq.includes('sync') + ' ' + Math.max(seq.length, 2) + ' ' + seq.indexOf('nope'));
}, 0);

// .then(f, r) does not catch a throw from f; .then(f).catch(r) does, one tick later
// expect: ["r3 bad","catch1 f1 err","catch2 f2 err","catch4 bad"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: p is fulfilled, q rejected: A, B (fulfil reactions of p) and C, D (reject reactions of q) are all
// why: queued at once (T1) in call order.
// why: T1: A runs f1, which throws -> the derived promise is rejected (its own r1 is never consulted:
// why: only one of the two handlers of a then runs) -> catch1 queued (T2). B: f2 throws -> catch2 (T2).
// why: C: q's reject handler logs 'r3 bad'. D: empty reject handler -> ThrowCompletion(reason) ->
// why: derived rejected -> catch4 (T2). T2: catch1, catch2, catch4.
// v8: same
const p = Promise.resolve('ok');
p.then(() => {
  throw 'f1 err';
}, () => log('r1 never')).catch((e) => log('catch1 ' + e));
p.then(() => {
  throw 'f2 err';
}).catch((e) => log('catch2 ' + e));
const q = Promise.reject('bad');
q.then(() => log('f3 never'), (e) => log('r3 ' + e));
q.then(() => log('f4 never')).catch((e) => log('catch4 ' + e));

// return v in an async generator awaits v (one tick); an async function resolves at once
// expect: ["f:fv","t1","g:gv:true","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: it.next(): the body runs `return 'gv'`: ReturnStatement in an async generator does ? Await(exprValue)
// why: -> resume A (T1). f(): `return 'fv'` resolves f's promise at once (fulfilled); .then queues F (T1).
// why: Ticker t1 (T1).
// why: T1: A: the return completion ends the body; AsyncGeneratorStart: CompleteStep(normal 'gv', done true)
// why: fulfils the next() promise -> handler (T2); drain: empty -> completed. F: 'f:fv'. t1 -> t2.
// why: T2: 'g:gv:true', t2. T3: t3.
// v8: same
async function* g() {
  return 'gv';
}
async function f() {
  return 'fv';
}
const it = g();
it.next().then((r) => log('g:' + r.value + ':' + r.done));
f().then((v) => log('f:' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

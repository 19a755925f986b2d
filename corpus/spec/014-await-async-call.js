// awaiting an async function call: its promise is native, used as is, and settles when the callee returns
// expect: ["f1","g1","end","g2","t1","f2 gv","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: f calls g synchronously: 'g1', g hits await undefined -> resume of g queued (T1); g returns its
// why: pending promise pg. f's await pg: PromiseResolve returns pg (constructor %Promise%), pending, so the
// why: reaction is appended to pg. Ticker: t1 (T1), after g's resume.
// why: T1: g resumes: 'g2', return 'gv' -> AsyncBlockStart calls resolve('gv') -> FulfillPromise(pg) ->
// why: f's resume is queued (T2); t1 queues t2 (T2). T2: 'f2 gv', t2.
// v8: same
async function g() {
  log('g1');
  await undefined;
  log('g2');
  return 'gv';
}
async function f() {
  log('f1');
  const v = await g();
  log('f2 ' + v);
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
log('end');

// return await p (1 tick) is faster than return p (2 ticks) in an async function
// expect: ["t1","got x","t2","got y","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: y(): return pY0 (fulfilled native) -> resolve(py, pY0) -> NewPromiseResolveThenableJob TY (T1).
// why: x(): await pX0 -> PromiseResolve returns pX0 itself (fulfilled) -> resume RX (T1).
// why: Both .then calls append to pending promises. Ticker t1 (T1). T1 order: TY, RX, t1.
// why: T1: TY calls pY0.then -> reaction RY (T2); RX resumes x, return 'x' -> resolve(px, 'x') fulfils px ->
// why: handler HX (T2); t1. T2: RY resolves py -> HY (T3); HX 'got x'; t2. T3: 'got y', t3.
// why: (Async functions do not await the operand of return; only async generators do.)
// v8: same
async function x() {
  return await Promise.resolve('x');
}
async function y() {
  return Promise.resolve('y');
}
y().then((v) => log('got ' + v));
x().then((v) => log('got ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

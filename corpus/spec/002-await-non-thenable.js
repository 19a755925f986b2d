// await of a plain value costs exactly one tick
// expect: ["f1","end","f2","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await 42 -> Await: PromiseResolve(%Promise%, 42): 42 is not a promise, so NewPromiseCapability +
// why: resolve(42); 42 is not an Object -> FulfillPromise. PerformPromiseThen on that fulfilled promise
// why: enqueues the resume job at once: T1, queued before the ticker's t1 (f is called first).
// why: Ticker: Promise.resolve() is fulfilled, so t1 is queued at once (T1); t1 returning fulfils the
// why: derived promise, queueing t2 (T2).
// why: Task: f1, end. T1: resume f (f2), t1. T2: t2.
// v8: same
async function f() {
  log('f1');
  await 42;
  log('f2');
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
log('end');

// await of an already fulfilled native promise: one tick, the promise is used as is
// expect: ["f1","end","t1","f2 pv","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: The ticker is started first: t1 is queued in T1 before anything else, t2 in T2.
// why: await p: PromiseResolve(%Promise%, p): IsPromise(p) and Get(p, "constructor") is %Promise%, so p itself
// why: is returned (no wrapper). PerformPromiseThen on the fulfilled p enqueues the resume job at once: T1,
// why: after t1. So 'f2 pv' lands between t1 and t2: exactly one tick.
// v8: same
const p = Promise.resolve('pv');
async function f() {
  log('f1');
  const v = await p;
  log('f2 ' + v);
}
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
f();
log('end');

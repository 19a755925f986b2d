// await of a thenable whose then resolves synchronously: two ticks, then is called inside a job
// expect: ["f1","end","then called","t1","f2 x","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await th: PromiseResolve(%Promise%, th): th is not a promise -> NewPromiseCapability(%Promise%) and
// why: resolve(th). Promise Resolve Functions: th is an Object, Get(th, "then") is callable ->
// why: NewPromiseResolveThenableJob is enqueued (T1). The await reaction is appended to the pending wrapper.
// why: Ticker (started after f): t1 in T1, t2 in T2, t3 in T3.
// why: T1: the thenable job calls th.then(resolve, reject): 'then called', resolve('x') fulfils the wrapper
// why: and enqueues the resume job (T2); then t1. T2: 'f2 x', t2. T3: t3.
// v8: same
const th = {
  then(resolve, reject) {
    log('then called');
    resolve('x');
  }
};
async function f() {
  log('f1');
  const v = await th;
  log('f2 ' + v);
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('end');

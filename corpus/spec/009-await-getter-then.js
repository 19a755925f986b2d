// await of an object whose then is a getter: the getter runs synchronously, once, inside Await
// expect: ["f1","get then","end","then run","t1","f2 gv","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await th -> PromiseResolve(%Promise%, th): IsPromise(th) is false, so no "constructor" lookup;
// why: NewPromiseCapability + resolve(th). Promise Resolve Functions do Get(th, "then") right now, inside
// why: the synchronous part of f: 'get then' is logged before 'end'. The returned function is captured in a
// why: JobCallback and NewPromiseResolveThenableJob is enqueued (T1); the getter is never called again.
// why: T1: the job calls the captured function: 'then run', resolve('gv') queues the resume (T2); t1.
// why: T2: 'f2 gv', t2.
// v8: same
const th = {
  get then() {
    log('get then');
    return function (resolve) {
      log('then run');
      resolve('gv');
    };
  }
};
async function f() {
  log('f1');
  const v = await th;
  log('f2 ' + v);
}
f();
log('end');
Promise.resolve().then(() => log('t1')).then(() => log('t2'));

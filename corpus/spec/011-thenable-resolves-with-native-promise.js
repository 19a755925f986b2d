// await of a thenable whose then resolves with a native promise: 1 + 2 more ticks
// expect: ["end","then called","t1","t2","t3","got inner","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await th -> resolve(th) -> NewPromiseResolveThenableJob J1 (T1), queued before the ticker's t1.
// why: T1: J1 calls th.then: 'then called'; resolve(inner) where inner is a fulfilled native promise:
// why: Promise Resolve Functions see an Object with a callable then -> a second thenable job J2 (T2); t1.
// why: T2: J2 calls inner.then(resolve, reject); inner is fulfilled, so PerformPromiseThen queues the
// why: reaction R (T3); t2. T3: R calls resolve('inner'), fulfilling the Await wrapper -> resume (T4); t3.
// why: T4: 'got inner' (queued before t4 because every link of its chain was queued first), t4.
// v8: same
// jsc: differs ["end","then called","t1","t2","got inner","t3","t4"] because engine bug: tc39.es/ecma262/#sec-await wraps th in a new promise via PromiseResolve, and resolving that promise with a native promise (#sec-promise-resolve-functions, #sec-newpromiseresolvethenablejob) costs a job calling inner.then(resolve, reject) and a reaction that settles the wrapper before the await reaction runs; JSC's await elides the wrapper (resolveWithoutPromiseForAsyncAwait) and its promiseResolveThenableJobWithoutPromiseFast attaches the continuation straight to the native inner promise, so f resumes with the fulfilled value one tick early
const inner = Promise.resolve('inner');
const th = {
  then(resolve) {
    log('then called');
    resolve(inner);
  }
};
async function f() {
  const v = await th;
  log('got ' + v);
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
log('end');

// await of a thenable that resolves with a rejected native promise: the rejection arrives 4 ticks later
// expect: ["then called","t1","t2","t3","caught deep","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await th -> thenable job TJ1 (T1), before t1.
// why: T1: TJ1: 'then called', resolve(rejectedPromise): callable then -> thenable job TJ2 (T2); t1.
// why: T2: TJ2 calls rejectedPromise.then(resolve, reject) -> already rejected -> reaction R (T3); t2.
// why: T3: R calls the wrapper's reject('deep') -> await's reject reaction (T4); t3.
// why: T4: f resumes with a throw: 'caught deep'; t4.
// v8: same
// jsc: differs ["then called","t1","t2","caught deep","t3","t4"] because engine bug: tc39.es/ecma262/#sec-await wraps th in a new promise via PromiseResolve, and resolving that promise with a native promise (#sec-promise-resolve-functions, #sec-newpromiseresolvethenablejob) costs a job calling inner.then(resolve, reject) and a reaction that settles the wrapper before the await reaction runs; JSC's await elides the wrapper (resolveWithoutPromiseForAsyncAwait) and its promiseResolveThenableJobWithoutPromiseFast attaches the continuation straight to the native inner promise, so f resumes with the rejection one tick early
const th = {
  then(resolve) {
    log('then called');
    resolve(Promise.reject('deep'));
  }
};
async function f() {
  try {
    await th;
  } catch (e) {
    log('caught ' + e);
  }
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

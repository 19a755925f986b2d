// Promise.resolve(x): a native promise is returned as is (1 tick), a thenable is wrapped (2), a subclass instance is wrapped (3)
// expect: ["native n","t1","thenable t","t2","subclass s","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: PromiseResolve(%Promise%, native): IsPromise and constructor is %Promise% -> returns native itself;
// why: .then on it (fulfilled) queues N (T1).
// why: PromiseResolve(%Promise%, th): not a promise -> new capability, resolve(th) -> thenable job TJt (T1).
// why: PromiseResolve(%Promise%, sub): constructor is P -> new capability, resolve(sub) -> thenable job TJs (T1).
// why: Ticker t1 (T1). T1: 'native n'; TJt: th.then -> r('t') fulfils -> handler (T2); TJs: sub.then ->
// why: sub is fulfilled -> reaction Rs (T2); t1. T2: 'thenable t'; Rs fulfils the wrapper -> handler (T3);
// why: t2. T3: 'subclass s', t3. T4: t4.
// v8: same
class P extends Promise {}
const native = Promise.resolve('n');
const th = {
  then(r) {
    r('t');
  }
};
const sub = P.resolve('s');
Promise.resolve(native).then((v) => log('native ' + v));
Promise.resolve(th).then((v) => log('thenable ' + v));
Promise.resolve(sub).then((v) => log('subclass ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

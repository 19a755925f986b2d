// yield of a Promise subclass instance: PromiseResolve(%Promise%, x) does not reuse it, +2 ticks via its then
// expect: ["t1","a:a:false","t2","t3","s:s:false","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: P.resolve('s') is a fulfilled P instance. its.next(): Await(x): IsPromise(x) but x.constructor is P, not
// why: %Promise% -> new promise resolved with x -> NewPromiseResolveThenableJob TJ (T1).
// why: ita.next(): Await('a') -> A (T1). Ticker t1 (T1).
// why: T1: TJ calls x.then(resolve, reject) (Promise.prototype.then; x is fulfilled) -> reaction R (T2);
// why: A completes request a -> handler (T2); t1 -> t2.
// why: T2: R calls resolve('s') -> the await wrapper fulfils -> resume S (T3); 'a:a:false'; t2 -> t3.
// why: T3: S completes request s -> handler (T4); t3 -> t4. T4: 's:s:false', t4.
// v8: same
class P extends Promise {}
async function* gs() {
  yield P.resolve('s');
}
async function* ga() {
  yield 'a';
}
const its = gs();
const ita = ga();
its.next().then((r) => log('s:' + r.value + ':' + r.done));
ita.next().then((r) => log('a:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// return(thenable) on a suspended-start generator costs two ticks more than return(value)
// expect: ["then","t1","b:bv:true","t2","a:tv:true","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: a.return(th): AsyncGeneratorAwaitReturn: PromiseResolve(%Promise%, th) makes a new promise and resolves
// why: it with th -> NewPromiseResolveThenableJob TJ (T1); the closures are appended to the pending promise.
// why: b.return('bv'): PromiseResolve gives a fulfilled promise -> fulfilled closure ARb (T1). Ticker t1 (T1).
// why: T1: TJ: th.then: 'then', resolve('tv') -> ARa (T2). ARb: CompleteStep -> handler (T2). t1 -> t2.
// why: T2: ARa: CompleteStep({tv, true}) -> handler (T3); 'b:bv:true'; t2 -> t3. T3: 'a:tv:true', t3. T4: t4.
// v8: same
const th = {
  then(resolve) {
    log('then');
    resolve('tv');
  }
};
async function* g() {
  yield 'x';
}
const a = g();
const b = g();
a.return(th).then((r) => log('a:' + r.value + ':' + r.done));
b.return('bv').then((r) => log('b:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// yield of a thenable goes through NewPromiseResolveThenableJob: two ticks more than a plain value
// expect: ["then called","t1","a:a:false","t2","c:c:false","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: itc.next(): yield th -> Await(th): PromiseResolve(%Promise%, th) makes a new promise and resolves it with
// why: th: Get(th, "then") is callable -> NewPromiseResolveThenableJob TJ (T1); the await reaction is appended.
// why: ita.next(): Await('a') -> resume A (T1). Ticker t1 (T1).
// why: T1: TJ calls th.then(resolve, reject): 'then called', resolve('c') fulfils the wrapper -> resume C (T2).
// why: A completes its step: Pa fulfilled -> handler (T2). t1 -> t2 (T2).
// why: T2: C: AsyncGeneratorCompleteStep fulfils Pc -> handler (T3); 'a:a:false'; t2 -> t3.
// why: T3: 'c:c:false', t3. T4: t4.
// v8: same
const th = {
  then(resolve) {
    log('then called');
    resolve('c');
  }
};
async function* gc() {
  yield th;
}
async function* ga() {
  yield 'a';
}
const itc = gc();
const ita = ga();
itc.next().then((r) => log('c:' + r.value + ':' + r.done));
ita.next().then((r) => log('a:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

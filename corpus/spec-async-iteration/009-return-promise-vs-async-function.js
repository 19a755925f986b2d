// return of a native promise: the async generator awaits it (1 tick), the async function resolves with it (+2)
// expect: ["t1","g:gp:true","t2","f:fp","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: it.next(): return p -> Await(p): p is a fulfilled native promise, used as is -> resume A (T1).
// why: f(): return p2 -> resolve(pf, p2): p2 is a thenable -> NewPromiseResolveThenableJob TJ (T1); f().then
// why: appends to pending pf. Ticker t1 (T1).
// why: T1: A: CompleteStep({gp, done true}) -> handler G (T2). TJ: p2.then(resolvers) -> reaction R (T2). t1.
// why: T2: 'g:gp:true'; R fulfils pf -> handler F (T3); t2 -> t3. T3: 'f:fp', t3. T4: t4.
// v8: same
async function* g() {
  return Promise.resolve('gp');
}
async function f() {
  return Promise.resolve('fp');
}
const it = g();
it.next().then((r) => log('g:' + r.value + ':' + r.done));
f().then((v) => log('f:' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// await of a Promise subclass instance costs 3 ticks (+2 over a native promise)
// expect: ["f1","end","t1","t2","f2 s","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: P.resolve('s') = PromiseResolve(P, 's'): NewPromiseCapability(P) constructs a P (default derived
// why: constructor -> super -> Promise) and fulfils it with 's'.
// why: await p: PromiseResolve(%Promise%, p): IsPromise(p) but Get(p, "constructor") is P, not %Promise%,
// why: so a new %Promise% wrapper is made and resolve(p) runs: p is an Object with a callable then
// why: (Promise.prototype.then) -> NewPromiseResolveThenableJob (T1), before the ticker's t1.
// why: T1: the job calls p.then(resolve, reject) (SpeciesConstructor -> P, a derived P is made); p is
// why: fulfilled so the reaction is queued (T2); t1. T2: the reaction calls resolve('s') on the wrapper,
// why: queueing the resume (T3); t2. T3: 'f2 s', t3.
// v8: same
class P extends Promise {}
const p = P.resolve('s');
async function f() {
  log('f1');
  const v = await p;
  log('f2 ' + v);
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('end');

// await of the result of then on a subclass instance: species makes it a P, so await wraps it (+2 ticks)
// expect: ["t1","t2","f got a","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: P.resolve('a') is a fulfilled P. .then(x => x): SpeciesConstructor -> P, derived d is a pending P;
// why: its handler H is queued (T1). await d: PromiseResolve(%Promise%, d): constructor P is not %Promise%
// why: -> wrapper + resolve(d) -> thenable job TJ (T1). Ticker t1 (T1). T1 order: H, TJ, t1.
// why: T1: H returns 'a' -> d fulfilled (no reactions yet); TJ calls d.then -> d fulfilled -> R (T2); t1.
// why: T2: R fulfils the wrapper -> resume (T3); t2. T3: 'f got a', t3.
// v8: same
class P extends Promise {}
async function f() {
  const v = await P.resolve('a').then((x) => x);
  log('f got ' + v);
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

// side by side: await of a native promise (1 tick) vs await of a subclass instance (3 ticks)
// expect: ["native resumed","t1","t2","sub resumed","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: sub(): P.resolve() is a fulfilled P; Await's PromiseResolve(%Promise%, x) sees constructor P, wraps it:
// why: resolve(x) finds a callable then -> NewPromiseResolveThenableJob TJ (T1).
// why: native(): Promise.resolve() is used as is (constructor %Promise%), fulfilled -> resume RN (T1).
// why: Ticker: t1 (T1). Order in T1: TJ, RN, t1.
// why: T1: TJ calls x.then -> reaction (T2); RN logs 'native resumed'; t1. T2: the reaction resolves the
// why: wrapper -> resume sub (T3); t2. T3: 'sub resumed', t3.
// v8: same
class P extends Promise {}
async function native() {
  await Promise.resolve();
  log('native resumed');
}
async function sub() {
  await P.resolve();
  log('sub resumed');
}
sub();
native();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

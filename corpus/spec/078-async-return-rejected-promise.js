// async return of a rejected promise rejects 2 ticks later than a throw
// expect: ["g caught g","t1","t2","f caught r","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: f: return Promise.reject('r') -> resolve(pf, rejected) -> it has a callable then -> thenable job
// why: TJ (T1); pf stays pending. g: throw -> AsyncBlockStart rejects pg at once; .catch queues (T1).
// why: Ticker t1 (T1). T1 order: TJ, g's catch, t1.
// why: T1: TJ calls rejected.then(resolve, reject) -> reject reaction R (T2); 'g caught g'; t1.
// why: T2: R calls pf's reject('r') -> catch (T3); t2. T3: 'f caught r', t3.
// v8: same
async function f() {
  return Promise.reject('r');
}
async function g() {
  throw 'g';
}
f().catch((e) => log('f caught ' + e));
g().catch((e) => log('g caught ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

// finally whose callback throws rejects at once (1 tick), faster than a normal finally (3 ticks)
// expect: ["finally cb","plain finally","t1","caught fin err","t2","t3","plain after v","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1 (F1, F2, t1): F1 = thenFinally: Call(onFinally) throws -> thenFinally returns the throw
// why: completion ("Let result be ? Call(onFinally)") -> the reaction job rejects pd1 -> catch queued (T2).
// why: F2: 'plain finally', queues VT (T2) and thenable job TJ (T2). t1.
// why: T2: 'caught fin err'; VT fulfils pt; TJ -> R (T3); t2. T3: R fulfils pd2 -> (T4); t3.
// why: T4: 'plain after v', t4.
// v8: same
// xs: differs ["finally cb","plain finally","t1","t2","t3","caught fin err","plain after v","t4"] because XS bug (B): a finally() callback that throws rejects the finally promise two jobs late, as if the callback had returned a rejected promise (probe: `Promise.resolve().finally(()=>{throw 0}).catch(()=>log('f'))` beside a then() chain gives 1 f 2 3 on the spec/V8/engine262, 1 2 3 f on XS), so 'caught fin err' moves from after t1 to after t3; the plain finally is on time
const p = Promise.resolve('v');
p.finally(() => {
  log('finally cb');
  throw 'fin err';
}).catch((e) => log('caught ' + e));
p.finally(() => log('plain finally')).then((v) => log('plain after ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// finally on a rejected promise: the rejection reaches the next catch 2 ticks later than via catch/then
// expect: ["finally cb","catch cb r","t1","after catch","t2","t3","after finally r","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1 (queued in order CF, CC, t1): CF = catchFinally('r'): calls f ('finally cb'); pr =
// why: PromiseResolve(C, undefined) is fulfilled; pt = pr.then(thrower) queues TW (T2); catchFinally
// why: returns pt -> resolving pd with pt queues thenable job TJ (T2). CC: 'catch cb r' -> AC (T2). t1.
// why: T2: TW throws 'r' -> pt rejected; TJ calls pt.then(resolve, reject) -> pt already rejected ->
// why: reject reaction R (T3); 'after catch'; t2. T3: R calls pd's reject('r') -> the catch (T4); t3.
// why: T4: 'after finally r', t4. T5: t5.
// v8: same
const p = Promise.reject('r');
p.finally(() => log('finally cb')).catch((e) => log('after finally ' + e));
p.catch((e) => log('catch cb ' + e)).then(() => log('after catch'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));

// a promise resolved from a queueMicrotask callback: the then reaction lands one tick later
// expect: ["end","qm","t1","then qv","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: The executor calls queueMicrotask: a host job Q queued first (T1). p.then appends to pending p.
// why: The ticker's t1 is queued second (T1).
// why: T1: Q logs 'qm' and resolve('qv') fulfils p -> its reaction is queued (T2); t1 queues t2 (T2).
// why: T2: 'then qv', t2. One FIFO queue holds both host microtasks and promise jobs.
// v8: same
const p = new Promise((resolve) => {
  queueMicrotask(() => {
    log('qm');
    resolve('qv');
  });
});
p.then((v) => log('then ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
log('end');

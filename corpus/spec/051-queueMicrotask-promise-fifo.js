// queueMicrotask callbacks and promise jobs share one FIFO queue
// expect: ["sync","q1","p1","q2","p2","q3","p3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: queueMicrotask enqueues the callback as a host job directly (one job, like a reaction job).
// why: Script: Q1 (T1), then p1's reaction (fulfilled promise -> queued at once, T1), Q2 (T1).
// why: T1: q1; p1 fulfils its derived promise -> p2 (T2); q2 queues Q3 (T2), then p3's reaction (T2).
// why: T2: p2, q3, p3.
// v8: same
queueMicrotask(() => log('q1'));
Promise.resolve().then(() => log('p1')).then(() => log('p2'));
queueMicrotask(() => {
  log('q2');
  queueMicrotask(() => log('q3'));
  Promise.resolve().then(() => log('p3'));
});
log('sync');

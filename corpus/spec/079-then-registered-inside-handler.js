// a then registered during a job on an already settled promise goes to the back of the queue
// expect: ["a","b","c"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: p is fulfilled: the 'a' handler and the 'b' handler are queued at once (T1).
// why: T1: 'a' calls p.then on the fulfilled p -> PerformPromiseThen queues 'c' at once, behind 'b' (T2).
// why: 'b'. T2: 'c'.
// v8: same
const p = Promise.resolve();
p.then(() => {
  log('a');
  p.then(() => log('c'));
});
p.then(() => log('b'));

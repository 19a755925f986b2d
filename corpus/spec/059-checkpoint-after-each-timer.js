// a microtask checkpoint runs after every timer, before the next timer, even at the same due time
// expect: ["timer 1","micro 1","qm 1","micro 1b","timer 2","micro 2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Both timers are due at 0 (ids 1, 2). Timer 1 queues micro 1 (T1) and qm 1 (T1); its checkpoint
// why: runs micro 1 (queues micro 1b, T2), qm 1, micro 1b. Only then does timer 2 run, then its checkpoint.
// v8: same
setTimeout(() => {
  log('timer 1');
  Promise.resolve().then(() => log('micro 1')).then(() => log('micro 1b'));
  queueMicrotask(() => log('qm 1'));
}, 0);
setTimeout(() => {
  log('timer 2');
  Promise.resolve().then(() => log('micro 2'));
}, 0);

// an awaiting loop interleaves with nested queueMicrotask callbacks
// expect: ["f 1","qm a","qm b","f 2","qm c"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: f's first await undefined queues its resume (T1); then qm a (T1) and qm b (T1).
// why: T1: 'f 1' and the next await queues (T2); 'qm a'; 'qm b' queues qm c (T2). T2: 'f 2', 'qm c'.
// v8: same
async function f() {
  for (const i of [1, 2]) {
    await undefined;
    log('f ' + i);
  }
}
f();
queueMicrotask(() => log('qm a'));
queueMicrotask(() => {
  log('qm b');
  queueMicrotask(() => log('qm c'));
});

// composite: one timer-resolved promise observed by finally, then and Promise.all
// expect: ["start","executor","end","qm","timeout 1","timeout 2 resolves","finally","then done","all","after finally done"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: id 1 (due 0); executor registers id 2 (due 0); p pending gets, in order, the finally
// why: reaction, the then reaction and all's element E0; 'x' -> E1 (T1); qm (T1).
// why: Checkpoint: E1 (count 1), 'qm'. Timer 1: 'timeout 1'.
// why: Timer 2: resolve('done') queues thenFinally, then, E0 (T1). T1: thenFinally logs 'finally', queues
// why: the value thunk VT (T2) and, by resolving with its promise, a thenable job TJ (T2); 'then done';
// why: E0 -> count 0 -> all fulfilled -> handler (T2). T2: VT, TJ -> R (T3), 'all'. T3: R fulfils the
// why: finally promise -> (T4). T4: 'after finally done'.
// v8: same
log('start');
setTimeout(() => log('timeout 1'), 0);
const p = new Promise((resolve) => {
  log('executor');
  setTimeout(() => {
    log('timeout 2 resolves');
    resolve('done');
  }, 0);
});
p.finally(() => log('finally')).then((v) => log('after finally ' + v));
p.then((v) => log('then ' + v));
Promise.all([p, Promise.resolve('x')]).then(() => log('all'));
queueMicrotask(() => log('qm'));
log('end');

// break out of for-await over an array: the wrapper's return resolves at once (no sync return method); one awaited tick
// expect: ["t1","v a","t2","after loop","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: U1, t1. T2: 'v a'; break -> AsyncIteratorClose: the wrapper has a return method (on its prototype):
// why: %AsyncFromSyncIteratorPrototype%.return: the array iterator has no return -> the capability is resolved
// why: at once with {undefined, true} -> the loop's Await queues M (T3). t2.
// why: T3: 'after loop', t3. T4: t4.
// v8: same
async function main() {
  for await (const v of ['a', 'b']) {
    log('v ' + v);
    break;
  }
  log('after loop');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

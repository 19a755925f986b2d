// then on a pending promise waits, in registration order; then on a settled promise is queued at once
// expect: ["resolving","resolved","first tv","second tv","late timer","late timer end","third tv"]
// why: Two reactions are appended to the pending p in order. Timer 1 (due 10): resolve('tv') ->
// why: FulfillPromise -> TriggerPromiseReactions queues both jobs in list order, but resolve returns at
// why: once, so 'resolved' is logged before them; the checkpoint after the timer runs 'first tv',
// why: 'second tv'. Timer 2 (due 20): p is already fulfilled, so PerformPromiseThen queues the third
// why: reaction immediately; it runs at the checkpoint after the timer, after 'late timer end'.
// v8: same
const p = new Promise((resolve) => {
  setTimeout(() => {
    log('resolving');
    resolve('tv');
    log('resolved');
  }, 10);
});
p.then((v) => log('first ' + v));
p.then((v) => log('second ' + v));
setTimeout(() => {
  log('late timer');
  p.then((v) => log('third ' + v));
  log('late timer end');
}, 20);

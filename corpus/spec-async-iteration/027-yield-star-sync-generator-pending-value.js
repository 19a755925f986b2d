// yield* over a sync generator: its body runs lazily inside each next(); a pending promise value is awaited by the wrapper
// expect: ["s1","sync end","timer 1","v slow","s2","v fast","s3","outer end","main end"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: main's for-await calls outer.next(); outer's yield* wraps s() with CreateAsyncFromSyncIterator and calls
// why: next: s runs 's1', the executor registers timer id 1 (due 5), s yields the pending promise;
// why: AsyncFromSyncIteratorContinuation: PromiseResolve gives it as is, unwrap appended. Timer id 2 (due 1).
// why: 'sync end'. Timer id 2: 'timer 1'. Timer id 1: resolve('slow') -> unwrap (T1) -> yield*'s await (T2)
// why: -> outer's yield completes main's request (T3) -> main: 'v slow'; next: outer -> afs.next -> s: 's2',
// why: yields 'fast' -> unwrap (T4) -> (T5) -> (T6): 'v fast'; next -> s: 's3', done -> PromiseResolve(undefined)
// why: -> (T7) -> (T8): yield* done, 'outer end', outer completes -> main's await (T9): 'main end'.
// v8: same
function* s() {
  log('s1');
  yield new Promise((resolve) => setTimeout(resolve, 5, 'slow'));
  log('s2');
  yield 'fast';
  log('s3');
}
async function* outer() {
  yield* s();
  log('outer end');
}
async function main() {
  for await (const v of outer()) {
    log('v ' + v);
  }
  log('main end');
}
main();
setTimeout(() => log('timer 1'), 1);
log('sync end');

// throw inside the for-await body: AsyncIteratorClose still calls and awaits return() before the error propagates
// expect: ["t1","v a","t2","gen finally","t3","caught body error","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 -> M1 (T2); t1. T2: M1: 'v a'; throw: LoopContinues false -> AsyncIteratorClose(iterator, throw
// why: completion): g.return() -> AsyncGeneratorUnwrapYieldResumption Await(undefined) -> R (T3); the return
// why: promise is awaited (the Await happens even for a throw completion). t2.
// why: T3: R: 'gen finally'; g completes -> M2 (T4). t3.
// why: T4: M2: the completion is a throw -> returned as is: 'caught body error', t4.
// v8: same
async function* g() {
  try {
    yield 'a';
    yield 'b';
  } finally {
    log('gen finally');
  }
}
async function main() {
  try {
    for await (const v of g()) {
      log('v ' + v);
      throw 'body error';
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

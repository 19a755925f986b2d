// break out of for-await over an async generator: AsyncIteratorClose calls return() and awaits it; the generator's finally runs first
// expect: ["t1","v a","t2","gen finally","t3","after loop","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 (yield 'a' completes the loop's request) -> M1 (T2); t1.
// why: T2: M1: 'v a'; break: LoopContinues is false -> AsyncIteratorClose: g.return(): g is suspended-yield,
// why: resumed with the return completion: AsyncGeneratorUnwrapYieldResumption Await(undefined) -> R (T3);
// why: AsyncIteratorClose does Await(the return() promise) (pending). t2.
// why: T3: R: 'gen finally'; g completes -> return promise fulfilled -> M2 (T4). t3.
// why: T4: M2: the result is an object -> the break completion -> 'after loop', t4.
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
  for await (const v of g()) {
    log('v ' + v);
    break;
  }
  log('after loop');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

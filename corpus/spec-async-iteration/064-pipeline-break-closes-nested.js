// break from the consumer of a pipeline: return() travels down (await, close the sync source) and back up
// expect: ["t1","t2","t3","w aa","t4","src finally","t5","t6","double finally","t7","after","t8"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: As in a pipeline step: T1: U1 (wrapper unwrap 'a'). T2: D1: yield 'aa' -> Y1. T3: Y1 -> M1. T4: 'w aa';
// why: break -> AsyncIteratorClose(double): double.return(): resumed at its yield with a return completion:
// why: AsyncGeneratorUnwrapYieldResumption Await(undefined) -> R1 (T5).
// why: T5: R1: the return completion leaves double's for-await body -> AsyncIteratorClose(wrapper):
// why: %AsyncFromSyncIteratorPrototype%.return -> src.return(): 'src finally'; continuation:
// why: PromiseResolve(undefined) -> U2 (T6); double awaits it.
// why: T6: U2 -> D2 (T7). T7: D2: 'double finally'; double completes -> its return promise -> M2 (T8).
// why: T8: 'after'. Ticker t1 .. t8 runs last in each tick.
// v8: same
function* src() {
  try {
    yield 'a';
    yield 'b';
  } finally {
    log('src finally');
  }
}
async function* double(it) {
  try {
    for await (const v of it) {
      yield v + v;
    }
  } finally {
    log('double finally');
  }
}
async function main() {
  for await (const w of double(src())) {
    log('w ' + w);
    break;
  }
  log('after');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7')).then(() => log('t8'));

// empty sources: an empty async generator is done after one tick, an empty array (async-from-sync) after two
// expect: ["gen empty done","t1","array empty done","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: runArr: wrapper next: {undefined, true} -> PromiseResolve(undefined) -> unwrap U (T1); the loop awaits C.
// why: runGen: none().next() runs the empty body to completion synchronously: CompleteStep fulfils P at once ->
// why: the loop's Await queues G (T1). Ticker t1 (T1).
// why: T1: U -> C fulfilled -> A (T2). G: done -> 'gen empty done'. t1.
// why: T2: A: 'array empty done', t2. T3: t3.
// v8: same
async function* none() {}
async function runArr() {
  for await (const v of []) {
    log('never array');
  }
  log('array empty done');
}
async function runGen() {
  for await (const v of none()) {
    log('never gen');
  }
  log('gen empty done');
}
runArr();
runGen();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

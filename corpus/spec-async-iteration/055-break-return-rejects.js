// break while return() rejects: AsyncIteratorClose throws the rejection (the break completion is not a throw)
// expect: ["t1","v a","t2","gen finally","t3","caught finally error","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 -> M1 (T2); t1. T2: 'v a'; break -> AsyncIteratorClose -> g.return() -> R (T3). t2.
// why: T3: R: 'gen finally' throws -> the return promise is rejected -> M2 (T4). t3.
// why: T4: the completion is a break, innerResult is a throw completion -> it is returned: 'caught finally error',
// why: t4. 'not reached' is skipped.
// v8: same
// xs: differs ["t1","v a","t2","gen finally","t3","t4","caught finally error"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS); AsyncIteratorClose's return() resumes the generator at its yield, its finally throws 'finally error' and completes it abruptly, XS rejects that return() a job late, so the loop's Await of it throws a job later and 'caught finally error' comes after t4 instead of after t3
async function* g() {
  try {
    yield 'a';
  } finally {
    log('gen finally');
    throw 'finally error';
  }
}
async function main() {
  try {
    for await (const v of g()) {
      log('v ' + v);
      break;
    }
    log('not reached');
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

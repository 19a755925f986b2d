// throw inside the body while return() rejects: the body's error wins, after the same await
// expect: ["t1","v a","t2","gen finally","t3","caught body error","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: As in a plain throw: T2: 'v a', throw -> AsyncIteratorClose -> g.return() -> R (T3).
// why: T3: R: 'gen finally' throws 'finally error': g completes abruptly, the return promise is rejected -> M2 (T4).
// why: T4: innerResult is a throw completion, but the original completion is a throw, which AsyncIteratorClose
// why: returns first: 'caught body error', t4.
// v8: same
// xs: differs ["t1","v a","t2","gen finally","t3","t4","caught body error"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS); AsyncIteratorClose's return() resumes the generator at its yield, its finally throws 'finally error' and completes it abruptly, XS rejects that return() a job late, so the loop's Await of it (after which the body's throw completion wins) resumes a job later and 'caught body error' comes after t4 instead of after t3
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
      throw 'body error';
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// an async generator that throws after its first yield: its own finally runs inside next(), the loop catches one tick later
// expect: ["t1","v a","gen finally","t2","caught gen error","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 -> M1 (T2); t1. T2: M1: 'v a'; next: g resumes synchronously, throws: 'gen finally'; the body
// why: ends abruptly: CompleteStep(throw) rejects the next promise at once -> the loop's Await -> M2 (T3). t2.
// why: T3: M2 throws (no close) -> 'caught gen error', t3. T4: t4.
// v8: same
// xs: differs ["t1","v a","gen finally","t2","t3","caught gen error","t4"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS); the loop's second next() resumes the body, which throws 'gen error' (its finally runs inside next(), on time) and completes abruptly, XS rejects that next() a job late, so 'caught gen error' comes after t3 instead of after t2 (probe: `async function*(){ yield 'a'; throw 'e' }`, second next() once the first settles: rejected before 1 on the spec/V8/engine262, after 1 on XS)
async function* g() {
  try {
    yield 'a';
    throw 'gen error';
  } finally {
    log('gen finally');
  }
}
async function main() {
  try {
    for await (const v of g()) {
      log('v ' + v);
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

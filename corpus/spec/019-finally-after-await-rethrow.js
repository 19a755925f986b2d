// throw after an await inside try/finally: finally runs, the rejection reaches the awaiting caller
// expect: ["inner after await","inner finally","t1","outer caught inner err","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: outer calls inner: inner's await null queues its resume (T1); inner returns pending pi; outer's
// why: await pi uses pi as is and appends its reaction. Ticker t1 (T1).
// why: T1: inner resumes: 'inner after await', throw -> finally 'inner finally' -> the throw completion
// why: stands -> AsyncBlockStart rejects pi -> outer's reject reaction (T2); t1.
// why: T2: outer resumes with the throw: 'outer caught inner err'; t2. T3: t3.
// v8: same
async function inner() {
  try {
    await null;
    log('inner after await');
    throw 'inner err';
  } finally {
    log('inner finally');
  }
}
async function outer() {
  try {
    await inner();
  } catch (e) {
    log('outer caught ' + e);
  }
}
outer();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

// try/catch/finally around awaits: finally runs after the catch's return, awaits, and its return wins
// expect: ["try","end","catch boom","finally 1","t1","finally 2","t2","result from finally","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await Promise.reject('boom'): the rejected native promise is used as is; its reject reaction is
// why: queued at once (T1), before t1.
// why: T1: f resumes with a throw -> 'catch boom'; return 'from catch' is a return completion, but the
// why: finally block runs first: 'finally 1', await undefined -> resume (T2); then t1.
// why: T2: 'finally 2'; return 'from finally' replaces the pending return completion (a finally block's
// why: abrupt completion wins) -> resolve('from finally') -> handler (T3); t2. T3: result, t3.
// v8: same
async function f() {
  try {
    log('try');
    await Promise.reject('boom');
    log('unreached');
  } catch (e) {
    log('catch ' + e);
    return 'from catch';
  } finally {
    log('finally 1');
    await undefined;
    log('finally 2');
    return 'from finally';
  }
}
f().then((v) => log('result ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('end');

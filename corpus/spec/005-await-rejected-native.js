// await of a rejected native promise throws into the async function after one tick
// expect: ["f1","end","caught oops","f end","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Promise.reject('oops') is a rejected native promise; Await's PromiseResolve returns it as is.
// why: PerformPromiseThen on a rejected promise enqueues the reject reaction at once (T1), queued before
// why: the ticker's t1. That job resumes f with ThrowCompletion('oops'): the catch block runs, then 'f end'.
// why: T1: caught oops, f end, t1. T2: t2. 'unreached' is never logged.
// v8: same
async function f() {
  try {
    log('f1');
    await Promise.reject('oops');
    log('unreached');
  } catch (e) {
    log('caught ' + e);
  }
  log('f end');
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
log('end');

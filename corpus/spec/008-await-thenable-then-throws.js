// await of a thenable whose then throws: the job turns the exception into a rejection
// expect: ["end","then called","t1","caught then failed","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: await th -> resolve(th) -> NewPromiseResolveThenableJob (T1), queued before the ticker's t1.
// why: T1: the job calls th.then: 'then called', then it throws. NewPromiseResolveThenableJob step: the
// why: thenCallResult is abrupt -> Call(resolvingFunctions.[[Reject]], 'then failed'): the Await wrapper is
// why: rejected and the await's reject reaction is enqueued (T2). The job itself completes normally, so
// why: there is no '!uncaught'. Then t1 (queues t2). T2: f resumes with a throw -> 'caught then failed'; t2.
// v8: same
const th = {
  then(resolve, reject) {
    log('then called');
    throw 'then failed';
  }
};
async function f() {
  try {
    await th;
    log('unreached');
  } catch (e) {
    log('caught ' + e);
  }
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
log('end');

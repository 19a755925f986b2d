// return(promise) on a completed generator awaits the promise; a second return queues behind the first
// expect: ["body","first:undefined:true","timer 0","ret1:late:true","ret2:now:true"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next(): the body logs 'body' and ends without awaiting: CompleteStep fulfils P1 synchronously, drain,
// why: completed. .then on fulfilled P1 -> handler H (T1). Timer id 1 (due 0).
// why: T1: H: 'first:undefined:true'; return(pending): the executor registers timer id 2 (due 0+3); state
// why: completed -> draining-queue; AsyncGeneratorAwaitReturn: PromiseResolve gives the pending promise itself,
// why: closures appended. return(fulfilled): state draining-queue -> enqueued only.
// why: Timer id 1: 'timer 0'. Timer id 2: resolve('late') -> AR1 (T1). T1: AR1: CompleteStep({late, true})
// why: -> handler (T2); AsyncGeneratorDrainQueue: the head is a return -> AsyncGeneratorAwaitReturn on the
// why: fulfilled promise -> AR2 (T2). T2: 'ret1:late:true'; AR2 -> handler (T3). T3: 'ret2:now:true'.
// v8: same
async function* g() {
  log('body');
}
const it = g();
it.next().then((r) => {
  log('first:' + r.value + ':' + r.done);
  it.return(new Promise((resolve) => setTimeout(resolve, 3, 'late'))).then((r2) => log('ret1:' + r2.value + ':' + r2.done));
  it.return(Promise.resolve('now')).then((r3) => log('ret2:' + r3.value + ':' + r3.done));
});
setTimeout(() => log('timer 0'), 0);

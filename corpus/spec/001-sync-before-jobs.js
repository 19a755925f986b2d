// synchronous code, including an async function body without await, runs before any job
// expect: ["script start","f body","script end","then 1"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: The script is one task. Calling async f runs AsyncFunctionStart -> AsyncBlockStart, which evaluates
// why: the body synchronously until the first await (there is none), so 'f body' is logged inside the call.
// why: Promise.resolve() = PromiseResolve(%Promise%, undefined): a new promise, already fulfilled.
// why: PerformPromiseThen on a fulfilled promise enqueues its PromiseReactionJob at once (T1), but jobs only
// why: run at the microtask checkpoint after the script task, so 'script end' precedes 'then 1'.
// v8: same
log('script start');
async function f() {
  log('f body');
}
f();
Promise.resolve().then(() => log('then 1'));
log('script end');

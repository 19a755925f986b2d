// a throw in finally (after an await) replaces the try block's return value
// expect: ["finally","t1","rejected finally throws","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: return 'try value' is a return completion, but the finally block runs first: 'finally', await null
// why: queues the resume (T1), before the ticker's t1.
// why: T1: throw 'finally throws': the finally block's abrupt completion replaces the return ->
// why: AsyncBlockStart rejects the promise -> onRejected handler (T2); t1. T2: 'rejected finally throws', t2.
// v8: same
async function f() {
  try {
    return 'try value';
  } finally {
    log('finally');
    await null;
    throw 'finally throws';
  }
}
f().then((v) => log('fulfilled ' + v), (e) => log('rejected ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

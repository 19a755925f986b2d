// two then chains interleave tick by tick
// expect: ["a1","b1","a2","b2","a3","b3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Each chain starts on an already fulfilled promise, so a1 then b1 are queued at once (T1). Later
// why: links are appended to pending derived promises. When a handler returns undefined, its
// why: PromiseReactionJob calls the derived capability's resolve(undefined) -> FulfillPromise -> the next
// why: link is queued in the following tick. T1: a1, b1. T2: a2, b2. T3: a3, b3.
// v8: same
Promise.resolve().then(() => log('a1')).then(() => log('a2')).then(() => log('a3'));
Promise.resolve().then(() => log('b1')).then(() => log('b2')).then(() => log('b3'));

// Promise.allSettled waits for a rejecting thenable; rejections do not short-circuit it
// expect: ["th then","t1","t2","allSettled done","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Element 0: a rejected native promise, used as is -> its onRejected element job E0 (T1).
// why: Element 1: 'plain' is wrapped (fulfilled) -> E1 (T1). Element 2: th is wrapped, resolve(th) ->
// why: thenable job TJ (T1); E2 appended. Count = 1 + 3 - 1 = 3. Ticker t1 (T1).
// why: T1: E0 (count 2), E1 (count 1), TJ: 'th then', j('th no') rejects the wrapper -> E2's reject
// why: element function queued (T2); t1. T2: E2 -> count 0 -> resolve(values) -> handler (T3); t2.
// why: T3: 'allSettled done', t3.
// v8: same
const th = {
  then(r, j) {
    log('th then');
    j('th no');
  }
};
Promise.allSettled([Promise.reject('no'), 'plain', th]).then(() => log('allSettled done'), () => log('never'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

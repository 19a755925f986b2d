// Promise.all over a value, a fulfilled promise, a thenable and a timer-resolved promise
// expect: ["end","th then","t1","t2","t3","timer","all 1","all 2","all three","all four"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: PerformPromiseAll calls Promise.resolve (GetPromiseResolve) on each element then Invoke(.., "then"):
// why: 1 is wrapped (fulfilled) -> element job E0 (T1); Promise.resolve(2) is used as is -> E1 (T1);
// why: th is wrapped: resolve(th) -> thenable job TJ (T1), E2 appended; timerP is pending, E3 appended.
// why: remainingElementsCount = 1 + 4 (one per element) - 1 (iterator done) = 4. Ticker t1 (T1).
// why: T1: E0 (count 3), E1 (count 2), TJ: 'th then', r('three') fulfils the wrapper -> E2 (T2); t1.
// why: T2: E2 (count 1: E3 is still pending), t2. T3: t3.
// why: Timer at 10: 'timer', resolve('four') -> E3 brings the count to 0 -> resolve(all, values) -> the
// why: handler runs one tick later and logs the values in index order (not settlement order).
// v8: same
const th = {
  then(r) {
    log('th then');
    r('three');
  }
};
const timerP = new Promise((resolve) => setTimeout(() => {
  log('timer');
  resolve('four');
}, 10));
Promise.all([1, Promise.resolve(2), th, timerP]).then((vs) => vs.forEach((v) => log('all ' + v)));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('end');

// race, any, allSettled and all over the same two timer-settled promises
// expect: ["timer b","race rejected b","all rejected b","timer a","any a","allSettled done"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: a: timer id 1 due 10; b: timer id 2 due 5. Each combinator appends one reaction to a and one to b,
// why: in call order: race, any, allSettled, all.
// why: Timer at 5: 'timer b', reject('b') queues b's reject reactions (T1): race reject -> race handler
// why: (T2); any's reject element (count 2 -> 1); allSettled's reject element (count 2 -> 1); all's
// why: reject -> all's catch (T2). T2: 'race rejected b', 'all rejected b'.
// why: Timer at 10: 'timer a', resolve('a') queues a's reactions (T1): race resolve ignored; any resolve
// why: fulfils -> (T2); allSettled element (count 0) -> resolve -> (T2); all element: no effect.
// why: T2: 'any a', 'allSettled done'.
// v8: same
const a = new Promise((resolve) => setTimeout(() => {
  log('timer a');
  resolve('a');
}, 10));
const b = new Promise((resolve, reject) => setTimeout(() => {
  log('timer b');
  reject('b');
}, 5));
Promise.race([a, b]).then((v) => log('race ' + v), (e) => log('race rejected ' + e));
Promise.any([a, b]).then((v) => log('any ' + v));
Promise.allSettled([a, b]).then(() => log('allSettled done'));
Promise.all([a, b]).catch((e) => log('all rejected ' + e));

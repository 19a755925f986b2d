// Promise.race: the deciding element's reactions run in registration order; the race result is one tick later
// expect: ["fast timer","p2 chain before race","p2 chain after race","race fast"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: p1 (timer id 1, due 20) and p2 (timer id 2, due 10) are pending. Reactions on p2, in order:
// why: 'before race' handler, race's then(resultCapability.[[Resolve]], ..[[Reject]]), 'after race' handler.
// why: Timer at 10: 'fast timer', resolve('fast') queues the three reactions (T1).
// why: T1: 'p2 chain before race'; race resolve fulfils the race promise -> its handler (T2);
// why: 'p2 chain after race'. T2: 'race fast'. Timer at 20: p1's race reaction is ignored (already resolved).
// v8: same
const p1 = new Promise((resolve) => setTimeout(() => resolve('slow'), 20));
const p2 = new Promise((resolve) => setTimeout(() => {
  log('fast timer');
  resolve('fast');
}, 10));
p2.then(() => log('p2 chain before race'));
Promise.race([p1, p2]).then((v) => log('race ' + v));
p2.then(() => log('p2 chain after race'));

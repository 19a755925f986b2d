// Promise.race over already-settled elements: the earlier position wins, whether it fulfils or rejects
// expect: ["race rejected r","race2 fulfilled value2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: race1: `rejected` is used as is -> its reject job J1 (T1); 'value' is wrapped (fulfilled) -> J2 (T1).
// why: race2: 'value2' wrapped -> J3 (T1); `rejected` -> J4 (T1).
// why: T1: J1 rejects race1 -> handler (T2); J2's resolve is ignored; J3 fulfils race2 -> handler (T2);
// why: J4's reject is ignored. T2: 'race rejected r', 'race2 fulfilled value2'.
// v8: same
const rejected = Promise.reject('r');
Promise.race([rejected, 'value']).then((v) => log('race fulfilled ' + v), (e) => log('race rejected ' + e));
Promise.race(['value2', rejected]).then((v) => log('race2 fulfilled ' + v), (e) => log('race2 rejected ' + e));

// then with non-callable arguments passes the value through, one tick per link
// expect: ["t1","t2","passed v","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: PerformPromiseThen: IsCallable('nope') and IsCallable(undefined) are false -> [[Handler]] is empty;
// why: NewPromiseReactionJob then resolves the derived promise with the incoming value.
// why: T1: pass-through 1, t1. T2: pass-through 2, t2. T3: 'passed v', t3.
// v8: same
Promise.resolve('v').then('nope').then(undefined, undefined).then((v) => log('passed ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

// a then handler that is an async function returns a promise: the next link waits 2 extra ticks
// expect: ["async handler","sync handler","t1","after sync handler","t2","t3","after async handler","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1 (A, S, t1): A: the async arrow logs 'async handler' and returns its fulfilled native promise;
// why: the reaction job resolves the derived promise with it -> thenable job TJ (T2). S: 'sync handler',
// why: returns undefined -> derived fulfilled -> next link (T2). t1.
// why: T2: TJ -> reaction R (T3); 'after sync handler'; t2. T3: R fulfils -> next link (T4); t3.
// why: T4: 'after async handler', t4.
// v8: same
Promise.resolve().then(async () => {
  log('async handler');
}).then(() => log('after async handler'));
Promise.resolve().then(() => {
  log('sync handler');
}).then(() => log('after sync handler'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

// finally whose callback returns a rejected promise: that rejection overrides the value, after 3 ticks
// expect: ["t1","t2","t3","caught override","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1 (F, t1): F = thenFinally: result = Promise.reject('override'), a rejected native promise;
// why: PromiseResolve(C, result) returns it as is; result.then(valueThunk) has an empty reject handler and
// why: the promise is rejected -> job X (T2); pd is resolved with pt -> thenable job TJ (T2); t1.
// why: T2: X rejects pt with 'override'; TJ calls pt.then(resolve, reject) -> pt rejected -> R (T3); t2.
// why: T3: R calls pd's reject('override') -> catch (T4); t3. T4: 'caught override', t4.
// v8: same
Promise.resolve('value').finally(() => Promise.reject('override')).catch((e) => log('caught ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

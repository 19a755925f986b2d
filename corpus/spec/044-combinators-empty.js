// combinators over empty arrays: all/allSettled fulfil synchronously, any rejects synchronously, race never settles
// expect: ["all empty","allSettled empty","any empty rejects","t1","timer"]
// why: PerformPromiseAll / PerformPromiseAllSettled: the iterator is done at once, remainingElementsCount
// why: goes 1 -> 0, so resolve(values) is called during the call: the promise is already fulfilled and
// why: .then queues its job at once (T1).
// why: PerformPromiseAny: the count reaches 0 -> ThrowCompletion(AggregateError); Promise.any's
// why: IfAbruptRejectPromise rejects the capability synchronously -> .catch queued at once (T1).
// why: PerformPromiseRace returns the capability's promise, never settled: no handler runs.
// why: T1 order follows the calls: all, allSettled, any, t1. Then the timer.
// v8: same
Promise.all([]).then(() => log('all empty'));
Promise.allSettled([]).then(() => log('allSettled empty'));
Promise.any([]).catch(() => log('any empty rejects'));
Promise.race([]).then(() => log('race empty never'), () => log('race empty never 2'));
Promise.resolve().then(() => log('t1'));
setTimeout(() => log('timer'), 0);

// a rejection handled only later from a timer: no trace event for the unhandled period
// expect: ["sync","late catch late"]
// why: Promise.reject('late') is rejected with no handler: HostPromiseRejectionTracker(reject) may fire
// why: but unhandled rejections are not trace events. Timer id 1 attaches catch: PerformPromiseThen on a
// why: rejected promise queues the reject reaction at once (tracker "handle"); it runs in that timer's
// why: checkpoint.
// v8: same
const p = Promise.reject('late');
setTimeout(() => p.catch((e) => log('late catch ' + e)), 0);
log('sync');

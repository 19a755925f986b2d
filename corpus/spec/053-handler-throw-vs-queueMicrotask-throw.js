// an unhandled rejection from a then handler leaves no trace event; a queueMicrotask throw does
// expect: ["h","qm","!uncaught","timer"]
// why: T1: the then handler logs 'h' and throws: NewPromiseReactionJob calls the derived promise's reject
// why: (HostPromiseRejectionTracker may note it, but unhandled rejections are not trace events).
// why: The queueMicrotask callback logs 'qm' and throws: the exception escapes a host microtask ->
// why: '!uncaught'. Then timer id 1.
// v8: same
Promise.resolve().then(() => {
  log('h');
  throw 'unhandled';
});
queueMicrotask(() => {
  log('qm');
  throw 'uncaught';
});
setTimeout(() => log('timer'), 0);

// a throwing queueMicrotask callback is reported as !uncaught and the checkpoint goes on
// expect: ["sync","q1","!uncaught","q2","caught promise boom","timer"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Host model: an exception escaping a queueMicrotask callback is reported ('!uncaught') and the
// why: remaining jobs still run. A throw inside a then handler is different: the PromiseReactionJob turns
// why: it into a rejection of the derived promise (no report), caught by the next link.
// why: T1: q1 + throw -> '!uncaught'; q2; the then handler throws -> derived rejected -> catch (T2).
// why: T2: 'caught promise boom'. Then timer id 1.
// v8: same
queueMicrotask(() => {
  log('q1');
  throw 'boom';
});
queueMicrotask(() => log('q2'));
Promise.resolve().then(() => {
  throw 'promise boom';
}).catch((e) => log('caught ' + e));
setTimeout(() => log('timer'), 0);
log('sync');

// async callbacks given to queueMicrotask/setTimeout never produce !uncaught: their throws reject a promise
// expect: ["async qm","sync qm","!uncaught","async timer","next timer"]
// why: An async function never throws to its caller: AsyncBlockStart turns the throw into a rejection of
// why: its promise, which the host ignores (unhandled rejections are not trace events).
// why: Checkpoint after the script: the async qm callback logs and throws -> its promise is rejected, no
// why: event; the sync qm callback's throw escapes -> '!uncaught'.
// why: Timer id 1: 'async timer', await null; the callback returns a promise normally; in the checkpoint
// why: it resumes and throws -> rejection, no event. Timer id 2: 'next timer'.
// v8: same
queueMicrotask(async () => {
  log('async qm');
  throw 'in async qm';
});
setTimeout(async () => {
  log('async timer');
  await null;
  throw 'in async timer';
}, 0);
setTimeout(() => log('next timer'), 0);
queueMicrotask(() => {
  log('sync qm');
  throw 'in sync qm';
});

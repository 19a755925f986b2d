// several awaits and a then on one pending promise resume in registration order
// expect: ["wait a","wait b","wake a","plain then","wake b"]
// why: p is pending (timer id 1, due 5). waiter('a') awaits p (used as is) -> reaction appended; p.then
// why: appends; waiter('b') appends. Timer at 5: resolve('go') -> TriggerPromiseReactions queues the
// why: three jobs in list order; the checkpoint runs them: 'wake a', 'plain then', 'wake b'.
// v8: same
const p = new Promise((resolve) => setTimeout(() => resolve('go'), 5));
async function waiter(name) {
  log('wait ' + name);
  await p;
  log('wake ' + name);
}
waiter('a');
p.then(() => log('plain then'));
waiter('b');

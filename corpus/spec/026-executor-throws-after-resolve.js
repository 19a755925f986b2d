// an executor that throws after resolving: the throw is swallowed, the promise stays fulfilled
// expect: ["before throw","end","then ok"]
// why: resolve('ok') fulfils p and sets [[AlreadyResolved]]. The executor then throws: the constructor
// why: calls reject('ignored'), which returns early because alreadyResolved is true, and returns p
// why: normally (no '!uncaught'). p.then on the fulfilled p queues onFulfilled (T1): 'then ok'.
// v8: same
const p = new Promise((resolve) => {
  resolve('ok');
  log('before throw');
  throw 'ignored';
});
p.then((v) => log('then ' + v), (e) => log('catch ' + e));
log('end');

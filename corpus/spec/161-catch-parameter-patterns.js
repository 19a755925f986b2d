// a catch parameter that is a pattern: destructured from the thrown value; a throw while binding it skips the block but not finally
// expect: ["c1:m17","fin","c2:TypeError","c3:12","c4:late"]
// why: CatchClauseEvaluation: the parameter's names are in a new environment, then BindingInitialization of the
// why: pattern with the thrown value (c1: a default for the missing `code`, c3: through the array iterator).
// why: Destructuring `null` is a TypeError: the completion of the catch clause is that throw, so the catch block
// why: does not run, the finally block does ('fin'), and the outer catch gets the TypeError.
// why: An async function's catch binds the awaited rejection's value the same way (c4, after the sync part).
// v8: same
try {
  throw { message: 'm1', code: 7 };
} catch ({ message, code = 0 }) {
  log('c1:' + message + code);
}
try {
  try {
    throw null;
  } catch ({ x }) {
    log('not reached');
  } finally {
    log('fin');
  }
} catch (e) {
  log('c2:' + e.name);
}
try {
  throw [1, 2];
} catch ([a, b]) {
  log('c3:' + a + b);
}
async function f() {
  try {
    await Promise.reject({ why: 'late' });
  } catch ({ why }) {
    log('c4:' + why);
  }
}
f();

// a thenable that resolves twice, then rejects, then throws: only the first call counts
// expect: ["end","then called","got first"]
// why: await th -> NewPromiseResolveThenableJob (T1). The job creates resolving functions with one shared
// why: [[AlreadyResolved]] record (CreateResolvingFunctions).
// why: T1: 'then called'; resolve('first') sets alreadyResolved and fulfils the wrapper (resume queued, T2);
// why: resolve('second') and reject('third') return early because alreadyResolved is true; the throw makes
// why: thenCallResult abrupt, so the job calls reject('fourth'), which is ignored too and returns normally:
// why: no '!uncaught'. T2: f resumes with 'first'.
// v8: same
const th = {
  then(resolve, reject) {
    log('then called');
    resolve('first');
    resolve('second');
    reject('third');
    throw 'fourth';
  }
};
async function f() {
  try {
    const v = await th;
    log('got ' + v);
  } catch (e) {
    log('caught ' + e);
  }
}
f();
log('end');

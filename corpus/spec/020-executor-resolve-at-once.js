// the Promise executor runs synchronously; resolve() does not interrupt it; then runs in a job
// expect: ["executor","after resolve","end","then now"]
// why: Promise(executor) step: Call(executor, undefined, resolve, reject) happens inside the constructor,
// why: so 'executor' and 'after resolve' are logged synchronously; resolve('now') just fulfils the promise
// why: (no reactions yet). p.then on a fulfilled promise queues the reaction at once (T1); it runs at the
// why: checkpoint after the script, after 'end'.
// v8: same
const p = new Promise((resolve) => {
  log('executor');
  resolve('now');
  log('after resolve');
});
p.then((v) => log('then ' + v));
log('end');

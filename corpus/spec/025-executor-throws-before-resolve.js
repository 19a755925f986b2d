// an executor that throws before resolving rejects the promise; the exception does not escape
// expect: ["exec","end","caught exec err"]
// why: Promise(executor): completion is abrupt -> Call(resolvingFunctions.[[Reject]], 'exec err'); the
// why: constructor then returns the (rejected) promise normally, so the script goes on: no '!uncaught'.
// why: p.catch on a rejected promise queues the reject reaction at once (T1): it runs after 'end'.
// v8: same
const p = new Promise((resolve) => {
  log('exec');
  throw 'exec err';
});
p.catch((e) => log('caught ' + e));
log('end');

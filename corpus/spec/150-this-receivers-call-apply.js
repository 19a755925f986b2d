// this: a method call passes its base, call/apply their first argument, an arrow captures its function's, a thenable's then runs on the thenable
// expect: ["run on O","call T","apply O","sync","arrow sees O","then on T","adopted T"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: obj.run() is a method call: EvaluateCall passes the base obj as thisValue ('run on O'); the arrow
// why: in it has no this binding and sees run's. Promise.resolve(1) is fulfilled: then queues R1 (T1).
// why: show.call(thenable, 'call') and show.apply(obj, ['apply']) call show with the given this
// why: (Function.prototype.call / apply, CreateListFromArrayLike of the array).
// why: Promise.resolve(thenable): thenable is no promise, so a new promise is resolved with it: Get(then)
// why: is callable -> NewPromiseResolveThenableJob TJ (T1), which calls then with the thenable as this.
// why: T1: R1 'arrow sees O'; TJ 'then on T', resolve('T') fulfils -> the 'adopted' reaction (T2). T2: 'adopted T'.
// v8: same
const thenable = {
  name: 'T',
  then(resolve) {
    log('then on ' + this.name);
    resolve(this.name);
  }
};
const obj = {
  name: 'O',
  run() {
    log('run on ' + this.name);
    return Promise.resolve(1).then(() => log('arrow sees ' + this.name));
  }
};
function show(tag) {
  log(tag + ' ' + this.name);
}
obj.run();
show.call(thenable, 'call');
show.apply(obj, ['apply']);
Promise.resolve(thenable).then((v) => log('adopted ' + v));
log('sync');

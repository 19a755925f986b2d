// patched promise: an own then on a native promise, and an own constructor, as the resolve functions and await see them
// expect: ["sync","own then","await: p","resolved: from own then","await q: q"]
// why: `p.then = ..` creates an own property on p (Promise.prototype.then is writable). new Promise: the
// why: executor's resolve(p) (§27.2.1.3.2) Gets p.then, the own function: NewPromiseResolveThenableJob J1.
// why: f(): Await(p) calls PromiseResolve(%Promise%, p) (§27.2.4.7.1), which only compares p.constructor
// why: (inherited, %Promise%) and returns p: PerformPromiseThen on p directly, never through p.then: p is
// why: fulfilled, so reaction J2. `q.constructor = ..` makes PromiseResolve's comparison fail: a new promise
// why: resolved with q, whose then is Promise.prototype.then: thenable job J3. 'sync'.
// why: T1: J1 calls own then, which logs 'own then' and calls resolve('from own then'), fulfilling the
// why: promise: its then reaction J4 (T2). J2 resumes f: 'await: p'. J3 calls q.then(resolve, reject) on
// why: the fulfilled q: reaction J5 (T2). T2: J4 'resolved: from own then'; J5 fulfils the wrapper: g's
// why: resume J6 (T3). T3: 'await q: q'.
// v8: same
const p = Promise.resolve('p');
p.then = function (f) {
  log('own then');
  f('from own then');
};
new Promise((resolve) => resolve(p)).then((v) => log('resolved: ' + v));
async function f() {
  const v = await p;
  log('await: ' + v);
}
f();
const q = Promise.resolve('q');
q.constructor = function () {};
async function g() {
  const v = await q;
  log('await q: ' + v);
}
g();
log('sync');

// patched Promise.prototype.then: called by Invoke (catch, Promise.all) and by a resolve function's thenable job, not by await
// expect: ["patched then","patched then","sync","await: 1","patched then"]
// why: Promise.prototype.then is writable: every promise now inherits the program's function. f(): Await(p)
// why: is PromiseResolve (p itself) and PerformPromiseThen, an abstract operation that never looks up then:
// why: reaction J1. new Promise: resolve(p) Gets p.then, the patched function: thenable job J2.
// why: p.catch(..) (§27.2.5.1) is Invoke(p, "then", ..): 'patched then' now (f is undefined: nothing more).
// why: Promise.all([p]) (§27.2.4.1.2): Promise.resolve(p) is p; Invoke(p, "then", resolveElement, reject):
// why: 'patched then', which calls the element function: the last element, so all's promise is resolved with
// why: the values array (no then: fulfilled, nobody listens). 'sync'. T1: J1 resumes f: 'await: 1'; J2 calls
// why: the patched then with the resolving functions: 'patched then'.
// v8: same
Promise.prototype.then = function (f) {
  log('patched then');
  if (typeof f === 'function') {
    f('patched');
  }
};
const p = Promise.resolve(1);
async function f() {
  const v = await p;
  log('await: ' + v);
}
f();
new Promise((resolve) => resolve(p));
p.catch(() => log('never'));
Promise.all([p]);
log('sync');

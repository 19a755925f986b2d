// errors: Error objects made by the program as rejection reasons and thrown values, with message, cause, name, toString
// expect: ["sync","outer because inner","[] Error: called URIError: 42","caught x","TypeError / TypeError: bad","g caught SyntaxError: s","AggregateError of RangeError: r"]
// why: new Error(m) / Error(m) (§20.5.1.1) give an object whose own message is ToString(m) (none when m is
// why: undefined, so Error.prototype.message, ''), with cause from the options bag (InstallErrorCause);
// why: Error.prototype.toString gives 'name: message', or the name alone when the message is ''.
// why: Script: p is rejected; p.catch on a settled promise queues its reaction at once (T1: A).
// why: 'sync'. f() throws inside an async function: its promise is rejected at once, catch queues B (T1).
// why: Promise.any: Promise.resolve(q) is q (native), q.then(resolve, rejectElement) queues C (T1).
// why: 'outer because inner'; '[] Error: called URIError: 42' (+ on an error: valueOf gives the object, then toString).
// why: g(): await on a rejected native promise is PerformPromiseThen on it: D queued (T1).
// why: T1: A 'caught x'; B 'TypeError / TypeError: bad'; C: the last element rejected, so any's promise is
// why: rejected with an AggregateError whose errors are [RangeError r], queueing the catch (T2); D resumes g
// why: with the throw: 'g caught SyntaxError: s'. T2: 'AggregateError of RangeError: r' (the array's join).
// v8: same
const p = Promise.reject(new Error('x'));
p.catch((e) => log('caught ' + e.message));
log('sync');
async function f() {
  throw new TypeError('bad');
}
f().catch((e) => log(e.name + ' / ' + String(e)));
Promise.any([Promise.reject(new RangeError('r'))]).catch((e) => log(e.name + ' of ' + e.errors));
const withCause = new Error('outer', { cause: 'inner' });
log(withCause.message + ' because ' + withCause.cause);
log('[' + new Error().message + '] ' + Error('called') + ' ' + new URIError(42));
async function g() {
  try {
    await Promise.reject(new SyntaxError('s'));
  } catch (e) {
    log('g caught ' + e);
  }
}
g();

// a plain function as the constructor of Promise.resolve / all / reject: NewPromiseCapability constructs it (OrdinaryCreateFromConstructor), its executor call hands over the resolving functions, which the combinator then calls synchronously
// expect: ["Cap called","Cap returns","resolved with 1","same proto true","Cap called","Cap returns","rejected object","Cap called","Cap returns","rejected string","Cap called","Cap returns","resolved with [object Promise]","sync","t1"]
// why: Promise.resolve.call(Cap, 1): PromiseResolve(Cap, 1) -> NewPromiseCapability(Cap): Construct(Cap,
// why: [GetCapabilitiesExecutor]): a new object whose prototype is Cap.prototype is this; the body logs and calls
// why: the executor with its two arrows, which become the capability's resolve/reject; it returns undefined, so
// why: the object is the "promise". Then Call(resolve, 1): 'resolved with 1', synchronously.
// why: Promise.all.call(Cap, []): the capability first ('Cap called', 'Cap returns'), then GetPromiseResolve(Cap):
// why: Cap has no callable `resolve` -> TypeError -> IfAbruptRejectPromise calls reject: 'rejected object'.
// why: Promise.reject.call(Cap, 'no'): the capability, then reject('no'): 'rejected string'.
// why: Promise.resolve.call(Cap, p) for a native p: p.constructor is Promise, not Cap, so a capability of Cap
// why: is made and resolve is called with p itself: 'resolved with [object Promise]'. 'sync'; then t1 (T1).
// v8: same
function Cap(executor) {
  log('Cap called');
  executor((v) => log('resolved with ' + v), (e) => log('rejected ' + typeof e));
  log('Cap returns');
}
const r = Promise.resolve.call(Cap, 1);
log('same proto ' + (r.constructor === Cap));
Promise.all.call(Cap, []);
Promise.reject.call(Cap, 'no');
Promise.resolve.call(Cap, Promise.resolve(2));
Promise.resolve().then(() => log('t1'));
log('sync');

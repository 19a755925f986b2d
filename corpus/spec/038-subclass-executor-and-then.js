// new P(executor) for a Promise subclass: executor runs synchronously, then chains cost the same as native
// expect: ["P executor","P then x","t1","P then 2","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: class P extends Promise {} has the default derived constructor, which calls super(...args): the
// why: Promise constructor runs the executor synchronously ('P executor') and resolve('x') fulfils sp.
// why: sp.then: SpeciesConstructor(sp, %Promise%) = P (inherited get [Symbol.species] returns this), so
// why: NewPromiseCapability(P) builds the derived promise; that is not observable. sp is fulfilled, so
// why: the reaction is queued at once (T1) before t1; the second link follows in T2 before t2.
// v8: same
class P extends Promise {}
const sp = new P((resolve) => {
  log('P executor');
  resolve('x');
});
sp.then((v) => log('P then ' + v)).then(() => log('P then 2'));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));

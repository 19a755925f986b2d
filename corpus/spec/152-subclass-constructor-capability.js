// NewPromiseCapability through a user subclass constructor: Logged.resolve, then (species) and await of a subclass instance each run the constructor and its super(executor)
// expect: ["ctor","executor","resolved","ctor","executor","chained true","sync","then 1","ctor","executor","t1","t2","awaited","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Logged.resolve(1): PromiseResolve(Logged, 1) -> NewPromiseCapability(Logged) = Construct(Logged,
// why: [GetCapabilitiesExecutor]): 'ctor', super(arrow) runs the Promise constructor with NewTarget Logged,
// why: which calls the arrow ('executor'), which passes the capability's resolve/reject on. p fulfils with 1.
// why: p.then(h): SpeciesConstructor(p) = Logged (Promise's @@species getter returns this): 'ctor',
// why: 'executor'; p is fulfilled -> Rh (T1). q = that capability's promise, an instance of Logged.
// why: f(): await p: PromiseResolve(%Promise%, p): p.constructor is Logged, not Promise, so a new native
// why: promise is resolved with p -> ResolveThenableJob TJ (T1). Ticker t1 (T1). 'sync'.
// why: T1: Rh 'then 1'; TJ calls p.then (species Logged again: 'ctor', 'executor'), p fulfilled -> Rw (T2); t1.
// why: T2: Rw resolves the awaited promise -> resume (T3); t2. T3: 'awaited', t3.
// v8: same
class Logged extends Promise {
  constructor(executor) {
    log('ctor');
    super((resolve, reject) => {
      log('executor');
      executor(resolve, reject);
    });
  }
}
const p = Logged.resolve(1);
log('resolved');
const q = p.then((v) => {
  log('then ' + v);
});
log('chained ' + (q.constructor === Logged));
async function f() {
  await p;
  log('awaited');
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('sync');

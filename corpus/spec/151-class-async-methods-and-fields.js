// classes: fields run before a base constructor's body and right after super() returns in a derived one; async, static async and async generator methods, super.m()
// expect: ["Derived before super","Base field","Base ctor","Derived field","Derived after super","Derived run a","run a!","make","items start","sync","run resumed a!","Derived before super","Base field","Base ctor","Derived field","Derived after super","made true","next i1","run done a!"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: new Derived(): a derived [[Construct]] binds no this; super() constructs Base with NewTarget Derived:
// why: OrdinaryCreateFromConstructor, then InitializeInstanceElements ('Base field') before Base's body
// why: ('Base ctor'); back in SuperCall, BindThisValue and Derived's fields ('Derived field'), then the rest.
// why: d.run('a'): 'Derived run a'; super.run('a!') looks run up on Base.prototype (HomeObject's
// why: prototype) and calls it on this: 'run a!', await null queues RA (T1); Derived's run returns that
// why: pending promise pb: AsyncBlockStart resolves with a thenable -> ResolveThenableJob TJ (T1).
// why: Derived.make(): a static method, this = Derived: 'make', await null queues RM (T1).
// why: d.items().next(): the async generator starts: 'items start', yield awaits 'i1' first: RY (T1). 'sync'.
// why: T1: RA 'run resumed a!' fulfils pb; TJ: pb.then(...) on fulfilled pb queues Rpb (T2); RM: new this()
// why: runs the constructors again, make's promise fulfils with the object -> 'made' reaction (T2);
// why: RY: AsyncGeneratorYield fulfils next()'s promise -> 'next' reaction (T2).
// why: T2: Rpb fulfils run's promise -> 'run done' (T3); 'made true'; 'next i1'. T3: 'run done a!'.
// v8: same
class Base {
  tag = log('Base field');
  constructor() {
    log('Base ctor');
  }
  async run(x) {
    log('run ' + x);
    await null;
    log('run resumed ' + x);
    return x;
  }
  static async make() {
    log('make');
    await null;
    return new this();
  }
  async *items() {
    log('items start');
    yield 'i1';
    log('items after i1');
  }
}
class Derived extends Base {
  extra = log('Derived field');
  constructor() {
    log('Derived before super');
    super();
    log('Derived after super');
  }
  async run(x) {
    log('Derived run ' + x);
    return super.run(x + '!');
  }
}
const d = new Derived();
d.run('a').then((v) => log('run done ' + v));
Derived.make().then((o) => log('made ' + (o.constructor === Derived)));
const it = d.items();
it.next().then((r) => log('next ' + r.value));
log('sync');

// private names: fields, methods, accessors and static members; brand checks; async private methods; an accessor's this
// expect: ["field #id","stamped","second stamp TypeError","hi","brand TypeError","setter this is obj true","sync","job one","job two","t1","run done","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: new Stamp(o): Base's constructor returns o, so super() binds this = o and InitializeInstanceElements
// why: adds Stamp's private method #hello to o (PrivateMethodOrAccessorAdd), then the field #id
// why: (PrivateFieldAdd, its initializer logs 'field #id'). The second new Stamp(o) finds #hello on o
// why: already: TypeError before any field initializer runs. o.#hello() finds it ('hi'); {}.#hello
// why: is not found: PrivateGet throws a TypeError. A setter's this is its receiver (OrdinaryCallBindThis),
// why: not the enclosing function's: 'setter this is obj true'.
// why: run(): #step('one') awaits null (R1, T1), #step('two') awaits null (R2, T1) and its promise p2
// why: is returned; then(.. 'run done') waits on p2. The ticker queues t1 (T1). 'sync'.
// why: T1: R1 sets #label through the private setter and reads it through the getter ('job one');
// why: R2 'job two' fulfils p2 -> 'run done' (T2); t1. T2: 'run done', t2. T3: t3.
// v8: same
class Base {
  constructor(o) {
    return o;
  }
}
class Stamp extends Base {
  #id = log('field #id');
  static #count = 0;
  #hello() {
    return 'hi';
  }
  static stamp(o) {
    try {
      new Stamp(o);
      Stamp.#count++;
      log('stamped');
    } catch (e) {
      log('second stamp ' + e.name);
    }
  }
  static read(o) {
    return o.#hello();
  }
}
const o = {};
Stamp.stamp(o);
Stamp.stamp(o);
log(Stamp.read(o));
try {
  Stamp.read({});
} catch (e) {
  log('brand ' + e.name);
}
function outer() {
  const obj = {
    set v(x) {
      log('setter this is obj ' + (this === obj));
    }
  };
  obj.v = 1;
}
outer.call({});
class Job {
  #state = 'new';
  get #label() {
    return 'job ' + this.#state;
  }
  set #label(v) {
    this.#state = v;
  }
  async #step(v) {
    await null;
    this.#label = v;
    log(this.#label);
  }
  run() {
    this.#step('one');
    return this.#step('two');
  }
}
new Job().run().then(() => log('run done'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('sync');

// a class getter `then` runs on the instance (its receiver) when a promise is resolved with it; the subclass's field wins
// expect: ["get then on named","get then on task","sync","then called on named","then called on task","t1","awaited done","resolved done","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: new Named(): the default derived constructor constructs Task with NewTarget Named (label 'task'),
// why: then Named's field redefines label ('named'). await of it: PromiseResolve makes a new promise and
// why: resolves it with the object: Get(then) calls Task.prototype's getter with the instance as this
// why: ('get then on named'); the arrow it returns is callable -> ResolveThenableJob TJ1 (T1).
// why: Promise.resolve(new Task()) likewise: 'get then on task', TJ2 (T1). Ticker t1 (T1). 'sync'.
// why: T1: TJ1 calls the arrow, whose this is the getter's ('then called on named'), resolve('done')
// why: fulfils the awaited promise -> resume (T2); TJ2 'then called on task' -> 'resolved' reaction (T2); t1.
// why: T2: 'awaited done', 'resolved done', t2. T3: t3.
// v8: same
class Task {
  label = 'task';
  get then() {
    log('get then on ' + this.label);
    return (resolve) => {
      log('then called on ' + this.label);
      resolve('done');
    };
  }
}
class Named extends Task {
  label = 'named';
}
async function run() {
  const v = await new Named();
  log('awaited ' + v);
}
run();
Promise.resolve(new Task()).then((v) => log('resolved ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
log('sync');

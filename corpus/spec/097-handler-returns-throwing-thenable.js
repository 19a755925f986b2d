// a then handler returning a thenable whose then throws: the derived promise rejects 2 ticks later; a throw after resolve is ignored
// expect: ["t1","bad then","good then","t2","caught bad","good ok","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: base is fulfilled: B, G and t1 are queued at once (T1).
// why: T1: B returns the bad thenable -> the reaction job's resolve finds a callable then -> thenable job
// why: TJb (T2); then is NOT called yet. G likewise -> TJg (T2). t1 -> t2 (T2). Only 't1' is logged.
// why: T2: TJb: 'bad then', throws -> thenCallResult abrupt -> reject('bad') -> catch (T3).
// why: TJg: 'good then', resolve('ok') fulfils -> handler (T3); the later throw makes the job call
// why: reject('ignored'), a no-op since alreadyResolved is true. t2.
// why: T3: 'caught bad', 'good ok', t3.
// v8: same
const base = Promise.resolve();
base.then(() => {
  return {
    then(resolve, reject) {
      log('bad then');
      throw 'bad';
    }
  };
}).catch((e) => log('caught ' + e));
base.then(() => {
  return {
    then(resolve) {
      log('good then');
      resolve('ok');
      throw 'ignored';
    }
  };
}).then((v) => log('good ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

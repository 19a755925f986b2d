// then handlers returning a value, a native promise (+2), a thenable (+1), or throwing
// expect: ["t1","value v","throw x","t2","thenable t","t3","promise p","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: base is fulfilled: H1..H4 and t1 are queued at once (T1), in that order.
// why: The PromiseReactionJob calls the derived promise's resolve with the handler result (or reject on throw).
// why: T1: H1 returns 'v' -> fulfil -> V (T2). H2 returns a fulfilled native promise -> resolve finds a
// why: callable then -> thenable job TJ2 (T2). H3 returns a thenable -> thenable job TJ3 (T2). H4 throws ->
// why: reject -> C (T2). t1.
// why: T2: 'value v'; TJ2 calls then on the fulfilled promise -> reaction R2 (T3); TJ3 calls obj.then ->
// why: r('t') fulfils -> T (T3); 'throw x'; t2. T3: R2 fulfils -> P (T4); 'thenable t'; t3. T4: 'promise p', t4.
// v8: same
const base = Promise.resolve();
base.then(() => 'v').then((v) => log('value ' + v));
base.then(() => Promise.resolve('p')).then((v) => log('promise ' + v));
base.then(() => {
  return {
    then(r) {
      r('t');
    }
  };
}).then((v) => log('thenable ' + v));
base.then(() => {
  throw 'x';
}).catch((e) => log('throw ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

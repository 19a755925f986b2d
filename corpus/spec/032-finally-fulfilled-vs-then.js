// finally on a fulfilled promise: the next link runs 2 ticks later than after a plain then
// expect: ["finally cb","then cb","t1","after then","t2","t3","after finally v","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: finally(f) = Invoke(p, "then", thenFinally, catchFinally), C = SpeciesConstructor(p) = %Promise%.
// why: T1 (queued in order F, TH, t1): F = thenFinally('v'): calls f ('finally cb'), pr = PromiseResolve(C,
// why: undefined) (new, fulfilled), pt = pr.then(valueThunk) queues VT (T2); thenFinally returns pt, so
// why: the reaction job resolves pd with pt: a native promise with callable then -> thenable job TJ (T2).
// why: TH: 'then cb' -> fulfils -> AT (T2). t1.
// why: T2: VT returns 'v' -> pt fulfilled; TJ calls pt.then -> pt already fulfilled -> R (T3); AT 'after then'; t2.
// why: T3: R resolves pd with 'v' -> 'after finally' queued (T4); t3. T4: 'after finally v', t4. T5: t5.
// v8: same
const p = Promise.resolve('v');
p.finally(() => log('finally cb')).then((v) => log('after finally ' + v));
p.then(() => log('then cb')).then(() => log('after then'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));

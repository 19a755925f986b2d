// async functions returning each other's promises without await: each level adds a resolve-thenable hop
// expect: ["a","b","c","t1","t2","t3","a got vc","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: a() calls b() calls c(): 'a', 'b', 'c'. c returns 'vc': pc is fulfilled. b returns pc ->
// why: resolve(pb, pc) -> thenable job TJb (T1). a returns pb (pending) -> resolve(pa, pb) -> TJa (T1).
// why: a().then appends to pa. Ticker t1 (T1). T1 order: TJb, TJa, t1.
// why: T1: TJb: pc.then -> pc fulfilled -> Rb (T2); TJa: pb.then -> pb pending -> Ra appended; t1.
// why: T2: Rb fulfils pb -> Ra queued (T3); t2. T3: Ra fulfils pa -> handler (T4); t3. T4: 'a got vc', t4.
// v8: same
async function c() {
  log('c');
  return 'vc';
}
async function b() {
  log('b');
  return c();
}
async function a() {
  log('a');
  return b();
}
a().then((v) => log('a got ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));

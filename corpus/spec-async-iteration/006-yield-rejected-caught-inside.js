// a rejected yield operand can be caught inside the generator, which then yields again
// expect: ["caught bad","t1","t2","r1:recovered:false","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next(): Await(rejected native promise) -> reject reaction A (T1). Ticker t1 (T1).
// why: T1: A throws 'bad' at the yield (the Await inside Yield, before AsyncGeneratorYield): caught,
// why: 'caught bad'; yield 'recovered' -> Await -> B (T2). The first request is still pending. t1 -> t2.
// why: T2: B: AsyncGeneratorYield completes request #1 -> handler (T3); t2 -> t3.
// why: T3: 'r1:recovered:false', t3.
// v8: same
async function* g() {
  try {
    yield Promise.reject('bad');
  } catch (e) {
    log('caught ' + e);
  }
  yield 'recovered';
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

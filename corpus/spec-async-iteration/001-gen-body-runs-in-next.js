// async generator: calling it runs nothing; next() runs the body synchronously up to the first yield, whose await costs a tick
// expect: ["created","g start","end","t1","v:a:false","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: g() only does FunctionDeclarationInstantiation and AsyncGeneratorStart: state suspended-start, no body code.
// why: it.next(): AsyncGeneratorEnqueue, then AsyncGeneratorResume runs the body synchronously: 'g start'.
// why: yield 'a' is Yield -> AsyncGeneratorYield(? Await('a')): the wrapper is fulfilled, so resume job Y is
// why: queued (T1); next() returns its pending promise P1, .then appends. 'end'. Ticker t1 (T1, after Y).
// why: T1: Y: AsyncGeneratorYield -> AsyncGeneratorCompleteStep resolves P1 with {value:'a',done:false}
// why: (a plain object: fulfilled at once) -> handler (T2); queue empty -> suspended-yield. t1 -> t2 (T2).
// why: T2: 'v:a:false', t2. T3: t3. 'g after' never runs: no second next().
// v8: same
async function* g() {
  log('g start');
  yield 'a';
  log('g after');
}
const it = g();
log('created');
it.next().then((r) => log('v:' + r.value + ':' + r.done));
log('end');
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));

// for await and for-of with let and var bindings: a let is fresh per iteration, a var is the function's one binding
// expect: ["t1","let a","t2","t3","let b","t4","t5","var c","var d","after d 2 a,b,d,d,2,2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: for await over an array goes through CreateAsyncFromSyncIterator: each next() resolves the
// why: element with PromiseResolve and unwraps it with a then (job U, one tick), whose capability
// why: fulfils with the result object; the loop's Await of it resumes one tick later.
// why: f(): next() -> U1 (T1); the ticker queues t1 (T1). T1: U1 -> resume (T2); t1 -> t2 (T2).
// why: T2: 'let a', next() wraps 'b' -> U2 (T3); t2. T3: U2, t3. T4: 'let b', next() is done -> U3 (T5);
// why: t4. T5: U3, t5 (the ticker ends). The var loop then takes four ticks an element, after the ticker.
// why: ForIn/OfBodyEvaluation: a let (lhsKind lexicalBinding) gets a new environment per iteration, so
// why: the closures see a and b; a var (varBinding) is PutValue into the one hoisted binding, so both
// why: closures see d, and the sync for-var's see 2. After the loops y and z keep their last values.
// v8: same
async function f() {
  const fs = [];
  for await (let x of [Promise.resolve('a'), 'b']) {
    fs.push(() => x);
    log('let ' + x);
  }
  for await (var y of [Promise.resolve('c'), 'd']) {
    fs.push(() => y);
    log('var ' + y);
  }
  for (var z of [1, 2]) {
    fs.push(() => z);
  }
  log('after ' + y + ' ' + z + ' ' + fs.map((g) => g()).join(','));
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));

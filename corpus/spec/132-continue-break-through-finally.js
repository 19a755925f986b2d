// continue and break leave try blocks through their finally, in for await and while loops
// expect: ["k 3","p 3","p 3","p 3","finally 1","body 2","finally 2","finally 3","g closed","after"]
// why: Script: the while loop's body runs three times; each time the finally queues a then-job (T1)
// why: whether the try completed with continue (k = 1, 2) or break (k = 3) (§14.15.3: the finally's normal
// why: completion gives back the try's completion); the loop stops on break; 'k 3'. The three jobs read k = 3.
// why: main() runs first: for await calls g's next(); g runs to `yield 1`, whose Await(1) (AsyncGeneratorYield)
// why: queues A1 (T1); main awaits next()'s pending promise. Then the loop above queues p1-p3 (T1, after A1).
// why: T1: A1 completes the request (its promise fulfils: main's resume queued, T2), 'p 3' three times.
// why: T2: x = 1: continue runs the finally ('finally 1') and calls next() again
// why: without closing (§14.7.5.7: LoopContinues). x = 2: 'body 2', 'finally 2'. x = 3: break runs
// why: 'finally 3', then AsyncIteratorClose calls return(): g resumes with a return completion at yield 3,
// why: its finally logs 'g closed', return() settles, the loop ends, 'after'.
// v8: same
async function* g() {
  try {
    yield 1;
    yield 2;
    yield 3;
  } finally {
    log('g closed');
  }
}
async function main() {
  for await (const x of g()) {
    try {
      if (x === 1) continue;
      if (x === 3) break;
      log('body ' + x);
    } finally {
      log('finally ' + x);
    }
  }
  log('after');
}
main();
let k = 0;
while (true) {
  k++;
  try {
    if (k < 3) continue;
    break;
  } finally {
    Promise.resolve().then(() => log('p ' + k));
  }
}
log('k ' + k);

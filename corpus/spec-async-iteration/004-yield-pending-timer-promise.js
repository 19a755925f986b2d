// yield of a pending promise suspends the generator in its await; a queued next() is served without suspending
// expect: ["g1","end","timer 0","g2","r1:late:false","r2:now:false"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1 runs the body: 'g1', the executor registers timer id 1 (due 5); Await(pending native promise)
// why: appends the resume reaction. next #2: state is executing -> AsyncGeneratorEnqueue only.
// why: Timer id 2 (due 0) registered; 'end'. Checkpoint: empty. Timer id 2: 'timer 0'.
// why: Timer id 1 (due 5): resolve('late') -> resume R (T1). T1: R: AsyncGeneratorYield('late') completes
// why: request #1 (P1 fulfilled -> handler, T2); the queue is not empty, so the generator continues with
// why: request #2's completion (normal): 'g2'; yield 'now' -> Await -> Y2 (T2).
// why: T2: 'r1:late:false'; Y2 completes request #2 -> handler (T3). T3: 'r2:now:false'.
// v8: same
async function* g() {
  log('g1');
  yield new Promise((resolve) => setTimeout(resolve, 5, 'late'));
  log('g2');
  yield 'now';
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
setTimeout(() => log('timer 0'), 0);
log('end');

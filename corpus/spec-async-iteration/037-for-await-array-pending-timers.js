// for-await over pending promises from timers: array order, not settlement order; later elements are already settled
// expect: ["sync end","timer 7","v slow","v fast","v now","loop done"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: slow: timer id 1 (due 10); fast: timer id 2 (due 5). The loop's first next gives slow (pending); the
// why: wrapper uses it as is and appends unwrap. Timer id 3 (due 7). 'sync end'.
// why: Timer id 2 (5): fast fulfils, no reactions yet. Timer id 3 (7): 'timer 7'. Timer id 1 (10): slow fulfils ->
// why: unwrap -> loop: 'v slow' -> next: fast is fulfilled -> 'v fast' -> 'now' -> 'v now' -> done -> 'loop done',
// why: all in the checkpoint after timer id 1.
// v8: same
const slow = new Promise((resolve) => setTimeout(resolve, 10, 'slow'));
const fast = new Promise((resolve) => setTimeout(resolve, 5, 'fast'));
async function main() {
  for await (const v of [slow, fast, 'now']) {
    log('v ' + v);
  }
  log('loop done');
}
main();
setTimeout(() => log('timer 7'), 7);
log('sync end');

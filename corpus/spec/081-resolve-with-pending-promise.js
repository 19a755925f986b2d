// resolve(p) with a pending promise: the thenable job registers its reaction after earlier thens on p
// expect: ["slow timer","slow sv","follower sv"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: follower's executor calls resolve(slow): thenable job TJ (T1); follower.then appends to follower.
// why: slow.then appends reaction S to slow during the script. T1 (after the script): TJ calls
// why: slow.then(resolve, reject), appending reaction R after S.
// why: Timer at 10: 'slow timer', resolve('sv') queues S, R (T1). T1: 'slow sv'; R fulfils follower ->
// why: handler (T2). T2: 'follower sv'.
// v8: same
const slow = new Promise((resolve) => setTimeout(() => {
  log('slow timer');
  resolve('sv');
}, 10));
const follower = new Promise((resolve) => resolve(slow));
follower.then((v) => log('follower ' + v));
slow.then((v) => log('slow ' + v));

// await of a promise rejected by a timer, inside try/catch/finally
// expect: ["waiting","caught timeout","finally","timer 10"]
// why: The executor registers id 1 (due 5); f logs 'waiting' and awaits the pending p (used as is;
// why: reactions appended). The script registers id 2 (due 10).
// why: Timer at 5: reject('timeout') queues the await's reject reaction; the checkpoint resumes f with a
// why: throw: 'caught timeout', then 'finally'. Timer at 10: 'timer 10'.
// v8: same
const p = new Promise((resolve, reject) => setTimeout(() => reject('timeout'), 5));
async function f() {
  try {
    log('waiting');
    await p;
    log('unreached');
  } catch (e) {
    log('caught ' + e);
  } finally {
    log('finally');
  }
}
f();
setTimeout(() => log('timer 10'), 10);

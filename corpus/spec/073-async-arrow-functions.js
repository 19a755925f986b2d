// async arrow functions: block body with await, and a concise body returning a plain value
// expect: ["arrow body","sync","arrow resumed","g got val"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Async arrows use the same AsyncFunctionStart/AsyncBlockStart as async functions (an ExpressionBody
// why: for the concise form). f(): 'arrow body', await null queues its resume (T1).
// why: g('val'): the concise body's value 'val' is a return: resolve('val') fulfils at once; .then queues
// why: the handler (T1) after f's resume. T1: 'arrow resumed', 'g got val'.
// v8: same
const f = async () => {
  log('arrow body');
  await null;
  log('arrow resumed');
};
const g = async (x) => x;
f();
g('val').then((v) => log('g got ' + v));
log('sync');

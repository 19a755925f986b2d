// timers registered by the script's microtasks get later ids than timers registered by the script itself
// expect: ["from script","from micro","from qm"]
// why: The script registers 'from script' (id 1) synchronously; the then handler and the queueMicrotask
// why: callback only run in the checkpoint after the script, in FIFO order, registering id 2 then id 3.
// why: All are due at 0, so (due, id) order is 1, 2, 3.
// v8: same
Promise.resolve().then(() => setTimeout(() => log('from micro'), 0));
setTimeout(() => log('from script'), 0);
queueMicrotask(() => setTimeout(() => log('from qm'), 0));

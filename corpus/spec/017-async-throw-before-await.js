// an async function throwing before any await rejects its promise; nothing escapes the script
// expect: ["f1","end","caught early","t1"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: AsyncBlockStart: the body completes with a throw completion -> Call(promiseCapability.[[Reject]])
// why: rejects the returned promise synchronously; the exception does not propagate to the caller, so
// why: no '!uncaught'. .catch(r) = Invoke(p, "then", undefined, r): p is already rejected, so the reject
// why: reaction is queued at once (T1), before t1.
// v8: same
async function f() {
  log('f1');
  throw 'early';
}
f().catch((e) => log('caught ' + e));
Promise.resolve().then(() => log('t1'));
log('end');

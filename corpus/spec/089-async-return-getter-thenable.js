// returning an object with a then getter from an async function: the getter runs synchronously at return
// expect: ["f body","get then","after call","then run","f got v"]
// why: AsyncBlockStart: return completion -> Call(promiseCapability.[[Resolve]], th): Promise Resolve
// why: Functions do Get(th, "then") right away, inside the call f(): 'get then' before 'after call'.
// why: The function is captured; NewPromiseResolveThenableJob (T1) calls it: 'then run', r('v') fulfils
// why: f's promise -> handler (T2): 'f got v'.
// v8: same
const th = {
  get then() {
    log('get then');
    return function (r) {
      log('then run');
      r('v');
    };
  }
};
async function f() {
  log('f body');
  return th;
}
f().then((v) => log('f got ' + v));
log('after call');

// resolve called twice, then reject: the first resolve wins, the rest are no-ops
// expect: ["fulfilled one","second fulfilled one"]
// why: CreateResolvingFunctions gives resolve and reject one shared [[AlreadyResolved]] record.
// why: resolve('one') sets it and fulfils p; resolve('two') and reject('three') return undefined at the
// why: "If alreadyResolved.[[Value]] is true" step. p is fulfilled with 'one'; both then reactions are
// why: queued at once (T1) in call order.
// v8: same
const p = new Promise((resolve, reject) => {
  resolve('one');
  resolve('two');
  reject('three');
});
p.then((v) => log('fulfilled ' + v), (e) => log('rejected ' + e));
p.then((v) => log('second fulfilled ' + v));

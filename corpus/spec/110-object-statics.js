// Object.keys / defineProperty / create / getPrototypeOf / setPrototypeOf, and thenables made with them
// expect: ["1,2,b,a h","h","read enumerable","read get","getter","g 1,2,b,a,acc","redefine TypeError","both TypeError","true","finally getter","number","immutable TypeError","true","inherited then","via proto","proto then","chain swapped"]
// why: Object.keys (§20.1.2.18) lists OrdinaryOwnPropertyKeys' order: array indices ascending (1, 2), then
// why: strings in creation order (b, a); `hidden` was defined with every attribute false, so it is not
// why: listed, and the sloppy assignment to it is ignored. ToPropertyDescriptor (§6.2.6.5) reads
// why: enumerable, configurable, value, writable, get, set in that order (HasProperty, then Get): the two
// why: getters log. Redefining the non-configurable, non-writable `hidden` with another value fails
// why: (ValidateAndApplyPropertyDescriptor): TypeError; get together with value: TypeError. Object.create
// why: makes a thenable whose then is inherited. A getter defined on Promise.prototype.finally runs on
// why: lookup. Object.prototype has an immutable prototype (§10.4.7): TypeError; its own prototype is null.
// why: Jobs: Promise.resolve(thenable) resolves a new promise with it: Get then finds the inherited one:
// why: thenable job J1 (T1). Promise.resolve().then(() => p): reaction J2 (T1). T1: J1 'inherited then',
// why: resolve('via proto') queues J3 (T2); J2 returns p, whose prototype is now the object with then:
// why: resolving with p is a thenable job J4 (T2). T2: J3 'via proto'; J4 'proto then', resolve('swapped')
// why: queues J5 (T3): 'chain swapped'.
// v8: same
const o = { b: 1, a: 2 };
o[2] = 'two';
o[1] = 'one';
Object.defineProperty(o, 'hidden', { value: 'h' });
log(Object.keys(o).join() + ' ' + o.hidden);
o.hidden = 'changed';
log(o.hidden);
const attrs = {
  get enumerable() {
    log('read enumerable');
    return true;
  },
  get get() {
    log('read get');
    return function () {
      log('getter');
      return 'g';
    };
  },
};
Object.defineProperty(o, 'acc', attrs);
log(o.acc + ' ' + Object.keys(o).join());
try {
  Object.defineProperty(o, 'hidden', { value: 'again' });
} catch (e) {
  log('redefine ' + e.name);
}
try {
  Object.defineProperty(o, 'bad', { get() {}, value: 1 });
} catch (e) {
  log('both ' + e.name);
}
const thenable = Object.create({
  then(resolve) {
    log('inherited then');
    resolve('via proto');
  },
});
log(Object.getPrototypeOf(thenable) !== null);
Promise.resolve(thenable).then((v) => log(v));
const p = Promise.resolve('p');
Object.setPrototypeOf(p, {
  then(resolve) {
    log('proto then');
    resolve('swapped');
  },
});
Promise.resolve().then(() => p).then((v) => log('chain ' + v));
Object.defineProperty(Promise.prototype, 'finally', { get() { log('finally getter'); return 1; } });
log(typeof Promise.resolve().finally);
try {
  Object.setPrototypeOf(Object.getPrototypeOf({}), {});
} catch (e) {
  log('immutable ' + e.name);
}
log(Object.getPrototypeOf(Object.getPrototypeOf({})) === null);

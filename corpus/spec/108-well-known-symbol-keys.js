// well-known symbols as keys: [Symbol.iterator], [Symbol.toPrimitive], [Symbol.species], [Symbol.toStringTag] in literals and member accesses
// expect: ["hint default","8","hint string","hint number","7 14","true","true","[object Tagged] Promise","iterator","tick","x 1","x 2"]
// why: `num + 1`: ToPrimitive (§7.1.1) finds num[@@toPrimitive] and calls it with hint 'default'; String(num)
// why: with 'string', `num * 2` with 'number'. Promise[@@species] is an accessor whose getter returns this
// why: (§27.2.4.8); it has no setter, so the sloppy assignment is ignored. Object.prototype.toString reads
// why: @@toStringTag ('Tagged'); Promise.prototype's own is 'Promise'. f(): for await over `it`, which has no
// why: @@asyncIterator: GetIterator calls its @@iterator ('iterator') and wraps it with
// why: CreateAsyncFromSyncIterator; next() gives {value 1}, whose PromiseResolve + then queue J1 (T1); the
// why: loop awaits the pending result promise. Promise.resolve().then queues J2 (T1). T1: J1 fulfils the
// why: result promise with the (then-less) result object: the loop's await reaction J3 (T2); J2 'tick'.
// why: T2: 'x 1', and the next round trip gives 'x 2' two jobs later; then done.
// v8: same
const it = {
  [Symbol.iterator]() {
    log('iterator');
    let i = 0;
    return {
      next() {
        i++;
        return { value: i, done: i > 2 };
      },
    };
  },
};
const num = {
  [Symbol.toPrimitive](hint) {
    log('hint ' + hint);
    return 7;
  },
};
log('' + (num + 1));
log(String(num) + ' ' + (num * 2));
log(Promise[Symbol.species] === Promise);
Promise[Symbol.species] = null;
log(Promise[Symbol.species] === Promise);
const tagged = { [Symbol.toStringTag]: 'Tagged' };
log(String(tagged) + ' ' + Promise.prototype[Symbol.toStringTag]);
async function f() {
  for await (const x of it) {
    log('x ' + x);
  }
}
f();
Promise.resolve().then(() => log('tick'));

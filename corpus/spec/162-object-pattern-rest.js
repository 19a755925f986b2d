// an object pattern's rest: CopyDataProperties checks each key's enumerability when its turn comes
// expect: ["get-a","keys:1,2,a,d","vals:onetwoAundefinedDundefined1","sym:sym","num:0","arr:0,1undefined","null:TypeError","opts:truelevel,tag"]
// why: CopyDataProperties (§7.3.25) takes the source's OwnPropertyKeys once (indices ascending, then strings
// why: in creation order, then symbols), skips the excluded keys (b), and for each other key asks
// why: [[GetOwnProperty]] at its turn: the getter of `a` runs first (get-a) and makes `c` non-enumerable, so `c`
// why: is not copied; `hidden` never was enumerable. The rest object gets keys 1, 2, a, d and the symbol.
// why: A number is wrapped by ToObject and has no own properties; an array's `length` is not enumerable;
// why: null fails RequireObjectCoercible. A parameter pattern's rest works the same.
// v8: same
const src = {
  b: 1,
  get a() {
    log('get-a');
    Object.defineProperty(src, 'c', { enumerable: false });
    return 'A';
  },
  c: 'C',
  [Symbol.iterator]: 'sym',
  d: 'D',
};
src[2] = 'two';
src[1] = 'one';
Object.defineProperty(src, 'hidden', { value: 'H', enumerable: false });
const { b, ...rest } = src;
log('keys:' + Object.keys(rest).join(','));
log('vals:' + rest[1] + rest[2] + rest.a + rest.c + rest.d + rest.hidden + b);
log('sym:' + rest[Symbol.iterator]);
const { ...fromNumber } = 5;
log('num:' + Object.keys(fromNumber).length);
const { ...fromArray } = ['x', 'y'];
log('arr:' + Object.keys(fromArray).join(',') + fromArray.length);
try {
  const { ...r3 } = null;
} catch (e) {
  log('null:' + e.name);
}
function opts({ verbose = false, ...others }) {
  log('opts:' + verbose + Object.keys(others).join(','));
}
opts({ level: 2, verbose: true, tag: 'x' });

// property assignment: setters, getter-only and read-only properties ignored (sloppy), array index and length writes, primitives
// expect: ["set g 5","get g","set g 11","get g","set g 11","ro ro","function","ABcd 4 d undefined","AB 2","length RangeError","hy undefined undefined","then"]
// why: OrdinarySet (§10.1.9.2): o.g is an own accessor, so `o.g = 5` calls its setter with 5; `o.g += 1`
// why: reads through the getter (10) and sets 11; `o.g++` likewise (ToNumeric(10) + 1). `o.ro = ..` finds an
// why: accessor without a setter: [[Set]] returns false, which a sloppy script ignores. Promise.prototype is
// why: a non-writable data property (§27.2.4.4): the assignment is ignored. Arrays (§10.4.2.1): a[1] replaces
// why: an element, a[3] (== length) appends, a['0'] is the index 0; a[7] reads undefined. `a.length = 2`
// why: is ArraySetLength: ToUint32 and ToNumber agree, the array is cut to 2; -1 gives ToUint32 4294967295
// why: != ToNumber -1: a RangeError. On a string, PutValue's [[Set]] fails (indices and length are
// why: read-only own properties; `x` is created on no object since the receiver is a primitive): ignored;
// why: s[0] and s[2] read code units, s[5] is undefined. T1: 'then'.
// v8: same
const seen = [];
const o = {
  x: 1,
  get g() {
    log('get g');
    return 10;
  },
  set g(v) {
    log('set g ' + v);
  },
  get ro() {
    return 'ro';
  },
};
o.g = 5;
o.g += 1;
o.g++;
o.ro = 'changed';
log('ro ' + o.ro);
Promise.prototype = null;
log(typeof Promise.prototype.then);
const a = ['a', 'b', 'c'];
a[1] = 'B';
a[a.length] = 'd';
a['0'] = 'A';
log(a.join('') + ' ' + a.length + ' ' + a[3] + ' ' + a[7]);
a.length = 2;
log(a.join('') + ' ' + a.length);
try {
  a.length = -1;
} catch (e) {
  log('length ' + e.name);
}
const s = 'hey';
s.x = 1;
s[0] = 'H';
log(s[0] + s[2] + ' ' + s.x + ' ' + s[5]);
Promise.resolve().then(() => log('then'));

// a template literal converts each substitution ToString before evaluating the next one, also across an await
// expect: ["eval a","toString a","eval b","toString b","1:a 2:b.","toString c","eval d","toString d","xcyd`$","job"]
// why: §13.2.8.6 (SubstitutionTemplate / TemplateSpans evaluation): Evaluation of the Expression, GetValue,
// why: ToString(sub), and only then Evaluation of the following TemplateSpans: so 'toString a' comes before
// why: 'eval b'. (ToString of an object is ToPrimitive with hint string: its own toString.)
// why: main: the first substitution awaits Promise.resolve(obj c), a native promise: its resume R1 is a T1 job,
// why: queued before 'job'. T1: R1 converts c ('toString c'), then evaluates and converts d, logs; then 'job'.
// v8: same
// quickjs: differs ["eval a","eval b","toString a","toString b","1:a 2:b.","eval d","toString c","toString d","xcyd`$","job"] because QuickJS evaluates every substitution before converting any (a template is compiled to a String.prototype.concat call)
// boa: differs ["eval a","eval b","toString a","toString b","1:a 2:b.","eval d","toString c","toString d","xcyd`$","job"] because Boa evaluates every substitution before converting any
function obj(name) {
  return {
    toString() {
      log('toString ' + name);
      return name;
    },
  };
}
function f(name) {
  log('eval ' + name);
  return obj(name);
}
log(`1:${f('a')} 2:${f('b')}.`);
async function main() {
  const v = `x${await Promise.resolve(obj('c'))}y${f('d')}\`$`;
  log(v);
}
main();
Promise.resolve().then(() => log('job'));

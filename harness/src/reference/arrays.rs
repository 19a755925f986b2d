//! The `Array.prototype` methods that take callbacks or reorder in place,
//! beyond the first set in `promise.rs` (§23.1.3): each reads `length`
//! once, then visits indices in order the way the spec does (HasProperty
//! before Get where the spec asks, so an array shrunk by a callback is seen).

use super::heap::*;
use super::interp::*;

/// Which `Array.prototype` method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayMethod {
    Reduce,
    ReduceRight,
    Some,
    Every,
    Find,
    FindIndex,
    FindLast,
    FindLastIndex,
    Reverse,
    At,
}

impl ArrayMethod {
    pub const ALL: [(&'static str, ArrayMethod); 10] = [
        ("reduce", ArrayMethod::Reduce),
        ("reduceRight", ArrayMethod::ReduceRight),
        ("some", ArrayMethod::Some),
        ("every", ArrayMethod::Every),
        ("find", ArrayMethod::Find),
        ("findIndex", ArrayMethod::FindIndex),
        ("findLast", ArrayMethod::FindLast),
        ("findLastIndex", ArrayMethod::FindLastIndex),
        ("reverse", ArrayMethod::Reverse),
        ("at", ArrayMethod::At),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, m)| *m == self).map(|(n, _)| *n).expect("listed")
    }
}

impl<'p> Interp<'p> {
    pub fn array_method(
        &mut self,
        m: ArrayMethod,
        b: &Builtin,
        this: &Value,
        args: &[Value],
    ) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        let o = self.array_this(this, b)?;
        let len = self.array_len(o);
        match m {
            ArrayMethod::Reduce | ArrayMethod::ReduceRight => {
                let f = self.callable_argument(&arg(0))?;
                let order: Vec<usize> =
                    if m == ArrayMethod::Reduce { (0..len).collect() } else { (0..len).rev().collect() };
                let mut order = order.into_iter().peekable();
                let mut acc = match args.get(1) {
                    Some(init) => init.clone(),
                    // The first element present is the initial value; none is a TypeError.
                    None => loop {
                        let Some(k) = order.next() else { return self.throw_type_error() };
                        if let Some(v) = self.array_element_at(o, k) {
                            break v;
                        }
                    },
                };
                for k in order {
                    let Some(v) = self.array_element_at(o, k) else { continue };
                    acc = self.call(&f, &Value::Undefined, &[acc, v, Value::Num(k as f64), this.clone()])?;
                }
                Ok(acc)
            }
            ArrayMethod::Some | ArrayMethod::Every => {
                let f = self.callable_argument(&arg(0))?;
                let want = m == ArrayMethod::Some;
                for k in 0..len {
                    let Some(v) = self.array_element_at(o, k) else { continue };
                    let r = self.call(&f, &arg(1), &[v, Value::Num(k as f64), this.clone()])?;
                    if self.to_boolean(&r) == want {
                        return Ok(Value::Bool(want));
                    }
                }
                Ok(Value::Bool(!want))
            }
            // FindViaPredicate: every index below the length read at the start,
            // an absent one as undefined.
            ArrayMethod::Find
            | ArrayMethod::FindIndex
            | ArrayMethod::FindLast
            | ArrayMethod::FindLastIndex => {
                let f = self.callable_argument(&arg(0))?;
                let last = matches!(m, ArrayMethod::FindLast | ArrayMethod::FindLastIndex);
                let index = matches!(m, ArrayMethod::FindIndex | ArrayMethod::FindLastIndex);
                let order: Vec<usize> = if last { (0..len).rev().collect() } else { (0..len).collect() };
                for k in order {
                    let v = self.array_element_at(o, k).unwrap_or(Value::Undefined);
                    let r = self.call(&f, &arg(1), &[v.clone(), Value::Num(k as f64), this.clone()])?;
                    if self.to_boolean(&r) {
                        return Ok(if index { Value::Num(k as f64) } else { v });
                    }
                }
                Ok(if index { Value::Num(-1.0) } else { Value::Undefined })
            }
            // No user code runs: the elements' order is all that can be seen.
            ArrayMethod::Reverse => {
                if let Kind::Array(items) = &mut self.heap[o].kind {
                    items.reverse();
                }
                Ok(this.clone())
            }
            ArrayMethod::At => {
                let n = self.to_number(&arg(0))?;
                let n = if n.is_nan() { 0.0 } else { n.trunc() };
                let k = if n < 0.0 { len as f64 + n } else { n };
                if k < 0.0 || k >= len as f64 {
                    return Ok(Value::Undefined);
                }
                Ok(self.array_element_at(o, k as usize).unwrap_or(Value::Undefined))
            }
        }
    }

    /// A callback argument: a TypeError when it is not callable.
    fn callable_argument(&mut self, f: &Value) -> JsResult<Value> {
        if !self.is_callable(f) {
            return self.throw_type_error();
        }
        Ok(f.clone())
    }
}

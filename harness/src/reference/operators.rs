//! The operators beyond `+` and the assignments to variables, each as
//! ECMA-262 §13 evaluates it: operands left to right, ToPrimitive/ToNumeric
//! in the spec's order (so user `valueOf`/`toString` run when the spec says),
//! IsStrictlyEqual, IsLooselyEqual and IsLessThan exactly. The model has no
//! BigInt or Symbol values, so their cases never arise.

use super::heap::*;
use super::interp::*;
use super::names;
use super::Abort;
use generators::model::*;
use std::rc::Rc;

impl<'p> Interp<'p> {
    /// `left op right`.
    pub fn eval_binary(&mut self, op: BinOp, left: &'p Expr, right: &'p Expr, env: EnvId) -> JsResult<Value> {
        let l = self.eval(left, env)?;
        let r = self.eval(right, env)?;
        self.binary(op, l, r)
    }

    pub fn binary(&mut self, op: BinOp, l: Value, r: Value) -> JsResult<Value> {
        Ok(match op {
            BinOp::Arith(op) => Value::Num(self.arith(op, &l, &r)?),
            BinOp::StrictEq => Value::Bool(strictly_equal(&l, &r)),
            BinOp::StrictNe => Value::Bool(!strictly_equal(&l, &r)),
            BinOp::LooseEq => Value::Bool(self.loosely_equal(l, r)?),
            BinOp::LooseNe => Value::Bool(!self.loosely_equal(l, r)?),
            // §13.10.1: `>` and `<=` swap the operands but still convert the left one first.
            BinOp::Lt => Value::Bool(self.less_than(&l, &r, true)? == Some(true)),
            BinOp::Gt => Value::Bool(self.less_than(&r, &l, false)? == Some(true)),
            BinOp::Le => Value::Bool(self.less_than(&r, &l, false)? == Some(false)),
            BinOp::Ge => Value::Bool(self.less_than(&l, &r, true)? == Some(false)),
            // §13.10.1: the right side must be an object, checked before ToPropertyKey of the left.
            BinOp::In => {
                if r.as_obj().is_none() {
                    return self.throw_type_error();
                }
                let key = self.to_property_key(&l)?;
                Value::Bool(self.has_property(&r, &key)?)
            }
            BinOp::Instanceof => Value::Bool(self.instanceof_operator(&l, &r)?),
        })
    }

    /// ApplyStringOrNumericBinaryOperator for `-`, `*`, `/`, `%`: ToNumeric
    /// of the left operand, then of the right.
    pub fn arith(&mut self, op: ArithOp, l: &Value, r: &Value) -> JsResult<f64> {
        let x = self.to_number(l)?;
        let y = self.to_number(r)?;
        Ok(match op {
            ArithOp::Sub => x - y,
            ArithOp::Mul => x * y,
            ArithOp::Div => x / y,
            // Number::remainder is the truncating remainder, as `fmod` (Rust's `%`).
            ArithOp::Rem => x % y,
        })
    }

    /// InstanceofOperator(V, target) (§13.10.2): `@@hasInstance` first
    /// (Function.prototype's is OrdinaryHasInstance), else OrdinaryHasInstance.
    pub fn instanceof_operator(&mut self, v: &Value, target: &Value) -> JsResult<bool> {
        if target.as_obj().is_none() {
            return self.throw_type_error();
        }
        let handler = self.get_method(target, "@@hasInstance")?;
        if handler != Value::Undefined {
            let r = self.call(&handler, target, std::slice::from_ref(v))?;
            return Ok(self.to_boolean(&r));
        }
        if !self.is_callable(target) {
            return self.throw_type_error();
        }
        self.ordinary_has_instance(target, v)
    }

    /// OrdinaryHasInstance(C, O) (§7.3.21): C.prototype on O's prototype chain.
    pub fn ordinary_has_instance(&mut self, c: &Value, o: &Value) -> JsResult<bool> {
        if !self.is_callable(c) {
            return Ok(false);
        }
        let Some(mut cur) = o.as_obj() else { return Ok(false) };
        let p = self.get(c, "prototype")?;
        let Some(p) = p.as_obj() else { return self.throw_type_error() };
        while let Some(next) = self.heap[cur].proto {
            if next == p {
                return Ok(true);
            }
            cur = next;
        }
        Ok(false)
    }

    /// IsLessThan(x, y, LeftFirst) (§7.2.13): `None` is its *undefined* (a NaN).
    fn less_than(&mut self, x: &Value, y: &Value, left_first: bool) -> JsResult<Option<bool>> {
        let (px, py) = if left_first {
            let px = self.to_primitive(x, Hint::Number)?;
            (px, self.to_primitive(y, Hint::Number)?)
        } else {
            let py = self.to_primitive(y, Hint::Number)?;
            (self.to_primitive(x, Hint::Number)?, py)
        };
        if let (Value::Str(a), Value::Str(b)) = (&px, &py) {
            // Code unit order, not Rust's code point order.
            return Ok(Some(a.encode_utf16().lt(b.encode_utf16())));
        }
        let (nx, ny) = (self.to_number(&px)?, self.to_number(&py)?);
        Ok(if nx.is_nan() || ny.is_nan() { None } else { Some(nx < ny) })
    }

    /// IsLooselyEqual (§7.2.14).
    fn loosely_equal(&mut self, x: Value, y: Value) -> JsResult<bool> {
        use Value::*;
        Ok(match (&x, &y) {
            _ if std::mem::discriminant(&x) == std::mem::discriminant(&y) => strictly_equal(&x, &y),
            (Undefined | Null, Undefined | Null) => true,
            (Num(a), Str(s)) | (Str(s), Num(a)) => *a == string_to_number(s),
            (Bool(b), _) => return self.loosely_equal(Num(*b as u8 as f64), y),
            (_, Bool(b)) => return self.loosely_equal(x, Num(*b as u8 as f64)),
            (Str(_) | Num(_), Obj(_)) => {
                let p = self.to_primitive(&y, Hint::Default)?;
                return self.loosely_equal(x, p);
            }
            (Obj(_), Str(_) | Num(_)) => {
                let p = self.to_primitive(&x, Hint::Default)?;
                return self.loosely_equal(p, y);
            }
            _ => false,
        })
    }

    /// `left && right`, `left || right`, `left ?? right`.
    pub fn eval_logical(
        &mut self,
        op: LogicalOp,
        left: &'p Expr,
        right: &'p Expr,
        env: EnvId,
    ) -> JsResult<Value> {
        let l = self.eval(left, env)?;
        let short = match op {
            LogicalOp::And => !self.to_boolean(&l),
            LogicalOp::Or => self.to_boolean(&l),
            LogicalOp::Nullish => !matches!(l, Value::Undefined | Value::Null),
        };
        if short {
            Ok(l)
        } else {
            self.eval(right, env)
        }
    }

    pub fn eval_unary(&mut self, op: UnaryOp, operand: &'p Expr, env: EnvId) -> JsResult<Value> {
        if let (UnaryOp::Typeof, Expr::Ident(name)) = (op, operand) {
            // typeof of an unresolvable reference is "undefined", not a ReferenceError.
            if self.resolve(name, env).is_none() && !names::GLOBALS.contains(&name.as_str()) {
                return Ok(Value::str("undefined"));
            }
        }
        let v = self.eval(operand, env)?;
        self.unary(op, v)
    }

    /// A unary operator on its operand's value.
    pub fn unary(&mut self, op: UnaryOp, v: Value) -> JsResult<Value> {
        Ok(match op {
            UnaryOp::Not => Value::Bool(!self.to_boolean(&v)),
            UnaryOp::Neg => Value::Num(-self.to_number(&v)?),
            UnaryOp::Void => Value::Undefined,
            UnaryOp::Typeof => Value::Str(Rc::from(self.type_of(&v))),
        })
    }

    fn type_of(&self, v: &Value) -> &'static str {
        match v {
            Value::Undefined => "undefined",
            Value::Null => "object",
            Value::Bool(_) => "boolean",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::Obj(_) if self.is_callable(v) => "function",
            Value::Obj(_) => "object",
        }
    }

    /// `target = value` and the compound assignments (§13.15.2): the
    /// reference is resolved first, a compound one reads it before the
    /// right side runs, and PutValue comes last.
    pub fn eval_assign(
        &mut self,
        target: &'p str,
        op: AssignOp,
        value: &'p Expr,
        env: EnvId,
    ) -> JsResult<Value> {
        let old = match op {
            AssignOp::Plain => None,
            _ => Some(self.lookup(target, env)?),
        };
        let r = self.eval(value, env)?;
        let v = match old {
            Some(l) => self.compound(op, l, r)?,
            None => r,
        };
        self.set_variable(target, env, v.clone())?;
        Ok(v)
    }

    /// `old op r` for a compound assignment's operator (`+=`, `-=`, ...).
    pub fn compound(&mut self, op: AssignOp, old: Value, r: Value) -> JsResult<Value> {
        Ok(match op {
            AssignOp::Add => self.add_values(old, r)?,
            AssignOp::Arith(a) => Value::Num(self.arith(a, &old, &r)?),
            AssignOp::Plain => unreachable!("a compound operator"),
        })
    }

    /// `++x`, `x++`, `--x`, `x--` (§13.4): ToNumeric of the old value,
    /// which the postfix forms return.
    pub fn eval_update(
        &mut self,
        target: &'p str,
        op: UpdateOp,
        prefix: bool,
        env: EnvId,
    ) -> JsResult<Value> {
        let old = self.lookup(target, env)?;
        let old = self.to_number(&old)?;
        let new = if op == UpdateOp::Inc { old + 1.0 } else { old - 1.0 };
        self.set_variable(target, env, Value::Num(new))?;
        Ok(Value::Num(if prefix { new } else { old }))
    }

    /// PutValue on a variable (SetMutableBinding, sloppy mode): a binding
    /// in its TDZ throws a ReferenceError, a `const` a TypeError.
    pub fn set_variable(&mut self, name: &'p str, env: EnvId, v: Value) -> JsResult<()> {
        let Some(at) = self.resolve(name, env) else {
            return Err(Abort::Unsupported(if names::GLOBALS.contains(&name) {
                format!("assignment to the global `{name}`")
            } else {
                format!("assignment to the undeclared `{name}` (it would create a global)")
            })
            .into());
        };
        let slot = self.envs[at].vars.iter().position(|(n, _)| *n == name).expect("resolved");
        if self.envs[at].vars[slot].1.is_none() {
            let e = self.new_error("ReferenceError");
            return throw(e);
        }
        if !self.function_names.is_empty() && self.function_names.contains(&(at, name)) {
            // Sloppy code ignores it, strict code (class bodies) throws.
            return Err(Abort::Unsupported(format!(
                "assignment to `{name}`, a named function expression's own name"
            ))
            .into());
        }
        if self.is_const(at, name) {
            let e = self.new_error("TypeError");
            return throw(e);
        }
        if at == self.intrinsics.global_env && matches!(name, "undefined" | "NaN" | "Infinity") {
            return Err(Abort::Unsupported(format!("assignment to the non-writable global `{name}`")).into());
        }
        self.envs[at].vars[slot].1 = Some(v);
        Ok(())
    }
}

/// IsStrictlyEqual (§7.2.15): numbers by value (NaN unequal, ±0 equal),
/// strings by content, objects by identity.
pub fn strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Obj(x), Value::Obj(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        _ => false,
    }
}

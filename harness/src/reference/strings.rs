//! The common `String.prototype` methods (§22.1.3). Each starts with
//! RequireObjectCoercible(this) and ToString(this), then converts its
//! arguments in order; positions are in UTF-16 code units, as in the spec.
//! Regular expressions and objects with `@@split` are not modelled.

use super::heap::*;
use super::interp::*;
use super::Abort;

/// Which `String.prototype` method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringMethod {
    ToUpperCase,
    ToLowerCase,
    Trim,
    TrimStart,
    TrimEnd,
    PadStart,
    PadEnd,
    StartsWith,
    EndsWith,
    Includes,
    IndexOf,
    Slice,
    Repeat,
    Split,
    At,
    CharAt,
}

impl StringMethod {
    pub const ALL: [(&'static str, StringMethod); 16] = [
        ("toUpperCase", StringMethod::ToUpperCase),
        ("toLowerCase", StringMethod::ToLowerCase),
        ("trim", StringMethod::Trim),
        ("trimStart", StringMethod::TrimStart),
        ("trimEnd", StringMethod::TrimEnd),
        ("padStart", StringMethod::PadStart),
        ("padEnd", StringMethod::PadEnd),
        ("startsWith", StringMethod::StartsWith),
        ("endsWith", StringMethod::EndsWith),
        ("includes", StringMethod::Includes),
        ("indexOf", StringMethod::IndexOf),
        ("slice", StringMethod::Slice),
        ("repeat", StringMethod::Repeat),
        ("split", StringMethod::Split),
        ("at", StringMethod::At),
        ("charAt", StringMethod::CharAt),
    ];
}

fn unsupported<T>(what: &str) -> JsResult<T> {
    Err(Abort::Unsupported(what.to_string()).into())
}

/// ToIntegerOrInfinity of an already converted number.
fn integer(n: f64) -> f64 {
    if n.is_nan() {
        0.0
    } else {
        n.trunc()
    }
}

/// `n` clamped into `0..=len`.
fn clamp(n: f64, len: usize) -> usize {
    n.max(0.0).min(len as f64) as usize
}

/// A relative position (negative counts from the end), clamped into `0..=len`.
fn relative(n: f64, len: usize) -> usize {
    if n < 0.0 {
        clamp(len as f64 + n, len)
    } else {
        clamp(n, len)
    }
}

fn find(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    (from..=hay.len().checked_sub(needle.len())?).find(|&i| hay[i..].starts_with(needle))
}

impl<'p> Interp<'p> {
    pub fn string_method(&mut self, m: StringMethod, this: &Value, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        if matches!(this, Value::Undefined | Value::Null) {
            return self.throw_type_error();
        }
        let s = self.to_string(this)?;
        let units: Vec<u16> = s.encode_utf16().collect();
        let len = units.len();
        let out: Vec<u16> = match m {
            StringMethod::ToUpperCase => return Ok(self.new_str(&s.to_uppercase())),
            StringMethod::ToLowerCase => return Ok(self.new_str(&s.to_lowercase())),
            StringMethod::Trim => return Ok(self.new_str(s.trim_matches(is_js_space))),
            StringMethod::TrimStart => return Ok(self.new_str(s.trim_start_matches(is_js_space))),
            StringMethod::TrimEnd => return Ok(self.new_str(s.trim_end_matches(is_js_space))),
            StringMethod::PadStart | StringMethod::PadEnd => {
                let n = self.to_number(&arg(0))?;
                let target = to_length(n);
                if target <= len as f64 {
                    return Ok(Value::Str(s.into()));
                }
                // The filler is converted only when there is something to fill.
                let filler: Vec<u16> = match arg(1) {
                    Value::Undefined => vec![0x20],
                    f => self.to_string(&f)?.encode_utf16().collect(),
                };
                if filler.is_empty() {
                    return Ok(Value::Str(s.into()));
                }
                let fill_len = target as usize - len;
                self.charge(fill_len * 2);
                self.check_limits()?;
                let pad: Vec<u16> = filler.iter().copied().cycle().take(fill_len).collect();
                if m == StringMethod::PadStart {
                    pad.into_iter().chain(units).collect()
                } else {
                    units.into_iter().chain(pad).collect()
                }
            }
            StringMethod::StartsWith
            | StringMethod::EndsWith
            | StringMethod::Includes
            | StringMethod::IndexOf => {
                // IsRegExp: a regular expression is a TypeError, an object's @@match is read.
                if arg(0).as_obj().is_some() && m != StringMethod::IndexOf {
                    return unsupported(&format!(
                        "String.prototype.{} with an object argument",
                        self.name_of(m)
                    ));
                }
                let needle: Vec<u16> = self.to_string(&arg(0))?.encode_utf16().collect();
                let pos = match arg(1) {
                    Value::Undefined if m == StringMethod::EndsWith => len,
                    v => {
                        let n = self.to_number(&v)?;
                        clamp(integer(n), len)
                    }
                };
                return Ok(match m {
                    StringMethod::StartsWith => Value::Bool(units[pos..].starts_with(&needle)),
                    StringMethod::EndsWith => Value::Bool(units[..pos].ends_with(&needle)),
                    StringMethod::Includes => Value::Bool(find(&units, &needle, pos).is_some()),
                    _ => Value::Num(find(&units, &needle, pos).map_or(-1.0, |i| i as f64)),
                });
            }
            StringMethod::Slice => {
                let start = self.to_number(&arg(0))?;
                let start = relative(integer(start), len);
                let end = match arg(1) {
                    Value::Undefined => len,
                    v => {
                        let n = self.to_number(&v)?;
                        relative(integer(n), len)
                    }
                };
                units[start..end.max(start)].to_vec()
            }
            StringMethod::Repeat => {
                let n = self.to_number(&arg(0))?;
                let n = integer(n);
                if n < 0.0 || n.is_infinite() {
                    let e = self.new_error("RangeError");
                    return throw(e);
                }
                self.charge(len.saturating_mul(n as usize).saturating_mul(2));
                self.check_limits()?;
                return Ok(self.new_str(&s.repeat(n as usize)));
            }
            StringMethod::Split => return self.split(&s, &units, &arg(0), &arg(1)),
            StringMethod::At | StringMethod::CharAt => {
                let n = self.to_number(&arg(0))?;
                let n = integer(n);
                let k = if m == StringMethod::At && n < 0.0 { len as f64 + n } else { n };
                if k < 0.0 || k >= len as f64 {
                    return Ok(if m == StringMethod::At { Value::Undefined } else { Value::str("") });
                }
                vec![units[k as usize]]
            }
        };
        match String::from_utf16(&out) {
            Ok(s) => Ok(self.new_str(&s)),
            Err(_) => unsupported("a string method's result that splits a surrogate pair"),
        }
    }

    /// String.prototype.split(separator, limit) with a string separator.
    fn split(&mut self, s: &str, units: &[u16], sep: &Value, limit: &Value) -> JsResult<Value> {
        if sep.as_obj().is_some() {
            return unsupported("String.prototype.split with an object separator (@@split)");
        }
        let lim = match limit {
            Value::Undefined => u32::MAX as usize,
            v => {
                let n = self.to_number(v)?;
                to_uint32(n) as usize
            }
        };
        let r: Vec<u16> = self.to_string(sep)?.encode_utf16().collect();
        if lim == 0 {
            return Ok(self.new_array(Vec::new()));
        }
        if *sep == Value::Undefined {
            let whole = self.new_str(s);
            return Ok(self.new_array(vec![whole]));
        }
        let mut parts: Vec<&[u16]> = Vec::new();
        if r.is_empty() {
            parts.extend(units.chunks(1));
        } else {
            let mut start = 0;
            while let Some(i) = find(units, &r, start) {
                parts.push(&units[start..i]);
                start = i + r.len();
            }
            parts.push(&units[start..]);
        }
        let mut items = Vec::new();
        for part in parts.into_iter().take(lim) {
            match String::from_utf16(part) {
                Ok(p) => items.push(self.new_str(&p)),
                Err(_) => return unsupported("String.prototype.split through a surrogate pair"),
            }
        }
        Ok(self.new_array(items))
    }

    fn name_of(&self, m: StringMethod) -> &'static str {
        StringMethod::ALL.iter().find(|(_, x)| *x == m).map(|(n, _)| *n).expect("listed")
    }
}

/// ToLength of a converted number.
fn to_length(n: f64) -> f64 {
    let n = integer(n);
    n.clamp(0.0, 9007199254740991.0)
}

/// ToUint32 of a converted number.
fn to_uint32(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    (n.trunc().rem_euclid(4294967296.0)) as u32
}

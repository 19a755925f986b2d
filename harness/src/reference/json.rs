//! `JSON.stringify` of plain data (§25.5.2): SerializeJSONProperty with
//! `toJSON`, objects through EnumerableOwnProperties (keys decided before
//! any Get), arrays through their length, cycles as TypeErrors, and the
//! `space` argument's indentation. A replacer is not modelled.

use super::heap::*;
use super::interp::*;
use super::Abort;

/// How deep JSON.stringify nests before the run ends `unsupported`
/// (engines throw a RangeError at a depth of their own).
const MAX_JSON_DEPTH: usize = 1000;

/// SerializeJSONProperty's state: the objects being serialized, the indentation.
struct State {
    stack: Vec<ObjId>,
    indent: String,
    gap: String,
}

impl<'p> Interp<'p> {
    pub fn json_stringify(&mut self, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        if arg(1).as_obj().is_some() {
            return Err(Abort::Unsupported("JSON.stringify with a replacer".into()).into());
        }
        // A space that is an object (no Number or String wrapper exists in the model) means no gap.
        let gap = match arg(2) {
            Value::Num(n) => " ".repeat(if n.is_nan() { 0.0 } else { n.trunc().clamp(0.0, 10.0) } as usize),
            Value::Str(s) => String::from_utf16_lossy(&s.encode_utf16().take(10).collect::<Vec<_>>()),
            _ => String::new(),
        };
        let mut state = State { stack: Vec::new(), indent: String::new(), gap };
        Ok(match self.serialize_property(&mut state, "", arg(0))? {
            Some(s) => self.new_str(&s),
            None => Value::Undefined,
        })
    }

    /// SerializeJSONProperty for a value already read with Get(holder, key).
    fn serialize_property(&mut self, state: &mut State, key: &str, value: Value) -> JsResult<Option<String>> {
        let mut value = value;
        if value.as_obj().is_some() {
            let to_json = self.get(&value, "toJSON")?;
            if self.is_callable(&to_json) {
                let key = self.new_str(key);
                value = self.call(&to_json, &value, &[key])?;
            }
        }
        Ok(Some(match value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Str(s) => quote(&s),
            Value::Num(n) if n.is_finite() => number_to_string(n),
            Value::Num(_) => "null".into(),
            Value::Obj(o) if !self.is_callable(&value) => return self.serialize_object(state, o).map(Some),
            _ => return Ok(None),
        }))
    }

    /// SerializeJSONObject and SerializeJSONArray.
    fn serialize_object(&mut self, state: &mut State, o: ObjId) -> JsResult<String> {
        if state.stack.contains(&o) {
            return self.throw_type_error();
        }
        if state.stack.len() >= MAX_JSON_DEPTH {
            return Err(
                Abort::Unsupported(format!("JSON.stringify nested deeper than {MAX_JSON_DEPTH}")).into()
            );
        }
        self.check_limits()?;
        state.stack.push(o);
        let stepback = state.indent.clone();
        state.indent.push_str(&state.gap.clone());
        let holder = Value::Obj(o);
        let is_array = matches!(self.heap[o].kind, Kind::Array(_));
        let mut partial = Vec::new();
        if is_array {
            let len = self.get(&holder, "length")?;
            let len = self.to_number(&len)?;
            let mut i = 0usize;
            while (i as f64) < len {
                let key = i.to_string();
                let v = self.get(&holder, &key)?;
                let s = self.serialize_property(state, &key, v)?;
                partial.push(s.unwrap_or_else(|| "null".into()));
                i += 1;
            }
        } else {
            for key in self.json_keys(o)? {
                let v = self.get(&holder, &key)?;
                if let Some(s) = self.serialize_property(state, &key, v)? {
                    let colon = if state.gap.is_empty() { ":" } else { ": " };
                    partial.push(format!("{}{colon}{s}", quote(&key)));
                }
            }
        }
        self.charge(partial.iter().map(|p| p.len() + 2).sum());
        let (open, close) = if is_array { ("[", "]") } else { ("{", "}") };
        let out = if partial.is_empty() {
            format!("{open}{close}")
        } else if state.gap.is_empty() {
            format!("{open}{}{close}", partial.join(","))
        } else {
            let separator = format!(",\n{}", state.indent);
            format!("{open}\n{}{}\n{stepback}{close}", state.indent, partial.join(&separator))
        };
        state.stack.pop();
        state.indent = stepback;
        Ok(out)
    }
}

/// QuoteJSONString (§25.5.2.3).
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

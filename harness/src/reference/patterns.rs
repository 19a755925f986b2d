//! Destructuring and parameters: BindingInitialization (§8.6.2) of array
//! and object patterns, IteratorBindingInitialization (§8.6.3) of a
//! function's parameter list, and the parts of FunctionDeclarationInstantiation
//! (§10.2.11) that a parameter list with defaults or patterns changes.
//!
//! A pattern binds in one step: its defaults hold no `await` or `yield`
//! (validated), so binding never suspends a frame.

use super::heap::*;
use super::interp::*;
use generators::model::*;
use smallvec::SmallVec;

/// Where a pattern's names are bound.
#[derive(Clone, Copy, Debug)]
pub enum BindIn {
    /// InitializeReferencedBinding in this environment: `let`, `const`,
    /// a loop's fresh binding, a parameter.
    Env(EnvId),
    /// PutValue to the binding each name resolves to from this environment: `var`.
    Var(EnvId),
}

/// Where the value of a declaration's initializer goes: a name (resolved
/// already) or a pattern.
#[derive(Clone, Copy, Debug)]
pub enum Bind<'p> {
    Name(&'p str, EnvId),
    Pattern(&'p Pattern, BindIn),
}

impl<'p> Bind<'p> {
    /// `keyword pattern = init` of this kind, run in `env`.
    pub fn pattern(pattern: &'p Pattern, binding: LoopBinding, env: EnvId) -> Self {
        match binding {
            LoopBinding::Var => Bind::Pattern(pattern, BindIn::Var(env)),
            LoopBinding::Let | LoopBinding::Const => Bind::Pattern(pattern, BindIn::Env(env)),
        }
    }
}

/// Whether the parameters hold an expression (a default): then the body's
/// `var`s live in an environment of their own (FunctionDeclarationInstantiation
/// step 28), which closures in the defaults cannot see.
pub fn has_parameter_expressions(func: &Func) -> bool {
    fn pattern(p: &Pattern) -> bool {
        let mut any = false;
        for_each_pattern_child(p, &mut |_| any = true);
        any
    }
    func.params.iter().any(|p| p.default.is_some() || pattern(&p.target))
        || func.rest.as_ref().is_some_and(pattern)
}

impl<'p> Interp<'p> {
    /// A declaration's value goes to its binding.
    pub fn bind_result(&mut self, b: Bind<'p>, v: Value) -> JsResult<()> {
        match b {
            Bind::Name(name, env) => {
                self.initialize(name, env, v);
                Ok(())
            }
            Bind::Pattern(p, to) => self.bind_pattern(p, v, to),
        }
    }

    /// BindingInitialization of `p` with `v`.
    pub fn bind_pattern(&mut self, p: &'p Pattern, v: Value, to: BindIn) -> JsResult<()> {
        match p {
            Pattern::Name(name) => self.bind_pattern_name(name, v, to),
            Pattern::Object { object, rest } => {
                // RequireObjectCoercible, then a GetV per property, in order.
                if matches!(v, Value::Undefined | Value::Null) {
                    return self.throw_type_error();
                }
                for prop in object {
                    let x = self.get(&v, &prop.key)?;
                    self.bind_element(&prop.value, x, to)?;
                }
                let Some(rest) = rest else { return Ok(()) };
                let excluded: SmallVec<[&str; 4]> = object.iter().map(|p| p.key.as_str()).collect();
                let r = self.copy_data_properties(&v, &excluded)?;
                self.bind_pattern_name(rest, r, to)
            }
            Pattern::Array { array, rest } => {
                let (iterator, next) = self.get_iterator(&v, false)?;
                let mut stepper = Stepper { iterator, next, done: false };
                let result = self.bind_array(array, rest.as_deref(), &mut stepper, to);
                if stepper.done {
                    return result;
                }
                // IteratorClose with the binding's completion, normal or throw.
                match result {
                    Ok(()) => self.iterator_close(&stepper.iterator, Ok(())),
                    Err(Abrupt::Throw(e)) => self.iterator_close(&stepper.iterator, Err(e)),
                    Err(abort) => Err(abort),
                }
            }
        }
    }

    fn bind_pattern_name(&mut self, name: &'p str, v: Value, to: BindIn) -> JsResult<()> {
        match to {
            BindIn::Env(env) => {
                self.initialize(name, env, v);
                Ok(())
            }
            BindIn::Var(env) => self.set_variable(name, env, v),
        }
    }

    /// A BindingElement: `v`, or the default's value when `v` is undefined.
    fn bind_element(&mut self, e: &'p Element, v: Value, to: BindIn) -> JsResult<()> {
        let v = match (&e.default, v) {
            (Some(d), Value::Undefined) => self.eval(d, to.env())?,
            (_, v) => v,
        };
        self.bind_pattern(&e.target, v, to)
    }

    /// IteratorBindingInitialization of an array pattern's elements and rest.
    fn bind_array(
        &mut self,
        array: &'p [Option<Element>],
        rest: Option<&'p Pattern>,
        it: &mut Stepper,
        to: BindIn,
    ) -> JsResult<()> {
        for e in array {
            match e {
                // Elision: IteratorStep, whose value is never read.
                None => {
                    if !it.done {
                        it.done = self.stepped(it, |i, s| i.iterator_step_done(&s.iterator, &s.next))?;
                    }
                }
                Some(e) => {
                    let v = self.next_value(it)?.unwrap_or(Value::Undefined);
                    self.bind_element(e, v, to)?;
                }
            }
        }
        let Some(rest) = rest else { return Ok(()) };
        let mut items = Vec::new();
        while let Some(v) = self.next_value(it)? {
            self.charge(std::mem::size_of::<Value>());
            self.check_limits()?;
            items.push(v);
        }
        let a = self.new_array(items);
        self.bind_pattern(rest, a, to)
    }

    /// IteratorStepValue unless the iterator is done: `None` once it is.
    fn next_value(&mut self, it: &mut Stepper) -> JsResult<Option<Value>> {
        if it.done {
            return Ok(None);
        }
        let v = self.stepped(it, |i, s| i.iterator_step_value(&s.iterator, &s.next))?;
        it.done = v.is_none();
        Ok(v)
    }

    /// One step of `it`; an abrupt step leaves it done (it is not closed).
    fn stepped<T>(
        &mut self,
        it: &mut Stepper,
        step: impl FnOnce(&mut Self, &Stepper) -> JsResult<T>,
    ) -> JsResult<T> {
        let r = step(self, it);
        if r.is_err() {
            it.done = true;
        }
        r
    }

    /// IteratorBindingInitialization of a non-simple parameter list with
    /// the arguments (a list iterator no program can see), in `env`, whose
    /// bindings are in their TDZ. Returns the environment the body's
    /// declarations go in: `env`, or a new one when the parameters hold
    /// expressions (each `var` named like a parameter starts with its value).
    pub fn bind_param_patterns(&mut self, func: &'p Func, env: EnvId, args: &[Value]) -> JsResult<EnvId> {
        for (i, p) in func.params.iter().enumerate() {
            let v = args.get(i).cloned().unwrap_or(Value::Undefined);
            self.bind_element(p, v, BindIn::Env(env))?;
        }
        if let Some(rest) = &func.rest {
            let items = args.get(func.params.len()..).unwrap_or_default().to_vec();
            self.charge(items.len() * std::mem::size_of::<Value>());
            let a = self.new_array(items);
            self.bind_pattern(rest, a, BindIn::Env(env))?;
        }
        if !has_parameter_expressions(func) {
            return Ok(env);
        }
        let mut vars = Vec::new();
        if let Body::Block(stmts) = &func.body {
            each_var(stmts, &mut |name| {
                let param = self.envs[env].vars.iter().find(|(n, _)| *n == name);
                if let Some((_, v)) = param.filter(|_| !vars.iter().any(|(n, _)| *n == name)) {
                    vars.push((name, v.clone()));
                }
            });
        }
        Ok(self.push_env(Env { parent: Some(env), vars }))
    }
}

impl BindIn {
    /// The environment defaults are evaluated in.
    fn env(self) -> EnvId {
        match self {
            BindIn::Env(e) | BindIn::Var(e) => e,
        }
    }
}

/// An iterator record being destructured.
struct Stepper {
    iterator: Value,
    next: Value,
    done: bool,
}

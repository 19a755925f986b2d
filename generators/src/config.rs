//! Generator configuration: program size and per-construct weights.
//!
//! Every field has a default, so a YAML config only names what it changes:
//!
//! ```yaml
//! max_depth: 2
//! weights:
//!   timer: 0        # no setTimeout at all
//!   combinator: 12
//! ```

use crate::corpus::{LoadError, MalformedFile};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GenConfig {
    /// Statements in the main body of the script: 1..=max_top_level.
    pub max_top_level: usize,
    /// Statements in a nested block (callback, function, try, loop): 1..=max_block.
    pub max_block: usize,
    /// How deep callbacks, chains and blocks nest inside each other.
    pub max_depth: u32,
    /// Top-level `async function` declarations: 0..=max_functions.
    pub max_functions: usize,
    /// Top-level `async function*` declarations: 0..=max_async_generators.
    pub max_async_generators: usize,
    /// Elements of a combinator's array and items of a loop: 0..=max_elements.
    pub max_elements: usize,
    /// Largest `setTimeout` delay, in virtual milliseconds.
    pub max_delay: i64,
    pub weights: Weights,
}

/// Relative weights of the constructs. 0 turns a construct off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    // Statements.
    pub log: u32,
    pub const_promise: u32,
    pub promise_statement: u32,
    pub await_stmt: u32,
    pub timer: u32,
    pub clear_timer: u32,
    pub microtask: u32,
    pub try_stmt: u32,
    pub throw_stmt: u32,
    pub for_of: u32,
    pub for_each_async: u32,
    pub all_map_async: u32,
    pub call_function: u32,
    // Promise-valued expressions.
    pub plain_value: u32,
    pub resolved: u32,
    pub rejected: u32,
    pub executor: u32,
    pub async_iife: u32,
    pub thenable: u32,
    pub subclass: u32,
    pub chain: u32,
    pub combinator: u32,
    pub reference: u32,
    // Declarations.
    pub promise_subclass_decl: u32,
    // Async iteration. `async_generator_decl: 0` turns top-level async
    // generators off; the others weigh statements.
    pub async_generator_decl: u32,
    pub yield_stmt: u32,
    pub yield_star: u32,
    pub for_await: u32,
    /// Chance, in tenths, that a `for await` body ends with `break`.
    pub for_await_break: u32,
    pub iterator_requests: u32,
}

impl Weights {
    /// Every weight with its field name, for validation messages.
    pub fn named(&self) -> Vec<(String, u32)> {
        // Through serde, so the list never falls behind the struct.
        let value = serde_yaml::to_value(self).expect("weights serialize");
        let map = value.as_mapping().expect("a struct serializes to a mapping");
        map.iter()
            .map(|(k, v)| {
                let name = k.as_str().expect("field names are strings").to_string();
                (name, v.as_u64().expect("every weight is a u32") as u32)
            })
            .collect()
    }
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            max_top_level: 6,
            max_block: 3,
            max_depth: 3,
            max_functions: 2,
            max_async_generators: 1,
            max_elements: 3,
            max_delay: 3,
            weights: Weights::default(),
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            log: 10,
            const_promise: 5,
            promise_statement: 8,
            await_stmt: 10,
            timer: 5,
            clear_timer: 1,
            microtask: 4,
            try_stmt: 3,
            throw_stmt: 1,
            for_of: 2,
            for_each_async: 1,
            all_map_async: 1,
            call_function: 4,
            plain_value: 4,
            resolved: 5,
            rejected: 3,
            executor: 6,
            async_iife: 4,
            thenable: 5,
            subclass: 2,
            chain: 8,
            combinator: 4,
            reference: 4,
            promise_subclass_decl: 1,
            async_generator_decl: 1,
            yield_stmt: 8,
            yield_star: 2,
            for_await: 3,
            for_await_break: 3,
            iterator_requests: 2,
        }
    }
}

/// A config file that could not be used: unreadable, or not YAML, or a
/// field out of range (the error names the file and the field).
pub type ConfigError = LoadError;

/// The ranges a config's sizes must lie in. The work of generating a
/// program grows like [`GenConfig::size_estimate`], so depth, block size and
/// the number of top-level bodies are bounded together
/// ([`MAX_SIZE_ESTIMATE`]): inside these, generating a program takes tens of
/// milliseconds at worst (measured on the corners of the ranges), never the
/// machine's memory. (`max_block: 8` once overflowed a 256 MiB stack.)
pub const RANGES: &[(&str, u64, u64)] = &[
    ("max_top_level", 1, 32),
    ("max_block", 1, 5),
    ("max_depth", 0, 6),
    ("max_functions", 0, 8),
    ("max_async_generators", 0, 8),
    ("max_elements", 0, 8),
    ("max_delay", 0, 1_000_000),
];

/// Largest weight of one construct; weights are relative, so this loses nothing.
pub const MAX_WEIGHT: u32 = 10_000;

/// Bound on [`GenConfig::size_estimate`] (the defaults give 729).
pub const MAX_SIZE_ESTIMATE: u64 = 8_000;

impl GenConfig {
    pub fn from_yaml_str(text: &str, path: &str) -> Result<Self, ConfigError> {
        let invalid =
            |(line, column), message| MalformedFile { path: path.to_string(), line, column, message };
        let config: GenConfig = serde_yaml::from_str(text)
            .map_err(|e| invalid(e.location().map_or((0, 0), |l| (l.line(), l.column())), e.to_string()))?;
        config.validate().map_err(|message| invalid((0, 0), message))?;
        Ok(config)
    }

    /// `(max_top_level + max_functions + max_async_generators) * max_block ^
    /// (max_depth + 1)`: every top-level body may hold blocks of blocks down
    /// to `max_depth`, each of up to `max_block` statements.
    pub fn size_estimate(&self) -> u64 {
        let bodies = (self.max_top_level + self.max_functions + self.max_async_generators) as u64;
        (self.max_block.max(1) as u64)
            .checked_pow(self.max_depth.saturating_add(1))
            .and_then(|p| p.checked_mul(bodies))
            .unwrap_or(u64::MAX)
    }

    /// Checks every field against [`RANGES`], [`MAX_WEIGHT`] and
    /// [`MAX_SIZE_ESTIMATE`]; the error names the field.
    pub fn validate(&self) -> Result<(), String> {
        let values = [
            self.max_top_level as u64,
            self.max_block as u64,
            self.max_depth as u64,
            self.max_functions as u64,
            self.max_async_generators as u64,
            self.max_elements as u64,
            self.max_delay.max(0) as u64,
        ];
        if self.max_delay < 0 {
            return Err(format!("max_delay: {} is negative (use 0 to {})", self.max_delay, RANGES[6].2));
        }
        for ((field, lo, hi), v) in RANGES.iter().zip(values) {
            if v < *lo || v > *hi {
                return Err(format!("{field}: {v} is out of range (use {lo} to {hi})"));
            }
        }
        let estimate = self.size_estimate();
        if estimate > MAX_SIZE_ESTIMATE {
            return Err(format!(
                "(max_top_level + max_functions + max_async_generators) * max_block ^ (max_depth + 1) is \
                 {estimate}: at most {MAX_SIZE_ESTIMATE} (programs that big are slow to generate, run and \
                 minimize; lower max_depth or max_block)"
            ));
        }
        for (field, w) in self.weights.named() {
            if w > MAX_WEIGHT {
                return Err(format!("weights.{field}: {w} is over {MAX_WEIGHT}"));
            }
        }
        // The innermost blocks can only draw these: one of each kind must be on.
        let w = &self.weights;
        let leaf_statements = [w.log, w.const_promise, w.promise_statement, w.clear_timer];
        if leaf_statements.iter().all(|&x| x == 0) {
            return Err(
                "weights: log, const_promise, promise_statement and clear_timer are all 0; at least \
                        one must be on"
                    .into(),
            );
        }
        let leaf_promises = [w.resolved, w.rejected, w.reference, w.executor, w.subclass];
        if leaf_promises.iter().all(|&x| x == 0) {
            return Err(
                "weights: resolved, rejected, reference, executor and subclass are all 0; at least one \
                        must be on"
                    .into(),
            );
        }
        if self.weights.promise_subclass_decl > 20 {
            return Err(format!(
                "weights.promise_subclass_decl: {} twentieths is over 20 (it is a chance)",
                self.weights.promise_subclass_decl
            ));
        }
        if self.weights.for_await_break > 10 {
            return Err(format!(
                "weights.for_await_break: {} tenths is over 10 (it is a chance)",
                self.weights.for_await_break
            ));
        }
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Unreadable { path: shown.clone(), source })?;
        Self::from_yaml_str(&text, &shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Generator;
    use proptest::prelude::*;

    fn config_in_ranges() -> impl Strategy<Value = GenConfig> {
        let sizes = (1..=32usize, 1..=5usize, 0..=6u32, 0..=8usize, 0..=8usize, 0..=8usize, 0..=1_000_000i64);
        let weights = proptest::collection::vec(prop_oneof![Just(0u32), 0..=20u32, Just(MAX_WEIGHT)], 30);
        (sizes, weights).prop_map(|((top, block, depth, functions, generators, elements, delay), ws)| {
            let mut c = GenConfig {
                max_top_level: top,
                max_block: block,
                max_depth: depth,
                max_functions: functions,
                max_async_generators: generators,
                max_elements: elements,
                max_delay: delay,
                weights: Weights::default(),
            };
            let mut map = serde_yaml::to_value(&c.weights).unwrap();
            for ((_, v), w) in map.as_mapping_mut().unwrap().iter_mut().zip(ws) {
                *v = serde_yaml::Value::from(w);
            }
            c.weights = serde_yaml::from_value(map).unwrap();
            c.weights.for_await_break %= 11;
            c.weights.promise_subclass_decl %= 21;
            c
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        /// Every config `validate` accepts generates programs: no panic, no
        /// stack overflow, no runaway size.
        #[test]
        fn every_valid_config_generates(config in config_in_ranges()) {
            if config.validate().is_ok() {
                // On a quarter of the stack `tickdiff` generates on.
                let sizes = std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn(move || {
                        let g = Generator::new(config);
                        (0..3).map(|i| crate::model::statement_count(&g.program(7, i))).collect::<Vec<_>>()
                    })
                    .unwrap()
                    .join()
                    .unwrap();
                // Weights can still shape big programs (try blocks triple
                // the branching), but never unbounded ones.
                prop_assert!(sizes.iter().all(|&n| n < 100_000), "{sizes:?}");
            }
        }
    }

    #[test]
    fn out_of_range_fields_are_named() {
        let cases = [
            ("max_depth: 100000", "max_depth"),
            ("max_depth: 50", "max_depth"),
            ("max_block: 0", "max_block"),
            ("max_block: 9", "max_block"),
            ("max_delay: -1", "max_delay"),
            ("max_top_level: 32\nmax_block: 5\nmax_depth: 4", "max_depth + 1"),
            ("weights:\n  for_await_break: 11", "for_await_break"),
            ("weights:\n  promise_subclass_decl: 21", "promise_subclass_decl"),
            ("weights:\n  timer: 4000000000", "timer"),
            ("max_deph: 2", "max_deph"),
        ];
        for (yaml, field) in cases {
            let e = GenConfig::from_yaml_str(yaml, "c.yaml").expect_err(yaml).to_string();
            assert!(e.starts_with("c.yaml") && e.contains(field), "{yaml}: {e}");
        }
        assert!(GenConfig::default().validate().is_ok());
    }
}

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

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

impl GenConfig {
    pub fn from_yaml_str(text: &str, path: &str) -> Result<Self, ConfigError> {
        serde_yaml::from_str(text).map_err(|e| ConfigError { path: path.to_string(), message: e.to_string() })
    }

    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError { path: shown.clone(), message: e.to_string() })?;
        Self::from_yaml_str(&text, &shown)
    }
}

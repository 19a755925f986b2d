//! The `tickdiff` subcommands, one module each. `main.rs` only parses
//! arguments and calls these, so the tests can call them too.

pub mod bench;
pub mod fuzz;
pub mod gen;
pub mod minimize;
pub mod repro;
pub mod run;

/// Exit statuses shared by every subcommand.
pub mod exit {
    /// Success (for `fuzz`: no new bucket).
    pub const OK: i32 = 0;
    /// The command worked and found something (divergence, new bucket).
    pub const FOUND: i32 = 1;
    /// Bad usage or bad input.
    pub const USAGE: i32 = 2;
}

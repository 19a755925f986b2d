//! tickdiff's program side: the model of ordering programs, the printer that
//! turns it into JavaScript, the seeded generator, and the YAML corpus format.

pub mod census;
pub mod config;
pub mod corpus;
pub mod generator;
pub mod model;
pub mod mutate;
pub mod printer;
pub mod reduce;
pub mod validate;

pub use config::GenConfig;
pub use generator::{generate, Generator, GENERATOR_VERSION};
pub use model::Program;
pub use printer::print_program;

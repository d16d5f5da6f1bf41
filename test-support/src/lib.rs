//! What the workspace's tests share, so that none of them skips silently.
//!
//! - [`official_model`]: the official semantic-conventions model kept beside the project; a
//!   test without it says why it skips, and fails under `CI=true`.
//! - [`python`]: a Python with the peers of `.ci/requirements.txt`, provisioned on first use
//!   in a virtualenv under the target directory; when that is impossible the test fails with
//!   the reason, it never passes having done nothing.
//! - [`block_on`]: runs a future that never waits on I/O, with no executor.
//! - [`TempDir`]: a fresh folder of files, removed on drop.
//! - [`fuzz_config`]: the property tests' number of cases (`TRACED_FUZZ_CASES`).

mod block_on;
mod fuzz;
mod model;
mod python;
mod temp_dir;

pub use block_on::block_on;
pub use fuzz::fuzz_config;
pub use model::official_model;
pub use python::python;
pub use temp_dir::TempDir;

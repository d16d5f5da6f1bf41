//! Errors found while loading a registry.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Location;
use crate::position::Pos;

/// One problem in a registry, at a file and (where known) a line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file (or the path given, when it could not be read).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl LoadError {
    /// A problem with a whole file or path: no line or column.
    pub(crate) fn whole_file(path: &Path, message: String) -> LoadError {
        LoadError {
            file: path.to_path_buf(),
            line: None,
            column: None,
            message,
        }
    }

    /// A problem at `at` in `file`.
    pub(crate) fn at(file: &Path, at: Pos, message: String) -> LoadError {
        LoadError {
            file: file.to_path_buf(),
            line: Some(at.line),
            column: Some(at.column),
            message,
        }
    }

    /// A problem at a definition's location.
    pub(crate) fn at_location(at: &Location, message: String) -> LoadError {
        LoadError {
            file: at.file.clone(),
            line: Some(at.line),
            column: Some(at.column),
            message,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in one load, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

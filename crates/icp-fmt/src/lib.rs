//! Formatter of the .icp language.

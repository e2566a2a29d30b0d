//! Semantic model and ICP-quality checks of the .icp language.

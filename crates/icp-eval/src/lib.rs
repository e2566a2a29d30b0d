//! Rubric evaluation of .icp profiles over account rows.

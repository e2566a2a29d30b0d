//! Language server glue for the .icp language.

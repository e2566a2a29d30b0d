//! Editor features of the .icp language in byte offsets.

//! Nothing may unwind across the FFI boundary: every entry point runs its body through [`guarded`].

use sparkduck_engine::SparkError;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_string()
    }
}

/// Runs `body`, turning a panic into an `INTERNAL_ERROR`.
pub fn guarded<T>(body: impl FnOnce() -> Result<T, SparkError>) -> Result<T, SparkError> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let message = panic_message(payload.as_ref());
            // Dropping a payload can itself panic; leak it rather than unwind.
            if catch_unwind(AssertUnwindSafe(|| drop(payload))).is_err() {}
            Err(SparkError::internal(format!(
                "sparkduck native panic: {message}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_errors() {
        let e = guarded::<()>(|| panic!("boom {}", 42)).unwrap_err();
        assert_eq!(e.error_class, "INTERNAL_ERROR");
        assert_eq!(e.message, "sparkduck native panic: boom 42");
        assert_eq!(guarded(|| Ok(7)).unwrap(), 7);
    }
}

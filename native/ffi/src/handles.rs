//! Session handles handed to Java (a `long`) and C (an opaque pointer): a `Box<SparkduckSession>` pointer, valid
//! only while it is in the registry of live handles, so that a closed or bogus handle is an error, never a crash.

use sparkduck_engine::{Session, SparkError};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// An open session as the C ABI sees it (opaque).
pub struct SparkduckSession {
    session: Arc<Session>,
}

fn live_handles() -> &'static Mutex<HashSet<usize>> {
    static LIVE: OnceLock<Mutex<HashSet<usize>>> = OnceLock::new();
    LIVE.get_or_init(|| Mutex::new(HashSet::new()))
}

fn invalid_handle() -> SparkError {
    SparkError::new("SPARKDUCK_INVALID_SESSION", "the session is closed or the handle is not a session")
}

/// Registers a session and returns its handle.
pub fn register(session: Session) -> *mut SparkduckSession {
    let handle = Box::into_raw(Box::new(SparkduckSession { session: Arc::new(session) }));
    live_handles().lock().unwrap_or_else(|p| p.into_inner()).insert(handle as usize);
    handle
}

/// The session behind a live handle. The `Arc` is cloned under the registry lock, so a concurrent close cannot
/// free it in between; a query that holds it keeps the session alive until it ends.
pub fn lookup(handle: *const SparkduckSession) -> Result<Arc<Session>, SparkError> {
    let live = live_handles().lock().unwrap_or_else(|p| p.into_inner());
    if handle.is_null() || !live.contains(&(handle as usize)) {
        return Err(invalid_handle());
    }
    // SAFETY: the handle is in the registry, so it came from `register` and has not been released.
    Ok(Arc::clone(unsafe { &(*handle).session }))
}

/// Removes a handle and releases its session (streams still open keep what they use). Unknown handles are ignored:
/// closing twice is harmless.
pub fn release(handle: *mut SparkduckSession) {
    let removed = live_handles().lock().unwrap_or_else(|p| p.into_inner()).remove(&(handle as usize));
    if removed {
        // SAFETY: it was live, so it came from `Box::into_raw` in `register`, and it is now out of the registry.
        drop(unsafe { Box::from_raw(handle) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_and_bogus_handles_are_errors() {
        let handle = register(Session::open_json("").unwrap());
        assert!(lookup(handle).is_ok());
        release(handle);
        assert_eq!(lookup(handle).err().unwrap().error_class, "SPARKDUCK_INVALID_SESSION");
        release(handle);
        assert!(lookup(std::ptr::null()).is_err());
        assert!(lookup(0xdead_beef as *const SparkduckSession).is_err());
    }
}

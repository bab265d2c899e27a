//! Session handles handed to Java (a `long`) and C (an opaque pointer). A handle is a number from a counter that
//! never repeats, looked up in a registry of live sessions: a closed, reused or bogus handle is an error, never a
//! crash and never another session.

use sparkduck_engine::{Session, SparkError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// An open session as the C ABI sees it: opaque, only ever passed back.
pub struct SparkduckSession {
    _private: [u8; 0],
}

fn live_sessions() -> &'static Mutex<HashMap<usize, Arc<Session>>> {
    static LIVE: OnceLock<Mutex<HashMap<usize, Arc<Session>>>> = OnceLock::new();
    LIVE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Handles start high and even so that small integers and typical bogus values are never handles.
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(0x5d00_0000);

fn invalid_handle() -> SparkError {
    SparkError::new(
        "SPARKDUCK_INVALID_SESSION",
        "the session is closed or the handle is not a session",
    )
}

/// Registers a session and returns its handle.
pub fn register(session: Session) -> *mut SparkduckSession {
    let handle = NEXT_HANDLE.fetch_add(2, Ordering::Relaxed);
    live_sessions()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(handle, Arc::new(session));
    handle as *mut SparkduckSession
}

/// The session behind a live handle; a query holding the `Arc` keeps the session alive until it ends.
pub fn lookup(handle: *const SparkduckSession) -> Result<Arc<Session>, SparkError> {
    let live = live_sessions().lock().unwrap_or_else(|p| p.into_inner());
    live.get(&(handle as usize))
        .cloned()
        .ok_or_else(invalid_handle)
}

/// Removes a handle; its session is released once running queries and open streams are done with it. Unknown
/// handles are ignored: closing twice is harmless.
pub fn release(handle: *mut SparkduckSession) {
    let removed = live_sessions()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&(handle as usize));
    // Dropped outside the lock: closing DuckDB can take a while.
    drop(removed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_and_bogus_handles_are_errors() {
        let handle = register(Session::open_json("").unwrap());
        assert!(lookup(handle).is_ok());
        release(handle);
        assert_eq!(
            lookup(handle).err().unwrap().error_class,
            "SPARKDUCK_INVALID_SESSION"
        );
        release(handle);
        assert!(lookup(std::ptr::null()).is_err());
        assert!(lookup(0xdead_beef as *const SparkduckSession).is_err());
        // A new session never gets a closed session's handle.
        let next = register(Session::open_json("").unwrap());
        assert_ne!(next, handle);
        release(next);
    }
}

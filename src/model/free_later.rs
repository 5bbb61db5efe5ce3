//! Freeing a large dataset where nobody waits for it.
//!
//! Dropping a loaded dataset frees each of its strings, one by one: 0.1 s at
//! 100k claims, a second at 1M. Done on the UI thread, that was a frozen
//! screen after an outside save reloaded it, and a pause between `q` and
//! the shell's prompt; at the end of a command, a pause before the prompt.
//! Nothing with an effect beyond memory is freed here (the annotation
//! store, which releases its lock, is closed by its owner).

/// Drops `value` on a thread of its own, which the process's end does not
/// wait for; here when no thread can be had.
pub fn free_later<T: Send + 'static>(value: T) {
    // If the spawn fails, the closure, and the value with it, drop here.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{Sender, channel};
    use std::thread::ThreadId;

    struct Tells(Sender<ThreadId>);

    impl Drop for Tells {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn the_value_is_dropped_on_another_thread() {
        let (tx, rx) = channel();
        free_later(Tells(tx));
        let dropped_on = rx.recv().expect("dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }
}

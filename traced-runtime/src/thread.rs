//! `std::thread` that keeps the OpenTelemetry context.

use std::thread::JoinHandle;

/// [`std::thread::spawn`], with the caller's current context made current in the new thread.
///
/// Spans started in the thread (by `#[traced]` fns or by hand) become children of the span
/// current where `spawn` was called, instead of starting new traces.
///
/// ```
/// let handle = traced_runtime::thread::spawn(|| {
///     // Spans started here have the caller's span as parent.
///     4200 * 2
/// });
/// assert_eq!(handle.join().unwrap(), 8400);
/// ```
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    std::thread::spawn(crate::context::wrap(f))
}

#[cfg(test)]
mod tests {
    use opentelemetry::Context;

    struct Marker(u32);

    #[test]
    fn the_new_thread_sees_the_spawning_context_and_only_it() {
        let handle = {
            let _guard = Context::current_with_value(Marker(7)).attach();
            super::spawn(|| Context::map_current(|cx| cx.get::<Marker>().map(|m| m.0)))
        };
        assert_eq!(handle.join().unwrap(), Some(7));
        let plain = std::thread::spawn(|| Context::map_current(|cx| cx.get::<Marker>().is_some()));
        assert!(!plain.join().unwrap());
    }
}

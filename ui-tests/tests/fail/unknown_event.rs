use traced_runtime::event;

fn apply() {
    event!("fraud.queued_for_manual_reviw", "fraud.queue_wait_ms" = 2100);
}

fn main() {
    apply();
}

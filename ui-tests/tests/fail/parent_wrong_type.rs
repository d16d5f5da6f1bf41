use traced_runtime::traced;

#[traced(kind = consumer, parent = trace_id)]
fn consume(trace_id: &str) {}

fn main() {
    consume("4bf92f3577b34da6a3ce929d0e0e4736");
}

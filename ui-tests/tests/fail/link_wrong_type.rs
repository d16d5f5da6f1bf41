use traced_runtime::traced;

#[traced(links = [batch_id])]
fn consume(batch_id: u64) {}

fn main() {
    consume(7);
}

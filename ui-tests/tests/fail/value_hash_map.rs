use std::collections::HashMap;
use traced_runtime::traced;

pub struct Order {
    pub items: HashMap<String, u32>,
}

// Not an argument: the type is only known to the compiler, which reports it.
#[traced(attrs("redemption.item_counts" = order.items))]
fn apply(order: &Order) {}

fn main() {
    apply(&Order { items: HashMap::new() });
}

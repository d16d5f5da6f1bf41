// A span that ends by panic or `process::exit` is legitimate: fns returning `!` compile.
#![deny(warnings)]
use traced_runtime::{record, traced};

#[traced(attrs("customer.id" = customer))]
fn give_up(customer: &str) -> ! {
    record!("idempotency.cache_hit" = false);
    panic!("no coins for {customer}")
}

#[traced]
fn bail(code: i32) -> ! {
    if code > 0 {
        eprintln!("failed");
    }
    std::process::exit(code)
}

#[traced(kind = server)]
async fn serve_forever(requests: u32) -> ! {
    let _ = requests;
    panic!("the server stopped")
}

struct Worker;

impl Worker {
    #[traced]
    fn run(&self) -> ! {
        std::panic::panic_any("stopped")
    }
}

pub fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    assert!(std::panic::catch_unwind(|| give_up("c-1")).is_err());
    assert!(std::panic::catch_unwind(|| Worker.run()).is_err());
    let future = serve_forever(1);
    assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        traced_ui_tests::block_on(future)
    }))
    .is_err());
    bail(0)
}

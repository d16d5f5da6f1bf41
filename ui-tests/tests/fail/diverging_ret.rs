use traced_runtime::traced;

#[traced(ret = "redemption.coins_debited", expected_err(std::fmt::Error))]
fn stop() -> ! {
    panic!("stopped")
}

fn main() {
    stop();
}

// `#[traced]` written by a `macro_rules!`, with keys, values and types from its caller: the
// names the expansion binds must resolve whatever mix of contexts the tokens come from.
#![deny(warnings)]
use opentelemetry::Context;
use traced_runtime::traced;

macro_rules! lookup {
    ($name:ident, $key:literal, $ty:ty, $parent:expr) => {
        #[traced(ret = $key, parent = $parent, attrs("customer.id" = customer), expected_err(_))]
        fn $name(customer: &str) -> Result<$ty, String> {
            if customer.is_empty() {
                return Err("no customer".into());
            }
            Ok(<$ty>::default())
        }
    };
}

lookup!(coins, "redemption.coins_debited", i64, Context::current());
lookup!(score, "fraud.score", f64, &&Context::new());

macro_rules! stop {
    ($name:ident) => {
        #[traced]
        fn $name() -> ! {
            panic!("stopped")
        }
    };
}

stop!(halt);

pub fn main() {
    assert_eq!(coins("c-1").unwrap(), 0);
    assert!(coins("").is_err());
    assert_eq!(score("c-1").unwrap(), 0.0);
    std::panic::set_hook(Box::new(|_| {}));
    assert!(std::panic::catch_unwind(|| halt()).is_err());
}

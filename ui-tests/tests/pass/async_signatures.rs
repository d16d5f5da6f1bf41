// Expansions must not warn in users' crates.
#![deny(warnings)]
// `async fn` becomes a fn returning a future: every signature an `async fn` can have must
// still compile, in this edition-2021 crate too.
use std::fmt::Display;
use traced_runtime::traced;
use traced_ui_tests::block_on;

struct Store {
    name: String,
}

trait Lookup {
    async fn find(&self, id: &str) -> Option<usize>;
}

impl Lookup for Store {
    #[traced(attrs("customer.id" = id))]
    async fn find(&self, id: &str) -> Option<usize> {
        self.name.find(id)
    }
}

impl Store {
    // Output borrowing from `self`, two more elided lifetimes, a named one.
    #[traced]
    async fn longest<'a>(&self, a: &'a str, b: &str, _c: &std::cell::Cell<&str>) -> &str {
        let _ = (a, b);
        &self.name
    }

    #[traced]
    async fn consume(self) -> String {
        self.name
    }

    #[traced]
    async fn mutate(&mut self, suffix: impl Display) {
        self.name.push_str(&suffix.to_string());
    }
}

#[traced(attrs("redemption.partner" = partner.to_string()))]
async fn generic<T: Display + Send>(partner: T, (a, b): (u8, u8)) -> impl Display {
    format!("{partner}{a}{b}")
}

#[traced]
async fn unit() {}

// An argument the body never uses still lives until the future completes.
struct Guard<'a>(&'a std::cell::Cell<bool>);
impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[traced]
async fn holds(_guard: Guard<'_>, dropped: &std::cell::Cell<bool>) -> bool {
    dropped.get()
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

pub fn main() {
    let mut store = Store {
        name: "acme".into(),
    };
    assert_eq!(block_on(assert_send(store.find("me"))), Some(2));
    let cell = std::cell::Cell::new("x");
    assert_eq!(block_on(store.longest("a", "b", &cell)), "acme");
    block_on(store.mutate(1));
    assert_eq!(block_on(store.consume()), "acme1");
    assert_eq!(block_on(generic("p", (1, 2))).to_string(), "p12");
    block_on(unit());
    let dropped = std::cell::Cell::new(false);
    assert!(!block_on(holds(Guard(&dropped), &dropped)));
    assert!(dropped.get());
}

// Expansions must not warn in users' crates.
#![deny(warnings)]
use std::fmt::Display;
use traced_runtime::traced;

pub struct Ledger {
    balance: i64,
}

pub trait Debit {
    fn debit(&mut self, coins: i64) -> i64;
}

impl Ledger {
    #[traced(attrs("redemption.coins_debited" = self.balance))]
    fn balance(&self) -> i64 {
        self.balance
    }

    #[traced]
    fn into_balance(self) -> i64 {
        self.balance
    }

    // Returns a borrow of `self`: the body must not be moved away from it.
    #[traced(attrs("customer.id" = name))]
    fn label<'a>(&'a self, name: &'a str) -> &'a str {
        if self.balance > 0 {
            name
        } else {
            "empty"
        }
    }
}

impl Debit for Ledger {
    #[traced(name = "ledger.debit", attrs("redemption.coins_debited" = coins))]
    fn debit(&mut self, coins: i64) -> i64 {
        self.balance -= coins;
        self.balance
    }
}

#[traced(attrs("redemption.partner" = partner.to_string()))]
fn generic<T: Display + Clone>(partner: T) -> T {
    partner.clone()
}

#[traced]
fn returns_impl(n: usize) -> impl Iterator<Item = usize> {
    0..n
}

#[traced(attrs("customer.id" = id.as_ref()))]
fn with_impl_arg(id: impl AsRef<str>, mut count: usize) -> usize {
    count += id.as_ref().len();
    count
}

pub fn main() {
    let mut ledger = Ledger { balance: 10 };
    assert_eq!(ledger.debit(3), 7);
    assert_eq!(ledger.balance(), 7);
    assert_eq!(ledger.label("c-1"), "c-1");
    assert_eq!(generic("acme"), "acme");
    assert_eq!(returns_impl(3).count(), 3);
    assert_eq!(with_impl_arg("abc", 1), 4);
    assert_eq!(ledger.into_balance(), 7);
}

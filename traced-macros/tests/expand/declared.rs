// A declared span: no `name` (the span type is the name), no `kind` (the declared kind);
// a key the definition does not list warns through a deprecated const.
#[traced(
    span = "rewards.redemption.apply",
    attrs("customer.id" = customer_id, "redemption.coins_debited" = coins, "redemption.partner" = partner)
)]
fn apply(customer_id: &str, coins: i64, partner: &str) {}

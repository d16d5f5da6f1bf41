use traced_runtime::traced;

#[traced(attrs("redemption.partner" = partner))]
fn apply(partner: Option<Option<String>>) {}

fn main() {
    apply(None);
}

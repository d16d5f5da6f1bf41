use traced_runtime::traced;

#[traced(attrs("redemption.header" = partner))]
fn bare(partner: &str) {}

#[traced(attrs("redemption.header." = partner))]
fn empty_suffix(partner: &str) {}

#[traced(attrs("redemption.header.x-partner-id" = partner))]
fn with_suffix(partner: &str) {}

fn main() {
    bare("p-1");
    empty_suffix("p-1");
    with_suffix("p-1");
}

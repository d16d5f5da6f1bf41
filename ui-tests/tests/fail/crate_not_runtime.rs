use traced_runtime::traced;

#[traced(crate = ::std)]
fn from_std() {}

#[traced(crate = self)]
fn from_self() {}

#[traced(crate = crate)]
fn from_crate() {}

fn main() {
    from_std();
    from_self();
    from_crate();
}

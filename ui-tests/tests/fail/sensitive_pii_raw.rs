use traced_runtime::traced;

#[traced(attrs("user.email" = email))]
fn notify(email: &str) {}

// Made by other code, still a `String`: the check is by type, not by spelling.
fn pseudonym(value: &str) -> String {
    format!("{value:x<8}")
}

#[traced(attrs("user.email" = pseudonym(email)))]
fn notify_again(email: &str) {}

fn main() {
    notify("jo@example.com");
    notify_again("jo@example.com");
}
